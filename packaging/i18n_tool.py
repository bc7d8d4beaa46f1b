"""Find every translatable text in the source and compare it with a language catalogue.

    python packaging/i18n_tool.py check [sv]    list texts without a translation (exit 1 if any)
    python packaging/i18n_tool.py update [sv]   add missing texts with "" and drop unused ones

A text is translatable when it is written as a literal in one of these calls:
``tr("Context", "Text")``, ``QCoreApplication.translate("Context", "Text")`` or
``self.tr("Text")`` (context: the enclosing class, as Qt uses it), or ``mark("Context", "Text")``
(a text kept in a table and translated later with ``tr_marked``).

    python packaging/i18n_tool.py merge FILE [sv]   add the translations in FILE (same
                                                    {context: {text: translation}} shape),
                                                    under a lock, so several people can merge

"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "cjm_desktop"
CATALOGUES = ROOT / "resources" / "i18n"
APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}
PLACEHOLDER = re.compile(r"%n|%\d|\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\}")


@dataclass(frozen=True)
class Message:
    context: str
    text: str
    where: str  # file:line of the first use


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"``, so ``tr(_CONTEXT, ...)`` counts as a literal context."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


class _Finder(ast.NodeVisitor):
    def __init__(self, where: str, constants: dict[str, str]) -> None:
        self.where = where
        self.constants = constants
        self.classes: list[str] = []
        self.found: list[Message] = []
        self.dynamic: list[str] = []  # calls whose texts cannot be checked

    def _literal(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        args = node.args
        place = f"{self.where}:{node.lineno}"
        if name == "tr" and isinstance(func, ast.Attribute) and len(args) == 1:
            text = self._literal(args[0]) if isinstance(args[0], ast.Constant) else None
            if text is None or not self.classes:
                self.dynamic.append(place)
            else:
                self.found.append(Message(self.classes[-1], text, place))
        elif (name in ("tr", "mark") and isinstance(func, ast.Name)) or (
                name == "translate" and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name) and func.value.id in APP_CLASSES):
            context = self._literal(args[0]) if args else None
            text = args[1].value if len(args) > 1 and isinstance(args[1], ast.Constant) \
                and isinstance(args[1].value, str) else None
            if context is None or text is None:
                self.dynamic.append(place)
            else:
                self.found.append(Message(context, text, place))
        self.generic_visit(node)


def extract(root: Path | None = None) -> tuple[list[Message], list[str]]:
    """(messages, places of calls with non-literal texts) in every module under ``root``."""
    root = root or SOURCE
    messages: list[Message] = []
    dynamic: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == root:
            continue  # defines tr() itself; its own calls pass texts through
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        finder = _Finder(str(path.relative_to(root.parent)), _module_constants(tree))
        finder.visit(tree)
        messages.extend(finder.found)
        dynamic.extend(finder.dynamic)
    return messages, dynamic


def load(language: str) -> dict[str, dict[str, object]]:
    path = CATALOGUES / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(language: str = "sv") -> list[str]:
    """Every reason the catalogue does not cover the source, as readable lines."""
    messages, dynamic = extract()
    catalogue = load(language)
    out = [f"{place}: text is not a literal, so it cannot be translated" for place in dynamic]
    seen: set[tuple[str, str]] = set()
    for message in messages:
        key = (message.context, message.text)
        if key in seen:
            continue
        seen.add(key)
        entry = catalogue.get(message.context, {}).get(message.text)
        forms = entry if isinstance(entry, list) else [entry]
        if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            out.append(f"{message.where}: no {language} text for [{message.context}] {message.text!r}")
            continue
        for form in forms:
            if placeholders(str(form)) != placeholders(message.text) and not (
                    "%n" in message.text and placeholders(str(form)) == [
                        p for p in placeholders(message.text) if p != "%n"]):
                out.append(f"{message.where}: {language} text for {message.text!r} has "
                           f"placeholders {placeholders(str(form))}, "
                           f"expected {placeholders(message.text)}")
    return out


def update(language: str = "sv") -> int:
    """Add missing texts (empty) and drop texts the source no longer uses; returns missing count."""
    messages, _ = extract()
    old = load(language)
    new: dict[str, dict[str, object]] = {}
    for message in messages:
        entries = new.setdefault(message.context, {})
        entries[message.text] = old.get(message.context, {}).get(message.text, "")
    ordered = {ctx: dict(sorted(new[ctx].items())) for ctx in sorted(new)}
    path = CATALOGUES / f"{language}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sum(1 for entries in ordered.values() for v in entries.values() if not v)


def merge(fragment_path: Path, language: str = "sv") -> int:
    """Add the non-empty translations of a fragment file; returns how many were added."""
    import fcntl  # POSIX only; this is a developer tool

    fragment = json.loads(fragment_path.read_text(encoding="utf-8"))
    path = CATALOGUES / f"{language}.json"
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = load(language)
        added = 0
        for context, entries in fragment.items():
            for text, translation in entries.items():
                if translation:
                    catalogue.setdefault(context, {})[text] = translation
                    added += 1
        ordered = {ctx: dict(sorted(catalogue[ctx].items())) for ctx in sorted(catalogue)}
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        temporary.replace(path)
    return added


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "merge":
        language = argv[2] if len(argv) > 2 else "sv"
        print(f"{language}: {merge(Path(argv[1]), language)} translations merged")
        return 0
    language = argv[1] if len(argv) > 1 else "sv"
    if command == "update":
        missing = update(language)
        print(f"{language}: {missing} texts still need a translation")
        return 0
    found = problems(language)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
