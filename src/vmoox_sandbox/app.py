"""The FastAPI application: routers, middleware, problem handlers and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from vmoox_sandbox import __version__, catalog, controls, entries, idempotency, oauth
from vmoox_sandbox.auth import store_token
from vmoox_sandbox.clock import Clock
from vmoox_sandbox.context import Sandbox, SandboxConfig
from vmoox_sandbox.db import Store
from vmoox_sandbox.errors import install_problem_handlers
from vmoox_sandbox.faults import FaultBook, FaultMiddleware, FaultSpec
from vmoox_sandbox.middleware import (
    BodyLimitMiddleware,
    RateLimiter,
    RateLimitMiddleware,
    RequestContextMiddleware,
)
from vmoox_sandbox.models import User
from vmoox_sandbox.schemas import Problem
from vmoox_sandbox.seed import DEMO_USER_ID, apply_seed

DESCRIPTION = """The contract Timo Desktop syncs against (see docs/vmoox-api-v1.md).

Errors are `application/problem+json` with a stable `code`. Creating POSTs need an
`Idempotency-Key`; PATCH and DELETE need `If-Match`."""


def build_sandbox(config: SandboxConfig) -> Sandbox:
    """Open the database, seed it when empty, and register the start-up faults."""
    store = Store(config.db_url)
    store.create_schema()
    sandbox = Sandbox(
        config=config,
        store=store,
        clock=Clock(),
        faults=FaultBook(config.fault_seed),
        limiter=RateLimiter(config.rate_limit, config.rate_window_seconds),
    )
    for spec in config.faults:
        sandbox.faults.add(FaultSpec.model_validate(spec))
    with store.transaction() as session:
        idempotency.forget_in_flight(session)
        if session.scalar(select(User.id).limit(1)) is None:
            apply_seed(session, config.seed, sandbox.clock.now(), sandbox.demo_token)
        elif session.get(User, DEMO_USER_ID) is not None:
            # A reopened database: hand the demo user this run's token too.
            store_token(
                session, sandbox.demo_token, "pat", DEMO_USER_ID, sandbox.clock.now(), name="demo"
            )
    return sandbox


def create_app(config: SandboxConfig | None = None) -> FastAPI:
    """A Vmoox API v1 server; ``/__sandbox`` controls only when ``config.controls``."""
    sandbox = build_sandbox(config or SandboxConfig())
    app = FastAPI(title="Vmoox API", version=__version__, description=DESCRIPTION)
    app.state.sandbox = sandbox
    install_problem_handlers(app)
    app.include_router(catalog.router)
    app.include_router(entries.router)
    app.include_router(oauth.router)
    if sandbox.config.controls:
        app.include_router(controls.router)
    # Added innermost first: context → faults → body limit → rate limit → routes.
    app.add_middleware(RateLimitMiddleware, limiter=sandbox.limiter)
    app.add_middleware(BodyLimitMiddleware, max_bytes=sandbox.config.max_body_bytes)
    app.add_middleware(
        FaultMiddleware, book=sandbox.faults, connections=lambda: sandbox.connection_of
    )
    app.add_middleware(RequestContextMiddleware, clock=sandbox.clock)
    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    return app


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document plus the Problem schema the error responses refer to."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        app.openapi_schema = document
    return app.openapi_schema
