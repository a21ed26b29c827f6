"""Signing in through the browser: authorization code + PKCE over a loopback redirect.

with BrowserSignIn(url) as flow:                # flow.url to show, flow.cancel() from the UI
    flow.open_browser()
    session = flow.finish(store, paths, timeout=300)

Apart from `auth.service` because only a sign-in needs its redirect listener
(http.server) and the browser launcher; the app signed in never loads them.
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from timo_desktop.auth.credentials import CredentialStore
from timo_desktop.auth.errors import SignInCancelled, SignInInterrupted, SignInTimedOut
from timo_desktop.auth.loopback import LoopbackRedirect
from timo_desktop.auth.pkce import Pkce
from timo_desktop.auth.service import first_answer, remember_sign_in
from timo_desktop.auth.session import AuthSession
from timo_desktop.paths import Paths

if TYPE_CHECKING:
    import httpx

    from timo_desktop.vmoox.oauth import OAuthClient, TokenSet

DEFAULT_SIGN_IN_TIMEOUT = 300.0


class BrowserSignIn:
    """One browser sign-in: authorization code + PKCE over a loopback redirect.

    Creating it starts the redirect listener and fetches the server's
    metadata; `url` is the page to open (show it too, in case the browser
    does not start). `finish()` waits for the browser and completes the
    sign-in; `cancel()` (from any thread) makes it raise `SignInCancelled`.
    """

    def __init__(self, server_url: str, *, transport: httpx.BaseTransport | None = None) -> None:
        from timo_desktop.vmoox.oauth import OAuthClient

        self._transport = transport
        self._pkce = Pkce()
        self._oauth: OAuthClient = OAuthClient(server_url, transport=transport)
        self._redirect = LoopbackRedirect(self._pkce.state)
        try:
            with first_answer(server_url):
                self._redirect.leads_to(
                    self._oauth.authorization_url(
                        redirect_uri=self._redirect.redirect_uri,
                        state=self._pkce.state,
                        code_challenge=self._pkce.challenge,
                    )
                )
        except BaseException:
            self.close()
            raise
        # A one-time link to the redirect listener, never the sign-in page's own address:
        # the browser's command line is there for every program to read (see `loopback`).
        self.url = self._redirect.start_url
        self.server_url = server_url

    def __repr__(self) -> str:
        return f"BrowserSignIn({self.server_url!r})"

    def open_browser(self) -> bool:
        """Open `url` in the system browser; False if no browser could be started."""
        from timo_desktop.command import as_the_user_has_it

        try:
            with as_the_user_has_it():
                return webbrowser.open(self.url)
        except webbrowser.Error:
            return False

    def cancel(self) -> None:
        """Stop waiting for the browser; `finish()` raises `SignInCancelled`."""
        self._redirect.cancel()

    def finish(
        self, store: CredentialStore, paths: Paths, *, timeout: float = DEFAULT_SIGN_IN_TIMEOUT
    ) -> AuthSession:
        """Wait for the browser, trade the code for tokens and keep the refresh token."""
        tokens = self.wait_for_tokens(timeout)
        from timo_desktop.vmoox.client import VmooxClient
        from timo_desktop.vmoox.tokens import StaticToken

        access = tokens.access_token.get_secret_value()
        with VmooxClient(self.server_url, StaticToken(access), transport=self._transport) as api:
            me = api.me().value
            server = api.server_url
        if tokens.refresh_token is None:
            from timo_desktop.vmoox.oauth import OAuthError

            raise OAuthError("invalid_response", "the server sent no refresh token")
        session = remember_sign_in(
            server,
            me,
            "oauth",
            tokens.refresh_token.get_secret_value(),
            store,
            paths,
            self._transport,
        )
        session.use_access_token(tokens)
        return session

    def wait_for_tokens(self, timeout: float = DEFAULT_SIGN_IN_TIMEOUT) -> TokenSet:
        """Wait for the redirect and exchange its code (no storage)."""
        from timo_desktop.vmoox.oauth import OAuthError

        callback = self._redirect.wait(timeout)
        if callback is None:
            if self._redirect.cancelled:
                raise SignInCancelled("sign-in cancelled")
            if self._redirect.opened_twice:
                raise SignInInterrupted(
                    "the sign-in link was opened twice, so Timo stopped this sign-in: another "
                    "program may have read the link. Start the sign-in again"
                )
            raise SignInTimedOut(
                f"the browser did not come back to Timo within {timeout:.0f} seconds"
            )
        if callback.code is None:
            if callback.error == "access_denied":
                raise SignInCancelled("access was denied in the browser")
            raise OAuthError(callback.error or "invalid_request", callback.error_description)
        return self._oauth.exchange_code(
            code=callback.code,
            code_verifier=self._pkce.verifier,
            redirect_uri=self._redirect.redirect_uri,
        )

    def close(self) -> None:
        """Stop the redirect listener."""
        self._redirect.close()
        self._oauth.close()

    def __enter__(self) -> BrowserSignIn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
