"""Errors an export can end with, each phrased for the person who asked for it."""

from __future__ import annotations


class ExportError(Exception):
    """What went wrong and what to do, in one line; never a traceback."""

    @property
    def message(self) -> str:
        return str(self)


class ExportCancelled(ExportError):  # noqa: N818 - reads better at call sites than ...Error
    """The user pressed Cancel; the target file was not touched."""

    def __init__(self) -> None:
        super().__init__("Export cancelled; no file was written")
