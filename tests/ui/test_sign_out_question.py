"""Settings › Sign out with entries not sent yet asks first, by keyboard as well as by
mouse: Cancel is the default and Esc cancels; with nothing unsent it asks too. Enter in
Settings never signs out. The real
app and its Settings dialog, on a real database; the sign-in is a saved account whose
server is not reachable, so nothing gets sent meanwhile (a personal access token is
forgotten at sign-out without asking the server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.support.keyring_backend import MemoryKeyring
from tests.support.sandbox import closed_port
from timo_desktop.auth.account import Account, AccountFile
from timo_desktop.auth.credentials import KeyringStore
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.unsent import unsent_entries
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.settings_dialog import SettingsDialog

QUESTION = (
    "3 entries are not sent to Vmoox yet. They stay on this computer and are sent when "
    "you sign in again as dana@example.com."
)
SIGN_OUT_MS = 30_000  # a safety net on a shared machine, not a speed check


@pytest.fixture
def account(paths: Paths, memory_keyring: MemoryKeyring) -> Account:
    """Dana signed in with a personal access token kept in the (test) keyring."""
    return dana_signed_in(paths, f"http://127.0.0.1:{closed_port()}")


def dana_signed_in(paths: Paths, server_url: str) -> Account:
    """Dana's sign-in to `server_url` saved, with a personal access token (one no server
    takes) kept in the keyring."""
    saved = Account(
        server_url=server_url,
        user_id="usr_1",
        user_name="Dana Demo",
        email="dana@example.com",
        workspace_id="ws_1",
        workspace_name="Northwind Agency",
        credential="pat",
        store="keyring",
    )
    AccountFile(paths.config).save(saved)
    KeyringStore().save(saved.key, "vmx_pat_not_a_real_one")
    return saved


@pytest.fixture
def tracker(paths: Paths) -> Iterator[Tracker]:
    opened = Tracker.open(paths.database, source=Source.DESKTOP)
    yield opened
    opened.close()


@pytest.fixture
def app(qtbot: QtBot, tracker: Tracker, paths: Paths, account: Account) -> Iterator[TimoApp]:
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    timo.start(background=False)
    yield timo
    timo.shutdown()
    timo.window.deleteLater()
    timo.deleteLater()


def add_three(tracker: Tracker) -> None:
    start = tracker.clock() - timedelta(hours=6)
    for hour in range(3):
        begins = start + timedelta(hours=hour)
        tracker.add(f"Work {hour}", begins, begins + timedelta(minutes=30))


def settings(qtbot: QtBot, app: TimoApp) -> SettingsDialog:
    dialog = app.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.account.text().startswith("Dana Demo on http://127.0.0.1:")
    return dialog


def shown(dialog: QWidget) -> list[QMessageBox]:
    """The questions open over the dialog (one answered may linger hidden until deleted)."""
    return [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]


def question(qtbot: QtBot, dialog: SettingsDialog) -> QMessageBox:
    """The question Sign out asks, once shown."""
    qtbot.waitUntil(lambda: len(shown(dialog)) == 1)
    return shown(dialog)[0]


def button(box: QMessageBox, name: str) -> QPushButton:
    [found] = [b for b in box.findChildren(QPushButton) if b.accessibleName() == name]
    return found


def signed_out(dialog: SettingsDialog) -> bool:
    return bool(dialog.account.text() == "Not signed in")


def test_sign_out_with_unsent_entries_asks_and_cancel_keeps_the_sign_in(
    qtbot: QtBot, app: TimoApp, tracker: Tracker, paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    add_three(tracker)
    dialog = settings(qtbot, app)
    dialog.account_button.setFocus()
    QTest.keyClick(dialog.account_button, Qt.Key.Key_Space)

    box = question(qtbot, dialog)
    assert box.text() == QUESTION
    assert box.accessibleName() == "Sign out with entries not sent?"
    assert box.accessibleDescription() == QUESTION
    assert box.windowModality() == Qt.WindowModality.WindowModal
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Cancel", "Sign out"]
    cancel = button(box, "Cancel")
    assert box.defaultButton() is cancel and box.escapeButton() is cancel
    assert box.focusWidget() is cancel  # Enter keeps the sign-in

    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown(dialog))
    assert AccountFile(paths.config).load() is not None
    assert list(memory_keyring.secrets.values()) == ["vmx_pat_not_a_real_one"]
    assert not signed_out(dialog)

    # Enter on the question is Cancel too.
    QTest.keyClick(dialog.account_button, Qt.Key.Key_Space)
    box = question(qtbot, dialog)
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shown(dialog))
    assert AccountFile(paths.config).load() is not None and not signed_out(dialog)


def test_sign_out_by_keyboard_signs_out_and_keeps_the_entries(
    qtbot: QtBot, app: TimoApp, tracker: Tracker, paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    add_three(tracker)
    dialog = settings(qtbot, app)
    dialog.account_button.setFocus()
    QTest.keyClick(dialog.account_button, Qt.Key.Key_Space)
    box = question(qtbot, dialog)
    confirm = button(box, "Sign out")
    # Tab from Cancel to Sign out, then Space presses it.
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Tab)
    assert box.focusWidget() is confirm
    QTest.keyClick(confirm, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: signed_out(dialog), timeout=SIGN_OUT_MS)
    assert AccountFile(paths.config).load() is None
    assert memory_keyring.secrets == {}
    assert unsent_entries(tracker.store) == 3  # kept, for the next sign-in as Dana


def test_nothing_unsent_still_asks_first(
    qtbot: QtBot, app: TimoApp, paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    dialog = settings(qtbot, app)
    dialog.account_button.click()
    box = question(qtbot, dialog)
    assert box.text() == (
        "Sign out dana@example.com? Your entries stay on this computer; Timo syncs them "
        "again once you sign in."
    )
    assert box.accessibleName() == "Sign out?"
    cancel = button(box, "Cancel")
    assert box.defaultButton() is cancel and box.focusWidget() is cancel
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Return)  # Enter keeps the sign-in
    qtbot.waitUntil(lambda: not shown(dialog))
    assert AccountFile(paths.config).load() is not None and not signed_out(dialog)

    dialog.account_button.click()
    button(question(qtbot, dialog), "Sign out").click()
    qtbot.waitUntil(lambda: signed_out(dialog), timeout=SIGN_OUT_MS)
    assert AccountFile(paths.config).load() is None
    assert memory_keyring.secrets == {}


def test_settings_opens_in_its_first_field_and_enter_closes_it(
    qtbot: QtBot, app: TimoApp, paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    """Ctrl+, then Enter: the keyboard is in the first field, Enter closes Settings (all is
    saved as it is changed) and the sign-in stays; no button is a default that destroys."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    QTest.keyClick(app.window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = app._settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.days["Mon"]
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app._settings_dialog is None)
    assert not shown(app.window)
    assert AccountFile(paths.config).load() is not None
    assert list(memory_keyring.secrets.values()) == ["vmx_pat_not_a_real_one"]

    dialog = settings(qtbot, app)
    [default] = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert default.text() == "Close"
    # Tabbed to, Sign out is no default either: Enter there closes as well, signing nothing out.
    assert not dialog.account_button.autoDefault()
    dialog.account_button.setFocus()
    QTest.keyClick(dialog.account_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app._settings_dialog is None)
    assert AccountFile(paths.config).load() is not None
