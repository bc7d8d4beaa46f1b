"""Find autosaves left by a crash or power loss, and restore or discard them. No Qt.

An autosave whose writer is still running (same machine, pid alive) belongs to another
open window or instance and is never offered.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..model import Project
from ..translate import tr
from .autosave import DATA_SUFFIX, META_SUFFIX, AutosaveMeta, AutosaveSlot, autosave_folder
from .errors import ProjectFileError
from .files import load_project
from .locks import host_name, pid_alive

_C = "storage.recovery"  # translation context of this module

log = logging.getLogger(__name__)
# Temporary files older than this in the autosave folder are debris of a killed write.
_DEBRIS_AGE_SECONDS = 3600.0


@dataclass(frozen=True)
class RecoveryEntry:
    """One recoverable map, described for the user."""

    session: str
    title: str
    saved_at: datetime
    original_path: Path | None
    card_count: int
    # Cards added, removed or changed compared with the saved file; None if there is no
    # saved file to compare with (never saved, or it is gone/unreadable).
    cards_differ: int | None
    slot: AutosaveSlot

    @property
    def name(self) -> str:
        """The name the user knows the map by: its file name, else its title."""
        return self.original_path.name if self.original_path else (self.title or tr(_C, "Untitled map"))

    def summary(self) -> str:
        """One line for the dialog, e.g. "3 cards differ from the saved file"."""
        if self.original_path is None:
            return tr(_C, "never saved, %n card(s)", n=self.card_count)
        if self.cards_differ is None:
            return tr(_C, "the saved file is missing or unreadable, %n card(s)",
                      n=self.card_count)
        if self.cards_differ == 0:
            return tr(_C, "cards as in the saved file (other details differ)")
        if self.cards_differ == 1:
            return tr(_C, "1 card differs from the saved file")
        return tr(_C, "%n cards differ from the saved file", n=self.cards_differ)


def count_card_differences(old: Project, new: Project) -> int:
    """Cards added, removed or changed between two versions of a map (by id)."""
    def by_id(project: Project) -> dict[tuple[str, str], dict[str, object]]:
        return {(j.id, c.id): c.model_dump(mode="json") for j in project.journeys for c in j.cards}

    before, after = by_id(old), by_id(new)
    changed = sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
    return len(before.keys() ^ after.keys()) + changed


def _owned_by_live_process(meta: AutosaveMeta) -> bool:
    return meta.host == host_name() and pid_alive(meta.pid)


def _clear_debris(folder: Path) -> None:
    # Killed writes can leave ".name.tmp" files and maps without metadata behind.
    now = time.time()
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            old = now - path.stat().st_mtime > _DEBRIS_AGE_SECONDS
            orphan = path.suffix == DATA_SUFFIX and not path.with_suffix(META_SUFFIX).exists()
            if old and (path.name.endswith(".tmp") or orphan):
                path.unlink()


def _entry(meta_path: Path) -> RecoveryEntry | None:
    try:
        meta = AutosaveMeta.from_bytes(meta_path.read_bytes())
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable autosave metadata %s: %s", meta_path, exc)
        return None
    if meta.session != meta_path.stem:
        log.warning("ignoring autosave metadata %s naming another session", meta_path)
        return None
    if _owned_by_live_process(meta):
        return None
    slot = AutosaveSlot(meta.session, meta_path.parent)
    if not slot.data_path.exists():
        return None
    try:
        autosaved = load_project(slot.data_path)
    except ProjectFileError as exc:
        # Cannot happen with atomic writes short of disk damage; offering it could not help.
        log.warning("ignoring unreadable autosave: %s", exc.message)
        return None
    original = Path(meta.original_path) if meta.original_path else None
    differ: int | None = None
    if original is not None:
        try:
            on_disk = load_project(original)
        except ProjectFileError:
            on_disk = None
        if on_disk is not None:
            if on_disk == autosaved:
                # Killed between saving and tidying up: the file already holds this work.
                slot.remove()
                return None
            differ = count_card_differences(on_disk, autosaved)
    return RecoveryEntry(
        session=meta.session,
        title=str(meta.title),
        saved_at=datetime.fromtimestamp(float(meta.saved_at)),
        original_path=original,
        card_count=int(meta.card_count),
        cards_differ=differ,
        slot=slot,
    )


def find_recoverable(folder: Path | None = None) -> list[RecoveryEntry]:
    """Autosaves of maps whose app is gone, newest first."""
    folder = folder or autosave_folder()
    if not folder.is_dir():
        return []
    with contextlib.suppress(OSError):
        _clear_debris(folder)
    entries: list[RecoveryEntry] = []
    for meta_path in sorted(folder.glob("*" + META_SUFFIX)):
        try:
            entry = _entry(meta_path)
        except (TypeError, ValueError, OverflowError, OSError) as exc:
            log.warning("ignoring damaged autosave %s: %s", meta_path, exc)
            continue
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: e.saved_at, reverse=True)
    return entries


def restore(entry: RecoveryEntry) -> Project:
    """The autosaved map; the slot is claimed for this process and kept until the new window
    saves or closes cleanly, so a crash before then loses nothing. Raises ProjectFileError."""
    project = load_project(entry.slot.data_path)
    try:
        entry.slot.claim()
    except (OSError, ValueError, ProjectFileError) as exc:
        log.warning("could not claim autosave %s: %s", entry.session, exc)
    hand_slot_on(project, entry.slot)
    return project


def discard(entry: RecoveryEntry) -> None:
    entry.slot.remove()


# Slots restored (or handed on) in this process, waiting for the window of that very map.
# Keyed by the Project object, not its id: participants' copies of one map share the id, and
# two of them restored at once must each get their own autosave back.
_CLAIMED: dict[int, tuple[Project, AutosaveSlot]] = {}


def hand_slot_on(project: Project, slot: AutosaveSlot) -> None:
    """Keep an autosave for the next window that shows ``project`` (restored or reopened)."""
    _CLAIMED[id(project)] = (project, slot)


def adopt_claimed_slot(project: Project) -> AutosaveSlot | None:
    """The slot kept for this map object, handed once to the window that shows it."""
    claimed = _CLAIMED.get(id(project))
    if claimed is None or claimed[0] is not project:
        return None
    del _CLAIMED[id(project)]
    return claimed[1]
