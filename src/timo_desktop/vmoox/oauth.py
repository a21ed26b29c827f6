"""The sign-in endpoints of a Vmoox server (OAuth 2.0 for a public native client).

Only the wire protocol lives here: discovery (RFC 8414), the authorization
URL, code exchange with PKCE, refresh and revocation (RFC 7009). The browser,
the loopback redirect and credential storage are in `timo_desktop.auth`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr

from timo_desktop.vmoox.errors import NetworkError, UnexpectedResponse, VmooxError
from timo_desktop.vmoox.transport import (
    DEFAULT_TIMEOUT,
    new_http_client,
    parse,
    raise_for_problem,
    send,
)
from timo_desktop.vmoox.urls import normalize_server_url

CLIENT_ID = "timo-desktop"


class OAuthError(VmooxError):
    """The server refused a sign-in step (RFC 6749 `error` and description)."""

    def __init__(self, error: str, description: str | None = None) -> None:
        self.error = error
        self.description = description
        super().__init__(f"sign-in refused: {description or error} ({error})")


class InvalidGrant(OAuthError):
    """The code or refresh token is invalid, expired or revoked: sign in again."""


class ServerMetadata(BaseModel):
    """The parts of the authorization-server metadata Timo uses."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)

    issuer: str | None = None
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str | None = None
    code_challenge_methods_supported: list[str] = ["S256"]


class TokenSet(BaseModel):
    """A token endpoint answer; the secrets never show in repr, str or logs."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)

    access_token: SecretStr
    token_type: str = "Bearer"
    expires_in: int | None = None
    refresh_token: SecretStr | None = None
    scope: str | None = None


class OAuthClient:
    """Talks to one server's sign-in endpoints."""

    def __init__(
        self,
        server_url: str,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = new_http_client(server_url, timeout=timeout, transport=transport)
        self._metadata: ServerMetadata | None = None

    def __repr__(self) -> str:
        return f"OAuthClient({str(self._http.base_url)!r})"

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> OAuthClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def metadata(self) -> ServerMetadata:
        """The server's OAuth metadata (fetched once)."""
        if self._metadata is None:
            request = self._http.build_request("GET", "/.well-known/oauth-authorization-server")
            response = send(self._http, request)
            raise_for_problem(response)
            metadata = parse(ServerMetadata, response)
            if "S256" not in metadata.code_challenge_methods_supported:
                raise OAuthError("unsupported", "the server does not offer PKCE with S256")
            for endpoint in (
                metadata.authorization_endpoint,
                metadata.token_endpoint,
                metadata.revocation_endpoint,
            ):
                if endpoint is not None:
                    normalize_server_url(endpoint)  # tokens go only over https or loopback
            self._metadata = metadata
        return self._metadata

    def authorization_url(
        self, *, redirect_uri: str, state: str, code_challenge: str, scope: str | None = None
    ) -> str:
        """The browser URL that starts sign-in (PKCE S256)."""
        query = {
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": redirect_uri,
            "state": state,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
        if scope:
            query["scope"] = scope
        endpoint = self.metadata().authorization_endpoint
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        """Trade an authorization code for tokens."""
        return self._token_request(
            {
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": code_verifier,
                "redirect_uri": redirect_uri,
                "client_id": CLIENT_ID,
            }
        )

    def refresh(self, refresh_token: str) -> TokenSet:
        """Trade a refresh token for a new pair (the old refresh token is then spent)."""
        return self._token_request(
            {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": CLIENT_ID}
        )

    def revoke(self, token: str, *, token_type_hint: str | None = None) -> None:
        """Revoke a token (RFC 7009: unknown tokens count as revoked)."""
        endpoint = self.metadata().revocation_endpoint
        if endpoint is None:
            return
        form = {"token": token, "client_id": CLIENT_ID}
        if token_type_hint:
            form["token_type_hint"] = token_type_hint
        response = send(self._http, self._http.build_request("POST", endpoint, data=form))
        if response.status_code >= 400:
            _raise_oauth_error(response)

    def _token_request(self, form: dict[str, str]) -> TokenSet:
        endpoint = self.metadata().token_endpoint
        response = send(self._http, self._http.build_request("POST", endpoint, data=form))
        if response.status_code >= 400:
            _raise_oauth_error(response)
        try:
            return parse(TokenSet, response)
        except UnexpectedResponse:
            # A garbled answer to a refresh is as good as a lost one: the caller
            # retries with the same refresh token inside the grace period.
            raise NetworkError("the sign-in answer was unreadable", maybe_committed=True) from None


def _raise_oauth_error(response: httpx.Response) -> None:
    body: Any = None
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        error = body["error"]
        description = body.get("error_description")
        cls = InvalidGrant if error == "invalid_grant" else OAuthError
        raise cls(error, description if isinstance(description, str) else None)
    raise_for_problem(response)
    raise OAuthError("server_error", f"HTTP {response.status_code}")
