"""Quit with a timer running: the answer is about the timer asked about, whatever the
command line did while the question was open, and the exit is recorded as clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp

Answer = Callable[[QMessageBox], None]


def click(text: str) -> Answer:
    def press(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()

    return press


@pytest.fixture
def cli(paths: Paths) -> Iterator[Tracker]:
    """`timo` on the command line: another connection to the same database."""
    other = Tracker.open(paths.database, source=Source.CLI)
    yield other
    other.close()


def quit_answering(timo: TimoApp, *answers: Answer) -> tuple[list[str], bool]:
    """Ctrl+Q; each quit question is answered in turn by `answers` (one more is
    cancelled). Returns what each question said, and whether Timo quit. The questions are
    modal, so a timer running inside their event loop answers them."""
    asked: list[str] = []
    quit_asked: list[bool] = []
    timo.quit_requested.connect(lambda: quit_asked.append(True))

    def answer_if_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.property("answered"):
            return
        box.setProperty("answered", True)
        asked.append(box.text())
        if len(asked) <= len(answers):
            answers[len(asked) - 1](box)
        else:
            box.reject()

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_asked)
    poll.start()
    try:
        timo.request_quit()
    finally:
        poll.stop()
    return asked, bool(quit_asked)


def test_stop_now_after_timo_stop_just_quits(timo: TimoApp, cli: Tracker) -> None:
    timo.tracker.start("Homepage layout")
    timo.reload()

    def stopped_meanwhile(box: QMessageBox) -> None:
        cli.stop()
        click("Stop now")(box)

    asked, quit = quit_answering(timo, stopped_meanwhile)
    assert asked == ["“Homepage layout” is still running."]
    assert quit
    assert "No timer is running" not in timo.window.undo_bar.message.text()
    assert timo.tracker.running() is None


def test_stop_now_after_timo_start_asks_about_the_new_timer(timo: TimoApp, cli: Tracker) -> None:
    timo.tracker.start("Homepage layout")
    timo.reload()

    def switched_meanwhile(box: QMessageBox) -> None:
        cli.start("Client call")  # stops Homepage layout, as a switch does
        click("Stop now")(box)

    asked, quit = quit_answering(timo, switched_meanwhile, click("Keep running"))
    assert asked == [
        "“Homepage layout” is still running.",
        "“Client call” is still running.",
    ]
    assert quit
    running = timo.tracker.running()
    assert running is not None and running.description == "Client call"


def test_stop_now_stops_the_timer_asked_about(timo: TimoApp) -> None:
    timo.tracker.start("Homepage layout")
    timo.reload()
    asked, quit = quit_answering(timo, click("Stop now"))
    assert quit and len(asked) == 1
    assert timo.tracker.running() is None
    assert any(e.description == "Homepage layout" for e in timo.tracker.recent(5))


def test_cancel_neither_quits_nor_stops(timo: TimoApp) -> None:
    timo.tracker.start("Homepage layout")
    timo.reload()
    _asked, quit = quit_answering(timo, click("Cancel"))
    assert not quit
    assert timo.tracker.running() is not None


def test_keep_running_is_recorded_as_a_clean_exit(timo: TimoApp) -> None:
    """The next start finds the timer kept on purpose: nothing to recover."""
    timo.tracker.start("Homepage layout")
    timo.reload()
    _asked, quit = quit_answering(timo, click("Keep running"))
    assert quit
    assert timo.tracker.running() is not None
    assert timo.tracker.recover() is None
