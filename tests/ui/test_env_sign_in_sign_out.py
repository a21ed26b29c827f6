"""Signed in through VMOOX_TOKEN (as `make run` or a CI job starts Timo): the ☰ menu says
so and leads to Settings › Account, and no Sign out is offered as if it ended that sign-in.
Settings says how instead (start Timo without VMOOX_TOKEN) and, with a sign-in saved as
well, offers Sign out for that one, saying so. The real app signed in to the sandbox."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.signed_in import app  # noqa: F401  (the fixture)
from tests.ui.test_more_menu_account import menu_items
from tests.ui.test_sign_out_question import account  # noqa: F401  (the fixture)
from timo_desktop.auth.account import Account
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.settings_dialog import SettingsDialog


def account_from_the_menu(qtbot: QtBot, app: TimoApp) -> SettingsDialog:  # noqa: F811
    """The ☰ menu's account item, as it reads with VMOOX_TOKEN set, opened."""
    items = menu_items(app)
    assert "Sign out" not in items and "Sign in…" not in items
    items["Signed in through VMOOX_TOKEN…"].trigger()
    [dialog] = app.window.findChildren(SettingsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.account.text().startswith("Signed in through VMOOX_TOKEN on http://127.0.0.1:")
    assert not dialog.account.visibleRegion().isEmpty()  # the Account section in view
    return dialog


def test_with_only_the_token_settings_says_how_to_sign_out_instead_of_a_button(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
) -> None:
    dialog = account_from_the_menu(qtbot, app)
    assert dialog.account_button.isHidden()
    assert not dialog.sign_out_note.isHidden()
    assert dialog.sign_out_note.text() == "To sign out, start Timo without VMOOX_TOKEN."


def test_with_a_saved_sign_in_too_sign_out_says_it_signs_out_that_one(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    account: Account,  # noqa: F811
) -> None:
    dialog = account_from_the_menu(qtbot, app)
    assert not dialog.account_button.isHidden()
    assert dialog.account_button.accessibleName() == "Sign out"
    assert dialog.sign_out_note.text() == (
        "Sign out signs out dana@example.com, the sign-in saved for when Timo starts without"
        " VMOOX_TOKEN; VMOOX_TOKEN stays in use while it is set."
    )
