"""Server address checks: HTTPS everywhere except this machine's loopback."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit


class ServerUrlError(ValueError):
    """The server address cannot be used; the message says why in plain words."""


def is_loopback_host(host: str) -> bool:
    """True for `localhost` and loopback IP literals (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


API_PATH = "/v1"


def normalize_server_url(url: str) -> str:
    """Return `url` as a clean base URL (no trailing slash, query, fragment or `/v1`).

    Raises `ServerUrlError` unless it is `https://...`, or `http://` to a
    loopback address: tokens must never travel in clear text over a network.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # a bracketed host unclosed or not an IP address: `http://[::1`
        raise _not_an_address(text) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _not_an_address(text)
    try:
        parts.port  # noqa: B018 - a bad port only shows when it is read
    except ValueError:
        raise ServerUrlError(f"'{text}' has an invalid port number") from None
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ServerUrlError(
            f"'{text}' uses plain http; Vmoox servers must be reached over https "
            "(plain http is allowed only for this computer, e.g. http://127.0.0.1:8765)"
        )
    path = parts.path.rstrip("/")
    if path.endswith(API_PATH):  # the API's address pasted: the client adds /v1 itself
        path = path.removesuffix(API_PATH)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _not_an_address(text: str) -> ServerUrlError:
    """`text` refused as no server address, with the one it means where it lacks only its
    scheme (`did you mean http://127.0.0.1:8765?`)."""
    meant = _with_scheme(text)
    wanted = (
        f"did you mean {meant}?" if meant else "expected something like https://vmoox.example.com"
    )
    return ServerUrlError(f"'{text}' is not a server address; {wanted}")


def _with_scheme(text: str) -> str | None:
    """`text` typed without its scheme (`127.0.0.1:8765`) as the address it means: http for
    this computer, https anywhere else, as `normalize_server_url` takes them (plain http to
    another computer, even on the local network, is refused). None when it names no host."""
    if "://" in text or any(char.isspace() for char in text):
        return None
    try:
        host = urlsplit(f"//{text}").hostname
    except ValueError:
        return None
    if not host:
        return None
    try:
        return normalize_server_url(f"{'http' if is_loopback_host(host) else 'https'}://{text}")
    except ServerUrlError:
        return None


def without_path(url: str) -> str | None:
    """The server address `url` less its path (`http://127.0.0.1:8765` for
    `http://127.0.0.1:8765/api/v1`), where one that answers "not found" has a path to drop;
    None when it has none."""
    parts = urlsplit(normalize_server_url(url))
    return urlunsplit((parts.scheme, parts.netloc, "", "", "")) if parts.path else None
