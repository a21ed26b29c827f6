"""Later launches reach the running Timo through its local socket: each is heard, none
leaves its socket behind or raises in the running app, and a `--background` one (autostart
firing twice) leaves the window as it is."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from timo_desktop.ui.single_instance import SingleInstance, server_name


@pytest.fixture
def running(tmp_path: Path) -> Iterator[SingleInstance]:
    """The running Timo's instance, listening."""
    lock = tmp_path / "run" / "timo.lock"
    lock.parent.mkdir()
    first = SingleInstance(lock)
    assert first.acquire()
    first.listen()
    yield first
    first.release()


@pytest.fixture
def hook_calls(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """What reaches `sys.excepthook` (the app's ExceptionHook shows each in a box)."""
    calls: list[BaseException] = []

    def record(_kind: type[BaseException], error: BaseException, _tb: TracebackType | None) -> None:
        calls.append(error)

    monkeypatch.setattr(sys, "excepthook", record)
    return calls


def _server_sockets(instance: SingleInstance) -> list[QLocalSocket]:
    server = instance.findChild(QLocalServer)
    assert server is not None
    sockets: list[QLocalSocket] = server.findChildren(QLocalSocket)
    return sockets


@pytest.mark.qt_no_exception_capture  # the app's own hook is what would see the error
def test_each_later_launch_raises_the_window_and_leaves_nothing_behind(
    qtbot: QtBot, tmp_path: Path, running: SingleInstance, hook_calls: list[BaseException]
) -> None:
    for _launch in range(3):  # the audit saw the error on every second launch
        launch = QLocalSocket()
        launch.connectToServer(server_name(tmp_path / "run"))
        assert launch.waitForConnected(5000)
        with qtbot.waitSignal(running.activated, timeout=5000):
            launch.write(b"raise\n")
            assert launch.waitForBytesWritten(5000)
        launch.disconnectFromServer()
        # The running Timo lets the hung-up socket go (deleteLater), without an error.
        qtbot.waitUntil(lambda: not _server_sockets(running), timeout=5000)
        assert hook_calls == []


def test_a_background_launch_leaves_the_window_alone(
    qtbot: QtBot, tmp_path: Path, running: SingleInstance
) -> None:
    raised: list[bool] = []
    running.activated.connect(lambda: raised.append(True))
    lock = tmp_path / "run" / "timo.lock"

    assert not SingleInstance(lock).acquire(background=True)
    qtbot.waitUntil(lambda: not _server_sockets(running), timeout=5000)  # heard and done
    assert raised == []

    with qtbot.waitSignal(running.activated, timeout=5000):
        assert not SingleInstance(lock).acquire()  # a plain second launch still raises it
    assert raised == [True]


def test_words_split_across_reads_are_still_heard(
    qtbot: QtBot, tmp_path: Path, running: SingleInstance
) -> None:
    launch = QLocalSocket()
    launch.connectToServer(server_name(tmp_path / "run"))
    assert launch.waitForConnected(5000)
    launch.write(b"rai")
    assert launch.waitForBytesWritten(5000)
    qtbot.waitUntil(lambda: bool(_server_sockets(running)), timeout=5000)
    with qtbot.waitSignal(running.activated, timeout=5000):
        launch.write(b"se\n")
        assert launch.waitForBytesWritten(5000)
    launch.disconnectFromServer()


def test_the_socket_is_in_timos_own_folder_not_the_shared_tmp(
    tmp_path: Path, running: SingleInstance
) -> None:
    """A bare name was a socket in /tmp at a name anyone could work out: another user could
    make it first, and Timo then stopped answering its own launches."""
    name = server_name(tmp_path / "run")
    assert name == str((tmp_path / "run" / "timo.sock").resolve())
    assert Path(name).is_socket()
    deep = tmp_path / ("d" * 120) / "run"  # too long for a socket's path: a short name
    assert server_name(deep).startswith("timo-") and "/" not in server_name(deep)
