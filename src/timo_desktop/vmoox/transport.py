"""The HTTP transport shared by the API client and the sign-in endpoints.

Builds the httpx client (User-Agent, timeouts, loopback-or-HTTPS base URL),
sends each request within a total deadline, turns transport failures into
`NetworkError` and error answers into the typed `ApiError` subclasses.
"""

from __future__ import annotations

import json
import platform
import socket
import ssl
import sys
from functools import cache
from typing import Any, TypeVar, overload

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from timo_desktop import __version__
from timo_desktop.vmoox.deadline import hold_to_deadlines, within
from timo_desktop.vmoox.errors import ApiError, NetworkError, UnexpectedResponse, UntrustedServer
from timo_desktop.vmoox.meta import ResponseMeta
from timo_desktop.vmoox.models import Problem
from timo_desktop.vmoox.urls import is_loopback_host, normalize_server_url

M = TypeVar("M", bound=BaseModel)
V = TypeVar("V")
E = TypeVar("E", bound=BaseException)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=10.0)
# Seconds one request may take from start to end. httpx's timeouts bound each wait, so a
# server or proxy sending its answer a few bytes at a time never trips them; sync rounds,
# and the lock that makes them take turns, would wait for as long as it pleased.
DEFAULT_DEADLINE = 60.0

# Failures raised before any byte of the request could reach the server.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,  # the proxy refused the tunnel: the server never saw the request
    httpx.UnsupportedProtocol,
)


def os_name() -> str:
    """The short OS name used in the User-Agent and entry sources."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return platform.system().lower() or sys.platform


def user_agent() -> str:
    """`timo-desktop/<version> (<os>)`."""
    return f"timo-desktop/{__version__} ({os_name()})"


def new_http_client(
    server_url: str,
    *,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An httpx client bound to the server (raises `ServerUrlError` for unsafe URLs), which
    holds the requests `send` sends to their deadline; a `transport` given must do that
    itself (`deadline.hold_to_deadlines`)."""
    base_url = normalize_server_url(server_url)
    http = httpx.Client(
        base_url=base_url,
        timeout=timeout,
        transport=transport,
        verify=_tls_context(base_url),
        headers={"User-Agent": user_agent(), "Accept": "application/json"},
        follow_redirects=False,
        trust_env=_through_proxy(base_url),
    )
    if transport is None:
        # The transports httpx made: its own and one for each proxy this computer is set to use.
        for made in (http._transport, *http._mounts.values()):
            if isinstance(made, httpx.HTTPTransport):
                hold_to_deadlines(made)
    return http


def _through_proxy(base_url: str) -> bool:
    """Whether the server is reached through the proxy this computer is set to use
    (HTTPS_PROXY, ALL_PROXY, and the system settings on Windows and macOS).

    HTTPS only: the proxy then sees an encrypted tunnel, while a plain-http loopback
    server would show it the tokens. Not for a host the settings exempt: httpx reads
    the exemptions in NO_PROXY but not those of the Windows and macOS settings.
    """
    if not base_url.startswith("https://"):
        return False
    import urllib.request  # httpx has loaded it already

    return not urllib.request.proxy_bypass(httpx.URL(base_url).host)


def _tls_context(base_url: str) -> ssl.SSLContext:
    """This computer's trusted certificates for https; for a plain-http loopback server, none.

    A loopback server's context still requires a valid certificate, so any https URL
    sent through that client fails rather than going unchecked.
    """
    if base_url.startswith("https://"):
        return trusted_here()
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@cache
def trusted_here() -> ssl.SSLContext:
    """A TLS context that trusts what this computer trusts, shared by every client.

    The operating system's own store (Keychain, the Windows store, the distribution's
    CA certificates), as the browser uses: a company that inspects HTTPS installs its
    certificate there, which a bundled CA list would refuse. One context for all
    clients, as each context holds its own copy of the certificates (a MiB or more).
    """
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def send(
    http: httpx.Client, request: httpx.Request, *, deadline: float = DEFAULT_DEADLINE
) -> httpx.Response:
    """Send `request` and read its answer within `deadline` seconds in all, turning
    transport failures into `NetworkError`.

    An answer still coming at the deadline is abandoned as a read timeout: for a write
    whose body went out, "maybe committed", as for any answer that never came. An answer
    that keeps coming at a working pace (`deadline.STEADY_PACE`) earns more time, so a slow
    but steady link still brings a large page whole.
    """
    # Waiting for a free connection is no wait on the network, which the deadline holds.
    timeouts = request.extensions.get("timeout", {})
    pool = timeouts.get("pool")
    request.extensions["timeout"] = {
        **timeouts,
        "pool": deadline if pool is None else min(pool, deadline),
    }
    try:
        with within(deadline):
            return http.send(request)
    except _NOT_SENT as exc:
        refused = _certificate_refused(exc)
        if refused is not None:
            # The two usual causes, each with its way out: a captive portal shows its own
            # certificate until one signs in; an inspecting network shows the company's.
            raise UntrustedServer(
                f"this computer does not trust the certificate of {request.url.host} "
                f"({_why(refused)}): if this network asks you to sign in "
                "(hotel or café Wi-Fi), do that first; if it inspects secure connections, "
                "add its certificate to this computer's trusted certificates"
            ) from exc
        reason = _plain(exc, request.url)
        if isinstance(exc, httpx.ProxyError):
            reason = f"the proxy would not connect to it ({reason})"
        raise NetworkError(
            f"cannot reach {request.url.host}: {reason}",
            maybe_committed=False,
            refused=isinstance(_underneath(exc, OSError), ConnectionRefusedError),
        ) from exc
    except httpx.TransportError as exc:
        # Timeouts and dropped connections after sending: the server may have acted.
        raise NetworkError(
            f"no answer from {request.url.host}: {_plain(exc, request.url)}",
            maybe_committed=True,
            slow=isinstance(exc, httpx.TimeoutException),  # connected: only the answer is late
        ) from exc


def _plain(exc: Exception, url: httpx.URL) -> str:
    """Why `url` could not be reached, in plain words: the usual causes named, with the way
    out where there is one; anything else in the error's own words."""
    cause = _underneath(exc, OSError)
    if isinstance(cause, ssl.SSLError) and cause.reason in _NOT_TLS:
        # Only this computer may be reached over plain http (`normalize_server_url`).
        way_out = (
            f"try http://{url.netloc.decode()}"
            if is_loopback_host(url.host)
            else "check the address and its port"
        )
        return f"this address does not speak HTTPS; {way_out}"
    if isinstance(cause, ConnectionRefusedError):
        return (
            "nothing answers at this address (the connection was refused); check the address"
            " and its port, and that the server is running"
        )
    if isinstance(cause, socket.gaierror):
        return (
            f"no computer named {url.host} could be found; check the address and this"
            " computer's network connection"
        )
    if isinstance(exc, httpx.TimeoutException):
        return "it did not answer in time"
    if cause is not None and cause.strerror:  # "[Errno 101] Network is unreachable"
        return cause.strerror[:1].lower() + cause.strerror[1:]
    text = str(exc).strip()
    return text or type(exc).__name__


# OpenSSL's reasons for a first answer that is not TLS at all (a plain http server).
_NOT_TLS = {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST", "UNKNOWN_PROTOCOL"}


def _why(refused: ssl.SSLCertVerificationError) -> str:
    """OpenSSL's reason; truststore's own checks on Windows do not always set one, and
    then the error's text is its last argument (its str() is a tuple's)."""
    reason = getattr(refused, "verify_message", None) or (refused.args[-1] if refused.args else "")
    return str(reason).strip() or "no reason given"


def _certificate_refused(exc: BaseException | None) -> ssl.SSLCertVerificationError | None:
    """The certificate check that failed under an httpx error."""
    return _underneath(exc, ssl.SSLCertVerificationError)


def _underneath(exc: BaseException | None, kind: type[E]) -> E | None:
    """The error of `kind` under an httpx error (httpcore wraps the socket's twice)."""
    while exc is not None:
        if isinstance(exc, kind):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


@overload
def parse(model: type[M], response: httpx.Response) -> M: ...
@overload
def parse(model: TypeAdapter[V], response: httpx.Response) -> V: ...
def parse(model: type[M] | TypeAdapter[V], response: httpx.Response) -> M | V:
    """The response body as `model`; a body that does not fit is `UnexpectedResponse`."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_json(response.content)
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise UnexpectedResponse(
            f"the server's answer to {response.request.method} {response.request.url.path} "
            f"does not match the Vmoox API ({exc.error_count()} problems, first: "
            f"{exc.errors()[0]['msg']} at {'/'.join(map(str, exc.errors()[0]['loc'])) or 'top'})"
        ) from None


def meta_of(response: httpx.Response) -> ResponseMeta:
    """The `ResponseMeta` of an httpx response."""
    return ResponseMeta.from_headers(response.status_code, response.headers)


def problem_of(response: httpx.Response) -> Problem:
    """The problem document of an error answer, or one made up from its status."""
    body: Any = None
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict):
        body.setdefault("status", response.status_code)
        try:
            return Problem.model_validate(body)
        except ValueError:
            pass
    status = response.status_code
    return Problem(
        status=status,
        title=response.reason_phrase or f"HTTP {status}",
        detail=f"the server answered {status} {response.reason_phrase}".strip(),
        retryable=status == 429 or status >= 500,
        request_id=response.headers.get("x-request-id"),
    )


def raise_for_problem(response: httpx.Response) -> None:
    """Raise the typed `ApiError` for an error answer; do nothing for success."""
    if response.status_code >= 400:
        response.read()
        raise ApiError.from_problem(problem_of(response), meta_of(response))
