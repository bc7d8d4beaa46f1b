"""Build the one-folder app in dist/cjm-desktop/ with PyInstaller and report its size.

Usage:  python packaging/build.py [--clean]
Needs PyInstaller in the same environment as cjm-desktop (python -m pip install ".[packaging]").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "cjm-desktop"
# Qt's own translations: only the languages the app speaks (the rest are ~25 MB).
KEEP_QT_LANGUAGES = ("sv",)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable() -> Path:
    name = "cjm-desktop.exe" if sys.platform == "win32" else "cjm-desktop"
    return APP_DIR / name


def prune_translations(app_dir: Path) -> int:
    """Drop Qt translation files of languages the app does not ship; returns bytes freed."""
    freed = 0
    for qm in app_dir.rglob("translations/*.qm"):
        language = qm.stem.split("_", 1)[-1]
        if language not in KEEP_QT_LANGUAGES:
            freed += qm.stat().st_size
            qm.unlink()
    return freed


def build(clean: bool = False) -> tuple[Path, float, int]:
    """Run PyInstaller; returns (executable, seconds, bundle bytes)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            'PyInstaller is not installed here: python -m pip install ".[packaging]"') from None
    if clean:
        shutil.rmtree(WORK, ignore_errors=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(HERE / "cjm-desktop.spec")]
    subprocess.run(command, check=True, cwd=ROOT)
    prune_translations(APP_DIR)
    seconds = time.perf_counter() - started
    return executable(), seconds, folder_size(APP_DIR)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="rebuild from scratch")
    args = parser.parse_args()
    exe, seconds, size = build(clean=args.clean)
    print(f"built {exe} in {seconds:.0f} s; bundle {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
