"""Correct text extraction for characters beyond U+FFFF (emoji) in reportlab's PDFs.

reportlab writes such code points into the ToUnicode map as odd-length hex
(``<1F642>``), which readers reject, so copying 🙂 out of the poster or searching for
it fails. The PDF specification wants UTF-16BE there, i.e. a surrogate pair. This
module swaps in a map writer that does that; the glyphs drawn are unaffected.
"""

from __future__ import annotations

from collections.abc import Sequence

_installed = False


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    entries = [f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *entries,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def install() -> None:
    global _installed
    if _installed:
        return
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    _installed = True
