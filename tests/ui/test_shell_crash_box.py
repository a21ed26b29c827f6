"""An unexpected error is said in a plain sentence; Python's words about it are only under
the box's details, and the whole traceback is in the log."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from timo_desktop.ui.crash_guard import ExceptionHook, install_logging, open_log_file


@dataclass(frozen=True)
class Said:
    text: str
    informative: str
    details: str


@pytest.fixture
def boxes(qapp: QApplication) -> Iterator[list[Said]]:
    """What each message box shown during the test said; each is closed once read. A
    timer reads them, so a modal box (its own event loop) is read and closed as well."""
    before = {id(w) for w in qapp.topLevelWidgets()}  # one an earlier test left is not ours
    said: list[Said] = []

    def read_and_close() -> None:
        for box in qapp.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible() and id(box) not in before:
                said.append(Said(box.text(), box.informativeText(), box.detailedText()))
                box.close()

    poll = QTimer(interval=20)
    poll.timeout.connect(read_and_close)
    poll.start()
    yield said
    poll.stop()


@pytest.fixture
def hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logging: None
) -> Iterator[tuple[ExceptionHook, Path]]:
    log_file = tmp_path / "logs" / "timo.log"
    install_logging()
    open_log_file(log_file)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    guard = ExceptionHook(log_file)
    guard.install()
    yield guard, log_file


def _missing_key() -> None:
    entry: dict[str, str] = {}
    entry["project_id"]  # the KeyError the audit saw


@pytest.mark.qt_no_exception_capture
def test_the_box_speaks_plainly_and_keeps_pythons_words_for_details(
    qtbot: QtBot, hook: tuple[ExceptionHook, Path], boxes: list[Said]
) -> None:
    _guard, log_file = hook
    ran: list[bool] = []
    for _ in range(2):  # the same error twice: one box
        QTimer.singleShot(0, _missing_key)
    QTimer.singleShot(0, lambda: ran.append(True))  # and the loop goes on after them
    qtbot.waitUntil(lambda: bool(boxes) and ran == [True])

    [box] = boxes
    assert box.text == "Something went wrong in Timo. Your entries are safe."
    assert str(log_file) in box.informative
    assert "project_id" not in box.text + box.informative
    assert box.details == "KeyError: 'project_id'"
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    assert text.count("Traceback (most recent call last)") == 2  # each is logged in full
    assert text.count("KeyError: 'project_id'") == 2


@pytest.mark.qt_no_exception_capture
def test_another_error_after_the_box_closed_is_shown(
    qtbot: QtBot, hook: tuple[ExceptionHook, Path], boxes: list[Said]
) -> None:
    def fail(message: str) -> None:
        raise RuntimeError(message)

    QTimer.singleShot(0, lambda: fail("first"))
    qtbot.waitUntil(lambda: len(boxes) == 1)
    QTimer.singleShot(0, lambda: fail("second"))
    qtbot.waitUntil(lambda: len(boxes) == 2)
    assert [box.details for box in boxes] == ["RuntimeError: first", "RuntimeError: second"]
