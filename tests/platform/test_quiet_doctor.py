"""The quiet report `timo doctor` shows, from the real `timo` command on a real X display."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.platform.window_manager import activate, set_state
from tests.support.cli import run_timo
from tests.support.desktop import Desktop
from timo_desktop.platform.quiet.doctor import describe_quiet, quiet_report


def only_x(monkeypatch: pytest.MonkeyPatch, display: str) -> None:
    monkeypatch.setenv("DISPLAY", display)
    for name in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.desktop
def test_doctor_json_reports_a_fullscreen_window(
    desktop: Desktop, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    only_x(monkeypatch, desktop.display)

    def doctor() -> dict[str, object]:
        process = run_timo(tmp_path / "home", "doctor", "--json")
        assert process.returncode == 0, process.stderr
        report: dict[str, object] = json.loads(process.stdout)
        return report

    first = doctor()
    assert first["quiet"] == {"backend": "x11", "quiet": False}
    checks = first["checks"]
    assert isinstance(checks, list)
    assert {"name": "quiet", "ok": True, "detail": "x11: reminders may show"} in checks
    set_state(desktop, desktop.trayer_window, "_NET_WM_STATE_FULLSCREEN")
    activate(desktop, desktop.trayer_window)
    assert doctor()["quiet"] == {"backend": "x11", "quiet": True}


def test_report_without_a_session_names_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    report = quiet_report()
    assert report == {
        "backend": "unsupported",
        "quiet": False,
        "reason": "no X display and no session D-Bus to ask",
    }
    assert describe_quiet(report) == (True, f"unsupported: {report['reason']}")


def test_quiet_now_is_described_as_waiting() -> None:
    assert describe_quiet({"backend": "windows", "quiet": True}) == (
        True,
        "windows: reminders wait",
    )
