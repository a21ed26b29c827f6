"""Settings › Account shows a sign-in through VMOOX_TOKEN, as sync and `timo whoami` use it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp


def test_the_account_shows_the_token_in_the_environment(
    qtbot: QtBot, timo: TimoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VMOOX_TOKEN", "pat_from_the_environment")
    monkeypatch.setenv("VMOOX_SERVER", "https://vmoox.example")
    dialog = timo.open_settings()
    qtbot.addWidget(dialog)
    assert dialog.account.text() == "Signed in through VMOOX_TOKEN on https://vmoox.example"
    assert dialog.account_note.text() == (
        "Set where Timo was started: start it without VMOOX_TOKEN to use another sign-in"
    )
