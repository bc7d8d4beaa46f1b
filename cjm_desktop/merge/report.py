"""What a merge did, per incoming file, phrased for the facilitator; nothing is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
            return (f"card '{_short(self.mine_text)}' was also changed by {self.participant} "
                    f"to '{_short(self.theirs_text)}': both versions kept side by side")
        if self.kind is ConflictKind.DELETED_HERE:
            return (f"card '{_short(self.theirs_text)}' was deleted on the map but changed by "
                    f"{self.participant}: brought back and marked")
        return (f"card '{_short(self.mine_text)}' was deleted by {self.participant} but changed "
                "on the map: kept and marked")


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
        return [("Added", self.added), ("Changed", self.changed), ("Removed", self.removed),
                ("Kept although removed in the file", self.kept), ("Conflicts", self.conflicts),
                ("Emotion scores", self.scores), ("Votes", self.votes)]

    def summary(self) -> str:
        counts = [_count(len(lines), title) for title, lines in self.sections() if lines]
        kind = "changes only" if self.delta else "full map"
        body = ", ".join(counts) if counts else "nothing new"
        return f"{self.participant} ({self.source}, {kind}): {body}"


_COUNT_WORDS = {"Added": ("added", "added"), "Changed": ("changed", "changed"),
                "Removed": ("removed", "removed"), "Kept although removed in the file": ("kept", "kept"),
                "Conflicts": ("conflict", "conflicts"), "Emotion scores": ("score", "scores"),
                "Votes": ("vote change", "vote changes")}


def _count(number: int, title: str) -> str:
    one, many = _COUNT_WORDS[title]
    return f"{number} {one if number == 1 else many}"


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
        lines.append(f"{len(self.conflicts)} conflict{'s' * (len(self.conflicts) != 1)} "
                     "to review (every version is on the map)" if self.conflicts
                     else "No conflicts.")
        return "\n".join(lines)

    def to_text(self) -> str:
        out = [f"Merge report — base map: {self.base}", ""]
        for report in self.files:
            out.append(report.summary())
            for title, lines in report.sections():
                if lines:
                    out.append(f"  {title}:")
                    out.extend(f"    - {line}" for line in lines)
            out.append("")
        out.append(self.summary().splitlines()[-1])
        return "\n".join(out) + "\n"
