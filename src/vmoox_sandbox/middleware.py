"""ASGI middleware every response passes through: request ids, Date, body size, rate limit."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vmoox_sandbox.clock import Clock
from vmoox_sandbox.errors import Problem
from vmoox_sandbox.faults import ConnectionDropped

log = logging.getLogger("vmoox_sandbox")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestContextMiddleware:
    """Gives every response ``X-Request-Id`` and a ``Date`` from the (shiftable) server clock."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else "req_" + secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id

        started = False

        async def send_with_context(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["X-Request-Id"] = request_id
                headers["Date"] = format_datetime(self.clock.now(), usegmt=True)
            await send(message)

        try:
            await self.app(scope, receive, send_with_context)
        except ConnectionDropped:
            raise
        except Exception:
            # A bug must still answer problem+json, and must not take the server down.
            log.exception("request %s failed", request_id)
            if started:
                raise
            problem = Problem(500, "internal-error", "The server failed; nothing was applied.")
            await problem.response(request_id)(scope, receive, send_with_context)


class BodyLimitMiddleware:
    """Refuses bodies over the limit with ``413 payload-too-large`` before any handler runs."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # No length given (chunked): read it here, within the limit, and replay it.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = Problem(
            413, "payload-too-large", f"Request bodies are limited to {self.max_bytes} bytes."
        )
        await problem.response(scope.get("state", {}).get("request_id"))(scope, receive, send)


class RateLimiter:
    """Fixed-window request counter per token (per client address when anonymous)."""

    def __init__(self, limit: int, window_seconds: int, now: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_seconds = window_seconds
        self._now = now
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def configure(self, limit: int, window_seconds: int) -> None:
        """Change the policy and forget every counter."""
        with self._lock:
            self.limit = limit
            self.window_seconds = window_seconds
            self._windows.clear()

    def hit(self, key: str) -> tuple[bool, int, int]:
        """Count one request: (allowed, remaining, seconds until the window resets)."""
        with self._lock:
            now = self._now()
            began, count = self._windows.get(key, (now, 0))
            if now - began >= self.window_seconds:
                began, count = now, 0
            reset = max(1, round(self.window_seconds - (now - began)))
            if count >= self.limit:
                return False, 0, reset
            self._windows[key] = (began, count + 1)
            return True, self.limit - count - 1, reset


class RateLimitMiddleware:
    """Applies the limiter to ``/v1``: a ``RateLimit`` header always, ``429`` when exceeded."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        authorization = Headers(scope=scope).get("authorization")
        if authorization:
            key = hashlib.sha256(authorization.encode()).hexdigest()
        else:
            key = "anon:" + str((scope.get("client") or ("?",))[0])
        allowed, remaining, reset = self.limiter.hit(key)
        header = f"limit={self.limiter.limit}, remaining={remaining}, reset={reset}"
        policy = f"{self.limiter.limit};w={self.limiter.window_seconds}"
        if not allowed:
            problem = Problem(
                429,
                "rate-limited",
                f"Too many requests; retry after {reset} s.",
                headers={
                    "Retry-After": str(reset),
                    "RateLimit": header,
                    "RateLimit-Policy": policy,
                },
            )
            await problem.response(scope.get("state", {}).get("request_id"))(scope, receive, send)
            return

        async def send_with_limit(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["RateLimit"] = header
                headers["RateLimit-Policy"] = policy
            await send(message)

        await self.app(scope, receive, send_with_limit)
