"""What can go wrong while signing in (beyond the server refusing a request)."""

from __future__ import annotations


class AuthError(Exception):
    """A sign-in or credential problem, explained in plain words."""


class KeyringUnavailable(AuthError):
    """The OS keyring cannot hold the sign-in: offer a session-only sign-in or the file store."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"No usable keyring: {reason}. Timo can stay signed in only until it quits, "
            "or keep the sign-in in a file readable only by you (--allow-file-store)."
        )


class SignInCancelled(AuthError):
    """The user cancelled the sign-in (or denied access in the browser)."""


class SignInTimedOut(AuthError):
    """The browser never came back to Timo in time."""


class NotSignedIn(AuthError):
    """No account is signed in."""
