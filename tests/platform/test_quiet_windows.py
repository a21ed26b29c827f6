"""Windows quiet states, with shell32's call replaced by a real ctypes callback."""

from __future__ import annotations

import ctypes
import logging

import pytest

from timo_desktop.platform.quiet import Unsupported, detect
from timo_desktop.platform.quiet.windows import NotificationState, WindowsQuiet

QueryProto = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.POINTER(ctypes.c_int))
E_FAIL = -0x7FFFBFFB  # 0x80004005 as the signed 32-bit HRESULT Windows returns


class FakeShell:
    """Answers SHQueryUserNotificationState like Windows: writes the state, returns an HRESULT."""

    def __init__(self, state: int, result: int = 0) -> None:
        self.state, self.result, self.calls = state, result, 0
        self.callback = QueryProto(self._query)

    def _query(self, out: ctypes._Pointer[ctypes.c_int]) -> int:
        self.calls += 1
        if self.result == 0:
            out.contents.value = self.state
        return self.result


def windows(shell: FakeShell) -> WindowsQuiet:
    return WindowsQuiet(shell.callback)  # it holds the callback, so C can call it back


@pytest.mark.parametrize(
    "state",
    [
        NotificationState.NOT_PRESENT,
        NotificationState.BUSY,
        NotificationState.RUNNING_D3D_FULL_SCREEN,
        NotificationState.PRESENTATION_MODE,
        NotificationState.QUIET_TIME,
    ],
)
def test_states_where_windows_holds_notifications_are_quiet(state: NotificationState) -> None:
    assert windows(FakeShell(state)).is_quiet() is True


@pytest.mark.parametrize("state", [NotificationState.ACCEPTS_NOTIFICATIONS, NotificationState.APP])
def test_states_that_accept_notifications_are_not_quiet(state: NotificationState) -> None:
    assert windows(FakeShell(state)).is_quiet() is False


def test_state_numbers_match_shellapi_h() -> None:
    assert [s.value for s in NotificationState] == [1, 2, 3, 4, 5, 6, 7]


def test_each_check_asks_again_and_follows_the_change() -> None:
    shell = FakeShell(NotificationState.PRESENTATION_MODE)
    quiet = windows(shell)
    assert quiet.is_quiet() is True
    shell.state = NotificationState.ACCEPTS_NOTIFICATIONS
    assert quiet.is_quiet() is False
    assert shell.calls == 2


def test_a_failing_call_is_not_quiet_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    # Windows leaves the output alone on failure; a stale "busy" must not be read back.
    shell = FakeShell(NotificationState.BUSY)
    quiet = windows(shell)
    assert quiet.is_quiet() is True
    shell.result = E_FAIL
    with caplog.at_level(logging.WARNING):
        assert quiet.is_quiet() is False
        assert quiet.is_quiet() is False
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "SHQueryUserNotificationState failed (HRESULT 0x80004005); reminders are not held back"
    ]
    assert shell.calls == 3


def test_an_unknown_state_is_not_quiet(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert windows(FakeShell(42)).is_quiet() is False
    assert "unknown state 42" in caplog.text


def test_detect_on_windows_without_shell32_is_unsupported_with_the_reason() -> None:
    found = detect({}, "win32")  # here, on Linux, ctypes has no windll
    assert isinstance(found, Unsupported)
    assert "SHQueryUserNotificationState" in found.reason
    assert found.is_quiet() is False
