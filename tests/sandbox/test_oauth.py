"""OAuth 2.0: the browser pages, PKCE, rotating refresh tokens with grace, revocation."""

from __future__ import annotations

import base64
import hashlib
import secrets
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.support.sandbox import SandboxHandle

REDIRECT = "http://127.0.0.1:53682/callback"


class _Forms(HTMLParser):
    """The first form's action and its hidden/button fields."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.action:
            self.action = values["action"]
        elif tag == "input" and values.get("type") == "hidden":
            self.fields[values["name"]] = values["value"]


def _form(html: str) -> _Forms:
    parser = _Forms()
    parser.feed(html)
    return parser


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _sign_in(sandbox: SandboxHandle, challenge: str, redirect: str = REDIRECT) -> str:
    """Walk the login and consent pages like a browser; returns the code."""
    with httpx.Client(base_url=sandbox.base_url) as browser:
        page = browser.get(
            "/oauth/authorize",
            params={
                "response_type": "code",
                "client_id": "timo-desktop",
                "redirect_uri": redirect,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
                "state": "xyz",
            },
        )
        login = _form(page.text)
        consent_page = browser.post(
            login.action,
            data=login.fields | {"email": "dana@example.com", "password": "demo"},
        )
        consent = _form(consent_page.text)
        answer = browser.post(consent.action, data=consent.fields | {"decision": "allow"})
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def _token(sandbox: SandboxHandle, **form: str) -> httpx.Response:
    return httpx.post(sandbox.url("/oauth/token"), data={"client_id": "timo-desktop", **form})


def _exchange(sandbox: SandboxHandle, code: str, verifier: str) -> httpx.Response:
    """Trade an authorization code and its PKCE verifier for tokens."""
    return _token(
        sandbox,
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT,
        code_verifier=verifier,
    )


def _signed_in(sandbox: SandboxHandle) -> dict:
    verifier, challenge = _pkce()
    code = _sign_in(sandbox, challenge)
    response = _exchange(sandbox, code, verifier)
    assert response.status_code == 200, response.text
    return response.json()


def _me(sandbox: SandboxHandle, access_token: str) -> httpx.Response:
    return httpx.get(sandbox.url("/v1/me"), headers={"Authorization": f"Bearer {access_token}"})


def test_metadata(sandbox: SandboxHandle) -> None:
    meta = httpx.get(sandbox.url("/.well-known/oauth-authorization-server")).json()
    assert meta["issuer"] == sandbox.base_url
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["token_endpoint"] == sandbox.base_url + "/oauth/token"


def test_code_flow_with_pkce_gives_working_tokens(sandbox: SandboxHandle) -> None:
    pair = _signed_in(sandbox)
    assert pair["token_type"] == "Bearer" and pair["expires_in"] == 3600
    assert _me(sandbox, pair["access_token"]).json()["user"]["id"] == "usr_1"


def test_forged_verifier_and_reused_code_are_invalid_grant(sandbox: SandboxHandle) -> None:
    verifier, challenge = _pkce()
    code = _sign_in(sandbox, challenge)
    forged = _exchange(sandbox, code, _pkce()[0])
    assert forged.status_code == 400 and forged.json()["error"] == "invalid_grant"
    assert _exchange(sandbox, code, verifier).status_code == 200
    assert _exchange(sandbox, code, verifier).json()["error"] == "invalid_grant"


def test_wrong_password_shows_the_form_again(sandbox: SandboxHandle) -> None:
    _, challenge = _pkce()
    page = httpx.get(
        sandbox.url("/oauth/authorize"),
        params={
            "response_type": "code",
            "client_id": "timo-desktop",
            "redirect_uri": REDIRECT,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    login = _form(page.text)
    answer = httpx.post(
        sandbox.url(login.action),
        data=login.fields | {"email": "dana@example.com", "password": "x"},
    )
    assert answer.status_code == 401 and "Wrong email or password" in answer.text


def test_non_loopback_redirect_and_plain_pkce_are_refused(sandbox: SandboxHandle) -> None:
    params = {
        "response_type": "code",
        "client_id": "timo-desktop",
        "code_challenge": _pkce()[1],
        "code_challenge_method": "S256",
    }
    evil = httpx.get(
        sandbox.url("/oauth/authorize"), params=params | {"redirect_uri": "http://evil.example/cb"}
    )
    assert evil.status_code == 400
    plain = httpx.get(
        sandbox.url("/oauth/authorize"),
        params=params | {"redirect_uri": REDIRECT, "code_challenge_method": "plain"},
    )
    assert plain.status_code == 302 and "error=invalid_request" in plain.headers["Location"]


def test_refresh_rotates_and_grace_returns_the_same_pair(sandbox: SandboxHandle) -> None:
    """Contract case 6: the refresh response was lost."""
    pair = _signed_in(sandbox)
    first = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    retry = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    assert first.status_code == retry.status_code == 200
    assert first.json() == retry.json()
    assert first.json()["refresh_token"] != pair["refresh_token"]
    assert _me(sandbox, first.json()["access_token"]).status_code == 200


def test_reuse_after_grace_revokes_the_family(sandbox: SandboxHandle) -> None:
    pair = _signed_in(sandbox)
    newer = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"]).json()
    sandbox.advance_clock(61)
    reuse = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    assert _me(sandbox, newer["access_token"]).status_code == 401
    stale = _token(sandbox, grant_type="refresh_token", refresh_token=newer["refresh_token"])
    assert stale.json()["error"] == "invalid_grant"


def test_expired_access_token_is_401_invalid_token(sandbox: SandboxHandle) -> None:
    pair = _signed_in(sandbox)
    sandbox.expire_tokens("access")
    response = _me(sandbox, pair["access_token"])
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert response.json()["code"] == "token-expired"
    refreshed = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    assert _me(sandbox, refreshed.json()["access_token"]).status_code == 200


def test_revoked_refresh_token_is_invalid_grant(sandbox: SandboxHandle) -> None:
    """Contract case 7."""
    pair = _signed_in(sandbox)
    assert sandbox.revoke_tokens("refresh") >= 1
    answer = _token(sandbox, grant_type="refresh_token", refresh_token=pair["refresh_token"])
    assert answer.json()["error"] == "invalid_grant"


def test_revoke_endpoint_signs_out(sandbox: SandboxHandle) -> None:
    pair = _signed_in(sandbox)
    assert (
        httpx.post(sandbox.url("/oauth/revoke"), data={"token": pair["refresh_token"]}).status_code
        == 200
    )
    assert _me(sandbox, pair["access_token"]).status_code == 401


def test_pats_and_bad_tokens(sandbox: SandboxHandle) -> None:
    pat = sandbox.mint_pat("usr_2")
    assert pat.startswith("vmx_pat_")
    assert _me(sandbox, pat).json()["user"]["name"] == "Sam Okafor"
    for bad in ["vmx_pat_nope", "vmx_at_expired", "x" * 5000]:
        response = _me(sandbox, bad)
        assert response.status_code == 401 and response.json()["code"] in {
            "invalid-token",
            "unauthenticated",
        }
