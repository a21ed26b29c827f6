"""Timo finds its icons and migrations through importlib.resources, never `__file__`,
so the same lookups work from a source tree, a wheel and a PyInstaller bundle."""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from timo_desktop import resources
from timo_desktop.store.version import SCHEMA_VERSION, revision_id

REPO = Path(__file__).resolve().parents[2]  # the test locates the checkout, not package data
SOURCE = REPO / "src"
ICON_NAMES = [
    resources.APP_ICON,
    resources.TRAY_STOPPED,
    resources.TRAY_RUNNING,
    resources.TRAY_STOPPED_TEMPLATE,
    resources.TRAY_RUNNING_TEMPLATE,
]


def load(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    return image.convertToFormat(QImage.Format.Format_ARGB32)


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_is_a_square_png_of_its_stated_size(name: str) -> None:
    paths = resources.icon_paths(name)
    assert paths[0].name == f"{name}-16.png"  # smallest first
    for path in paths:
        size = int(path.stem.rsplit("-", 1)[1])
        image = load(path)
        assert (image.width(), image.height()) == (size, size), path.name


def test_the_app_icon_comes_in_every_size_the_bundles_need() -> None:
    sizes = [int(p.stem.rsplit("-", 1)[1]) for p in resources.icon_paths(resources.APP_ICON)]
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]


def test_icon_path_names_the_missing_size() -> None:
    with pytest.raises(FileNotFoundError, match="no 17 px file"):
        resources.icon_path(resources.APP_ICON, 17)


@pytest.mark.parametrize("name", [resources.TRAY_STOPPED_TEMPLATE, resources.TRAY_RUNNING_TEMPLATE])
def test_macos_template_icons_are_black_on_transparent(name: str) -> None:
    # The menu bar tints template images through their alpha alone; any colour would show.
    image = load(resources.icon_path(name, 32))
    coloured = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0 and image.pixelColor(x, y).rgb() & 0xFFFFFF
    ]
    assert coloured == []
    assert any(image.pixelColor(x, 16).alpha() == 255 for x in range(32))


@pytest.mark.parametrize(
    ("stopped", "running"),
    [
        (resources.TRAY_STOPPED, resources.TRAY_RUNNING),
        (resources.TRAY_STOPPED_TEMPLATE, resources.TRAY_RUNNING_TEMPLATE),
    ],
)
def test_running_tray_icon_differs_from_stopped_at_16_px(stopped: str, running: str) -> None:
    a, b = (load(resources.icon_path(name, 16)) for name in (stopped, running))
    changed = sum(
        1
        for y in range(16)
        for x in range(16)
        if abs(a.pixelColor(x, y).alpha() - b.pixelColor(x, y).alpha()) > 64
        or abs(a.pixelColor(x, y).hue() - b.pixelColor(x, y).hue()) > 30
        or abs(a.pixelColor(x, y).lightness() - b.pixelColor(x, y).lightness()) > 64
    )
    assert changed >= 40, f"only {changed} of 256 pixels tell running from stopped"


def test_migrations_are_package_files_alembic_can_read() -> None:
    folder = files("timo_desktop.store") / "migrations"
    assert (folder / "env.py").is_file()
    scripts = {
        p.name.split("_", 1)[0] for p in (folder / "versions").iterdir() if p.name.endswith(".py")
    }
    assert {revision_id(n) for n in range(1, SCHEMA_VERSION + 1)} <= scripts


def test_every_package_data_file_is_declared_for_the_wheel() -> None:
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["*"]
    undeclared = [
        str(path.relative_to(SOURCE))
        for path in (SOURCE / "timo_desktop").rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".py", ".pyc", ".typed"}
        and not any(fnmatch.fnmatch(path.name, p) for p in patterns)
    ]
    assert undeclared == []


def test_no_module_builds_paths_from_its_own_file() -> None:
    # `__file__` points into an archive or a temp folder in some bundles; data is
    # found through importlib.resources instead.
    offenders = [
        f"{path.relative_to(SOURCE)}:{node.lineno}"
        for path in sorted(SOURCE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name) and node.id == "__file__"
    ]
    assert offenders == []
