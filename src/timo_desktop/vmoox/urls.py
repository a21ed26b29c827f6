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
    not_an_address = ServerUrlError(
        f"'{text}' is not a server address; expected something like https://vmoox.example.com"
    )
    try:
        parts = urlsplit(text)
    except ValueError:  # a bracketed host unclosed or not an IP address: `http://[::1`
        raise not_an_address from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise not_an_address
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
