"""A saved sign-in that Vmoox refuses (a token revoked, or not valid) is said so in Settings'
Account and in the ☰ menu, each offering Sign in… as the sync line does: they said "Dana
Demo on http://…" and "Signed in as …" with only Sign out. The real app against the
sandbox, whose answer to the token is a refusal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.support.keyring_backend import MemoryKeyring
from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import ROUND_MS
from tests.ui.test_more_menu_account import menu_items, signing_in
from tests.ui.test_sign_out_question import dana_signed_in
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.status import WorkerState
from timo_desktop.ui.controller import TimoApp


@pytest.fixture
def app(
    qtbot: QtBot, paths: Paths, sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> Iterator[TimoApp]:
    """Dana's sign-in saved for the sandbox, with a token it refuses; the first round over."""
    dana_signed_in(paths, sandbox.base_url)
    yield from _refused(qtbot, paths)


@pytest.fixture
def env_app(
    qtbot: QtBot, paths: Paths, sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TimoApp]:
    """Timo started with a token in VMOOX_TOKEN that the sandbox refuses; the first round
    over."""
    monkeypatch.setenv("VMOOX_TOKEN", "vmx_pat_not_a_real_one")
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    yield from _refused(qtbot, paths)


def _refused(qtbot: QtBot, paths: Paths) -> Iterator[TimoApp]:
    """The app on `paths`, once its first round found the sign-in refused."""
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    timo.start(background=False)
    qtbot.waitUntil(
        lambda: timo.sync is not None and timo.sync.state is WorkerState.SIGNED_OUT,
        timeout=ROUND_MS,
    )
    yield timo
    timo.shutdown()
    timo.window.deleteLater()
    timo.deleteLater()
    tracker.close()


def test_settings_says_the_sign_in_was_refused_and_offers_sign_in(
    qtbot: QtBot, app: TimoApp, sandbox: SandboxHandle
) -> None:
    assert app.window.sync_button.text() == "Sign in…"  # the sync line, as before
    dialog = app.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.account.text() == (
        f"Vmoox refused the sign-in of Dana Demo on {sandbox.base_url} — sign in again"
    )
    assert dialog.account_button.accessibleName() == "Sign in…"
    dialog.account_button.click()
    qtbot.waitUntil(lambda: signing_in(app))


def test_the_menu_says_the_sign_in_was_refused_and_offers_sign_in(app: TimoApp) -> None:
    items = menu_items(app)
    assert "Vmoox refused the sign-in of dana@example.com — sign in again…" in items
    assert not any(text.startswith("Signed in as") for text in items)
    items["Sign in…"].trigger()
    assert signing_in(app)


def test_a_refused_vmoox_token_is_said_with_what_to_do_with_it(
    qtbot: QtBot, env_app: TimoApp
) -> None:
    """It read "Signed in through VMOOX_TOKEN on http://…" in Settings and the ☰ menu."""
    said = "Vmoox refused the token in VMOOX_TOKEN — set a working one or unset it"
    dialog = env_app.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.account.text() == said
    assert dialog.account_note.text() == (
        "Set where Timo was started: start it without VMOOX_TOKEN to use another sign-in"
    )
    assert (
        not dialog.account_button.isVisible()
    )  # no sign-in replaces the token, no sign-out ends it
    dialog.close()
    items = menu_items(env_app)
    assert f"{said}…" in items
    assert "Sign in…" not in items and "Sign out" not in items
