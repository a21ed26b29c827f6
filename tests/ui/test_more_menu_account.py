"""The ☰ menu says who is signed in, and follows a sign-in or sign-out each time it opens:
signed in, "Signed in as dana@example.com…" opens Settings at the account and Sign out asks
what Settings asks with entries unsent; signed out, "Sign in…" opens the sign-in form. The
real app on a real database; the sign-in is a saved account whose server is not reachable
(a personal access token is forgotten at sign-out without asking the server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.keyring_backend import MemoryKeyring
from tests.ui.test_sign_out_question import account  # noqa: F401  (the fixture)
from timo_desktop.auth.account import Account, AccountFile
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.unsent import unsent_entries
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.settings_dialog import SettingsDialog
from timo_desktop.ui.sign_in import SignInDialog

SIGN_OUT_MS = 30_000  # a safety net on a shared machine, not a speed check
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def app(qtbot: QtBot, paths: Paths, account: Account) -> Iterator[TimoApp]:  # noqa: F811
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    timo.start(background=False)
    yield timo
    timo.shutdown()
    timo.window.deleteLater()
    timo.deleteLater()
    tracker.close()


def menu_items(app: TimoApp) -> dict[str, QAction]:
    """The ☰ menu's items as it shows them when opened."""
    menu = app.window.more_menu
    menu.popup(app.window.more_button.mapToGlobal(QPoint(0, 0)))
    items = {
        item.text(): item for item in menu.actions() if item.isVisible() and not item.isSeparator()
    }
    menu.hide()
    return items


def shown(app: TimoApp) -> list[QMessageBox]:
    """The questions open over the window."""
    return [box for box in app.window.findChildren(QMessageBox) if box.isVisible()]


def signing_in(app: TimoApp) -> bool:
    return any(form.isVisible() for form in app.window.findChildren(SignInDialog))


def test_signed_in_the_menu_says_who_and_leads_to_the_account(qtbot: QtBot, app: TimoApp) -> None:
    items = menu_items(app)
    assert "Sign in…" not in items
    assert "Sign out" in items
    items["Signed in as dana@example.com…"].trigger()
    [dialog] = app.window.findChildren(SettingsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.account.text().startswith("Dana Demo on http://127.0.0.1:")
    assert not dialog.account.visibleRegion().isEmpty()  # the Account section in view

    # Its key still signs in anew (sync asks for that when the server refused the token).
    dialog.close()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | SHIFT)
    qtbot.waitUntil(lambda: signing_in(app))


def test_sign_out_from_the_menu_asks_as_settings_does_and_the_menu_follows(
    qtbot: QtBot, app: TimoApp, paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    start = app.tracker.clock() - timedelta(hours=3)
    app.tracker.add("Call with Northwind", start, start + timedelta(minutes=30))
    menu_items(app)["Sign out"].trigger()

    qtbot.waitUntil(lambda: len(shown(app)) == 1)
    [box] = shown(app)
    assert box.text() == (
        "1 entry is not sent to Vmoox yet. It stays on this computer and is sent when you "
        "sign in again as dana@example.com."
    )
    [confirm] = [b for b in box.findChildren(QPushButton) if b.accessibleName() == "Sign out"]
    confirm.click()
    qtbot.waitUntil(lambda: AccountFile(paths.config).load() is None, timeout=SIGN_OUT_MS)
    assert memory_keyring.secrets == {}
    assert unsent_entries(app.tracker.store) == 1  # kept, for the next sign-in as Dana

    items = menu_items(app)  # made again as it opens: signed out now
    assert "Sign out" not in items
    assert not any(text.startswith("Signed in as") for text in items)
    items["Sign in…"].trigger()
    qtbot.waitUntil(lambda: signing_in(app))


def test_signed_in_again_elsewhere_the_menu_follows(
    qtbot: QtBot,
    app: TimoApp,
    paths: Paths,
    account: Account,  # noqa: F811
) -> None:
    """A sign-in or sign-out made by `timo login` or `timo logout` shows the next time too."""
    AccountFile(paths.config).clear()
    assert "Sign in…" in menu_items(app)
    AccountFile(paths.config).save(account)
    assert "Signed in as dana@example.com…" in menu_items(app)
