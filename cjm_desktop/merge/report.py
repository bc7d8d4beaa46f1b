"""What a merge did, per incoming file, phrased for the facilitator; nothing is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..translate import tr

_C = "merge.report"  # translation context; the command line stays English (no hook there)


class ConflictKind(StrEnum):
    EDITED_BOTH = "edited"  # changed differently here and there: both versions are on the map
    DELETED_HERE = "deleted_here"  # deleted on the merged map, changed in the file: brought back
    DELETED_THERE = "deleted_there"  # changed on the merged map, deleted in the file: kept


@dataclass(frozen=True)
class Conflict:
    """One card that needs the facilitator's decision; the map already holds every version."""

    kind: ConflictKind
    journey_id: str
    card_id: str
    copy_id: str | None  # the incoming version's card, for EDITED_BOTH
    participant: str
    mine_text: str
    theirs_text: str

    def describe(self) -> str:
        if self.kind is ConflictKind.EDITED_BOTH:
            return tr(_C, "card '{mine}' was also changed by {participant} to '{theirs}': both "
                          "versions kept side by side").format(
                mine=_short(self.mine_text), participant=self.participant,
                theirs=_short(self.theirs_text))
        if self.kind is ConflictKind.DELETED_HERE:
            return tr(_C, "card '{theirs}' was deleted on the map but changed by {participant}: "
                          "brought back and marked").format(
                theirs=_short(self.theirs_text), participant=self.participant)
        return tr(_C, "card '{mine}' was deleted by {participant} but changed on the map: kept "
                      "and marked").format(mine=_short(self.mine_text),
                                           participant=self.participant)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class FileReport:
    """Everything one participant's file contributed, line by line."""

    source: str
    participant: str
    delta: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # deletions not applied, and why
    conflicts: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)
    votes: list[str] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[str]]]:
        """(title, lines) in reading order; the titles are translated."""
        return [(tr(_C, "Added"), self.added), (tr(_C, "Changed"), self.changed),
                (tr(_C, "Removed"), self.removed),
                (tr(_C, "Kept although removed in the file"), self.kept),
                (tr(_C, "Conflicts"), self.conflicts), (tr(_C, "Emotion scores"), self.scores),
                (tr(_C, "Votes"), self.votes)]

    def summary(self) -> str:
        counts = [
            tr(_C, "%n added", n=len(self.added)), tr(_C, "%n changed", n=len(self.changed)),
            tr(_C, "%n removed", n=len(self.removed)), tr(_C, "%n kept", n=len(self.kept)),
            tr(_C, "%n conflict(s)", n=len(self.conflicts)),
            tr(_C, "%n score(s)", n=len(self.scores)),
            tr(_C, "%n vote change(s)", n=len(self.votes)),
        ]
        lines = (self.added, self.changed, self.removed, self.kept, self.conflicts, self.scores,
                 self.votes)
        counts = [text for text, items in zip(counts, lines, strict=True) if items]
        kind = tr(_C, "changes only") if self.delta else tr(_C, "full map")
        body = ", ".join(counts) if counts else tr(_C, "nothing new")
        return tr(_C, "{participant} ({source}, {kind}): {body}").format(
            participant=self.participant, source=self.source, kind=kind, body=body)


@dataclass
class MergeReport:
    base: str
    files: list[FileReport] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return any(lines for f in self.files for _, lines in f.sections())

    def summary(self) -> str:
        lines = [f.summary() for f in self.files]
        lines.append(tr(_C, "%n conflict(s) to review (every version is on the map)",
                        n=len(self.conflicts)) if self.conflicts else tr(_C, "No conflicts."))
        return "\n".join(lines)

    def to_text(self) -> str:
        out = [tr(_C, "Merge report — base map: {base}").format(base=self.base), ""]
        for report in self.files:
            out.append(report.summary())
            for title, lines in report.sections():
                if lines:
                    out.append(f"  {title}:")
                    out.extend(f"    - {line}" for line in lines)
            out.append("")
        out.append(self.summary().splitlines()[-1])
        return "\n".join(out) + "\n"
