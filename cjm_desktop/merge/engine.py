"""Three-way merge of journey maps by object id, one incoming file at a time.

Works on the JSON form of the project (``model_dump``), so fields written by a newer
app (pydantic extras) are merged like any other. Rules, for each object id:

* added in the file → added; changed only in the file → taken, field by field;
* changed differently on the map and in the file → for a card both versions are kept
  side by side (the file's version becomes a new card marked ``conflict_of``), for
  other objects the map's value stays and the file's value is named in the report;
* deleted in the file, unchanged on the map → deleted; deleted on one side and changed
  on the other → kept and marked; never deleted while a card still refers to it;
* a step's emotion score from a file is stored per participant (``emotion_scores``)
  and the agreed ``emotion`` is left to the facilitator;
* votes a participant added are recorded per participant (``vote_deltas``) and summed,
  so re-merging a file does not count them twice.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..model import Project, reference_problems
from ..storage import ProjectFileError
from ..translate import tr
from .report import Conflict, ConflictKind, FileReport

_C = "merge.report"  # the report's lines share its translation context

Doc = dict[str, Any]

CONFLICT_TAG = "conflict"
# Namespace for the ids of conflict copies: the same incoming version always gets the same
# id, which is what makes merging a file twice a no-op.
_COPY_NAMESPACE = uuid.UUID("6f1c2b1e-2a57-4f7e-9c1e-8b5d3f0a9e41")

# Which keys hold collections of objects with ids, by the kind of the object holding them.
CHILDREN: dict[str, dict[str, str]] = {
    "project": {"personas": "persona", "stakeholders": "stakeholder", "journeys": "journey"},
    "journey": {"stages": "stage", "steps": "step", "lanes": "lane", "cards": "card"},
}
# Fields the merge itself maintains; they are never compared as ordinary edits.
_BOOKKEEPING: dict[str, frozenset[str]] = {
    "project": frozenset({"format", "format_version", "id", "participant", "delta_of"}),
    "step": frozenset({"emotion", "emotion_scores"}),
    "card": frozenset({"votes", "vote_deltas", "conflict_of", "merge_note"}),
}
# Lists merged as sets: two people adding different tags is not a conflict.
_SET_FIELDS = frozenset({"tags", "stakeholder_ids"})
_MISSING: Any = object()


@dataclass
class _Context:
    who: str
    report: FileReport
    conflicts: list[Conflict]
    apply_deletions: bool
    delta: bool = False
    journey_id: str = ""
    # Names of the current journey's steps and lanes, for readable report lines.
    names: dict[str, str] = field(default_factory=dict)


# Only the word asked for is translated: a merge of thousands of cards names many objects.
_KIND_WORDS: dict[str, Callable[[], str]] = {
    "card": lambda: tr(_C, "card"), "step": lambda: tr(_C, "step"),
    "stage": lambda: tr(_C, "stage"), "lane": lambda: tr(_C, "lane"),
    "journey": lambda: tr(_C, "journey"), "persona": lambda: tr(_C, "persona"),
    "stakeholder": lambda: tr(_C, "stakeholder"), "kpi": lambda: tr(_C, "KPI"),
}
_FIELD_WORDS: dict[str, Callable[[], str]] = {
    "text": lambda: tr(_C, "text"), "title": lambda: tr(_C, "title"),
    "name": lambda: tr(_C, "name"), "colour": lambda: tr(_C, "colour"),
    "tags": lambda: tr(_C, "tags"), "author": lambda: tr(_C, "author"),
    "order": lambda: tr(_C, "order"), "step_id": lambda: tr(_C, "step"),
    "lane_id": lambda: tr(_C, "lane"), "stage_id": lambda: tr(_C, "stage"),
    "emotion": lambda: tr(_C, "emotion"), "emotion_reason": lambda: tr(_C, "emotion reason"),
    "moment_of_truth": lambda: tr(_C, "moment of truth"), "kpis": lambda: tr(_C, "KPIs"),
    "stakeholder_ids": lambda: tr(_C, "stakeholders"), "persona_id": lambda: tr(_C, "persona"),
    "kind": lambda: tr(_C, "kind"), "state": lambda: tr(_C, "state"),
    "collapsed": lambda: tr(_C, "collapsed"),
    "impression_words": lambda: tr(_C, "impression words"),
    "desired_outcome": lambda: tr(_C, "desired outcome"),
    "customer": lambda: tr(_C, "customer"), "business": lambda: tr(_C, "business"),
    "settings": lambda: tr(_C, "settings"), "paper": lambda: tr(_C, "paper"),
    "orientation": lambda: tr(_C, "orientation"), "ring": lambda: tr(_C, "ring"),
    "angle": lambda: tr(_C, "place"), "we_do_for_them": lambda: tr(_C, "what we do for them"),
    "they_do_for_us": lambda: tr(_C, "what they do for us"),
    "segment": lambda: tr(_C, "segment"), "goals": lambda: tr(_C, "goals"),
    "frustrations": lambda: tr(_C, "frustrations"),
    "present_situation": lambda: tr(_C, "present situation"),
    "future_ambitions": lambda: tr(_C, "future ambitions"),
    "picture_base64": lambda: tr(_C, "picture"),
}


def _kind_word(kind: str) -> str:
    word = _KIND_WORDS.get(kind)
    return word() if word else kind


def _field_word(key: str) -> str:
    """A changed field as the report names it: "colour", "desired outcome › customer"."""
    return " › ".join(_FIELD_WORDS[part]() if part in _FIELD_WORDS else part.replace("_", " ")
                      for part in key.split("."))


def label(kind: str, obj: Doc) -> str:
    text = obj.get("text") if kind == "card" else obj.get("title") if kind == "step" else obj.get("name")
    text = " ".join(str(text or "").split()) or tr(_C, "(empty)")
    return tr(_C, "{kind} '{name}'").format(kind=_kind_word(kind),
                                            name=text if len(text) <= 60 else text[:59] + "…")


def _same(kind: str, a: Doc, b: Doc) -> bool:
    return _strip_marks(kind, a) == _strip_marks(kind, b)


def _strip_marks(kind: str, obj: Doc) -> Doc:
    # Conflict marks are the merge's own notes, not a user's change.
    if kind != "card":
        return obj
    clean = {k: v for k, v in obj.items() if k not in ("conflict_of", "merge_note", "vote_deltas")}
    clean["tags"] = [t for t in obj.get("tags", []) if t != CONFLICT_TAG]
    return clean


def _mark(card: Doc, note: str) -> None:
    card["merge_note"] = note[:500]
    if CONFLICT_TAG not in card.get("tags", []):
        card["tags"] = [*card.get("tags", []), CONFLICT_TAG]


def _merge_set(anc: list[Any] | None, ours: list[Any], theirs: list[Any]) -> list[Any]:
    if anc is None:
        return ours + [x for x in theirs if x not in ours]
    removed = [x for x in anc if x not in theirs]
    added = [x for x in theirs if x not in anc and x not in ours]
    return [x for x in ours if x not in removed] + added


def _merge_fields(kind: str, anc: Doc | None, ours: Doc, theirs: Doc, ctx: _Context,
                  path: str = "") -> tuple[Doc, list[str], list[str]]:
    """Merge one object's own fields; returns (result, changed keys, conflicting keys)."""
    result = dict(ours)
    changed: list[str] = []
    conflicted: list[str] = []
    children = CHILDREN.get(kind, {})
    skip = _BOOKKEEPING.get(kind, frozenset())
    keys = list(ours) + [k for k in theirs if k not in ours]
    for key in keys:
        if key in skip:
            continue
        if key in children:
            result[key] = _merge_list(children[key], (anc or {}).get(key, []), ours.get(key, []),
                                      theirs.get(key, []), ctx)
            continue
        o, t = ours.get(key, _MISSING), theirs.get(key, _MISSING)
        a = anc.get(key, _MISSING) if anc is not None else _MISSING
        if o == t or t is _MISSING or (anc is not None and t == a):
            continue
        if key in _SET_FIELDS and isinstance(o, list) and isinstance(t, list):
            merged = _merge_set(a if isinstance(a, list) else None, o, t)
            if merged != o:
                result[key] = merged
                changed.append(path + key)
            continue
        if isinstance(o, dict) and isinstance(t, dict) and "id" not in o:
            sub, sub_changed, sub_conflicted = _merge_fields(
                "", a if isinstance(a, dict) else None, o, t, ctx, f"{path}{key}.")
            result[key] = sub
            changed += sub_changed
            conflicted += sub_conflicted
        elif anc is not None and o == a:
            result[key] = t
            changed.append(path + key)
        else:
            conflicted.append(path + key)
    return result, changed, conflicted


def _merge_scores(anc: Doc | None, ours: Doc, theirs: Doc, result: Doc, ctx: _Context) -> None:
    scores = dict(ours.get("emotion_scores", {}))
    anc_scores = (anc or {}).get("emotion_scores", {})
    for name, value in theirs.get("emotion_scores", {}).items():
        if anc_scores.get(name) != value:
            scores[name] = value
    score = theirs.get("emotion")
    if score is not None and (anc is None or score != anc.get("emotion")):
        scores[ctx.who] = score
    result["emotion"] = ours.get("emotion")
    result["emotion_scores"] = scores
    for name, value in scores.items():
        if ours.get("emotion_scores", {}).get(name) != value:
            ctx.report.scores.append(tr(_C, "{step}: {name} scored {value}").format(
                step=label("step", ours), name=name, value=value))


def _own_votes(card: Doc) -> int:
    return int(card.get("votes", 0)) - sum(card.get("vote_deltas", {}).values())


def _merge_votes(anc: Doc | None, ours: Doc, theirs: Doc, result: Doc, ctx: _Context) -> None:
    deltas = dict(ours.get("vote_deltas", {}))
    baseline = _own_votes(ours)
    if anc is not None:
        anc_deltas = anc.get("vote_deltas", {})
        for name, value in theirs.get("vote_deltas", {}).items():
            if anc_deltas.get(name) != value:
                deltas[name] = value
        # Only added dots count: removals cannot be summed in a way that is independent of
        # merge order once the count reaches zero, so they are reported instead.
        own = _own_votes(theirs) - _own_votes(anc)
        if own > 0:
            deltas[ctx.who] = own
        elif own < 0:
            ctx.report.votes.append(tr(_C, "{card}: {participant} removed %n vote(s) (not "
                                       "applied; change it on the map)", n=-own).format(
                card=label("card", ours), participant=ctx.who))
            deltas.pop(ctx.who, None)
        else:
            deltas.pop(ctx.who, None)
    result["vote_deltas"] = deltas
    # Never below zero, even if the facilitator lowered a count a participant had raised.
    result["votes"] = max(0, baseline + sum(deltas.values()))
    if result["votes"] != ours.get("votes", 0):
        ctx.report.votes.append(tr(_C, "{card}: {before} → %n vote(s)", n=result["votes"]).format(
            card=label("card", ours), before=ours.get("votes", 0)))


def _conflict_copy(original: Doc, theirs: Doc, ctx: _Context) -> Doc:
    body = json.dumps(_strip_marks("card", {k: v for k, v in theirs.items() if k != "id"}),
                      sort_keys=True, ensure_ascii=False)
    twin = copy.deepcopy(theirs)
    twin["id"] = str(uuid.uuid5(_COPY_NAMESPACE, original["id"] + "\n" + body))
    twin["conflict_of"] = original["id"]
    twin["votes"] = 0  # the votes are counted once, on the original card
    twin["vote_deltas"] = {}
    _mark(twin, tr(_C, "{participant}'s version of a card that was also changed on the "
                      "map").format(participant=ctx.who))
    return twin


def _merge_object(kind: str, anc: Doc | None, ours: Doc, theirs: Doc, ctx: _Context,
                  extra: list[Doc], present: set[str]) -> Doc:
    if kind == "journey":
        ctx.journey_id = ours["id"]
    result, changed, conflicted = _merge_fields(kind, anc, ours, theirs, ctx)
    if kind == "step":
        _merge_scores(anc, ours, theirs, result, ctx)
    elif kind == "card":
        _merge_votes(anc, ours, theirs, result, ctx)
        if result.get("conflict_of") is None and theirs.get("conflict_of") is not None:
            result["conflict_of"] = theirs["conflict_of"]
            result["merge_note"] = theirs.get("merge_note", "")
    what = label(kind, ours) if kind != "project" else tr(_C, "the map")
    if changed:
        ctx.report.changed.append(f"{what}: {_describe_changes(changed, result)}")
    if conflicted == ["order"] and kind == "card":
        # Both sides re-sorted the cell (moving one card renumbers its neighbours): a
        # duplicate card for that would be noise, so the map's order stays.
        ctx.report.kept.append(tr(_C, "{what}: kept the map's place in its cell; {participant} "
                                      "sorted it differently").format(what=what, participant=ctx.who))
    elif conflicted and kind == "card":
        twin = _conflict_copy(ours, theirs, ctx)
        if twin["id"] not in present:
            present.add(twin["id"])
            extra.append(twin)
            conflict = Conflict(ConflictKind.EDITED_BOTH, ctx.journey_id, ours["id"], twin["id"],
                                ctx.who, str(result.get("text", "")), str(theirs.get("text", "")))
            ctx.conflicts.append(conflict)
            ctx.report.conflicts.append(conflict.describe())
    elif conflicted:
        for key in conflicted:
            mine, their = _lookup(ours, key), _lookup(theirs, key)
            ctx.report.conflicts.append(
                tr(_C, "{what}: {field} kept as {mine}; {participant} had {theirs}").format(
                    what=what, field=_field_word(key), mine=json.dumps(mine, ensure_ascii=False),
                    participant=ctx.who, theirs=json.dumps(their, ensure_ascii=False)))
    return result


def _describe_changes(changed: list[str], result: Doc) -> str:
    """"text → 'new words', colour": the new value for the fields people read."""
    parts = []
    for key in changed:
        value = _lookup(result, key)
        if key in ("text", "title", "name") and isinstance(value, str):
            short = " ".join(value.split())
            parts.append(f"{_field_word(key)} → '{short if len(short) <= 60 else short[:59] + '…'}'")
        else:
            parts.append(_field_word(key))
    return ", ".join(parts)


def _lookup(obj: Doc, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = obj.get(part) if isinstance(obj, dict) else None
    return obj


def _on_added(kind: str, obj: Doc, ctx: _Context) -> None:
    """A whole new object from the file: record its scores and report it."""
    ctx.report.added.append(label(kind, obj))
    if kind == "step" and obj.get("emotion") is not None:
        obj.setdefault("emotion_scores", {})[ctx.who] = obj["emotion"]
    for key, child_kind in CHILDREN.get(kind, {}).items():
        for child in obj.get(key, []):
            if child_kind == "step" and child.get("emotion") is not None:
                child.setdefault("emotion_scores", {})[ctx.who] = child["emotion"]


def _insert(result: list[Doc], obj: Doc, order: list[str], known: set[str]) -> None:
    """Put a new object after its predecessor in the file's order.

    Objects that other files added at the same place are ordered by id, so the result does
    not depend on which file was merged first.
    """
    at = order.index(obj["id"]) if obj["id"] in order else len(order)
    positions = {o["id"]: i for i, o in enumerate(result)}
    pos = 0
    for prev in reversed(order[:at]):
        if prev in positions:
            pos = positions[prev] + 1
            break
    while pos < len(result) and result[pos]["id"] not in known and result[pos]["id"] < obj["id"]:
        pos += 1
    result.insert(pos, obj)


def _merge_list(kind: str, anc: list[Doc], ours: list[Doc], theirs: list[Doc],
                ctx: _Context) -> list[Doc]:
    anc_by = {o["id"]: o for o in anc}
    ours_by = {o["id"]: o for o in ours}
    theirs_order = [o["id"] for o in theirs]
    known = set(anc_by) | set(theirs_order)
    result = list(ours)
    index = {o["id"]: i for i, o in enumerate(result)}
    present = set(index)
    extra: list[Doc] = []
    insert: Callable[[Doc], None]
    if kind == "card":  # cards are shown by their order field: appending keeps merges linear
        def insert(obj: Doc) -> None:
            result.append(obj)
    else:
        def insert(obj: Doc) -> None:
            _insert(result, obj, theirs_order, known)
    removed: set[str] = set()
    for obj in theirs:
        oid = obj["id"]
        if oid in ours_by:
            merged = _merge_object(kind, anc_by.get(oid), ours_by[oid], obj, ctx, extra, present)
            if kind == "card":  # only cards are appended, so their positions never shift
                result[index[oid]] = merged
            else:
                result[next(i for i, o in enumerate(result) if o["id"] == oid)] = merged
        elif oid in anc_by:
            if _same(kind, anc_by[oid], obj):
                continue  # deleted on the map, untouched in the file: stays deleted
            back = copy.deepcopy(obj)
            # Votes and scores are bookkept as if merged onto the version everyone had, so
            # merging this file again finds them already counted.
            if kind == "card":
                _merge_votes(anc_by[oid], anc_by[oid], obj, back, ctx)
            elif kind == "step":
                _merge_scores(anc_by[oid], anc_by[oid], obj, back, ctx)
            if kind == "card":
                _mark(back, tr(_C, "Deleted on the map but changed by {participant}").format(
                    participant=ctx.who))
                conflict = Conflict(ConflictKind.DELETED_HERE, ctx.journey_id, oid, None, ctx.who,
                                    "", str(obj.get("text", "")))
                ctx.conflicts.append(conflict)
                ctx.report.conflicts.append(conflict.describe())
            else:
                ctx.report.conflicts.append(
                    tr(_C, "{what} was deleted on the map but changed by {participant}: brought "
                           "back").format(what=label(kind, obj), participant=ctx.who))
            insert(back)
            present.add(oid)
        else:
            new = copy.deepcopy(obj)
            _on_added(kind, new, ctx)
            insert(new)
            present.add(oid)
    theirs_ids = set(theirs_order)
    for obj in ours:
        oid = obj["id"]
        if oid not in anc_by or oid in theirs_ids:
            continue
        if not ctx.apply_deletions:
            if not ctx.delta:  # a delta leaves out what it did not touch; that is no news
                ctx.report.kept.append(tr(_C, "{what}: missing from the file, kept (removals "
                                              "are not applied)").format(what=label(kind, obj)))
            continue
        if _same(kind, obj, anc_by[oid]):
            removed.add(oid)
            ctx.report.removed.append(label(kind, obj))
        elif kind == "card":
            kept = result[index[oid]]
            if kept.get("merge_note"):
                continue  # already marked by an earlier file: one decision is enough
            _mark(kept, tr(_C, "Deleted by {participant} but changed on the map").format(
                participant=ctx.who))
            conflict = Conflict(ConflictKind.DELETED_THERE, ctx.journey_id, oid, None, ctx.who,
                                str(obj.get("text", "")), "")
            ctx.conflicts.append(conflict)
            ctx.report.conflicts.append(conflict.describe())
        else:
            ctx.report.kept.append(tr(_C, "{what}: changed on the map, so kept").format(
                what=label(kind, obj)))
    if kind == "card":
        for twin in extra:  # side by side: right after the card it conflicts with
            result.insert(next(i for i, o in enumerate(result) if o["id"] == twin["conflict_of"]) + 1,
                          twin)
    return [o for o in result if o["id"] not in removed]


def merge_one(anc: Doc, ours: Doc, theirs: Doc, ctx: _Context) -> Doc:
    """Merge one file's document into the map's document (both JSON forms)."""
    before = ours
    ours = copy.deepcopy(ours)  # marks are written in place; the caller's document stays as it was
    result = _merge_object("project", anc, ours, theirs, ctx, [], set())
    _keep_referenced(result, [before, theirs, anc], ctx)
    return result


# ----- never leave a dangling reference ---------------------------------------------------
def _find(sources: list[Doc], journey_id: str | None, key: str, oid: str) -> tuple[Doc, list[str]] | None:
    for doc in sources:
        holders = [doc] if journey_id is None else [j for j in doc.get("journeys", [])
                                                   if j.get("id") == journey_id]
        for holder in holders:
            items = holder.get(key, [])
            for obj in items:
                if obj.get("id") == oid:
                    return copy.deepcopy(obj), [o.get("id") for o in items]
    return None


def _restore(holder: Doc, key: str, oid: str, sources: list[Doc], journey_id: str | None,
             why: str, ctx: _Context) -> None:
    if any(o.get("id") == oid for o in holder.get(key, [])):
        return
    found = _find(sources, journey_id, key, oid)
    if found is None:
        return  # cannot happen with validated inputs; reference_problems reports it
    obj, order = found
    _insert(holder.setdefault(key, []), obj, order, set(order))
    kind = key.rstrip("s")
    ctx.report.removed[:] = [line for line in ctx.report.removed if line != label(kind, obj)]
    ctx.report.kept.append(tr(_C, "{what}: {why}, so kept").format(what=label(kind, obj), why=why))


def _keep_referenced(doc: Doc, sources: list[Doc], ctx: _Context) -> None:
    for journey in doc.get("journeys", []):
        jid = journey["id"]
        for card in journey.get("cards", []):
            _restore(journey, "steps", card["step_id"], sources, jid, tr(_C, "cards are on it"), ctx)
            _restore(journey, "lanes", card["lane_id"], sources, jid, tr(_C, "cards are in it"), ctx)
            for sid in card.get("stakeholder_ids", []):
                _restore(doc, "stakeholders", sid, sources, None, tr(_C, "cards link to them"), ctx)
        for step in journey.get("steps", []):
            if step.get("stage_id") is not None:
                _restore(journey, "stages", step["stage_id"], sources, jid, tr(_C, "steps belong to it"), ctx)
        if journey.get("persona_id") is not None:
            _restore(doc, "personas", journey["persona_id"], sources, None, tr(_C, "a journey uses it"), ctx)


def to_project(doc: Doc) -> Project:
    """Validate the merged document; a failure here is a merge bug, never saved."""
    try:
        project = Project.model_validate(doc)
    except ValidationError as exc:
        problem = f"the merged map would not be valid ({exc.errors()[0]['msg'].lower()})"
    else:
        problems = reference_problems(project)
        if not problems:
            return project
        problem = "the merged map would be inconsistent: " + problems[0]
    raise ProjectFileError(None, problem, "Nothing was changed; please report this with the files merged")
