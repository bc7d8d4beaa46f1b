"""MapDocument: the one place the model changes.

It owns the Project, its file path, dirty state and the QUndoStack. Undo commands
call its small set of mutators; views listen to its fine-grained signals and never
change the model themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from .i18n import tr
from .model import Journey, Project, new_project

# Collections of a journey that commands may edit, by the name used in signals.
JOURNEY_COLLECTIONS = ("cards", "steps", "lanes", "stages")
# Collections that live on the project itself.
PROJECT_COLLECTIONS = ("personas", "stakeholders", "journeys")


class MapDocument(QObject):
    object_added = Signal(str, str)  # collection, object id
    object_changed = Signal(str, str)
    object_removed = Signal(str, str)
    project_changed = Signal()  # title, outcome, settings or other project-wide fields
    journey_switched = Signal(str)  # the journey shown has changed
    changed = Signal()  # after every mutation: relayout, autosave, title bar
    dirty_changed = Signal(bool)
    path_changed = Signal(object)

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project if project is not None else new_project()
        if not self._project.journeys:
            self._project.journeys.append(new_project().journeys[0])
        self._path = Path(path) if path is not None else None
        self._journey_id = self._project.journeys[0].id
        self._dirty_without_undo = False
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ----- state -------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self._project

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def journey_id(self) -> str:
        return self._journey_id

    @property
    def journey(self) -> Journey:
        journey = self._project.journey(self._journey_id)
        assert journey is not None
        return journey

    def journey_by_id(self, journey_id: str) -> Journey:
        journey = self._project.journey(journey_id)
        if journey is None:
            raise KeyError(journey_id)
        return journey

    @property
    def is_dirty(self) -> bool:
        return self._dirty_without_undo or not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else tr("document", "Untitled")

    def set_current_journey(self, journey_id: str) -> None:
        if journey_id != self._journey_id and self._project.journey(journey_id):
            self._journey_id = journey_id
            self.journey_switched.emit(journey_id)

    def mark_saved(self, path: Path) -> None:
        if path != self._path:
            self._path = Path(path)
            self.path_changed.emit(self._path)
        was_dirty = self.is_dirty
        self._dirty_without_undo = False
        self.undo_stack.setClean()
        if was_dirty:
            self.dirty_changed.emit(False)

    def mark_dirty(self) -> None:
        """For changes that are not undoable, such as a restored autosave."""
        if not self.is_dirty:
            self._dirty_without_undo = True
            self.dirty_changed.emit(True)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(self.is_dirty)

    # ----- mutators used by undo commands -------------------------------------
    def _collection(self, collection: str, journey_id: str | None) -> list[Any]:
        if collection in PROJECT_COLLECTIONS:
            return getattr(self._project, collection)
        if collection not in JOURNEY_COLLECTIONS:
            raise KeyError(collection)
        return getattr(self.journey_by_id(journey_id or self._journey_id), collection)

    def find(self, collection: str, object_id: str, journey_id: str | None = None) -> Any:
        for obj in self._collection(collection, journey_id):
            if obj.id == object_id:
                return obj
        raise KeyError(f"{collection}:{object_id}")

    def index_of(self, collection: str, object_id: str, journey_id: str | None = None) -> int:
        for index, obj in enumerate(self._collection(collection, journey_id)):
            if obj.id == object_id:
                return index
        raise KeyError(f"{collection}:{object_id}")

    def insert(self, collection: str, obj: Any, index: int, journey_id: str | None = None) -> None:
        items = self._collection(collection, journey_id)
        items.insert(max(0, min(index, len(items))), obj)
        self._emit(self.object_added, collection, obj.id, journey_id)

    def remove(self, collection: str, object_id: str, journey_id: str | None = None) -> Any:
        items = self._collection(collection, journey_id)
        index = self.index_of(collection, object_id, journey_id)
        obj = items.pop(index)
        self._emit(self.object_removed, collection, object_id, journey_id)
        return obj

    def move(self, collection: str, object_id: str, index: int,
             journey_id: str | None = None) -> None:
        items = self._collection(collection, journey_id)
        old = self.index_of(collection, object_id, journey_id)
        if old == index:
            return
        items.insert(index, items.pop(old))
        self._emit(self.object_changed, collection, object_id, journey_id)

    def reorder(self, collection: str, ids: list[str], journey_id: str | None = None) -> None:
        items = self._collection(collection, journey_id)
        by_id = {obj.id: obj for obj in items}
        if sorted(by_id) != sorted(ids) or [obj.id for obj in items] == ids:
            return
        items[:] = [by_id[i] for i in ids]
        self._emit(self.object_changed, collection, ids[0], journey_id)

    def update(self, collection: str, object_id: str, changes: dict[str, Any],
               journey_id: str | None = None) -> None:
        obj = self.find(collection, object_id, journey_id)
        real = {k: v for k, v in changes.items() if getattr(obj, k) != v}
        if not real:
            return  # setters emit only on real change, so Qt's first redo() is harmless
        for key, value in real.items():
            setattr(obj, key, value)
        self._emit(self.object_changed, collection, object_id, journey_id)

    def update_project(self, changes: dict[str, Any]) -> None:
        real = {k: v for k, v in changes.items() if getattr(self._project, k) != v}
        for key, value in real.items():
            setattr(self._project, key, value)
        if real:
            self.project_changed.emit()
            self.changed.emit()

    def replace_project(self, project: Project) -> None:
        """Swap in a whole project (restore, reload); clears history because ids changed."""
        self._project = project
        if not project.journeys:
            project.journeys.append(new_project().journeys[0])
        self._journey_id = project.journeys[0].id
        self.undo_stack.clear()
        self.project_changed.emit()
        self.journey_switched.emit(self._journey_id)
        self.changed.emit()

    def redraw_views(self) -> None:
        """Make views show the project again after a change that is not an edit.

        Naming a new map's placeholders in the UI language happens before the first edit: no
        undo step and not dirty, so ``changed`` (autosave) stays quiet.
        """
        self.project_changed.emit()
        self.journey_switched.emit(self._journey_id)

    # ----- whole-content swap for merges (added for merge/; keeps the undo history) --------
    def swap_project_content(self, project: Project) -> None:
        """Put another version of this map's content in place, keeping history.

        Unlike replace_project this is undoable: a merge and its undo each call it with a
        full copy. The Project object itself stays the same, so held references stay valid.
        """
        for name in type(project).model_fields:
            setattr(self._project, name, getattr(project, name))
        for name, value in (project.model_extra or {}).items():
            setattr(self._project, name, value)
        if not self._project.journeys:
            self._project.journeys.append(new_project().journeys[0])
        if self._project.journey(self._journey_id) is None:
            self._journey_id = self._project.journeys[0].id
        self.project_changed.emit()
        self.journey_switched.emit(self._journey_id)
        self.changed.emit()

    def _emit(self, signal: Signal, collection: str, object_id: str,
              journey_id: str | None) -> None:
        # Views show only the current journey; edits to another journey still mark changes.
        if collection in PROJECT_COLLECTIONS or journey_id in (None, self._journey_id):
            signal.emit(collection, object_id)
        self.changed.emit()
