"""The running sandbox: configuration plus the shared clock, store, faults and limiter."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from vmoox_sandbox.clock import Clock
from vmoox_sandbox.db import Store
from vmoox_sandbox.faults import ConnectionFinder, FaultBook
from vmoox_sandbox.middleware import RateLimiter

DEFAULT_RATE_LIMIT = 6000
DEFAULT_RATE_WINDOW = 60


@dataclass
class SandboxConfig:
    """How a sandbox server was started (see ``vmoox-sandbox --help``)."""

    db_url: str = "sqlite://"
    seed: str = "demo"
    faults: list[dict[str, Any]] = field(default_factory=list)
    fault_seed: int = 0
    controls: bool = True
    rate_limit: int = DEFAULT_RATE_LIMIT
    rate_window_seconds: int = DEFAULT_RATE_WINDOW
    access_token_seconds: int = 3600
    refresh_token_seconds: int = 30 * 86_400
    refresh_grace_seconds: int = 60
    idempotency_seconds: int = 86_400
    max_body_bytes: int = 1_048_576


@dataclass
class Sandbox:
    """Everything a request handler needs, kept on ``app.state.sandbox``."""

    config: SandboxConfig
    store: Store
    clock: Clock
    faults: FaultBook
    limiter: RateLimiter
    # The demo user's personal access token: minted once per process, re-seeded on reset.
    demo_token: str = field(default_factory=lambda: "vmx_pat_" + secrets.token_urlsafe(24))
    connection_of: ConnectionFinder | None = None


def get_sandbox(request: Request) -> Sandbox:
    """FastAPI dependency: the sandbox serving this request."""
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox
