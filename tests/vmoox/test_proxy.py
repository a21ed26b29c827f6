"""Behind a company proxy: HTTPS goes through the proxy this computer is set to use, as an
encrypted tunnel; a plain-http loopback server never goes through one (its tokens would show).

A real proxy on loopback (tests/support/proxy.py) and the sandbox serving HTTPS.
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Iterator

import httpx
import pytest

from tests.support.https import HttpsSandbox
from tests.support.proxy import ConnectProxy
from tests.support.sandbox import SandboxHandle
from tests.vmoox.test_deadline import HEAD_PIECES, NO_ANSWER, TRICKLED_HEAD
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import NetworkError
from timo_desktop.vmoox.tokens import StaticToken
from vmoox_sandbox.launcher import SandboxServer

PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def no_proxy_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def server(https_sandbox: HttpsSandbox, trusted: None) -> SandboxServer:
    """The HTTPS sandbox, its test authority trusted by this computer."""
    return https_sandbox.server


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectProxy]:
    """A proxy this computer is set to use, the way Linux says so."""
    with ConnectProxy() as running:
        monkeypatch.setenv("HTTPS_PROXY", running.url)
        monkeypatch.setenv("HTTP_PROXY", running.url)
        yield running


def _me(base_url: str, token: str) -> str:
    with VmooxClient(base_url, StaticToken(token)) as client:
        return client.me().value.user.name


def test_https_goes_through_the_proxy_as_a_tunnel(
    server: SandboxServer, proxy: ConnectProxy
) -> None:
    assert _me(server.base_url, server.token) == "Dana Demo"
    host_and_port = server.base_url.removeprefix("https://")
    assert proxy.tunnels == [host_and_port]  # only CONNECT: the proxy never saw a request


def test_hosts_listed_in_no_proxy_are_reached_directly(
    server: SandboxServer, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    assert _me(server.base_url, server.token) == "Dana Demo"
    assert proxy.requests == []


def test_a_loopback_http_server_is_never_reached_through_a_proxy(
    sandbox: SandboxHandle, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    assert sandbox.base_url.startswith("http://127.0.0.1")
    assert _me(sandbox.base_url, sandbox.token) == "Dana Demo"
    assert proxy.requests == []  # the token never passed through it


def test_a_proxy_that_refuses_leaves_the_request_unsent(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ConnectProxy(refuse=407) as strict:
        monkeypatch.setenv("HTTPS_PROXY", strict.url)
        with pytest.raises(NetworkError) as refused:
            _me(server.base_url, server.token)
    assert str(refused.value) == (
        "cannot reach 127.0.0.1: the proxy would not connect to it "
        "(407 Proxy Authentication Required)"
    )
    assert refused.value.maybe_committed is False  # the server never saw it: safe to retry
    assert strict.tunnels == [server.base_url.removeprefix("https://")]


def test_a_socks_proxy_set_for_this_computer_is_used(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ConnectProxy() as socks:
        monkeypatch.setenv("ALL_PROXY", socks.url.replace("http://", "socks5://"))
        assert _me(server.base_url, server.token) == "Dana Demo"
    assert socks.requests == [f"SOCKS5 {server.base_url.removeprefix('https://')}"]


def test_a_host_the_system_settings_exempt_is_reached_directly(
    server: SandboxServer, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows and macOS keep proxy exemptions in their settings, which the standard library
    reads through `urllib.request.proxy_bypass`; they cannot be set here, so it answers as
    settings exempting this host would."""
    asked: list[str] = []

    def exempt(host: str) -> bool:
        asked.append(host)
        return host == "127.0.0.1"

    monkeypatch.setattr(urllib.request, "proxy_bypass", exempt)
    assert _me(server.base_url, server.token) == "Dana Demo"
    assert asked == ["127.0.0.1"]
    assert proxy.requests == []


@pytest.fixture
def faults(https_sandbox: HttpsSandbox) -> Iterator[httpx.Client]:
    """The HTTPS sandbox's controls, reached directly; faults left are cleared after."""
    trusting = ssl.create_default_context(cafile=str(https_sandbox.authority))
    base_url = https_sandbox.server.base_url
    with httpx.Client(
        base_url=base_url + "/__sandbox", verify=trusting, trust_env=False
    ) as sandbox:
        yield sandbox
        sandbox.delete("/faults").raise_for_status()


@pytest.mark.parametrize(
    "proxy_variable", [None, "HTTPS_PROXY", "ALL_PROXY"], ids=["direct", "connect", "socks"]
)
def test_a_head_trickled_over_https_ends_at_the_deadline_however_it_goes(
    server: SandboxServer,
    faults: httpx.Client,
    proxy_variable: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The deadline holds on the connection itself, inside TLS and a proxy's tunnel alike:
    the status line and headers trickled end the request there, not when they are through."""
    with ConnectProxy() as proxy:
        if proxy_variable is not None:
            scheme = "socks5://" if proxy_variable == "ALL_PROXY" else "http://"
            monkeypatch.setenv(proxy_variable, proxy.url.replace("http://", scheme))
        fault = {"path": "/v1/me", "action": "trickle", "method": "GET", **TRICKLED_HEAD}
        faults.post("/faults", json=fault).raise_for_status()
        with (
            VmooxClient(
                server.base_url,
                StaticToken(server.token),
                timeout=httpx.Timeout(5.0, read=30.0),
                deadline=2.0,
            ) as api,
            pytest.raises(NetworkError) as late,
        ):
            api.me()
    assert (str(late.value), late.value.maybe_committed) == (NO_ANSWER, True)
    [trickled] = faults.get("/faults").json()["faults"]
    assert trickled["pieces_sent"] < HEAD_PIECES  # before its head was through
    assert len(proxy.tunnels) == (proxy_variable is not None)
