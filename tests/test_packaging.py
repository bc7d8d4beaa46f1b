"""Packaging: Linux integration files validate, icons match, and (on request) the bundle works.

The bundle test builds with PyInstaller (about half a minute) and runs only with
CJM_BUILD_BUNDLE=1; the other checks are quick and always run.
"""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.cjmdesktop.CjmDesktop"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MAX_BUNDLE_MB = 150


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_cjm_files() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "cjm-desktop" and "%F" in entry["Exec"].split()
    assert "application/x-cjm+json" in entry["MimeType"].split(";")
    assert entry["Icon"] == APP_ID
    assert entry["Name[sv]" if "Name[sv]" in entry else "Name"]
    assert entry["Comment[sv]"]  # Swedish desktops show Swedish text


def test_metainfo_matches_desktop_file_and_mime_type() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == DESKTOP.name
    assert component.findtext("project_license") == "MIT"
    assert "application/x-cjm+json" in [m.text for m in component.iter("mediatype")]
    from cjm_desktop import __version__

    assert __version__ in [r.get("version") for r in component.iter("release")]


def test_mime_type_globs_and_magic_match_a_real_map(sample_file: Path) -> None:
    mime = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    assert mime.get("type") == "application/x-cjm+json"
    assert [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")] == ["*.cjm"]
    match = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    start, end = (int(x) for x in match.get("offset").split(":"))
    head = sample_file.read_bytes()[: end + len(match.get("value"))]
    assert match.get("value").encode("utf-8") in head[start:]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icons_exist_in_every_size_and_match_the_app_icon() -> None:
    hicolor = PACKAGING / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    svg = PACKAGING / "icons" / "cjm-desktop.svg"
    ET.parse(svg)  # well-formed
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == svg.read_bytes()
    assert (ROOT / "resources" / "icons" / "cjm-desktop.svg").read_bytes() == svg.read_bytes()
    ico = (PACKAGING / "icons" / "cjm-desktop.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 7)
    assert (PACKAGING / "icons" / "cjm-desktop.icns").read_bytes()[:4] == b"icns"


def test_spec_keeps_every_qt_module_the_app_imports() -> None:
    """The spec excludes unused Qt bindings; none of them may be one the code imports."""
    spec = ast.parse((PACKAGING / "cjm-desktop.spec").read_text(encoding="utf-8"))
    unused = next(ast.literal_eval(node.value) for node in ast.walk(spec)
                  if isinstance(node, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == "UNUSED_QT" for t in node.targets))
    imported: set[str] = set()
    for path in (ROOT / "cjm_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                imported.add(node.module.split(".")[1])
    assert {"QtCore", "QtGui", "QtWidgets"} <= imported
    assert imported.isdisjoint(unused), imported & set(unused)


# ----- the standard validators, where installed ---------------------------------------------
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt install desktop-file-utils)")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt install appstream)")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="update-mime-database not installed (apt install shared-mime-info)")
def test_mime_database_accepts_the_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copyfile(MIME_XML, packages / MIME_XML.name)
    result = subprocess.run(["update-mime-database", str(tmp_path / "mime")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "application/x-cjm+json" in (tmp_path / "mime" / "types").read_text()
    assert "*.cjm" in (tmp_path / "mime" / "globs2").read_text()


# ----- the bundle -------------------------------------------------------------------------------
def _without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env


@pytest.mark.skipif(os.environ.get("CJM_BUILD_BUNDLE") != "1",
                    reason="builds the PyInstaller bundle (~30 s); set CJM_BUILD_BUNDLE=1")
def test_bundle_builds_exports_without_display_and_hands_over(tmp_path: Path, sample_file: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import build as bundle_build
    finally:
        sys.path.remove(str(PACKAGING))
    exe, seconds, size = bundle_build.build()
    with capsys.disabled():
        print(f"\nbundle: built in {seconds:.0f} s, {size / 1e6:.1f} MB at {exe.parent}")
    assert size <= MAX_BUNDLE_MB * 1_000_000

    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60,
                             env=_without_display())
    assert version.returncode == 0 and "cjm-desktop" in version.stdout

    poster = tmp_path / "Affisch 🙂.pdf"
    result = subprocess.run([str(exe), "export", str(sample_file), "-o", str(poster)],
                            capture_output=True, text=True, timeout=120, env=_without_display())
    assert result.returncode == 0, result.stderr
    assert poster.read_bytes()[:5] == b"%PDF-" and poster.stat().st_size > 20_000

    # A user-local install (no admin rights) puts the command, menu entry and file type in place.
    home = tmp_path / "home"
    data = home / ".local" / "share"
    installed = subprocess.run(["sh", str(LINUX / "install.sh")], capture_output=True, text=True,
                               timeout=120, env={**_without_display(), "HOME": str(home),
                                                 "XDG_DATA_HOME": str(data)})
    assert installed.returncode == 0, installed.stderr
    command = home / ".local" / "bin" / "cjm-desktop"
    assert subprocess.run([str(command), "--version"], capture_output=True, text=True,
                          timeout=60).returncode == 0
    assert (data / "applications" / DESKTOP.name).is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("update-mime-database"):
        assert "*.cjm" in (data / "mime" / "globs2").read_text()

    # The bundled GUI starts (offscreen) and a second start hands its file over and exits.
    name = f"cjm-bundle-{uuid.uuid4().hex[:10]}"
    env = {**_without_display(), "QT_QPA_PLATFORM": "offscreen",
           "CJM_DESKTOP_INSTANCE_NAME": name, "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    first = subprocess.Popen([str(exe)], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        copy = tmp_path / "handed.cjm"
        shutil.copyfile(sample_file, copy)
        from PySide6.QtCore import QDir

        socket_file = Path(QDir.tempPath()) / name
        deadline = time.monotonic() + 60
        while not socket_file.exists():  # the first app is listening once its socket exists
            assert first.poll() is None, "the bundled app exited at start"
            assert time.monotonic() < deadline, "the bundled app never started listening"
            time.sleep(0.2)
        second = subprocess.run([str(exe), str(copy)], env=env, timeout=60,
                                capture_output=True, text=True)
        assert second.returncode == 0, second.stderr  # handed over and exited
        assert first.poll() is None  # the first app is still running, now with the map
    finally:
        first.send_signal(signal.SIGTERM)
        try:
            first.wait(timeout=10)
        except subprocess.TimeoutExpired:
            first.kill()
