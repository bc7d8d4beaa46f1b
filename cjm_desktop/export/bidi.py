"""Right-to-left text in visual order for drawing, one wrapped line at a time.

reportlab draws characters in the order they are stored, so Hebrew or Arabic would
print backwards. This is a compact form of the Unicode bidirectional algorithm
(strong types, neutrals between equal neighbours, numbers kept left-to-right, rule
L2 reordering, mirrored brackets); enough for workshop notes that mix a
right-to-left language with Latin words and numbers. Arabic letters are not joined
into their contextual forms.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_RTL = frozenset(("R", "AL"))
_NUMBER = frozenset(("EN", "AN"))
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL for c in text if ord(c) >= 0x590)


@lru_cache(maxsize=8192)
def visual_order(line: str) -> str:
    """The line reordered for left-to-right drawing; unchanged when it has no RTL letters."""
    if not has_rtl(line):
        return line
    kinds = []
    for char in line:
        bidi = unicodedata.bidirectional(char)
        kinds.append("R" if bidi in _RTL else "L" if bidi == "L" else "N" if bidi in _NUMBER else "")
    first_strong = next((k for k in kinds if k in ("R", "L")), "L")
    base = 1 if first_strong == "R" else 0

    # Strong direction of each character: numbers count as strong right-to-left
    # context for neutrals (rule N1) but keep their own left-to-right order.
    strong = ["R" if k in ("R", "N") else k for k in kinds]
    resolved = list(strong)
    i = 0
    while i < len(line):
        if resolved[i]:
            i += 1
            continue
        j = i
        while j < len(line) and not strong[j]:
            j += 1
        before = strong[i - 1] if i > 0 else ("R" if base else "L")
        after = strong[j] if j < len(line) else ("R" if base else "L")
        fill = before if before == after else ("R" if base else "L")
        for k in range(i, j):
            resolved[k] = fill
        i = j

    levels = []
    for kind, direction in zip(kinds, resolved, strict=True):
        if kind == "N":
            levels.append(base + 1 if base % 2 == 0 else base + 1)
        elif direction == "R":
            levels.append(base if base % 2 else base + 1)
        else:
            levels.append(base if base % 2 == 0 else base + 1)
    # Numbers inside a left-to-right paragraph but outside RTL text stay at level 0.
    if base == 0:
        for index, kind in enumerate(kinds):
            if kind == "N" and resolved[index] != "R":
                levels[index] = 0
    chars = [(_MIRROR.get(c, c) if lvl % 2 else c) for c, lvl in zip(line, levels, strict=True)]
    top = max(levels)
    lowest_odd = min((lvl for lvl in levels if lvl % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        index = 0
        while index < len(chars):
            if levels[index] >= level:
                end = index
                while end < len(chars) and levels[end] >= level:
                    end += 1
                chars[index:end] = chars[index:end][::-1]
                levels[index:end] = levels[index:end][::-1]
                index = end
            else:
                index += 1
    return "".join(chars)
