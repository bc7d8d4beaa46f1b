"""File menu additions: new map from a template, CSV import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...commands import MacroCommand
from ...commands.method import AddJourneyCommand
from ...csv_io import CsvError, export_csv, import_csv, project_from_csv
from ...document import MapDocument
from ...i18n import tr
from ...storage import ProjectFileError
from ...templates import TEMPLATES, build_template
from .. import messages
from . import questions

_C = "ui.method.files"  # translation context of this module

if TYPE_CHECKING:
    from . import MethodTools

CSV_FILTER = "CSV files (*.csv);;All files (*)"


def new_from_template(tools: MethodTools) -> None:
    window = tools.window
    templates = list(TEMPLATES.values())
    choice = questions.ask_choice(window, "New map from template", "Template:",
                                  [f"{t.title} — {t.description}" for t in templates])
    if choice is None:
        return
    try:
        project = build_template(templates[choice].name)
    except ProjectFileError as exc:
        messages.show_error(window, tr(_C, "Template not available"), exc.message)
        return
    document = MapDocument(project)
    if window.is_pristine():
        window.set_document(document)
    else:
        window.new_window_requested.emit(document)


def import_csv_file(tools: MethodTools) -> bool:
    """Import a CSV; into an empty window as a new map, else as new journeys (one undo step)."""
    window = tools.window
    path = questions.ask_open_file(window, "Import CSV", CSV_FILTER)
    if path is None:
        return False
    try:
        result = import_csv(path)
    except CsvError as exc:
        messages.show_error(window, tr(_C, "Could not import CSV"), exc.message)
        return False
    if not result.journeys:
        messages.show_error(window, tr(_C, "Nothing to import"),
                            tr(_C, "'{path}' has a header but no rows.").format(path=path))
        return False
    doc = window.document
    if doc is None or window.is_pristine():
        window.set_document(MapDocument(project_from_csv(result, path.stem)))
    elif doc.read_only:
        window.statusBar().showMessage(tr(_C, "This map is open read-only"), 4000)
        return False
    else:
        macro = MacroCommand(f"Import {path.name}")
        for offset, journey in enumerate(result.journeys):
            command = AddJourneyCommand(doc, journey, "")
            command.index += offset
            macro.children_refs.append(command)
        tools.push(macro)
    warnings = f" ({'; '.join(result.warnings)})" if result.warnings else ""
    window.statusBar().showMessage(
        tr(_C, "Imported {cards} cards in {len} journey(s) from {name}{warnings}").format(
            cards=result.cards, len=len(result.journeys), name=path.name, warnings=warnings), 8000)
    return True


def export_csv_file(tools: MethodTools) -> bool:
    window = tools.window
    doc = window.document
    if doc is None:
        return False
    stem = doc.path.stem if doc.path else "journey"
    path = questions.ask_save_file(window, "Export CSV", f"{stem}.csv", CSV_FILTER)
    if path is None:
        return False
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    try:
        rows = export_csv(doc.project, path)
    except ProjectFileError as exc:
        messages.show_error(window, tr(_C, "Could not export CSV"), exc.message)
        return False
    window.statusBar().showMessage(tr(_C, "Exported {rows} rows to {path}").format(rows=rows, path=path),
                                   6000)
    return True
