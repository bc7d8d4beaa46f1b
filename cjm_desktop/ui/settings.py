"""User preferences and recent files, stored in the platform's config folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

MAX_RECENT = 10


def settings() -> QSettings:
    folder = Path(platformdirs.user_config_dir("cjm-desktop", appauthor=False))
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def recent_files(existing_only: bool = True) -> list[Path]:
    """Most recent first; files that were moved or deleted (or a removed USB stick) are left out."""
    raw = settings().value("recent_files", [])
    if isinstance(raw, str):
        raw = [raw]
    paths = [Path(p) for p in (raw or []) if p]
    return [p for p in paths if _is_file(p)] if existing_only else paths


def _is_file(path: Path) -> bool:
    # A share gone offline, a folder you may no longer read, a name too long: not listed.
    try:
        return path.is_file()
    except OSError:
        return False


def add_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    files = [p for p in recent_files(existing_only=False) if p != path]
    store = settings()
    store.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])
    store.sync()


def clear_recent_files() -> None:
    store = settings()
    store.remove("recent_files")
    store.sync()


def get_value(key: str, default: object) -> object:
    value = settings().value(key, default)
    if isinstance(default, bool) and isinstance(value, str):
        return value.lower() == "true"
    if isinstance(default, int) and not isinstance(default, bool):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    return value


def set_value(key: str, value: object) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()
