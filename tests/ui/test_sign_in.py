"""Sign-in with a personal access token against the real sandbox; keyring trouble said plainly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support.https import HttpsSandbox
from tests.support.keyring_backend import MemoryKeyring
from tests.support.sandbox import SandboxHandle
from timo_desktop.auth.account import AccountFile
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sign_in import SignInDialog


@pytest.fixture
def empty_timo(qtbot: QtBot, paths: Paths) -> Iterator[TimoApp]:
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    app = TimoApp(tracker, paths, Settings(), use_tray=False)
    app.start(background=False)
    yield app
    app.shutdown()
    app.window.deleteLater()
    app.deleteLater()
    tracker.close()


def test_token_sign_in_then_the_window_shows_sync_state(
    qtbot: QtBot,
    empty_timo: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
    memory_keyring: MemoryKeyring,
) -> None:
    window = empty_timo.window
    qtbot.waitUntil(
        lambda: window.sync_label.text() == "Signed out — sign in to sync", timeout=10_000
    )
    assert window.sync_button.text() == "Sign in…"
    dialog = empty_timo.sign_in()
    dialog.server.setText(sandbox.base_url)
    qtbot.keyClicks(dialog.token, sandbox.token)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        dialog.token_button.click()
        assert not dialog.progress.isHidden()  # progress while the server is asked
    account = AccountFile(paths.config).load()
    assert account is not None and account.server_url.startswith(sandbox.base_url.rstrip("/"))
    assert sandbox.token in memory_keyring.secrets.values()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("All synced · "), timeout=20_000)


def test_a_refused_token_is_explained_and_nothing_is_lost(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
) -> None:
    dialog = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.token, "not-a-real-token")
    dialog.token_button.click()
    qtbot.waitUntil(dialog.progress.isHidden, timeout=20_000)
    assert dialog.status.text()
    assert dialog.token.text() == "not-a-real-token"
    assert AccountFile(paths.config).load() is None


def test_no_keyring_is_said_plainly_with_choices(qtbot: QtBot, paths: Paths) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = SignInDialog(paths, "https://vmoox.example.com")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.keyring_box.isHidden())  # asked off the GUI thread
        assert "cannot keep your sign-in safely" in dialog.keyring_note.text()
        assert dialog.keep_session.isChecked()
        qtbot.waitUntil(lambda: every_line_shows(dialog.keyring_note))
    finally:
        keyring.set_keyring(previous)


def test_cancel_stops_waiting(qtbot: QtBot, paths: Paths) -> None:
    dialog = SignInDialog(paths, "http://127.0.0.1:9")  # nothing listens there
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.token, "anything")
    dialog.token_button.click()
    dialog.cancel()
    assert dialog.status.text() == "Sign-in cancelled."
    assert dialog.token_button.isEnabled()


def test_an_untrusted_server_is_explained_with_the_way_out(
    qtbot: QtBot, paths: Paths, https_sandbox: HttpsSandbox, untrusted: None
) -> None:
    server = https_sandbox.server
    dialog = SignInDialog(paths, server.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.token, server.token)
    dialog.token_button.click()
    qtbot.waitUntil(dialog.progress.isHidden, timeout=20_000)
    assert dialog.status.text().startswith(
        "This computer does not trust the certificate of 127.0.0.1"
    )
    assert "sign in" in dialog.status.text() and "trusted certificates" in dialog.status.text()
    qtbot.waitUntil(lambda: every_line_shows(dialog.status))
    assert dialog.token.text() == server.token  # nothing typed is lost
    assert AccountFile(paths.config).load() is None


def every_line_shows(label: QLabel) -> bool:
    """The label is as tall as its wrapped text needs at its width (not drawn over itself)."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_signing_in_as_someone_else_with_unsent_entries_is_refused_in_words(
    qtbot: QtBot,
    empty_timo: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
    memory_keyring: MemoryKeyring,
) -> None:
    """Dana's unsent entry stays hers: the window's sign-in as Alex says why it waits, keeps
    what was typed, and saves nothing."""
    dialog = empty_timo.sign_in()
    dialog.server.setText(sandbox.base_url)
    qtbot.keyClicks(dialog.token, sandbox.token)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        dialog.token_button.click()
    empty_timo.sync_bridge.stop()  # Dana's entry below stays unsent
    AccountFile(paths.config).clear()  # as after a sign-out
    empty_timo.tracker.start("Dana's call")
    empty_timo.tracker.stop()

    alex = sandbox.mint_pat("usr_3")
    other = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(other)
    qtbot.keyClicks(other.token, alex)
    other.token_button.click()
    qtbot.waitUntil(other.progress.isHidden, timeout=20_000)
    assert other.status.text().startswith("1 entry recorded as dana@example.com at ")
    assert other.token.text() == alex
    assert AccountFile(paths.config).load() is None
    assert alex not in memory_keyring.secrets.values()
    assert "Dana's call" in [e.description for e in empty_timo.tracker.store.recent()]


def test_a_new_users_first_sign_in_from_the_window_opens_the_dialog(
    qtbot: QtBot, paths: Paths
) -> None:
    """As the app starts with no settings file yet: no settings loaded (`settings=None`),
    the header's "Sign in…" raised AttributeError instead of opening the dialog."""
    assert not paths.settings_file.exists()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    app = TimoApp(tracker, paths, use_tray=False)
    try:
        app.start(background=False)
        window = app.window
        qtbot.waitUntil(lambda: window.sync_button.text() == "Sign in…", timeout=10_000)
        window.sync_button.click()
        dialog = next(w for w in window.findChildren(SignInDialog) if w.isVisible())
        assert dialog.server.text() == ""
    finally:
        app.shutdown()
        app.window.deleteLater()
        app.deleteLater()
        tracker.close()


def test_sync_now_signed_out_offers_the_sign_in_as_the_header_does(
    qtbot: QtBot, empty_timo: TimoApp
) -> None:
    """Ctrl+Shift+S and ☰ › Sync now did nothing visible while signed out."""
    window = empty_timo.window
    qtbot.waitUntil(lambda: window.sync_button.text() == "Sign in…", timeout=10_000)
    [action] = [a for a in window.more_menu.actions() if a.text().startswith("Sync now")]
    action.trigger()
    dialog = next(w for w in window.findChildren(SignInDialog) if w.isVisible())
    dialog.reject()


def test_sync_health_signed_out_says_to_sign_in(qtbot: QtBot, empty_timo: TimoApp) -> None:
    """It said "Could not compare with Vmoox: not signed in", as if something failed."""
    window = empty_timo.window
    qtbot.waitUntil(lambda: window.sync_button.text() == "Sign in…", timeout=10_000)
    page = empty_timo.open_sync_health()
    qtbot.waitUntil(lambda: page.progress.isHidden(), timeout=10_000)
    assert page.summary.text() == (
        "Timo is not signed in to Vmoox: sign in (☰ › Sign in…) to compare with it."
    )
    assert any(a.text().startswith("Sign in…") for a in window.more_menu.actions())


def test_signing_in_as_someone_else_says_whose_entries_left(
    qtbot: QtBot,
    empty_timo: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
    memory_keyring: MemoryKeyring,
) -> None:
    """Dana's synced entries leave this computer as Alex signs in (Vmoox keeps them): the
    list showed them until the next reload, and nothing said why they went."""
    from timo_desktop.auth.service import open_store, sign_in_with_token, sign_out
    from timo_desktop.sync.factory import open_engine

    dana = sign_in_with_token(sandbox.base_url, sandbox.token, open_store("keyring", paths), paths)
    empty_timo.tracker.add("Dana's call", *_an_hour_ago())
    engine = open_engine(paths)
    try:
        engine.sync()
    finally:
        engine.close()
    sign_out(dana, paths)
    empty_timo.reload()
    assert "Dana's call" in _listed(empty_timo)

    dialog = empty_timo.sign_in()
    dialog.server.setText(sandbox.base_url)
    qtbot.keyClicks(dialog.token, sandbox.mint_pat("usr_3"))
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        dialog.token_button.click()

    assert "Dana's call" not in _listed(empty_timo)
    said = empty_timo.window.undo_bar.message.text()
    assert said == (
        f"The entries of dana@example.com at {sandbox.base_url} were removed from this"
        " computer (Vmoox keeps them)."
    )


def _listed(timo: TimoApp) -> list[str]:
    return [e.description for day in timo.window.model.days() for e in day.entries]


def _an_hour_ago() -> tuple[datetime, datetime]:
    now = datetime.now(UTC).replace(microsecond=0)
    return now - timedelta(hours=1), now - timedelta(minutes=30)


@pytest.mark.parametrize("how", ["cancel", "escape"])
def test_a_cancelled_sign_in_keeps_nothing_and_opens_no_browser_later(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """Cancelled (or the dialog closed) while the server was slow to answer: the browser
    opened seconds later all the same, and the sign-in made there was kept; a token
    checked after Cancel was kept too."""
    import threading
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    sandbox.add_fault("/.well-known/*", "latency", latency_ms=1500, times=1)
    sandbox.add_fault("/v1/me", "latency", latency_ms=1500, times=1)
    for start in ("browser", "token"):
        dialog = SignInDialog(paths, sandbox.base_url)
        qtbot.addWidget(dialog)
        before = set(threading.enumerate())  # other tests' threads may still be about
        if start == "token":
            qtbot.keyClicks(dialog.token, sandbox.token)
            dialog.token_button.click()
        else:
            dialog.browser_button.click()
        assert not dialog.progress.isHidden()
        [signing_in] = [t for t in set(threading.enumerate()) - before if t.name == "timo-sign-in"]
        if how == "cancel":
            dialog.cancel()
        else:
            dialog.reject()
        # Until the sign-in's thread has ended: the slow answer came, and what followed it.
        qtbot.waitUntil(lambda t=signing_in: not t.is_alive(), timeout=20_000)
        assert opened == [] and AccountFile(paths.config).load() is None
        assert memory_keyring.secrets == {}


def test_a_locked_keyring_offers_the_other_ways_to_stay_signed_in(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
) -> None:
    """A keyring that is there but refuses (locked, its prompt dismissed) said to use
    "--allow-file-store", a command-line flag, and offered no way to sign in here."""
    from keyring.errors import KeyringLocked

    class Locked(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise KeyringLocked("locked")

    keyring.set_keyring(Locked())
    dialog = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.token, sandbox.token)
    dialog.token_button.click()
    qtbot.waitUntil(dialog.progress.isHidden, timeout=20_000)
    assert dialog.status.text() == (
        "Timo could not keep the sign-in: the keyring is locked; unlock it and try again."
    )
    assert dialog.keyring_box.isVisible() and "--allow" not in dialog.status.text()
    assert AccountFile(paths.config).load() is None
    dialog.keep_session.setChecked(True)
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        dialog.token_button.click()
    account = AccountFile(paths.config).load()
    assert account is not None and account.store == "session"


def test_a_cancel_once_the_sign_in_is_being_saved_lets_it_finish_and_says_so(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
) -> None:
    """Cancelled while the database was busy (a sync round writing), the sign-in was kept
    all the same, the dialog said "Sign-in cancelled." and the window was never told."""
    import sqlite3

    Tracker.open(paths.database, source=Source.DESKTOP).close()
    busy = sqlite3.connect(paths.database, isolation_level=None)
    busy.execute("BEGIN IMMEDIATE")  # as a sync round's write holds it
    dialog = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.token, sandbox.token)
    dialog.token_button.click()
    qtbot.waitUntil(lambda: sandbox.token in memory_keyring.secrets.values(), timeout=20_000)
    dialog.cancel()
    assert dialog.status.text() == "Too late to cancel: the sign-in is being saved."
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000):
        busy.execute("COMMIT")
    busy.close()
    assert AccountFile(paths.config).load() is not None


def test_a_second_browser_sign_in_after_a_cancel_can_be_cancelled_too(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first attempt's end forgot the second's browser sign-in: Cancel left it waiting
    for the browser, for five minutes."""
    import threading
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: True)
    sandbox.add_fault("/.well-known/*", "latency", latency_ms=1500, times=1)
    dialog = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(dialog)
    before = set(threading.enumerate())  # other tests' threads may still be about

    def sign_ins() -> list[threading.Thread]:
        """This test's sign-in threads still running."""
        return [t for t in set(threading.enumerate()) - before if t.name == "timo-sign-in"]

    dialog.browser_button.click()
    [first] = sign_ins()
    dialog.cancel()
    dialog.browser_button.click()  # at once, the first still asking the server
    qtbot.waitUntil(lambda: not dialog.address_row.isHidden(), timeout=20_000)
    qtbot.waitUntil(lambda: not first.is_alive(), timeout=20_000)
    dialog.cancel()
    qtbot.waitUntil(lambda: not sign_ins(), timeout=20_000)
    assert AccountFile(paths.config).load() is None and memory_keyring.secrets == {}


def test_signing_out_with_the_keyring_locked_says_what_stays_in_it(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
) -> None:
    """It said "Signed out." while the token stayed in the keyring (`timo logout` says it)."""
    from keyring.errors import KeyringLocked

    from timo_desktop.auth.credentials import KeyringStore
    from timo_desktop.auth.service import sign_in_with_token
    from timo_desktop.ui.sign_in import sign_out_in_background

    sign_in_with_token(sandbox.base_url, sandbox.token, KeyringStore(), paths)

    class Locked(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise KeyringLocked("locked")

        def delete_password(self, service: str, username: str) -> None:
            raise KeyringLocked("locked")

    keyring.set_keyring(Locked())
    said: list[str] = []
    dialog = SignInDialog(paths, sandbox.base_url)  # any QObject to run it under
    qtbot.addWidget(dialog)
    sign_out_in_background(paths, said.append, dialog)
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert said == [
        "Signed out here; the keyring could not be changed (the keyring is locked; unlock it"
        " and try again), so the sign-in stays in it, unused, until it is removed there."
    ]
    assert AccountFile(paths.config).load() is None
