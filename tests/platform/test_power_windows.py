"""The Windows power event filter, fed real MSG structures (the OS is not needed for that)."""

from __future__ import annotations

import ctypes

import pytest

from timo_desktop.platform.power import PowerEvent, PowerEventKind
from timo_desktop.platform.power.windows import (
    MSG,
    PBT_APMRESUMEAUTOMATIC,
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    WTS_SESSION_UNLOCK,
    PowerEventFilter,
)


@pytest.mark.parametrize(
    ("message", "wparam", "kind"),
    [
        (WM_POWERBROADCAST, PBT_APMSUSPEND, PowerEventKind.SUSPEND),
        (WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC, PowerEventKind.RESUME),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, PowerEventKind.LOCK),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, PowerEventKind.UNLOCK),
        (WM_POWERBROADCAST, 0x000A, None),  # PBT_APMPOWERSTATUSCHANGE: battery, not sleep
        (0x0200, 0, None),  # WM_MOUSEMOVE
    ],
)
def test_messages_become_power_events(
    message: int, wparam: int, kind: PowerEventKind | None
) -> None:
    seen: list[PowerEvent] = []
    event_filter = PowerEventFilter(seen.append)
    msg = MSG(message=message, wParam=wparam)
    handled = event_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))
    assert handled == (False, 0)  # never swallows the message
    assert [event.kind for event in seen] == ([kind] if kind else [])


def test_other_platforms_messages_are_ignored() -> None:
    seen: list[PowerEvent] = []
    msg = MSG(message=WM_POWERBROADCAST, wParam=PBT_APMSUSPEND)
    PowerEventFilter(seen.append).nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(msg))
    assert seen == []
