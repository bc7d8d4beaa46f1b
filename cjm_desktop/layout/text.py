"""Word wrapping measured with the bundled fonts, shared by canvas and poster."""

from __future__ import annotations

from functools import lru_cache

from ..fonts import text_width

ELLIPSIS = "…"


def _break_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _with_ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    line = line.rstrip()
    while line and text_width(line + ELLIPSIS, size, bold) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


@lru_cache(maxsize=65536)
def wrap_text(
    text: str, width: float, size: float, bold: bool = False, max_lines: int = 0
) -> tuple[str, ...]:
    """Lines that fit ``width`` at font ``size``; with max_lines, the last one ends in '…'."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, bold) <= width:
                current = word
            else:
                *full, current = _break_long_word(word, width, size, bold)
                lines.extend(full)
            if max_lines and len(lines) > max_lines:
                break
        lines.append(current)
        if max_lines and len(lines) > max_lines:
            break
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], width, size, bold)
    return tuple(lines)
