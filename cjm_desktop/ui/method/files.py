"""File menu additions: new map from a template, CSV import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...commands import MacroCommand
from ...commands.method import AddJourneyCommand
from ...csv_io import CsvError, export_csv, import_csv, project_from_csv
from ...document import MapDocument
from ...i18n import mark, tr, tr_marked
from ...storage import ProjectFileError
from ...templates import TEMPLATES, Template, build_template
from .. import messages
from . import questions

_C = "ui.method.files"  # translation context of this module

if TYPE_CHECKING:
    from . import MethodTools

CSV_FILTER = mark(_C, "CSV files (*.csv);;All files (*)")
# The template list in the window; templates.py keeps English for the command line.
_TEMPLATE_TEXTS = {
    "blank": (mark(_C, "Blank map"),
              mark(_C, "One customer journey, four standard lanes, five empty steps")),
    "workshop": (mark(_C, "Ten-step workshop"),
                 mark(_C, "Ten steps from first need to telling others, persona and outcome "
                          "prompts")),
    "lifecycle": (mark(_C, "Lifecycle stages"),
                  mark(_C, "Prospecting, purchase, onboarding, use and upkeep, return or leave")),
    "onboarding": (mark(_C, "Employee onboarding"),
                   mark(_C, "Offer accepted to first review, with HR, IT and facilities as "
                            "stakeholders")),
    "rail": (mark(_C, "Sample rail journey"),
             mark(_C, "Göteborg → Stockholm by train: the bundled, fully filled-in example")),
}


def template_title(template: Template) -> str:
    texts = _TEMPLATE_TEXTS.get(template.name)
    return tr_marked(_C, texts[0]) if texts else template.title


def template_description(template: Template) -> str:
    texts = _TEMPLATE_TEXTS.get(template.name)
    return tr_marked(_C, texts[1]) if texts else template.description


def new_from_template(tools: MethodTools) -> None:
    window = tools.window
    templates = list(TEMPLATES.values())
    choice = questions.ask_choice(window, tr(_C, "New map from template"), tr(_C, "Template:"),
                                  [f"{template_title(t)} — {template_description(t)}"
                                   for t in templates])
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
    path = questions.ask_open_file(window, tr(_C, "Import CSV"), tr_marked(_C, CSV_FILTER))
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
        macro = MacroCommand(tr(_C, "Import {name}").format(name=path.name))
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
    path = questions.ask_save_file(window, tr(_C, "Export CSV"), f"{stem}.csv",
                                   tr_marked(_C, CSV_FILTER))
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
