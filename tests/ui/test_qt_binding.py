"""The Qt binding keeps Python's books, and Timo keeps its import costs plain.

A model's `data()` answering None to Qt (for every role it has nothing for, thousands
of times per paint) must not use up a reference to None.

PySide6 6.12.0 took one reference away per such answer: on Python 3.11 the app aborted
("deallocating None") after a few dozen repaints of the entry list. pyproject.toml leaves
that release out; this test fails on any release that has the fault."""

from __future__ import annotations

import builtins
import linecache
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from timo_desktop.ui.app import plain_imports
from timo_desktop.ui.controller import TimoApp

CALLS = 2000


class Nothing(QAbstractListModel):
    """One row that has nothing for any role."""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


def test_none_from_a_python_model_costs_nothing() -> None:
    model = Nothing()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        index.data(Qt.ItemDataRole.ToolTipRole)  # through Qt's C++ into the Python override
    assert sys.getrefcount(None) - before > -CALLS // 2


def test_painting_the_entry_list_again_and_again_is_safe(qtbot: QtBot, timo: TimoApp) -> None:
    viewport = timo.window.entries.viewport()
    viewport.repaint()
    before = sys.getrefcount(None)
    for _ in range(20):
        viewport.repaint()
    assert sys.getrefcount(None) - before > -100


def _import_fresh(folder: Path, name: str) -> str:
    """Import a module never seen before from `folder`; return its file name."""
    source = folder / f"{name}.py"
    source.write_text("VALUE = 1\n" + "# a line of source text\n" * 200)
    sys.path.insert(0, str(folder))
    try:
        __import__(name)  # through builtins.__import__, as an import statement goes
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)
    return str(source)


def test_pyside_keeps_the_source_of_every_module_imported_after_it(tmp_path: Path) -> None:
    """What `plain_imports` avoids; if a PySide6 stops doing this, it has nothing to do."""
    assert _import_fresh(tmp_path, "read_by_pyside") in linecache.cache


def test_the_app_imports_later_modules_at_their_plain_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtins, "__import__", builtins.__import__)  # put back afterwards
    plain_imports()
    assert _import_fresh(tmp_path, "not_read") not in linecache.cache
    # Qt's own types still import (PySide's lazy loading is the import kept).
    from PySide6.QtWidgets import QCalendarWidget

    assert QCalendarWidget.__name__ == "QCalendarWidget"
