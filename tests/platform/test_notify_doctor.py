"""The notifications line `timo doctor` shows, from the real `timo` command, against a
notification server played on a private D-Bus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import NotificationServer
from tests.support.cli import run_timo
from timo_desktop.platform.notify.freedesktop import BUS_NAME


def doctor(home: Path) -> dict[str, object]:
    process = run_timo(home, "doctor", "--json")
    assert process.returncode in (0, 1), process.stderr  # 1: another check may be bad here
    report: dict[str, object] = json.loads(process.stdout)
    return report


def check(report: dict[str, object]) -> object:
    checks = report["checks"]
    assert isinstance(checks, list)
    return next(c for c in checks if c["name"] == "notifications")


@pytest.fixture
def bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with private_bus(tmp_path / "bus") as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


@pytest.mark.parametrize(
    ("capabilities", "buttons"), [(["actions", "body"], True), (["body"], False)]
)
def test_doctor_says_whether_reminders_get_buttons(
    bus: str, tmp_path: Path, capabilities: list[str], buttons: bool
) -> None:
    server = Service(bus, BUS_NAME, NotificationServer(inhibited=None, capabilities=capabilities))
    try:
        report = doctor(tmp_path / "home")
    finally:
        server.close()
    notifications = report["notifications"]
    assert isinstance(notifications, dict) and notifications["buttons"] is buttons
    if buttons:
        assert check(report) == {
            "name": "notifications",
            "ok": True,
            "detail": "freedesktop: Start and Snooze as buttons",
        }
    else:
        assert notifications["reason"] == "the notification server shows no buttons"
        assert check(report) == {
            "name": "notifications",
            "ok": True,
            "detail": "the notification server shows no buttons; the tray's message asks instead",
        }


def test_doctor_without_a_session_bus_names_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    report = doctor(tmp_path / "home")
    assert report["notifications"] == {
        "backend": "unsupported",
        "buttons": False,
        "reason": "no session D-Bus to reach a notification server",
    }
