"""Undo commands that edit any collection of the document through its mutators.

Every user edit is one of these (or a macro of them); each captures old and new
values in __init__ so undo and redo are exact mirrors.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ..document import MapDocument

_MERGE_ID = 4242


class MacroCommand(QUndoCommand):
    """A compound command that runs its children itself.

    Qt-parented child commands crash PySide6: Python and C++ both think they own the
    child. Children here are plain Python-owned commands that are never pushed.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.children_refs: list[QUndoCommand] = []

    def redo(self) -> None:
        for child in self.children_refs:
            child.redo()

    def undo(self) -> None:
        for child in reversed(self.children_refs):
            child.undo()


def _adopt(parent: QUndoCommand | None, child: QUndoCommand) -> None:
    if parent is None:
        return
    if not isinstance(parent, MacroCommand):
        raise TypeError("child commands need a MacroCommand parent")
    parent.children_refs.append(child)


class InsertCommand(QUndoCommand):
    def __init__(self, doc: MapDocument, collection: str, obj: Any, index: int, text: str,
                 parent: QUndoCommand | None = None, journey_id: str | None = None) -> None:
        super().__init__(text)
        _adopt(parent, self)
        self.doc, self.collection, self.obj, self.index = doc, collection, obj, index
        self.journey_id = journey_id or _default_journey(doc, collection)

    def redo(self) -> None:
        self.doc.insert(self.collection, self.obj, self.index, self.journey_id)

    def undo(self) -> None:
        self.doc.remove(self.collection, self.obj.id, self.journey_id)


class RemoveCommand(QUndoCommand):
    """Removes one object; the index is recorded at redo time so undo restores the order."""

    def __init__(self, doc: MapDocument, collection: str, object_id: str, text: str,
                 parent: QUndoCommand | None = None, journey_id: str | None = None) -> None:
        super().__init__(text)
        _adopt(parent, self)
        self.doc, self.collection, self.object_id = doc, collection, object_id
        self.journey_id = journey_id or _default_journey(doc, collection)
        self.obj: Any = None
        self.index = 0

    def redo(self) -> None:
        self.index = self.doc.index_of(self.collection, self.object_id, self.journey_id)
        self.obj = self.doc.remove(self.collection, self.object_id, self.journey_id)

    def undo(self) -> None:
        self.doc.insert(self.collection, self.obj, self.index, self.journey_id)


class SetFieldsCommand(QUndoCommand):
    """Changes fields of one or more objects; with a merge_key, repeats collapse into one step.

    ``changes`` maps object id to the new field values.
    """

    def __init__(self, doc: MapDocument, collection: str, changes: dict[str, dict[str, Any]],
                 text: str, merge_key: str | None = None,
                 parent: QUndoCommand | None = None, journey_id: str | None = None) -> None:
        super().__init__(text)
        _adopt(parent, self)
        self.doc, self.collection, self.merge_key = doc, collection, merge_key
        self.journey_id = journey_id or _default_journey(doc, collection)
        self.new = {oid: dict(values) for oid, values in changes.items()}
        self.old = {
            oid: {k: _copy(getattr(doc.find(collection, oid, self.journey_id), k)) for k in values}
            for oid, values in changes.items()
        }

    def redo(self) -> None:
        for oid, values in self.new.items():
            self.doc.update(self.collection, oid, values, self.journey_id)

    def undo(self) -> None:
        for oid, values in self.old.items():
            self.doc.update(self.collection, oid, values, self.journey_id)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldsCommand) or other.merge_key != self.merge_key:
            return False
        if other.collection != self.collection or other.new.keys() != self.new.keys():
            return False
        for oid, values in other.new.items():
            self.new[oid].update(values)
        return True


class MoveInListCommand(QUndoCommand):
    """Reorders one object within its collection (steps, lanes, stages)."""

    def __init__(self, doc: MapDocument, collection: str, object_id: str, new_index: int,
                 text: str, parent: QUndoCommand | None = None,
                 journey_id: str | None = None) -> None:
        super().__init__(text)
        _adopt(parent, self)
        self.doc, self.collection, self.object_id = doc, collection, object_id
        self.journey_id = journey_id or _default_journey(doc, collection)
        self.old_index = doc.index_of(collection, object_id, self.journey_id)
        self.new_index = new_index

    def redo(self) -> None:
        self.doc.move(self.collection, self.object_id, self.new_index, self.journey_id)

    def undo(self) -> None:
        self.doc.move(self.collection, self.object_id, self.old_index, self.journey_id)


class ReorderCommand(QUndoCommand):
    """Puts a whole collection into a new order (moving a stage moves a block of steps)."""

    def __init__(self, doc: MapDocument, collection: str, new_order: list[str], text: str,
                 parent: QUndoCommand | None = None, journey_id: str | None = None) -> None:
        super().__init__(text)
        _adopt(parent, self)
        self.doc, self.collection, self.new_order = doc, collection, list(new_order)
        self.journey_id = journey_id or _default_journey(doc, collection)
        self.old_order = [obj.id for obj in doc._collection(collection, self.journey_id)]

    def redo(self) -> None:
        self.doc.reorder(self.collection, self.new_order, self.journey_id)

    def undo(self) -> None:
        self.doc.reorder(self.collection, self.old_order, self.journey_id)


def _default_journey(doc: MapDocument, collection: str) -> str | None:
    return None if collection in ("personas", "stakeholders", "journeys") else doc.journey_id


def _copy(value: Any) -> Any:
    # Lists (tags, ids) must not be shared between the model and the undo history.
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if hasattr(value, "model_copy"):
        return value.model_copy(deep=True)
    return value
