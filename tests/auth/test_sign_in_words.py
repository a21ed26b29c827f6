"""A sign-in's first answer said in its own words: the token refused is the token's fault,
and an address that answers "not found" serves no Vmoox API."""

from __future__ import annotations

import httpx
import pytest

from timo_desktop.auth.browser import BrowserSignIn
from timo_desktop.auth.credentials import SessionStore
from timo_desktop.auth.errors import NoVmooxServer, TokenRefused
from timo_desktop.auth.service import sign_in_with_token
from timo_desktop.paths import resolve

SERVER = "https://vmoox.example"


def answering(status: int, **kwargs: object) -> httpx.MockTransport:
    return httpx.MockTransport(lambda _request: httpx.Response(status, **kwargs))  # type: ignore[arg-type]


def test_a_refused_token_is_the_token_s_fault_not_a_lost_sign_in() -> None:
    problem = {"status": 401, "title": "Unauthorized", "code": "unauthorized"}
    with pytest.raises(TokenRefused) as refused:
        sign_in_with_token(
            SERVER,
            "vmx_pat_wrong",
            SessionStore(),
            resolve(),
            transport=answering(401, json=problem),
        )
    assert str(refused.value) == "the server refused this token; check it and try again"


def test_a_web_site_that_is_no_vmoox_server_is_named_as_such() -> None:
    site = answering(404, text="<h1>File not found</h1>", headers={"content-type": "text/html"})
    with pytest.raises(NoVmooxServer) as by_token:
        sign_in_with_token(SERVER, "vmx_pat_any", SessionStore(), resolve(), transport=site)
    assert str(by_token.value) == "there is no Vmoox server at this address (it answered 404)"
    with pytest.raises(NoVmooxServer):
        BrowserSignIn(SERVER, transport=site)
