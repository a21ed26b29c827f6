"""`AuthSession`: the signed-in account as a token source for `VmooxClient`.

Refresh tokens rotate on every use, so a refresh is done with care:

- one refresh at a time (a lock), and a caller whose rejected token was
  already replaced gets the new one instead of refreshing again;
- the refresh token is re-read from the store first, because another Timo
  process (the CLI beside the app) may have rotated it;
- the new refresh token is stored before the new access token is used, so a
  crash in between cannot leave only a spent token behind;
- when the answer to a refresh is lost, the same old token is sent again:
  the server returns the same new pair within its grace period.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from timo_desktop.auth.account import Account
from timo_desktop.auth.credentials import CredentialStore
from timo_desktop.auth.errors import KeyringUnavailable

if TYPE_CHECKING:
    import httpx

    from timo_desktop.vmoox.client import VmooxClient
    from timo_desktop.vmoox.oauth import OAuthClient, TokenSet

log = logging.getLogger(__name__)

# Renew a little before the server's expiry so a request is not sent with a dying token.
EXPIRY_MARGIN_SECONDS = 60.0


class AuthSession:
    """Supplies access tokens for one account; safe to share between threads."""

    def __init__(
        self,
        account: Account,
        store: CredentialStore,
        *,
        transport: httpx.BaseTransport | None = None,
        from_env: bool = False,
    ) -> None:
        self.account = account
        self.store = store
        self.from_env = from_env  # True for VMOOX_TOKEN: nothing stored, nothing to revoke
        self.left_in_keyring: str | None = None  # why a sign-out could not remove the secret
        # Signing in over another person's data removed their synced copies: said so.
        self.handed_over: str | None = None
        self._transport = transport
        self._lock = threading.Lock()
        self._access: str | None = None
        self._expires_at: float | None = None
        self._oauth: OAuthClient | None = None

    def __repr__(self) -> str:
        return (
            f"AuthSession(server={self.account.server_url!r}, user={self.account.user_id!r}, "
            f"credential={self.account.credential!r}, store={self.store.kind!r})"
        )

    # --- TokenSource ---------------------------------------------------------

    def access_token(self) -> str:
        """The token to send now; renews it first when it is missing or about to expire."""
        with self._lock:
            if self.account.credential == "pat":
                return self._stored_secret()
            if self._access is not None and not self._expiring():
                return self._access
            return self._renew()

    def refresh(self, rejected: str) -> str:
        """A token newer than `rejected` (raises `SignInRequired` when none can be had)."""
        from timo_desktop.vmoox.errors import SignInRequired

        with self._lock:
            if self.account.credential == "pat":
                if self.from_env:  # nothing saved here to sign in again with
                    raise SignInRequired(
                        "the token in VMOOX_TOKEN was refused; set it to a valid personal"
                        " access token, or unset it to use the saved sign-in"
                    )
                raise SignInRequired(
                    "the personal access token was refused; sign in again with a valid token"
                )
            if self._access is not None and self._access != rejected and not self._expiring():
                return self._access  # another thread renewed it meanwhile
            return self._renew()

    # --- after sign-in and at sign-out ---------------------------------------

    def use_access_token(self, tokens: TokenSet) -> None:
        """Use the access token of a sign-in whose refresh token is already stored."""
        with self._lock:
            self._use_access(tokens)

    def sign_out(self) -> bool:
        """Revoke the tokens at the server and wipe them here.

        Returns False when the server could not be told (offline): the local
        credentials are wiped all the same. A personal access token is only
        forgotten, not revoked: it belongs to the user's other scripts too.
        """
        from timo_desktop.vmoox.errors import VmooxError

        with self._lock:
            revoked = True
            try:
                secret = self.store.load(self.account.key)
            except KeyringUnavailable:
                secret = None  # a locked keyring: what it holds stays there (`delete`)
                revoked = self.account.credential != "oauth"  # its token could not be revoked
            if self.account.credential == "oauth":
                try:
                    oauth = self._oauth_client()
                    if secret is not None:
                        oauth.revoke(secret, token_type_hint="refresh_token")
                    if self._access is not None:
                        oauth.revoke(self._access, token_type_hint="access_token")
                except VmooxError as exc:
                    log.warning("sign-out: the server could not be told (%s)", type(exc).__name__)
                    revoked = False
            try:
                self.store.delete(self.account.key)
            except KeyringUnavailable as exc:
                # Signed out here all the same (the account forgotten): the secret stays in
                # the keyring, unused, until removed there; said by whoever signs out.
                self.left_in_keyring = exc.reason
            self._access = None
            self._expires_at = None
            if self._oauth is not None:
                self._oauth.close()
                self._oauth = None
            return revoked

    def client(self) -> VmooxClient:
        """A `VmooxClient` for this account's server using this session's tokens."""
        from timo_desktop.vmoox.client import VmooxClient

        return VmooxClient(self.account.server_url, self, transport=self._transport)

    # --- internals (called with the lock held) -------------------------------

    def _expiring(self) -> bool:
        return self._expires_at is not None and time.monotonic() >= self._expires_at

    def _stored_secret(self) -> str:
        from timo_desktop.vmoox.errors import SignInRequired

        secret = self.store.load(self.account.key)
        if secret is None:
            raise SignInRequired("Timo is not signed in to this account; sign in again")
        return secret

    def _oauth_client(self) -> OAuthClient:
        if self._oauth is None:
            from timo_desktop.vmoox.oauth import OAuthClient

            self._oauth = OAuthClient(self.account.server_url, transport=self._transport)
        return self._oauth

    def _renew(self) -> str:
        from timo_desktop.vmoox.errors import NetworkError, SignInRequired
        from timo_desktop.vmoox.oauth import InvalidGrant

        used = self._stored_secret()  # another Timo process may have rotated it
        oauth = self._oauth_client()
        try:
            try:
                tokens = oauth.refresh(used)
            except NetworkError as exc:
                if not exc.maybe_committed:
                    raise
                log.info("refresh answer lost; retrying with the same refresh token")
                tokens = oauth.refresh(used)
        except InvalidGrant:
            latest = self.store.load(self.account.key)
            if latest is None or latest == used:
                self._access = None
                raise SignInRequired(
                    "your Vmoox sign-in has expired or was revoked; sign in again"
                ) from None
            try:  # rotated by another process while we were asking
                tokens = oauth.refresh(latest)
            except InvalidGrant:
                raise SignInRequired(
                    "your Vmoox sign-in has expired or was revoked; sign in again"
                ) from None
        self._adopt(tokens)
        assert self._access is not None
        return self._access

    def _adopt(self, tokens: TokenSet) -> None:
        if tokens.refresh_token is not None:
            # Persist first: the old refresh token is spent once the new pair exists.
            self.store.save(self.account.key, tokens.refresh_token.get_secret_value())
        self._use_access(tokens)

    def _use_access(self, tokens: TokenSet) -> None:
        self._access = tokens.access_token.get_secret_value()
        self._expires_at = (
            time.monotonic() + max(0.0, tokens.expires_in - EXPIRY_MARGIN_SECONDS)
            if tokens.expires_in
            else None
        )
