"""One running app per user: a second `cjm-desktop FILE` hands FILE over and exits.

The first instance listens on a local socket (a Unix socket file, a named pipe on Windows).
A later start connects, sends one JSON line ``{"files": [...]}`` with absolute paths, waits
for the ``ok`` reply and exits; the running app opens each file in a new window. A socket
file left by a crashed instance is detected (nobody answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from .app import WindowManager

log = logging.getLogger(__name__)

# Lets a test or a portable setup run an app of its own next to the user's usual one.
NAME_ENV = "CJM_DESKTOP_INSTANCE_NAME"
CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 3000
MAX_MESSAGE_BYTES = 1 << 20  # far more than any real list of paths; guards against junk


def default_server_name() -> str:
    """Per-user name, so two people on one machine each get their own app."""
    override = os.environ.get(NAME_ENV, "").strip()
    if override:
        return override
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "user"
    digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:12]
    return f"cjm-desktop-{digest}"


def encode_request(files: list[str]) -> bytes:
    paths = [str(Path(name).expanduser().absolute()) for name in files]
    return json.dumps({"files": paths}, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_request(data: bytes) -> list[Path] | None:
    """The files of one request, or None when the bytes are not a request we understand."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("files") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return [Path(f) for f in files]


def hand_over(files: list[str], name: str | None = None) -> bool:
    """Send ``files`` to a running instance; True if it took them (then this process exits)."""
    socket = QLocalSocket()
    socket.connectToServer(name or default_server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(encode_request(files))
    socket.flush()
    # flush() usually sends everything at once, and then there is nothing left to wait for.
    if socket.bytesToWrite() and not socket.waitForBytesWritten(REPLY_TIMEOUT_MS):
        socket.abort()
        return False
    reply = b""
    while b"\n" not in reply:
        if not socket.bytesAvailable() and not socket.waitForReadyRead(REPLY_TIMEOUT_MS):
            reply += bytes(socket.readAll().data())  # the answer may come with the hang-up
            break
        reply += bytes(socket.readAll().data())
    socket.abort()
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later starts and emits ``files_received`` (a list of Paths, maybe empty)."""

    files_received = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or default_server_name()
        self._server = QLocalServer(self)
        # Only this user may connect: nobody else can make our app open files.
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening, replacing a stale socket; False if another instance answers."""
        # Ask first: with access options Qt creates the socket elsewhere and renames it into
        # place, which would silently take the name from a live instance.
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.abort()
            return False
        if self._server.listen(self.name):
            return True
        if self._server.serverError() != QLocalSocket.LocalSocketError.AddressInUseError:
            log.warning("single-instance socket %s: %s", self.name, self._server.errorString())
            return False
        # Left behind by a crash: nobody answered, so the file can go.
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("single-instance socket %s: %s", self.name, self._server.errorString())
        return False

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if b"\n" not in data:
            self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        files = decode_request(line)
        socket.write(b"ok\n" if files is not None else b"error\n")
        socket.flush()
        # The client hangs up once it has read the answer; that disconnect frees the socket.
        if files is not None:
            # Not from inside this handler: opening may show a modal message box, and the
            # hang-up handled in its event loop deletes the socket whose readyRead is still
            # being delivered (a crash).
            QTimer.singleShot(0, self, lambda: self.files_received.emit(files))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def open_received(manager: WindowManager, files: list[Path]) -> None:
    """Open handed-over files in new windows (or the untouched start window); none: a new window."""
    if not files:
        window = manager.new_window(None)
        window.show()
        window.raise_()
        window.activateWindow()
        return
    for path in files:
        # A window with a dialog open is in use, even on a blank map: that dialog holds the
        # map's cells and would write into whatever map the window shows when it closes.
        spare = next((w for w in manager.windows if w.isVisible() and w.is_pristine()
                      and not any(d.isVisible() for d in w.findChildren(QDialog))), None)
        window = manager.open_path(path, spare)
        if window is not None:
            window.raise_()
            window.activateWindow()


class FileOpenFilter(QObject):
    """macOS opens documents from Finder with a FileOpen event instead of a command line."""

    def __init__(self, manager: WindowManager) -> None:
        super().__init__(manager)
        self._manager = manager

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                open_received(self._manager, [Path(event.file())])
                return True
        return False


def serve(manager: WindowManager, name: str | None = None) -> InstanceServer:
    """Let later starts and the desktop hand files to ``manager``; lives as long as the manager."""
    server = InstanceServer(name, parent=manager)
    if server.listen():
        server.files_received.connect(lambda files: open_received(manager, files))
    app = QCoreApplication.instance()
    if app is not None:
        app.installEventFilter(FileOpenFilter(manager))
    return server
