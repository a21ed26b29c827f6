"""A second launch does not start a second Timo; it wakes the first."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.ui.single_instance import SingleInstance


def test_second_instance_is_refused_and_wakes_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    lock = tmp_path / "run" / "timo.lock"
    lock.parent.mkdir()
    first = SingleInstance(lock)
    assert first.acquire()
    first.listen()
    second = SingleInstance(lock)
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.acquire()
    first.release()
    third = SingleInstance(lock)
    assert third.acquire()
    third.listen()  # released on quit, so the next launch runs
    third.release()


def test_a_lock_file_that_cannot_be_written_is_no_other_timo(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """On a full disk the lock file could not be made, and Timo took that for another Timo
    running: it asked nobody to show a window, and ended without a word. A folder that is
    not there fails the same way as one that is full."""
    unwritable = SingleInstance(tmp_path / "gone" / "timo.lock")
    assert unwritable.acquire()
    assert "running without it" in caplog.text
    unwritable.release()


def test_a_launch_while_timo_quits_waits_and_runs(qtbot: QtBot, tmp_path: Path) -> None:
    """Quitting, Timo may spend seconds sending its last changes; opened again meanwhile,
    the new launch took the quitting one for a running Timo, and nothing opened at all."""
    lock = tmp_path / "run" / "timo.lock"
    lock.parent.mkdir()
    quitting = SingleInstance(lock)
    assert quitting.acquire()
    quitting.listen()
    quitting.stop_answering()  # as quitting begins
    activations: list[object] = []
    quitting.activated.connect(lambda: activations.append(True))
    gone = threading.Timer(0.5, quitting.release)  # its last round over, it goes
    gone.start()
    launched = SingleInstance(lock)
    try:
        assert launched.acquire()
    finally:
        gone.join()
    assert activations == []
    launched.release()


def test_a_lock_no_process_holds_is_taken_though_its_process_number_lives(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """After a crash, the lock file named a process number in use again by another program
    of the same name: Qt took the lock for held, every launch waited 15 s and ended without
    a word, and Timo would not start until the file was deleted by hand. It is taken once
    the wait for an answer is over."""
    import os

    lock = tmp_path / "run" / "timo.lock"
    lock.parent.mkdir()
    taken = SingleInstance(lock)
    assert taken.acquire()
    holder = lock.read_text()
    taken.release()
    # The file as the crash left it, naming a process that is alive: this one.
    lock.write_text(holder.replace(holder.split("\n", 1)[0], str(os.getpid()), 1))
    later = SingleInstance(lock)
    assert later.acquire(wait=0.5)
    later.release()


def test_a_timo_that_holds_its_lock_and_does_not_answer_is_not_started_twice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    lock = tmp_path / "run" / "timo.lock"
    lock.parent.mkdir()
    hung = SingleInstance(lock)
    assert hung.acquire()  # it never listens
    later = SingleInstance(lock)
    assert not later.acquire(wait=0.5) and not later.answered
    hung.release()
