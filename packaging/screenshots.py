"""Screenshots for the README: the sample map at 1400×900 in English, Swedish and dark theme.

    python packaging/screenshots.py [OUT_DIR]     (default: docs/)
Runs offscreen; each picture is written atomically as window-en.png, window-sv.png and
window-dark.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {"window-en.png": ("en", "light"), "window-sv.png": ("sv", "light"),
         "window-dark.png": ("en", "dark")}


def take(out_dir: Path) -> list[Path]:
    # Separate settings, so a developer's own preferences and first-run state stay untouched.
    home = Path(tempfile.mkdtemp(prefix="cjm-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from cjm_desktop.app import create_application
    from cjm_desktop.document import MapDocument
    from cjm_desktop.i18n import install_translator
    from cjm_desktop.resources import sample_path
    from cjm_desktop.storage import load_project
    from cjm_desktop.ui.main_window import MainWindow
    from cjm_desktop.ui.preferences import apply_app_theme
    from cjm_desktop.ui.settings import set_value

    create_application()
    set_value("first_run_hint_shown", True)  # the hint would cover part of the map
    written = []
    for name, (language, theme) in SHOTS.items():
        install_translator(language)
        set_value("theme", theme)
        apply_app_theme(theme)
        window = MainWindow(MapDocument(load_project(sample_path())))
        window.resize(1400, 900)
        window.show()
        for _ in range(5):
            QCoreApplication.processEvents()
        window.view.fit_map()
        QCoreApplication.processEvents()
        image = window.grab().toImage()
        target = out_dir / name
        partial = target.with_suffix(".tmp.png")
        if not image.save(str(partial), "PNG"):
            raise SystemExit(f"could not write {partial}")
        os.replace(partial, target)
        written.append(target)
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    return written


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in take(out_dir):
        print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
