"""What can go wrong while signing in (beyond the server refusing a request)."""

from __future__ import annotations


class AuthError(Exception):
    """A sign-in or credential problem, explained in plain words."""


class KeyringUnavailable(AuthError):
    """The OS keyring cannot hold the sign-in. Said whole, as the command line says it, with
    its ways to go on; the window offers its own (a sign-in until Timo quits, or the file)
    beside `reason`."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"No usable keyring: {reason}. Keep the sign-in in a file readable only by you"
            " (`timo login --allow-file-store`), or, for this shell only, set VMOOX_TOKEN"
            " (and VMOOX_SERVER) instead of signing in."
        )


class SignInCancelled(AuthError):
    """The user cancelled the sign-in (or denied access in the browser)."""


class SignInTimedOut(AuthError):
    """The browser never came back to Timo in time."""


class SignInInterrupted(AuthError):
    """The one-time sign-in link was opened twice: someone else may have read it."""


class NotSignedIn(AuthError):
    """No account is signed in."""


class TokenRefused(AuthError):
    """The server refused the personal access token being signed in with."""

    def __init__(self) -> None:
        super().__init__("the server refused this token; check it and try again")


class NoVmooxServer(AuthError):
    """The address answers, but not as a Vmoox server (a web site, a wrong path); `root`,
    the address less a path it has, is offered instead."""

    def __init__(self, status: int, root: str | None = None) -> None:
        self.status = status
        meant = f"; did you mean {root}?" if root else ""
        super().__init__(f"there is no Vmoox server at this address (it answered {status}){meant}")
