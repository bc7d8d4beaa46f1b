"""Wrap the user-visible string literals of a UI module in ``tr(_C, ...)`` (a one-off helper).

    python packaging/i18n_wrap.py FILE...          rewrite the files in place
    python packaging/i18n_wrap.py --dry-run FILE   print what would be wrapped

Only texts passed to Qt calls that show them (titles, labels, menu texts, tool tips,
message boxes) are wrapped; f-strings become ``tr(_C, "Saved {path}").format(path=...)``.
It prints the other literals that look like prose, for a human to check. Review every diff:
a string that is compared later (a button text used as an answer) must stay English.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Calls whose first string argument is shown to the user.
FIRST_STRING = {
    "QAction", "addMenu", "addAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton",
    "QGroupBox", "QDockWidget", "QToolButton", "QCommandLinkButton", "QMenu", "addRow",
    "addItem", "insertItem", "setItemText", "QListWidgetItem", "addTab", "insertTab",
    "setTabText", "addButton", "QGraphicsSimpleTextItem", "QGraphicsTextItem", "drawText",
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setLabelText", "setEmptyLabel", "setSuffix", "setPrefix",
    "setSpecialValueText", "showMessage", "setInformativeText", "setDetailedText",
    "setHeaderLabel", "setPlainText", "setAccessibleName", "setAccessibleDescription",
    "setCancelButtonText", "setHtml", "QProgressDialog", "QMessageBox", "setWindowIconText",
}
# Calls with texts at fixed positions (parent first).
POSITIONS: dict[str, tuple[int, ...]] = {
    "getText": (1, 2), "getInt": (1, 2), "getDouble": (1, 2), "getItem": (1, 2),
    "getMultiLineText": (1, 2), "getOpenFileName": (1,), "getOpenFileNames": (1,),
    "getSaveFileName": (1,), "getExistingDirectory": (1,), "information": (1, 2),
    "warning": (1, 2), "critical": (1, 2), "question": (1, 2), "about": (1, 2),
    "show_error": (1, 2), "show_info": (1, 2), "confirm": (1, 2, 3), "ask": (1, 2),
    "_action": (1, 4), "act": (1, 4),
}
KEYWORDS = {"tip", "text", "title", "label", "caption", "placeholder", "tooltip", "message",
            "empty_text", "heading", "hint", "button"}
LIST_ARGS = {"setHeaderLabels", "addItems", "setHorizontalHeaderLabels",
             "setVerticalHeaderLabels"}
PROSE = re.compile(r"[A-Za-z]{2,}.*\s|^[A-Z][a-z]+")
# Shortcuts, style sheets, log formats and file filters' patterns are not prose.
NOT_PROSE = re.compile(r"^(Ctrl|Alt|Shift|Meta)\+|^[A-Z][a-z]*\+[A-Z0-9]|[;{}]\s*$|:\s*#|%s|%\.\d|^[a-z-]+:")


@dataclass
class Edit:
    start: int
    end: int
    text: str


def _offsets(source: str) -> list[int]:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2,}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and re.search(r"[A-Za-z]{2,}", str(v.value))
                   for v in node.values)
    return False


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _placeholder_name(node: ast.expr, used: dict[str, int]) -> str:
    if isinstance(node, ast.Name):
        base = node.id.lstrip("_") or "value"
    elif isinstance(node, ast.Attribute):
        base = node.attr.lstrip("_") or "value"
    elif isinstance(node, ast.Call):
        base = _call_name(node).lstrip("_") or "value"
    else:
        base = "value"
    count = used.get(base, 0)
    used[base] = count + 1
    return base if count == 0 else f"{base}{count + 1}"


class Wrapper:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        self.tree = ast.parse(self.source)
        self.lines = _offsets(self.source)
        self.edits: list[Edit] = []
        self.wrapped: set[int] = set()  # id() of nodes already taken

    def _span(self, node: ast.AST) -> tuple[int, int]:
        start = self.lines[node.lineno - 1] + len(
            self.source.splitlines(keepends=True)[node.lineno - 1].encode("utf-8")[
                :node.col_offset].decode("utf-8"))
        end = self.lines[node.end_lineno - 1] + len(
            self.source.splitlines(keepends=True)[node.end_lineno - 1].encode("utf-8")[
                :node.end_col_offset].decode("utf-8"))
        return start, end

    def _wrap(self, node: ast.expr) -> None:
        if id(node) in self.wrapped or not _is_text(node):
            return
        for inner in ast.walk(node):
            self.wrapped.add(id(inner))
        start, end = self._span(node)
        if isinstance(node, ast.Constant):
            self.edits.append(Edit(start, end, f"tr(_C, {self.source[start:end]})"))
            return
        assert isinstance(node, ast.JoinedStr)
        template, args, used = "", [], {}
        for part in node.values:
            if isinstance(part, ast.Constant):
                template += str(part.value).replace("{", "{{").replace("}", "}}")
                continue
            assert isinstance(part, ast.FormattedValue)
            name = _placeholder_name(part.value, used)
            expr = ast.get_source_segment(self.source, part.value) or "None"
            conversion = {-1: "", 115: "!s", 114: "!r", 97: "!a"}[part.conversion]
            spec = ""
            if part.format_spec is not None:
                spec = ":" + "".join(str(v.value) for v in part.format_spec.values
                                     if isinstance(v, ast.Constant))
            template += "{" + name + conversion + spec + "}"
            args.append(f"{name}={expr}")
        self.edits.append(Edit(start, end, f"tr(_C, {_quote(template)}).format({', '.join(args)})"))

    def collect(self) -> None:
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name in ("tr", "translate"):
                for arg in node.args:
                    self.wrapped.add(id(arg))
                continue
            if name in FIRST_STRING:
                first = next((a for a in node.args if isinstance(a, (ast.Constant, ast.JoinedStr))
                              and (isinstance(a, ast.JoinedStr) or isinstance(a.value, str))), None)
                if first is not None:
                    self._wrap(first)
            for index in POSITIONS.get(name, ()):
                if index < len(node.args):
                    self._wrap(node.args[index])
            if name in LIST_ARGS and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
                for element in node.args[0].elts:
                    self._wrap(element)
            if name in FIRST_STRING or name in POSITIONS:
                for keyword in node.keywords:
                    if keyword.arg in KEYWORDS:
                        self._wrap(keyword.value)

    def leftovers(self) -> list[str]:
        """Prose-like literals not wrapped: candidates for a human to look at."""
        docstrings = {id(n.body[0].value) for n in ast.walk(self.tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)
                      and isinstance(n.body[0].value, ast.Constant)}
        out = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in self.wrapped and id(node) not in docstrings \
                    and PROSE.search(node.value) and "_" not in node.value \
                    and not NOT_PROSE.search(node.value):
                out.append(f"{self.path.name}:{node.lineno}: {node.value[:70]!r}")
        return out

    def _package_parts(self) -> tuple[str, ...]:
        """The module's path inside the cjm_desktop package, e.g. ("ui", "main_window.py")."""
        parts = self.path.parts
        return parts[len(parts) - parts[::-1].index("cjm_desktop"):]

    def context(self) -> str:
        return ".".join(self._package_parts()).removesuffix(".py")

    def rewrite(self) -> str:
        text = self.source
        for edit in sorted(self.edits, key=lambda e: e.start, reverse=True):
            text = text[:edit.start] + edit.text + text[edit.end:]
        if not self.edits:
            return text
        depth = len(self._package_parts()) - 1
        module = "." * (depth + 1) + "i18n"
        header = ""
        if "from " + module + " import" not in text or " tr" not in text.split(module, 1)[1][:60]:
            header += f"from {module} import tr\n"
        if "\n_C = " not in text:
            header += f'\n_C = "{self.context()}"  # translation context of this module\n'
        last_import = max((n.end_lineno for n in self.tree.body
                           if isinstance(n, (ast.Import, ast.ImportFrom))), default=0)
        lines = text.splitlines(keepends=True)
        # Line numbers before the first edit are unchanged, and imports come first.
        return "".join(lines[:last_import]) + header + "".join(lines[last_import:])


MAX_LINE = 110


def _break_point(line: str) -> tuple[int, int] | None:
    """Where to break a long line: after the last top-level-in-a-call ", " that fits.

    Returns (index after the comma and space, column to indent the rest to), or None.
    """
    stack: list[int] = []
    quote = ""
    best: tuple[int, int] | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "([{":
            stack.append(i)
        elif ch in ")]}" and stack:
            stack.pop()
        elif ch == "," and stack and line[i + 1:i + 2] == " " and i + 1 < MAX_LINE \
                and not line[:i].endswith("tr(_C"):
            best = (i + 2, stack[-1] + 1)
        i += 1
    return best


def fit_lines(text: str) -> str:
    """Break lines that wrapping made too long at a comma inside a call (ruff's E501)."""
    out: list[str] = []
    for line in text.split("\n"):
        guard = 0
        while len(line) > MAX_LINE and "tr(_C" in line and guard < 5:
            guard += 1
            point = _break_point(line)
            if point is None or point[1] >= point[0]:
                break
            head, rest = line[:point[0]].rstrip(), line[point[0]:]
            out.append(head)
            line = " " * point[1] + rest
        out.append(line)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.files:
        wrapper = Wrapper(path.resolve())
        wrapper.collect()
        if args.dry_run:
            for edit in sorted(wrapper.edits, key=lambda e: e.start):
                print(f"{path}: {edit.text}")
        else:
            path.write_text(fit_lines(wrapper.rewrite()), encoding="utf-8")
            print(f"{path}: wrapped {len(wrapper.edits)} texts")
        for line in wrapper.leftovers():
            print("  check:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
