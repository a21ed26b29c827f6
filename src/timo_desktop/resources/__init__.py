"""Files Timo ships inside its package (icons), found through `importlib.resources`.

Going through `importlib.resources` rather than `__file__` keeps the same
lookup working from a source tree, an installed wheel and a PyInstaller
bundle. Icons are PNGs rendered from `assets/icons/*.svg` by
`assets/render_icons.py`, one file per size: `icons/<name>-<size>.png`.
This module imports no Qt, so the CLI can use it too.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

APP_ICON = "timo"
TRAY_STOPPED = "tray-stopped"
TRAY_RUNNING = "tray-running"
# Black on transparent, for macOS menu-bar template images (`QIcon.setIsMask(True)`).
TRAY_STOPPED_TEMPLATE = "tray-stopped-template"
TRAY_RUNNING_TEMPLATE = "tray-running-template"


def _icons_dir() -> Path:
    folder = files(__name__) / "icons"
    # Qt loads icons by file name, so the package must be installed as real files
    # (wheel, source tree, onedir bundle) rather than read from inside an archive.
    if not isinstance(folder, Path):
        raise RuntimeError(f"Timo's icons are not on the file system ({folder}); reinstall Timo.")
    return folder


def icon_paths(name: str) -> list[Path]:
    """Every rendered size of icon `name`, smallest first (for `QIcon.addFile`)."""
    found = {
        int(path.stem.removeprefix(f"{name}-")): path
        for path in _icons_dir().glob(f"{name}-*.png")
        if path.stem.removeprefix(f"{name}-").isdigit()
    }
    if not found:
        raise FileNotFoundError(f"Timo's icon {name!r} is missing from {_icons_dir()}")
    return [found[size] for size in sorted(found)]


def icon_path(name: str, size: int) -> Path:
    """The PNG of icon `name` at `size` pixels square."""
    path = _icons_dir() / f"{name}-{size}.png"
    if not path.is_file():
        raise FileNotFoundError(f"Timo's icon {name!r} has no {size} px file ({path})")
    return path
