"""Where bundled resources live, in a wheel install and in a source checkout alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    # A wheel carries resources/ inside the package; a checkout keeps it beside the package.
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_path() -> Path:
    return resource_path("samples", "rail-journey.cjm")
