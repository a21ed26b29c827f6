"""Bearer tokens (OAuth access tokens and personal access tokens) and workspace access."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from vmoox_sandbox.clock import as_utc, to_db
from vmoox_sandbox.context import Sandbox, get_sandbox
from vmoox_sandbox.errors import Problem, not_found
from vmoox_sandbox.models import Membership, Token, User, Workspace

PAT_PREFIX = "vmx_pat_"
ACCESS_PREFIX = "vmx_at_"
REFRESH_PREFIX = "vmx_rt_"

bearer_scheme = HTTPBearer(auto_error=False, description="OAuth access token or vmx_pat_ token")


def token_hash(token: str) -> str:
    """Tokens are stored only as their SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(prefix: str) -> str:
    """A fresh random token with its kind prefix."""
    return prefix + secrets.token_urlsafe(32)


def store_token(
    session: Session,
    token: str,
    kind: str,
    user_id: str,
    now: datetime,
    *,
    lifetime_seconds: int | None = None,
    family_id: str | None = None,
    name: str | None = None,
) -> Token:
    """Record a token (only its hash) that expires after ``lifetime_seconds`` (never if None)."""
    row = Token(
        token_hash=token_hash(token),
        kind=kind,
        user_id=user_id,
        family_id=family_id,
        name=name,
        created_at=to_db(now),
        expires_at=None
        if lifetime_seconds is None
        else to_db(now + timedelta(seconds=lifetime_seconds)),
    )
    session.add(row)
    return row


def mint_pat(session: Session, user_id: str, now: datetime, name: str = "sandbox") -> str:
    """Create a personal access token for a user."""
    token = new_secret(PAT_PREFIX)
    store_token(session, token, "pat", user_id, now, name=name)
    return token


@dataclass(frozen=True)
class Principal:
    """Who is calling."""

    user_id: str
    token_kind: str


def _unauthorized(code: str, detail: str, error: str | None) -> Problem:
    challenge = f'Bearer error="{error}"' if error else 'Bearer realm="vmoox"'
    return Problem(401, code, detail, headers={"WWW-Authenticate": challenge})


def authenticate(
    sandbox: Annotated[Sandbox, Depends(get_sandbox)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    """FastAPI dependency: the caller, from ``Authorization: Bearer ...``, or 401."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("unauthenticated", "Send Authorization: Bearer <token>.", None)
    now = sandbox.clock.now()
    with sandbox.store.transaction() as session:
        row = session.scalar(
            select(Token).where(Token.token_hash == token_hash(credentials.credentials))
        )
        if row is None or row.kind == "refresh" or row.revoked_at is not None:
            raise _unauthorized("invalid-token", "The token is not valid.", "invalid_token")
        if row.expires_at is not None and as_utc(row.expires_at) <= now:
            raise _unauthorized("token-expired", "The access token has expired.", "invalid_token")
        return Principal(user_id=row.user_id, token_kind=row.kind)


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


@dataclass(frozen=True)
class Access:
    """A caller's active membership of one workspace."""

    workspace: Workspace
    user: User
    membership: Membership

    def require(self, permission: str) -> None:
        """403 permission-denied unless the membership grants ``permission``."""
        if permission not in self.membership.permissions:
            raise Problem(
                403,
                "permission-denied",
                f"Your role in this workspace lacks the '{permission}' permission.",
                permission=permission,
            )


def workspace_access(session: Session, workspace_id: str, principal: Principal) -> Access:
    """The caller's access to a workspace: 404 unknown, 403 not a member or revoked."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise not_found("workspace", workspace_id)
    membership = session.get(Membership, (workspace_id, principal.user_id))
    if membership is None:
        raise Problem(403, "permission-denied", "You are not a member of this workspace.")
    if membership.status != "active":
        raise Problem(
            403, "membership-revoked", "Your membership of this workspace has been revoked."
        )
    user = session.get(User, principal.user_id)
    assert user is not None  # tokens reference users by foreign key
    return Access(workspace=workspace, user=user, membership=membership)


def password_hash(password: str) -> str:
    """Sandbox users' passwords, stored as SHA-256 (demo data, not a credential store)."""
    return hashlib.sha256(("vmoox-sandbox:" + password).encode()).hexdigest()
