"""Where the client gets its bearer token from.

The client never stores credentials: it asks a `TokenSource` for the current
access token and, when the server says the token is invalid, asks it once to
refresh. `timo_desktop.auth` provides the real sources.
"""

from __future__ import annotations

from typing import Protocol


class TokenSource(Protocol):
    """Supplies bearer tokens to `VmooxClient`; must be safe to call from any thread."""

    def access_token(self) -> str:
        """Return the access token to send now (may sign in silently by refreshing)."""
        ...

    def refresh(self, rejected: str) -> str:
        """Return a token newer than `rejected`, which the server just refused.

        Raise `timo_desktop.vmoox.errors.Unauthorized` (or a subclass) when no
        newer token can be had and the user must sign in again.
        """
        ...


class StaticToken:
    """A token that cannot be refreshed: a personal access token or `VMOOX_TOKEN`."""

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "StaticToken(<hidden>)"

    def access_token(self) -> str:
        """Return the token."""
        return self._token

    def refresh(self, rejected: str) -> str:
        """A static token cannot be renewed: the user must provide a new one."""
        from timo_desktop.vmoox.errors import SignInRequired

        raise SignInRequired("the access token was refused; sign in again")
