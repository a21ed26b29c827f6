"""The loopback redirect listener: the one-time link, state checked, cancel and timeout."""

from __future__ import annotations

import base64
import hashlib
import socket
import threading
from urllib.parse import urlsplit

import httpx

from timo_desktop.auth.loopback import LoopbackRedirect
from timo_desktop.auth.pkce import Pkce


def test_pkce_challenge_is_unpadded_base64url_sha256_of_the_verifier() -> None:
    pkce = Pkce()
    assert 43 <= len(pkce.verifier) <= 128  # RFC 7636 section 4.1
    digest = hashlib.sha256(pkce.verifier.encode()).digest()
    assert base64.urlsafe_b64decode(pkce.challenge + "=") == digest
    assert "=" not in pkce.challenge and "+" not in pkce.challenge and "/" not in pkce.challenge
    assert pkce.verifier not in repr(pkce) and pkce.state not in repr(pkce)
    assert Pkce().verifier != pkce.verifier and Pkce().state != pkce.state


SIGN_IN_PAGE = "https://vmoox.example/oauth/authorize?state=good-state&code_challenge=c"


def opened(redirect: LoopbackRedirect) -> LoopbackRedirect:
    """What the browser does first: open the one-time link, which leads to the sign-in page."""
    redirect.leads_to(SIGN_IN_PAGE)
    answer = httpx.get(redirect.start_url)
    assert answer.status_code == 302 and answer.headers["location"] == SIGN_IN_PAGE
    return redirect


def test_the_browser_gets_a_one_time_link_not_the_sign_in_page() -> None:
    with LoopbackRedirect("good-state") as redirect:
        redirect.leads_to(SIGN_IN_PAGE)
        link = urlsplit(redirect.start_url)
        assert link.hostname == "127.0.0.1" and "good-state" not in redirect.start_url
        guessed = httpx.get(redirect.start_url[:-1] + "x")
        assert guessed.status_code == 404 and not redirect.opened_twice
        first = httpx.get(redirect.start_url)
        assert first.status_code == 302 and first.headers["location"] == SIGN_IN_PAGE
        again = httpx.get(redirect.start_url)  # someone else read the link and got there first
        assert again.status_code == 410 and "location" not in again.headers
        assert "already used" in again.text
        assert redirect.wait(timeout=5) is None and redirect.opened_twice
        late = httpx.get(redirect.redirect_uri, params={"code": "c", "state": "good-state"})
        assert late.status_code == 400  # the sign-in ended: no code completes it


def test_a_redirect_before_the_link_was_opened_is_not_ours() -> None:
    with LoopbackRedirect("good-state") as redirect:
        redirect.leads_to(SIGN_IN_PAGE)
        early = httpx.get(redirect.redirect_uri, params={"code": "c", "state": "good-state"})
        assert early.status_code == 400 and redirect.wait(timeout=0.05) is None


def test_an_idle_connection_does_not_keep_the_redirect_out() -> None:
    with LoopbackRedirect("good-state") as redirect, socket.socket() as idle:
        idle.connect(("127.0.0.1", urlsplit(redirect.redirect_uri).port or 0))
        idle.sendall(b"GET /call")  # and nothing more
        opened(redirect)
        back = {"code": "c", "state": "good-state"}
        ok = httpx.get(redirect.redirect_uri, params=back, timeout=5)
        assert ok.status_code == 200 and redirect.wait(timeout=5) is not None


def test_only_the_redirect_with_our_state_completes() -> None:
    with LoopbackRedirect("good-state") as redirect:
        opened(redirect)
        assert redirect.redirect_uri.startswith("http://127.0.0.1:")
        forged = httpx.get(redirect.redirect_uri, params={"code": "evil", "state": "other"})
        assert forged.status_code == 400
        assert redirect.wait(timeout=0.05) is None  # still waiting after the forgery
        ok = httpx.get(redirect.redirect_uri, params={"code": "c-1", "state": "good-state"})
        assert ok.status_code == 200 and "Signed in" in ok.text
        callback = redirect.wait(timeout=5)
        assert callback is not None and callback.code == "c-1"
        assert "c-1" not in repr(callback)
        again = httpx.get(redirect.redirect_uri, params={"code": "c-2", "state": "good-state"})
        assert again.status_code == 400
        assert redirect.wait(timeout=5).code == "c-1"  # type: ignore[union-attr]


def test_error_redirect_is_reported() -> None:
    with LoopbackRedirect("st") as redirect:
        opened(redirect)
        httpx.get(redirect.redirect_uri, params={"error": "access_denied", "state": "st"})
        callback = redirect.wait(timeout=5)
        assert callback is not None and callback.code is None and callback.error == "access_denied"


def test_cancel_from_another_thread_wakes_the_waiter() -> None:
    with LoopbackRedirect("st") as redirect:
        opened(redirect)
        threading.Timer(0.05, redirect.cancel).start()
        assert redirect.wait(timeout=None) is None
        assert redirect.cancelled
        late = httpx.get(redirect.redirect_uri, params={"code": "c", "state": "st"})
        assert late.status_code == 400


def test_timeout_returns_none() -> None:
    with LoopbackRedirect("st") as redirect:
        assert redirect.wait(timeout=0.01) is None
        assert not redirect.cancelled
