"""Autosave files: the unsaved state of each open map, kept in the user data folder.

Each document session owns one slot: ``<session>.cjm`` (the map, in the normal file
format) and ``<session>.json`` (who wrote it and what it is). The map is written before
its metadata, both atomically, so a slot with metadata always has a whole map. A clean
close or a successful save removes the slot; whatever is left after a crash is offered
for recovery (see ``recovery.py``). Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from .. import __version__
from ..model import Project
from .files import write_atomically
from .locks import APP_NAME, host_name

AUTOSAVE_FORMAT = 1
DATA_SUFFIX = ".cjm"
META_SUFFIX = ".json"

log = logging.getLogger(__name__)


def user_data_folder() -> Path:
    """platformdirs' per-user data folder for this app (created on first use by callers)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def autosave_folder() -> Path:
    return user_data_folder() / "autosave"


def count_cards(project: Project) -> int:
    return sum(len(journey.cards) for journey in project.journeys)


@dataclass(frozen=True)
class AutosaveMeta:
    """What the recovery dialog shows without loading the map itself."""

    session: str
    pid: int
    host: str
    original_path: str | None
    title: str
    saved_at: float
    card_count: int
    project_id: str
    app_version: str = __version__
    autosave_format: int = AUTOSAVE_FORMAT

    @classmethod
    def describe(cls, session: str, project: Project, original_path: Path | None) -> AutosaveMeta:
        return cls(
            session=session,
            pid=os.getpid(),
            host=host_name(),
            original_path=str(original_path) if original_path is not None else None,
            title=project.title,
            saved_at=time.time(),
            card_count=count_cards(project),
            project_id=project.id,
        )

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> AutosaveMeta:
        """Raises ValueError for anything that is not metadata we wrote."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, RecursionError) as exc:
            raise ValueError("unreadable autosave metadata") from exc
        if not isinstance(data, dict):
            raise ValueError("autosave metadata is not an object")
        known = {f.name for f in fields(cls)}
        try:
            meta = cls(**{k: v for k, v in data.items() if k in known})
        except TypeError as exc:
            raise ValueError("autosave metadata is incomplete") from exc
        if not isinstance(meta.session, str) or not isinstance(meta.pid, int):
            raise ValueError("autosave metadata has wrong types")
        return meta


class AutosaveSlot:
    """The pair of files one document session autosaves into."""

    def __init__(self, session: str | None = None, folder: Path | None = None) -> None:
        # Time first so a listing of the folder is in creation order; uuid keeps it unique.
        self.session = session or f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder = folder or autosave_folder()

    @property
    def data_path(self) -> Path:
        return self.folder / (self.session + DATA_SUFFIX)

    @property
    def meta_path(self) -> Path:
        return self.folder / (self.session + META_SUFFIX)

    def exists(self) -> bool:
        return self.meta_path.exists()

    def write(self, data: bytes, meta: AutosaveMeta) -> None:
        """Store one autosave; raises ProjectFileError if the data folder cannot be written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        # Private: other accounts on a shared laptop must not read someone's workshop notes.
        write_atomically(self.data_path, data, backup=False, private=True)
        write_atomically(self.meta_path, meta.to_bytes(), backup=False, private=True)

    def remove(self) -> None:
        # Metadata first: a slot without metadata is never offered, even if the map file lingers.
        for path in (self.meta_path, self.data_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def claim(self) -> None:
        """Mark an existing slot as this process's, so other instances do not offer it."""
        meta = AutosaveMeta.from_bytes(self.meta_path.read_bytes())
        claimed = AutosaveMeta(**{**asdict(meta), "pid": os.getpid(), "host": host_name()})
        write_atomically(self.meta_path, claimed.to_bytes(), backup=False, private=True)


class AutosaveWriter:
    """One background thread for every autosave file operation, run strictly in order.

    Serializing the map happens on the caller's (GUI) thread, where the model lives; only
    the disk work runs here, so a slow or stuck disk never freezes the window. Order
    matters: a removal queued after a write must run after it.
    """

    _instance: AutosaveWriter | None = None
    _instance_lock = threading.Lock()

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cjm-autosave")

    @classmethod
    def shared(cls) -> AutosaveWriter:
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def submit(self, job: Callable[[], None]) -> Future[None]:
        return self._executor.submit(job)
