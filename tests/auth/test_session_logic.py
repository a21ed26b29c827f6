"""`AuthSession` refresh bookkeeping with a scripted token endpoint: one refresh
for many threads, persist-before-use, rotation by another process, PATs.
The real rotation (and a lost refresh answer) runs against the sandbox in
`test_auth_sandbox.py`."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from timo_desktop.auth.account import Account
from timo_desktop.auth.credentials import SessionStore
from timo_desktop.auth.session import AuthSession
from timo_desktop.vmoox.errors import SignInRequired

METADATA = {
    "issuer": "http://127.0.0.1:1",
    "authorization_endpoint": "http://127.0.0.1:1/oauth/authorize",
    "token_endpoint": "http://127.0.0.1:1/oauth/token",
    "revocation_endpoint": "http://127.0.0.1:1/oauth/revoke",
    "code_challenge_methods_supported": ["S256"],
}


class TokenServer:
    """Rotates refresh tokens rt-0 → rt-1 → ...; refuses spent ones."""

    def __init__(self) -> None:
        self.generation = 0
        self.refresh_calls: list[str] = []
        self.revoked: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("oauth-authorization-server"):
            return httpx.Response(200, json=METADATA)
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if request.url.path == "/oauth/revoke":
            self.revoked.append(form["token"])
            return httpx.Response(200)
        with self.lock:
            self.refresh_calls.append(form["refresh_token"])
            if form["refresh_token"] != f"rt-{self.generation}":
                return httpx.Response(400, json={"error": "invalid_grant"})
            self.generation += 1
            n = self.generation
        return httpx.Response(
            200,
            json={"access_token": f"at-{n}", "refresh_token": f"rt-{n}", "expires_in": 3600},
        )


def account(credential: Any = "oauth") -> Account:
    return Account("http://127.0.0.1:1", "usr_1", "Ada", None, "ws_1", "WS", credential, "session")


def session_with(server: TokenServer, secret: str = "rt-0") -> tuple[AuthSession, SessionStore]:
    store = SessionStore()
    acc = account()
    store.save(acc.key, secret)
    return AuthSession(acc, store, transport=httpx.MockTransport(server)), store


def test_first_use_refreshes_and_stores_the_rotated_token_before_using_it() -> None:
    server = TokenServer()
    session, store = session_with(server)
    order: list[str] = []
    real_save = store.save

    def save(key: str, secret: str) -> None:
        order.append(f"save {secret}")
        real_save(key, secret)

    store.save = save  # type: ignore[method-assign]
    token = session.access_token()
    order.append(f"use {token}")
    assert order == ["save rt-1", "use at-1"]
    assert session.access_token() == "at-1"  # cached, no second refresh
    assert server.refresh_calls == ["rt-0"]


def test_many_threads_rejected_with_the_same_token_cause_one_refresh() -> None:
    server = TokenServer()
    session, _ = session_with(server)
    first = session.access_token()
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(session.refresh(first))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["at-2"] * 8
    assert server.refresh_calls == ["rt-0", "rt-1"]


def test_a_token_rotated_by_another_process_is_picked_up() -> None:
    server = TokenServer()
    session, store = session_with(server)
    session.access_token()  # rt-0 → rt-1, held in the store
    other, _ = session_with(server, "rt-1")
    other.store = store
    other.access_token()  # the other process rotates rt-1 → rt-2 in the shared store
    assert session.refresh("at-1") == "at-3"
    assert server.refresh_calls == ["rt-0", "rt-1", "rt-2"]


def test_a_refused_refresh_asks_for_sign_in_and_keeps_nothing_usable() -> None:
    server = TokenServer()
    session, _ = session_with(server, "rt-stale")
    with pytest.raises(SignInRequired):
        session.access_token()


def test_pat_is_never_refreshed_and_sign_out_only_forgets_it() -> None:
    server = TokenServer()
    store = SessionStore()
    acc = account("pat")
    store.save(acc.key, "vmx_pat_1")
    session = AuthSession(acc, store, transport=httpx.MockTransport(server))
    assert session.access_token() == "vmx_pat_1"
    with pytest.raises(SignInRequired):
        session.refresh("vmx_pat_1")
    assert session.sign_out()
    assert store.load(acc.key) is None and server.revoked == [] and server.refresh_calls == []


def test_sign_out_revokes_refresh_and_access_tokens_and_wipes() -> None:
    server = TokenServer()
    session, store = session_with(server)
    session.access_token()
    assert session.sign_out()
    assert server.revoked == ["rt-1", "at-1"]
    assert store.load(session.account.key) is None
    with pytest.raises(SignInRequired):
        session.access_token()


def test_secrets_stay_out_of_reprs() -> None:
    server = TokenServer()
    session, store = session_with(server)
    session.access_token()
    assert "rt-1" not in repr(session) and "at-1" not in repr(session)
    assert "rt-" not in repr(store)
