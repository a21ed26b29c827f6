"""With no keyring, the sign-in form offers again where the last sign-in here was kept: the
file once chosen stays chosen, while signed in (signing in again) and after signing out,
until "until Timo quits" is chosen instead. Real sign-ins with a personal access
token against the sandbox, and a real sign-out."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from tests.support.keyring_backend import MemoryKeyring
from tests.support.sandbox import SandboxHandle
from timo_desktop.auth.account import AccountFile
from timo_desktop.auth.service import sign_out, stored_session
from timo_desktop.paths import Paths
from timo_desktop.ui.sign_in import SignInDialog

SIGN_IN_MS = 20_000  # a safety net on a shared machine, not a speed check


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> None:
    """No keyring service here (the test keyring puts the usual one back afterwards)."""
    keyring.set_keyring(fail.Keyring())


def sign_in_form(qtbot: QtBot, paths: Paths, server: str) -> SignInDialog:
    """The form, once it has found there is no keyring and shows where to keep the sign-in."""
    dialog = SignInDialog(paths, server)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.keyring_box.isHidden())
    return dialog


def sign_in(qtbot: QtBot, dialog: SignInDialog, token: str) -> None:
    qtbot.keyClicks(dialog.token, token)
    with qtbot.waitSignal(dialog.signed_in, timeout=SIGN_IN_MS):
        dialog.token_button.click()


def test_the_file_once_chosen_is_offered_again_signed_in_and_after_signing_out(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    no_keyring: None,
) -> None:
    first = sign_in_form(qtbot, paths, sandbox.base_url)
    assert first.keep_session.isChecked()  # nothing chosen here yet
    first.keep_file.click()
    sign_in(qtbot, first, sandbox.token)
    account = AccountFile(paths.config).load()
    assert account is not None and account.store == "file"

    again = sign_in_form(qtbot, paths, sandbox.base_url)  # signing in again, still signed in
    assert again.keep_file.isChecked() and not again.keep_session.isChecked()

    session = stored_session(paths)
    assert session is not None
    sign_out(session, paths)
    assert AccountFile(paths.config).load() is None
    after = sign_in_form(qtbot, paths, sandbox.base_url)
    assert after.keep_file.isChecked() and not after.keep_session.isChecked()

    # "Until Timo quits" chosen now is what is offered next.
    after.keep_session.click()
    sign_in(qtbot, after, sandbox.token)
    last = sign_in_form(qtbot, paths, sandbox.base_url)
    assert last.keep_session.isChecked() and not last.keep_file.isChecked()


def test_signed_in_until_timo_quits_is_signed_in_for_sync_and_no_longer(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    no_keyring: None,
) -> None:
    """The sync engine made after the dialog signs in as it (it said "Signed out"); signing
    out forgets it."""
    from timo_desktop.sync.factory import open_engine

    form = sign_in_form(qtbot, paths, sandbox.base_url)
    form.keep_session.click()
    sign_in(qtbot, form, sandbox.token)
    engine = open_engine(paths)  # what the window's sync worker does after a sign-in
    try:
        report = engine.sync()
        assert report.state != "signed_out" and report.errors == [], report
    finally:
        engine.close()
    session = stored_session(paths)
    assert session is not None and session.account.store == "session"
    sign_out(session, paths)
    assert AccountFile(paths.config).load() is None
