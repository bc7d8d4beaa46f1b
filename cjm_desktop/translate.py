"""Translation for the layers without Qt (storage, recovery): a hook the GUI fills in.

The command line never installs the hook, so its messages stay English; the window installs
Qt's translator through ``cjm_desktop.i18n``, and the same texts then reach the user in the
UI language. The extractor in packaging/i18n_tool.py finds ``tr(context, text)`` calls here
as anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[[str, str, int], str]


class _State:
    hook: Hook | None = None


def set_hook(hook: Hook | None) -> None:
    _State.hook = hook


def english_plural(text: str, n: int) -> str:
    """English sources write "%n card(s)": one → "card", else "cards"."""
    if n < 0 or "(s)" not in text:
        return text
    return text.replace("(s)", "" if n == 1 else "s")


def tr(context: str, text: str, n: int = -1) -> str:
    hook = _State.hook
    result = hook(context, text, n) if hook is not None else (
        text.replace("%n", str(n)) if n >= 0 else text)
    return english_plural(result, n)
