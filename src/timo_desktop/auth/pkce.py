"""PKCE (RFC 7636, S256) and the anti-forgery `state` for the browser sign-in."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Pkce:
    """A fresh verifier, its S256 challenge and a state value for one sign-in."""

    verifier: str = field(default_factory=lambda: _b64url(secrets.token_bytes(32)), repr=False)
    state: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)

    @property
    def challenge(self) -> str:
        """BASE64URL(SHA256(verifier)), as `code_challenge_method=S256` requires."""
        return _b64url(hashlib.sha256(self.verifier.encode("ascii")).digest())
