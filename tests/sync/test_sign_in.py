"""Cases 5-7 from the sync side: a real OAuth sign-in to the sandbox, tokens that go bad."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Recorder, Timo, add, assert_in_agreement, make_timo
from timo_desktop.auth.browser import BrowserSignIn
from timo_desktop.auth.credentials import SessionStore
from timo_desktop.auth.session import AuthSession
from timo_desktop.paths import resolve


def _form(html: str) -> tuple[str, dict[str, str]]:
    action = re.search(r"<form[^>]*action=['\"]([^'\"]+)", html)
    assert action is not None, html
    hidden = dict(
        re.findall(
            r"<input[^>]*type=['\"]hidden['\"][^>]*name=['\"]([^'\"]+)['\"]"
            r"[^>]*value=['\"]([^'\"]*)",
            html,
        )
    )
    return action.group(1).replace("&amp;", "&"), hidden


def _browse(url: str) -> None:
    """What the user does in the browser: log in, allow, get sent back to Timo."""
    with httpx.Client(follow_redirects=True) as browser:
        page = browser.get(url)  # Timo's one-time link leads to the sign-in page
        action, fields = _form(page.text)
        base = str(page.url).split("/oauth/")[0]
        consent = browser.post(
            base + action, data=fields | {"email": "dana@example.com", "password": "demo"}
        )
        action, fields = _form(consent.text)
        back = browser.post(base + action, data=fields | {"decision": "allow"})
        assert back.status_code == 200 and "Signed in" in back.text  # back at Timo's listener


def sign_in(sandbox: SandboxHandle, recorder: Recorder) -> AuthSession:
    """A browser sign-in (code + PKCE over the loopback redirect), kept in memory."""
    with BrowserSignIn(sandbox.base_url, transport=recorder) as flow:
        browser = threading.Thread(target=_browse, args=(flow.url,))
        browser.start()
        session = flow.finish(SessionStore(), resolve().ensure(), timeout=30)
        browser.join()
    return session


@pytest.fixture
def signed_in(sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime) -> Iterator[Timo]:
    recorder = Recorder(fake_time)
    session = sign_in(sandbox, recorder)
    made = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time, tokens=session)
    made.recorder.inner = recorder.inner
    made.recorder.sent = recorder.sent  # one log for API and token requests
    try:
        yield made
    finally:
        made.close()


def _refreshes(timo: Timo) -> list[dict[str, list[str]]]:
    forms = [parse_qs(s.body.decode()) for s in timo.recorder.sent if s.path == "/oauth/token"]
    return [f for f in forms if f.get("grant_type") == ["refresh_token"]]


def test_case05_401_mid_batch_refreshes_once_and_sends_the_same_batch(
    signed_in: Timo, sandbox: SandboxHandle
) -> None:
    for i in range(5):
        add(signed_in, i)
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=401, times=1)
    report = signed_in.engine.sync()
    assert report.pending == 0 and report.state == "idle"
    first, second = signed_in.recorder.writes(":batch")
    assert (first.status, second.status) == (401, 200)
    assert first.body == second.body
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert first.headers["authorization"] != second.headers["authorization"]
    assert len(_refreshes(signed_in)) == 1
    assert_in_agreement(signed_in.store, sandbox)


def test_case06_lost_refresh_answer_retries_with_the_old_token_inside_the_grace(
    signed_in: Timo, sandbox: SandboxHandle
) -> None:
    add(signed_in, 1)
    sandbox.expire_tokens("access")
    sandbox.add_fault("/oauth/token", "commit_then_drop", method="POST", times=1)
    report = signed_in.engine.sync()
    assert report.pending == 0 and report.state == "idle", report
    first, second = _refreshes(signed_in)
    assert first["refresh_token"] == second["refresh_token"]
    assert_in_agreement(signed_in.store, sandbox)


def test_case07_revoked_refresh_token_pauses_sync_and_the_queue_waits(
    signed_in: Timo, sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    entries = [add(signed_in, i) for i in range(3)]
    sandbox.revoke_tokens("refresh")
    sandbox.expire_tokens("access")
    report = signed_in.engine.sync()
    assert report.state == "signed_out" and report.pending == 3
    assert report.errors[0].startswith("Signed out")
    assert [signed_in.store.get(e.client_ref) for e in entries] == entries
    assert not signed_in.recorder.writes()  # nothing was sent with a dead sign-in
    # Signing in again drains the queue that waited.
    again = make_timo(
        sandbox, tmp_path / "timo.sqlite3", fake_time, tokens=sign_in(sandbox, Recorder(fake_time))
    )
    try:
        assert again.engine.sync().pending == 0
        assert_in_agreement(again.store, sandbox)
    finally:
        again.close()
