"""Work off the GUI thread: its answer reaches the GUI thread while the window that asked
exists, and is dropped once that window is gone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from timo_desktop.ui.off_thread import run_off_thread


def test_the_answer_or_the_error_comes_back_in_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    answers: list[tuple[object, object, bool]] = []

    def done(result: object, error: BaseException | None) -> None:
        on_gui = threading.current_thread() is threading.main_thread()
        answers.append((result, error and str(error), on_gui))

    run_off_thread(owner, lambda: 42, done, name="test-answer")

    def fail() -> int:
        raise ValueError("no keyring")

    run_off_thread(owner, fail, done, name="test-error")
    qtbot.waitUntil(lambda: len(answers) == 2)
    assert (42, None, True) in answers
    assert (None, "no keyring", True) in answers


def test_an_answer_after_the_window_closed_is_dropped(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    finished = threading.Event()
    answers: list[object] = []

    def slow() -> str:
        release.wait(5)
        finished.set()
        return "late"

    run_off_thread(owner, slow, lambda result, _error: answers.append(result), name="test-late")
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    assert finished.wait(5)
    qtbot.wait(200)  # several times the poll interval
    assert answers == []
