"""The idle report `timo doctor` shows."""

from __future__ import annotations

import json

import pytest

from tests.support.desktop import Desktop
from timo_desktop.platform.idle.doctor import describe_idle, idle_report


@pytest.mark.desktop
def test_report_on_a_real_x_display(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", desktop.display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    desktop.mousemove(5, 5)
    report = idle_report()
    assert report["backend"] == "x11"
    assert isinstance(report["seconds"], float)
    assert 0 <= report["seconds"] < 60
    assert json.loads(json.dumps(report)) == report
    ok, detail = describe_idle(report)
    assert ok and detail.startswith("x11: ")


def test_report_without_a_session_names_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)
    report = idle_report()
    assert report == {
        "backend": "unsupported",
        "seconds": None,
        "reason": "no graphical session found (neither DISPLAY nor WAYLAND_DISPLAY)",
    }
    assert describe_idle(report) == (True, f"unsupported: {report['reason']}")
