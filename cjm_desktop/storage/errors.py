"""One clear error type for everything that can go wrong with a project file."""

from __future__ import annotations

from pathlib import Path

from ..translate import tr

_C = "storage.errors"  # translation context of this module


class ProjectFileError(Exception):
    """A problem with one file, phrased as: which file, what is wrong, what to do."""

    def __init__(self, path: Path | str | None, problem: str, advice: str) -> None:
        self.path = Path(path) if path is not None else None
        self.problem = problem
        self.advice = advice
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"'{self.path}'" if self.path is not None else tr(_C, "The map")
        return f"{where}: {self.problem}. {self.advice}"


class NewerFormatError(ProjectFileError):
    """The file was written by a newer cjm-desktop; it must not be half-read."""

    def __init__(self, path: Path | str | None, version: int, supported: int) -> None:
        self.version = version
        super().__init__(
            path,
            tr(_C, "it was saved by a newer cjm-desktop (format version {version}; this app "
                   "reads up to {supported})").format(version=version, supported=supported),
            tr(_C, "Update cjm-desktop to open it"),
        )
