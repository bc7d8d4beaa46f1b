"""Public entry points: load participants' files, merge them into a map, get a report."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Project
from ..storage import ProjectFileError, load_project
from .engine import _Context, merge_one, to_project
from .report import Conflict, FileReport, MergeReport


@dataclass(frozen=True)
class Incoming:
    """One participant's file: the map they worked on, or their "share my cards" delta."""

    project: Project
    participant: str
    source: str

    @property
    def is_delta(self) -> bool:
        return self.project.delta_of is not None


@dataclass
class MergeResult:
    project: Project
    report: MergeReport

    @property
    def conflicts(self) -> list[Conflict]:
        return self.report.conflicts


def _distinct(name: str, taken: set[str]) -> str:
    # Scores and votes are kept per participant, so two different files need two names.
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


def incoming_from(projects: Iterable[tuple[Project, str]]) -> list[Incoming]:
    """Name each (project, source label) by its participant field or its label; identical
    files keep one name, so giving the same file twice changes nothing the second time."""
    result: list[Incoming] = []
    names: dict[str, Project] = {}
    for project, source in projects:
        name = (project.participant.strip() or Path(source).stem or "participant")[:200]
        if name in names and names[name] == project:
            result.append(Incoming(project, name, source))
            continue
        name = _distinct(name, set(names))
        names[name] = project
        result.append(Incoming(project, name, source))
    return result


def load_incoming(paths: Sequence[Path | str]) -> list[Incoming]:
    """Load participants' files; raises ProjectFileError naming the first bad file."""
    return incoming_from((load_project(path), str(path)) for path in paths)


def check_related(base: Project, incoming: Incoming) -> None:
    """Refuse a file that is not a copy of this map: merging by id would only add noise."""
    related = incoming.project.delta_of or incoming.project.id
    if related != base.id:
        raise ProjectFileError(
            incoming.source,
            "it is not a copy of this map (it has a different map id)",
            "Merge only files that participants made from the map you handed out",
        )


def merge_projects(base: Project, incoming: Sequence[Incoming], ours: Project | None = None,
                   apply_deletions: bool = True, base_label: str = "the map") -> MergeResult:
    """Merge every incoming file into ``ours`` (default: ``base``), with ``base`` as the
    map everyone received. Inputs are not modified.

    ``apply_deletions=False`` treats an object missing from a file as untouched, which is
    always how "share my cards" deltas are read.
    """
    for item in incoming:
        check_related(base, item)
    anc = base.model_dump(mode="json")
    doc = (ours if ours is not None else base).model_dump(mode="json")
    report = MergeReport(base=base_label)
    for item in incoming:
        file_report = FileReport(source=item.source, participant=item.participant, delta=item.is_delta)
        ctx = _Context(who=item.participant, report=file_report, conflicts=report.conflicts,
                       apply_deletions=apply_deletions and not item.is_delta, delta=item.is_delta)
        doc = merge_one(anc, doc, item.project.model_dump(mode="json"), ctx)
        report.files.append(file_report)
    return MergeResult(to_project(copy.deepcopy(doc)), report)
