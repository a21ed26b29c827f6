"""The loopback redirect listener: state checked, cancel and timeout paths."""

from __future__ import annotations

import base64
import hashlib
import threading

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


def test_only_the_redirect_with_our_state_completes() -> None:
    with LoopbackRedirect("good-state") as redirect:
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
        httpx.get(redirect.redirect_uri, params={"error": "access_denied", "state": "st"})
        callback = redirect.wait(timeout=5)
        assert callback is not None and callback.code is None and callback.error == "access_denied"


def test_cancel_from_another_thread_wakes_the_waiter() -> None:
    with LoopbackRedirect("st") as redirect:
        threading.Timer(0.05, redirect.cancel).start()
        assert redirect.wait(timeout=None) is None
        assert redirect.cancelled
        late = httpx.get(redirect.redirect_uri, params={"code": "c", "state": "st"})
        assert late.status_code == 400


def test_timeout_returns_none() -> None:
    with LoopbackRedirect("st") as redirect:
        assert redirect.wait(timeout=0.01) is None
        assert not redirect.cancelled
