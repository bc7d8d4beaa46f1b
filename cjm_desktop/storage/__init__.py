"""Loading and saving .cjm project files."""

from .codec import dumps, loads
from .errors import NewerFormatError, ProjectFileError
from .files import load_project, save_project, write_atomically

__all__ = [
    "NewerFormatError",
    "ProjectFileError",
    "dumps",
    "load_project",
    "loads",
    "save_project",
    "write_atomically",
]
