"""Signing in against the real sandbox over loopback: personal access token,
the authorization-code flow (its HTML forms submitted as a browser would),
rotating refresh tokens, a lost refresh answer, revocation, no keyring,
VMOOX_TOKEN, and no token ever written to disk or logs."""

from __future__ import annotations

import json
import logging
import stat
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

from tests.auth.sign_in_pages import submit_like_a_browser
from tests.support.keyring_backend import MemoryKeyring
from tests.support.sandbox import SandboxHandle
from timo_desktop import paths
from timo_desktop.auth.account import AccountFile
from timo_desktop.auth.browser import BrowserSignIn
from timo_desktop.auth.credentials import SERVICE, FileStore, KeyringStore, SessionStore
from timo_desktop.auth.errors import (
    KeyringUnavailable,
    SignInCancelled,
    SignInInterrupted,
    TokenRefused,
)
from timo_desktop.auth.service import (
    current_session,
    open_store,
    sign_in_with_token,
    sign_out,
    stored_session,
)
from timo_desktop.auth.session import AuthSession
from timo_desktop.vmoox import errors
from timo_desktop.vmoox.oauth import InvalidGrant, OAuthClient


def browser_sign_in(sandbox: SandboxHandle, store: object) -> AuthSession:
    home = paths.resolve().ensure()
    with BrowserSignIn(sandbox.base_url) as flow:
        assert flow.url.startswith("http://127.0.0.1:")  # the one-time link, not the page
        page = httpx.get(flow.url).headers["location"]
        query = parse_qs(urlsplit(page).query)
        assert query["code_challenge_method"] == ["S256"]
        assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
        landing = submit_like_a_browser(page)
        assert landing.status_code == 200 and "Signed in to Timo" in landing.text
        return flow.finish(store, home, timeout=10)  # type: ignore[arg-type]


def stored_refresh_token(memory_keyring: MemoryKeyring) -> str:
    (secret,) = memory_keyring.secrets.values()
    return secret


def test_personal_access_token_sign_in(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    home = paths.resolve().ensure()
    session = sign_in_with_token(sandbox.base_url, sandbox.token, KeyringStore(), home)
    assert memory_keyring.secrets == {(SERVICE, f"{sandbox.base_url}|usr_1"): sandbox.token}
    saved = AccountFile(home.config).load()
    assert saved is not None and saved.user_id == "usr_1" and saved.workspace_id == "ws_1"
    assert saved.credential == "pat" and saved.store == "keyring"
    # Who is signed in (a name, an email) is the owner's to read, as the settings are.
    for kept in home.config.iterdir():
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600, kept.name
    account = home.config / AccountFile.FILE_NAME
    account.chmod(0o644)  # as an older Timo wrote it, for everyone to read
    assert AccountFile(home.config).load() == saved
    assert stat.S_IMODE(account.stat().st_mode) == 0o600  # the owner's from the next read
    again = current_session(home)
    assert again is not None
    with again.client() as client:
        assert client.me().value.user.name == "Dana Demo"
    assert session.account == again.account


def test_a_refused_token_stores_nothing(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    home = paths.resolve().ensure()
    with pytest.raises(TokenRefused):
        sign_in_with_token(sandbox.base_url, "vmx_pat_wrong", KeyringStore(), home)
    assert memory_keyring.secrets == {} and AccountFile(home.config).load() is None


def test_browser_flow_keeps_only_the_refresh_token(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    session = browser_sign_in(sandbox, KeyringStore())
    assert session.account.credential == "oauth"
    refresh = stored_refresh_token(memory_keyring)
    access = session.access_token()
    assert refresh != access
    with session.client() as client:
        assert client.me().value.user.id == "usr_1"
    # A new process finds the account and signs in silently with the refresh token.
    later = current_session(paths.resolve())
    assert later is not None
    with later.client() as client:
        assert client.me().value.user.id == "usr_1"
    assert stored_refresh_token(memory_keyring) != refresh  # rotated and kept


def test_denied_consent_is_a_cancel(sandbox: SandboxHandle) -> None:
    with BrowserSignIn(sandbox.base_url) as flow:
        submit_like_a_browser(flow.url, decision="deny")
        with pytest.raises(SignInCancelled, match="denied"):
            flow.finish(SessionStore(), paths.resolve().ensure(), timeout=10)
    assert AccountFile(paths.resolve().config).load() is None


def test_another_program_that_reads_the_link_cannot_sign_timo_in(sandbox: SandboxHandle) -> None:
    """The sign-in page's address, with its state and PKCE challenge, was on the browser's
    command line for every local user to read: another one finished the sign-in into an
    account of their own, and Timo uploaded this computer's entries there. The browser
    now gets a one-time link to Timo's listener; whoever opens it second ends the sign-in."""
    with BrowserSignIn(sandbox.base_url) as flow:
        stolen = httpx.get(flow.url).headers["location"]  # read from the command line, first
        browser = httpx.get(flow.url)  # the user's browser, second
        assert browser.status_code == 410 and "Start again from Timo" in browser.text
        back = submit_like_a_browser(stolen)  # signed in as whoever stole it
        assert back.status_code == 400
        with pytest.raises(SignInInterrupted, match=r"opened twice.*Start the sign-in again"):
            flow.finish(SessionStore(), paths.resolve().ensure(), timeout=10)
    assert AccountFile(paths.resolve().config).load() is None


def test_cancel_while_waiting_for_the_browser(sandbox: SandboxHandle) -> None:
    with BrowserSignIn(sandbox.base_url) as flow:
        threading.Timer(0.05, flow.cancel).start()
        with pytest.raises(SignInCancelled):
            flow.finish(SessionStore(), paths.resolve().ensure(), timeout=60)


def test_expired_access_token_is_refreshed_once_and_rotation_persisted(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    session = browser_sign_in(sandbox, KeyringStore())
    before = stored_refresh_token(memory_keyring)
    with session.client() as client:
        client.me()
        sandbox.expire_tokens("access")
        assert client.me().value.user.id == "usr_1"  # 401 → refresh → retried
    after = stored_refresh_token(memory_keyring)
    assert after != before
    with OAuthClient(sandbox.base_url) as oauth, pytest.raises(InvalidGrant):
        sandbox.advance_clock(120)  # past the grace: the spent token is dead
        oauth.refresh(before)


def test_lost_refresh_answer_is_retried_with_the_same_token(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    session = browser_sign_in(sandbox, KeyringStore())
    sandbox.add_fault("/oauth/token", "commit_then_drop", method="POST", times=1)
    sandbox.expire_tokens("access")
    with session.client() as client:
        assert client.me().value.user.id == "usr_1"
    assert [f["fired"] for f in sandbox.faults()] == [1]  # the answer really was lost
    # The family survived: the kept token still refreshes.
    sandbox.expire_tokens("access")
    with session.client() as client:
        assert client.me().value.user.id == "usr_1"


def test_revoked_refresh_token_asks_for_sign_in(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    session = browser_sign_in(sandbox, KeyringStore())
    sandbox.revoke_tokens("refresh", "access")
    with session.client() as client, pytest.raises(errors.SignInRequired):
        client.me()


def test_sign_out_revokes_at_the_server_and_wipes_everything(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    session = browser_sign_in(sandbox, KeyringStore())
    refresh = stored_refresh_token(memory_keyring)
    assert sign_out(session, paths.resolve())
    assert memory_keyring.secrets == {}
    assert AccountFile(paths.resolve().config).load() is None
    assert current_session(paths.resolve()) is None
    with OAuthClient(sandbox.base_url) as oauth, pytest.raises(InvalidGrant):
        oauth.refresh(refresh)


def test_no_keyring_offers_session_only_or_the_file_store(
    sandbox: SandboxHandle, timo_home: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    home = paths.resolve().ensure()
    with pytest.raises(KeyringUnavailable):
        open_store("keyring", home)
    # Session only: signed in for this process, whose sync and window find it afresh (they
    # did not: the app stayed signed out), and for no other, as the secret is in memory alone.
    session = browser_sign_in(sandbox, open_store("session", home))
    with session.client() as client:
        assert client.me().value.user.id == "usr_1"
    found = stored_session(home)
    assert found is not None and found.account.key == session.account.key
    with found.client() as client:
        assert client.me().value.user.id == "usr_1"
    elsewhere = subprocess.run(
        [sys.executable, "-m", "timo_desktop", "whoami"], capture_output=True, text=True
    )
    assert elsewhere.returncode != 0 and "not signed in" in elsewhere.stderr.lower()
    # File store: owner-only, a warning on each use, found again by a new process.
    warnings: list[str] = []
    store = open_store("file", home, warn=warnings.append)
    sign_in_with_token(sandbox.base_url, sandbox.token, store, home)
    assert isinstance(store, FileStore) and oct(store.path.stat().st_mode & 0o777) == "0o600"
    later = current_session(home, warn=warnings.append)
    assert later is not None and later.access_token() == sandbox.token
    assert len(warnings) == 2 and all(str(store.path) in w for w in warnings)


def test_vmoox_token_overrides_the_stored_sign_in(
    sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = paths.resolve().ensure()
    sign_in_with_token(sandbox.base_url, sandbox.token, KeyringStore(), home)
    other = sandbox.mint_pat("usr_2")
    monkeypatch.setenv("VMOOX_TOKEN", other)
    session = current_session(home)
    assert session is not None and session.from_env
    with session.client() as client:
        assert client.me().value.user.id == "usr_2"
    monkeypatch.delenv("VMOOX_TOKEN")
    back = current_session(home)
    assert back is not None and back.access_token() == sandbox.token


def test_tokens_never_reach_files_logs_or_reprs(
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    timo_home: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    session = browser_sign_in(sandbox, KeyringStore())
    secrets = {stored_refresh_token(memory_keyring), session.access_token()}
    sandbox.expire_tokens("access")
    with session.client() as client:
        client.me()
    secrets |= {stored_refresh_token(memory_keyring), session.access_token()}
    sign_out(session, paths.resolve())
    written = "".join(f.read_text(errors="replace") for f in timo_home.rglob("*") if f.is_file())
    shown = (
        caplog.text + repr(session) + repr(session.store) + json.dumps(session.account.to_json())
    )
    for secret in secrets:
        assert secret not in written and secret not in shown


def test_signing_in_again_kept_elsewhere_removes_the_old_secret(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    """The same account signed in again "until Timo quits" leaves no secret on disk, and
    again in the keyring leaves none in the file it was kept in before."""
    home = paths.resolve().ensure()
    file_store = open_store("file", home, warn=lambda _words: None)
    sign_in_with_token(sandbox.base_url, sandbox.token, file_store, home)
    assert isinstance(file_store, FileStore)

    def in_the_file() -> bool:
        return file_store.path.exists() and sandbox.token in file_store.path.read_text()

    assert in_the_file()
    sign_in_with_token(sandbox.base_url, sandbox.token, open_store("session", home), home)
    assert not in_the_file()
    found = stored_session(home)
    assert found is not None and found.access_token() == sandbox.token
    sign_in_with_token(sandbox.base_url, sandbox.token, open_store("file", home), home)
    assert in_the_file()
    sign_in_with_token(sandbox.base_url, sandbox.token, KeyringStore(), home)
    assert not in_the_file()
    assert list(memory_keyring.secrets.values()) == [sandbox.token]


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses to keep anything (locked, its prompt dismissed)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the keyring is locked")


def test_a_sign_in_as_someone_else_that_cannot_be_kept_changes_nothing(
    sandbox: SandboxHandle, memory_keyring: MemoryKeyring
) -> None:
    """The keyring refused Sam's token, and Dana had been signed out all the same, her
    saved sign-in deleted and this computer's copies of her entries removed."""
    from timo_desktop.store.database import Store
    from timo_desktop.sync.owner import owner

    home = paths.resolve().ensure()
    dana = open_store("file", home, warn=lambda _words: None)
    sign_in_with_token(sandbox.base_url, sandbox.token, dana, home)
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable):
        sign_in_with_token(sandbox.base_url, sandbox.mint_pat("usr_2"), KeyringStore(), home)
    saved = AccountFile(home.config).load()
    assert saved is not None and saved.user_id == "usr_1" and saved.store == "file"
    assert dana.load(saved.key) == sandbox.token  # still signed in, as she was
    with Store.open(home.database) as store:
        kept = owner(store)
    assert kept is not None and "usr_1" in kept.key
