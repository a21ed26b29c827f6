"""OAuth 2.0 for the public client ``timo-desktop``: authorization code + PKCE (S256),
rotating refresh tokens with a grace period, revocation, and RFC 8414 metadata."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vmoox_sandbox.auth import (
    ACCESS_PREFIX,
    REFRESH_PREFIX,
    new_secret,
    password_hash,
    store_token,
    token_hash,
)
from vmoox_sandbox.clock import as_utc, to_db
from vmoox_sandbox.context import Sandbox, get_sandbox
from vmoox_sandbox.models import AuthRequest, Token, User
from vmoox_sandbox.oauth_pages import consent_page, error_page, login_page

router = APIRouter(tags=["oauth"])
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]

CLIENTS = {"timo-desktop": "Timo Desktop"}
CODE_LIFETIME = timedelta(minutes=10)
LOGIN_LIFETIME = timedelta(minutes=30)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
OptionalForm = Annotated[str | None, Form()]


@router.get("/.well-known/oauth-authorization-server")
def metadata(request: Request) -> dict[str, Any]:
    """Authorization server metadata (RFC 8414)."""
    issuer = str(request.base_url).rstrip("/")
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/oauth/authorize",
        "token_endpoint": f"{issuer}/oauth/token",
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "scopes_supported": ["time-entries", "records", "projects", "offline_access"],
    }


def is_loopback_redirect(uri: str) -> bool:
    """Any ``http://127.0.0.1:{port}/...`` (or [::1], localhost) redirect (RFC 8252)."""
    try:
        parts = urlsplit(uri)
        return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and not parts.fragment
    except ValueError:
        return False


def _redirect(uri: str, **params: str | None) -> RedirectResponse:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return RedirectResponse(f"{uri}{'&' if '?' in uri else '?'}{query}", status_code=302)


@router.get("/oauth/authorize", include_in_schema=False, response_model=None)
def authorize(
    client_id: Annotated[str | None, Query()] = None,
    redirect_uri: Annotated[str | None, Query()] = None,
    response_type: Annotated[str | None, Query()] = None,
    code_challenge: Annotated[str | None, Query()] = None,
    code_challenge_method: Annotated[str | None, Query()] = None,
    state: Annotated[str | None, Query()] = None,
    scope: Annotated[str | None, Query()] = None,
) -> HTMLResponse | RedirectResponse:
    """The sign-in page, or a redirect back with an error for a malformed request."""
    if client_id not in CLIENTS or not redirect_uri or not is_loopback_redirect(redirect_uri):
        return HTMLResponse(error_page("Unknown client or redirect address."), status_code=400)
    if response_type != "code":
        return _redirect(redirect_uri, error="unsupported_response_type", state=state)
    if code_challenge_method != "S256" or not code_challenge or len(code_challenge) != 43:
        return _redirect(
            redirect_uri,
            error="invalid_request",
            error_description="PKCE with code_challenge_method=S256 is required",
            state=state,
        )
    params = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": code_challenge,
        "state": state,
        "scope": scope,
    }
    return HTMLResponse(login_page(params))


@router.post("/oauth/login", include_in_schema=False, response_model=None)
def login(
    sandbox: SandboxDep,
    email: OptionalForm = None,
    password: OptionalForm = None,
    client_id: OptionalForm = None,
    redirect_uri: OptionalForm = None,
    code_challenge: OptionalForm = None,
    state: OptionalForm = None,
    scope: OptionalForm = None,
) -> HTMLResponse:
    """Check the password, then ask for consent."""
    if client_id not in CLIENTS or not redirect_uri or not is_loopback_redirect(redirect_uri):
        return HTMLResponse(error_page("Unknown client or redirect address."), status_code=400)
    if not code_challenge:
        return HTMLResponse(error_page("The sign-in request is incomplete."), status_code=400)
    params = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": code_challenge,
        "state": state,
        "scope": scope,
    }
    now = sandbox.clock.now()
    with sandbox.store.transaction() as session:
        user = session.scalar(select(User).where(User.email == (email or "").strip().lower()))
        if user is None or not hmac.compare_digest(
            user.password_hash, password_hash(password or "")
        ):
            return HTMLResponse(login_page(params, "Wrong email or password."), status_code=401)
        ticket = secrets.token_urlsafe(24)
        session.add(
            AuthRequest(
                id=ticket,
                user_id=user.id,
                client_id=client_id,
                redirect_uri=redirect_uri,
                code_challenge=code_challenge,
                state=state,
                scope=scope or "",
                created_at=to_db(now),
            )
        )
        return HTMLResponse(consent_page(ticket, CLIENTS[client_id], user.name, scope or ""))


@router.post("/oauth/consent", include_in_schema=False, response_model=None)
def consent(
    sandbox: SandboxDep, ticket: OptionalForm = None, decision: OptionalForm = None
) -> HTMLResponse | RedirectResponse:
    """Redirect back to the client with a code (allow) or ``access_denied``."""
    now = sandbox.clock.now()
    with sandbox.store.transaction() as session:
        request = session.get(AuthRequest, ticket or "")
        fresh = request is not None and now - as_utc(request.created_at) < LOGIN_LIFETIME
        if request is None or not fresh or request.code_hash is not None:
            return HTMLResponse(
                error_page("This sign-in has expired; start again."), status_code=400
            )
        if decision != "allow":
            session.delete(request)
            return _redirect(request.redirect_uri, error="access_denied", state=request.state)
        code = secrets.token_urlsafe(32)
        request.code_hash = token_hash(code)
        request.created_at = to_db(now)
        return _redirect(request.redirect_uri, code=code, state=request.state)


def oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    """RFC 6749 error response."""
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=status, headers=NO_STORE
    )


def _issue_pair(
    sandbox: Sandbox, session: Session, user_id: str, family_id: str, scope: str, now: datetime
) -> dict[str, Any]:
    access = new_secret(ACCESS_PREFIX)
    refresh = new_secret(REFRESH_PREFIX)
    config = sandbox.config
    store_token(
        session,
        access,
        "access",
        user_id,
        now,
        lifetime_seconds=config.access_token_seconds,
        family_id=family_id,
    )
    store_token(
        session,
        refresh,
        "refresh",
        user_id,
        now,
        lifetime_seconds=config.refresh_token_seconds,
        family_id=family_id,
    )
    return {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": config.access_token_seconds,
        "refresh_token": refresh,
        "scope": scope,
    }


def _revoke_family(session: Session, family_id: str | None, now: datetime) -> None:
    if family_id is not None:
        session.execute(
            update(Token)
            .where(Token.family_id == family_id, Token.revoked_at.is_(None))
            .values(revoked_at=to_db(now))
        )


def pkce_matches(verifier: str, challenge: str) -> bool:
    """S256: BASE64URL(SHA256(verifier)) == challenge."""
    digest = hashlib.sha256(verifier.encode()).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(expected, challenge)


class OAuthError(BaseModel):
    """RFC 6749 §5.2 error body."""

    error: str
    error_description: str


class TokenPair(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    scope: str


@router.post(
    "/oauth/token",
    response_model=TokenPair,
    responses={400: {"model": OAuthError}, 401: {"model": OAuthError}},
)
def token(
    sandbox: SandboxDep,
    grant_type: OptionalForm = None,
    code: OptionalForm = None,
    redirect_uri: OptionalForm = None,
    client_id: OptionalForm = None,
    code_verifier: OptionalForm = None,
    refresh_token: OptionalForm = None,
) -> JSONResponse:
    """Exchange a code (with its PKCE verifier) or a refresh token for a new token pair."""
    if client_id not in CLIENTS:
        return oauth_error("invalid_client", "Unknown client_id.", 401)
    now = sandbox.clock.now()
    # Answers are decided inside the transaction; revocations must commit even when refusing.
    with sandbox.store.transaction() as session:
        if grant_type == "authorization_code":
            answer = _code_grant(
                sandbox, session, code, redirect_uri, client_id, code_verifier, now
            )
        elif grant_type == "refresh_token":
            answer = _refresh_grant(sandbox, session, refresh_token, now)
        else:
            answer = oauth_error(
                "unsupported_grant_type", "Use authorization_code or refresh_token."
            )
    return answer


def _code_grant(
    sandbox: Sandbox,
    session: Session,
    code: str | None,
    redirect_uri: str | None,
    client_id: str,
    verifier: str | None,
    now: datetime,
) -> JSONResponse:
    if not code or not redirect_uri or not verifier:
        return oauth_error("invalid_request", "code, redirect_uri and code_verifier are required.")
    request = session.scalar(select(AuthRequest).where(AuthRequest.code_hash == token_hash(code)))
    if request is None:
        return oauth_error("invalid_grant", "Unknown authorization code.")
    if request.code_used_at is not None:
        # A code used twice may have been stolen: revoke what it produced (RFC 6749 §4.1.2).
        _revoke_family(session, request.family_id, now)
        return oauth_error("invalid_grant", "The authorization code was already used.")
    if now - as_utc(request.created_at) > CODE_LIFETIME:
        return oauth_error("invalid_grant", "The authorization code has expired.")
    if request.client_id != client_id or request.redirect_uri != redirect_uri:
        return oauth_error("invalid_grant", "client_id or redirect_uri does not match.")
    if not _VERIFIER.match(verifier) or not pkce_matches(verifier, request.code_challenge):
        return oauth_error("invalid_grant", "PKCE verification failed.")
    request.code_used_at = to_db(now)
    request.family_id = "fam_" + secrets.token_hex(8)
    pair = _issue_pair(sandbox, session, request.user_id, request.family_id, request.scope, now)
    return JSONResponse(pair, headers=NO_STORE)


def _refresh_grant(
    sandbox: Sandbox, session: Session, refresh_token: str | None, now: datetime
) -> JSONResponse:
    if not refresh_token:
        return oauth_error("invalid_request", "refresh_token is required.")
    row = session.scalar(
        select(Token).where(Token.token_hash == token_hash(refresh_token), Token.kind == "refresh")
    )
    if row is None or row.revoked_at is not None:
        return oauth_error("invalid_grant", "The refresh token is not valid.")
    if row.expires_at is not None and as_utc(row.expires_at) <= now:
        return oauth_error("invalid_grant", "The refresh token has expired.")
    if row.rotated_at is not None:
        within_grace = now - as_utc(row.rotated_at) <= timedelta(
            seconds=sandbox.config.refresh_grace_seconds
        )
        if within_grace and row.grace_response is not None:
            return JSONResponse(row.grace_response, headers=NO_STORE)
        _revoke_family(session, row.family_id, now)
        return oauth_error("invalid_grant", "The refresh token was already used; sign in again.")
    family_id = row.family_id or "fam_" + secrets.token_hex(8)
    pair = _issue_pair(sandbox, session, row.user_id, family_id, "", now)
    row.rotated_at = to_db(now)
    # Kept so a retry whose first answer was lost gets the same pair (sandbox only:
    # a production server would store this encrypted).
    row.grace_response = pair
    return JSONResponse(pair, headers=NO_STORE)


@router.post("/oauth/revoke")
def revoke(
    sandbox: SandboxDep, token: OptionalForm = None, token_type_hint: OptionalForm = None
) -> JSONResponse:
    """Revoke a token (RFC 7009); a refresh token takes its whole family with it."""
    now = sandbox.clock.now()
    with sandbox.store.transaction() as session:
        row = session.scalar(select(Token).where(Token.token_hash == token_hash(token or "")))
        if row is not None:
            if row.kind == "refresh":
                _revoke_family(session, row.family_id, now)
            row.revoked_at = to_db(now)
    return JSONResponse({}, headers=NO_STORE)
