"""Scriptable network faults: answer with a status, add latency, reset, commit then drop,
or trickle the answer (its body, or all of it from the status line on) a few bytes at a time.

Faults match a method and a path glob and fire a number of ``times`` and/or
with a ``probability`` drawn from a seeded generator, so a failing run can be
replayed exactly. They never touch ``/__sandbox`` so a test can always clean up.
"""

from __future__ import annotations

import asyncio
import fnmatch
import itertools
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vmoox_sandbox.errors import Problem

FaultAction = Literal["commit_then_drop", "status", "latency", "reset", "trickle"]
LATENCY_STATE_KEY = "fault_latency_seconds"

# The live connection of a request, or None where it has none (in-process, no socket).
ConnectionFinder = Callable[[Scope], asyncio.Transport | None]


class FaultSpec(BaseModel):
    """One fault as posted to ``POST /__sandbox/faults`` or listed in ``--faults FILE``."""

    model_config = ConfigDict(extra="forbid")

    method: str = Field("*", description="HTTP method or * for any")
    path: str = Field(
        ..., description="glob over the request path, e.g. /v1/workspaces/*/time-entries*"
    )
    action: FaultAction
    status: int = Field(503, ge=100, le=599)
    retry_after: int | None = Field(None, ge=0, description="seconds, sent as Retry-After")
    latency_ms: int = Field(0, ge=0, le=600_000)
    piece_bytes: int = Field(8, ge=1, description="trickle: bytes of the answer sent at a time")
    pause_ms: int = Field(
        1000, ge=0, le=600_000, description="trickle: pause before each piece of the answer"
    )
    head: bool = Field(
        False,
        description="trickle: the status line and headers too, not only the body; the "
        "connection is closed after the answer",
    )
    times: int | None = Field(None, ge=1, description="fire this many times, then retire")
    probability: float = Field(1.0, ge=0.0, le=1.0)
    seed: int | None = None


@dataclass
class Fault:
    """A registered fault with its own generator and counters."""

    id: str
    spec: FaultSpec
    rng: random.Random
    fired: int = 0
    seen: int = 0
    pieces_sent: int = 0  # trickle: pieces of its answers sent before they ended or were left

    @property
    def remaining(self) -> int | None:
        return None if self.spec.times is None else self.spec.times - self.fired

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **self.spec.model_dump(),
            "fired": self.fired,
            "seen": self.seen,
            "pieces_sent": self.pieces_sent,
            "remaining": self.remaining,
        }


class FaultBook:
    """The active faults; thread-safe because requests run in a thread pool."""

    def __init__(self, default_seed: int = 0) -> None:
        self.default_seed = default_seed
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, spec: FaultSpec) -> Fault:
        """Register a fault; faults are tried in the order they were added."""
        with self._lock:
            number = next(self._ids)
            seed = spec.seed if spec.seed is not None else self.default_seed + number
            fault = Fault(id=f"flt_{number}", spec=spec, rng=random.Random(seed))
            self._faults.append(fault)
            return fault

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.describe() for f in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def remove(self, fault_id: str) -> bool:
        with self._lock:
            before = len(self._faults)
            self._faults = [f for f in self._faults if f.id != fault_id]
            return len(self._faults) != before

    def match(self, method: str, path: str) -> Fault | None:
        """The first fault that fires for this request, counting it as fired."""
        with self._lock:
            for fault in self._faults:
                spec = fault.spec
                if spec.method not in ("*", method.upper()) or not fnmatch.fnmatchcase(
                    path, spec.path
                ):
                    continue
                if fault.remaining == 0:
                    continue
                fault.seen += 1
                if fault.rng.random() < spec.probability:
                    fault.fired += 1
                    return fault
            return None


def consume_latency(scope: Scope) -> float:
    """Take the pending injected latency of this request (0 when none or already taken).

    Idempotent writes take it right after reserving their key, so a retry sent
    meanwhile meets ``409 idempotency-in-flight``; everything else is delayed
    just before its response starts.
    """
    return float(scope.get("state", {}).pop(LATENCY_STATE_KEY, 0.0))


class FaultMiddleware:
    """Pure ASGI middleware applying the first matching fault to each request."""

    def __init__(
        self, app: ASGIApp, book: FaultBook, connections: Callable[[], ConnectionFinder | None]
    ):
        self.app = app
        self.book = book
        self.connections = connections

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/__sandbox"):
            await self.app(scope, receive, send)
            return
        fault = self.book.match(scope["method"], scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        spec = fault.spec
        if spec.action == "status":
            await self._answer(scope, receive, send, spec)
        elif spec.action == "latency":
            await self._delayed(scope, receive, send, spec.latency_ms / 1000)
        elif spec.action == "reset":
            await self._drop(scope, receive, abort=True)
        elif spec.action == "trickle":
            await self._trickle(scope, receive, send, fault)
        else:
            await self._commit_then_drop(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, spec: FaultSpec) -> None:
        headers = {}
        if spec.retry_after is not None:
            headers["Retry-After"] = str(spec.retry_after)
        if spec.status == 401:
            headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        code = {401: "invalid-token", 429: "rate-limited", 503: "service-unavailable"}.get(
            spec.status, "injected-fault"
        )
        problem = Problem(spec.status, code, "Fault injected by the sandbox.", headers=headers)
        response = problem.response(scope.get("state", {}).get("request_id"))
        await response(scope, receive, send)

    async def _delayed(self, scope: Scope, receive: Receive, send: Send, seconds: float) -> None:
        scope.setdefault("state", {})[LATENCY_STATE_KEY] = seconds

        async def send_late(message: Message) -> None:
            if message["type"] == "http.response.start":
                pending = consume_latency(scope)
                if pending:
                    await asyncio.sleep(pending)
            await send(message)

        await self.app(scope, receive, send_late)

    async def _trickle(self, scope: Scope, receive: Receive, send: Send, fault: Fault) -> None:
        """The app's whole answer, its head at once (or trickled too, `head`) and its body
        `piece_bytes` at a time with `pause_ms` before each piece: no single read waits long,
        the answer takes long."""
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, keep)
        body = b"".join(m.get("body", b"") for m in messages[1:])
        if fault.spec.head:
            await self._trickle_head(scope, receive, messages[0], body, fault)
            return
        await send(messages[0])
        if not body:  # nothing to trickle (a 204): the answer is whole with its head
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        pieces = _pieces(body, fault.spec.piece_bytes)
        for number, piece in enumerate(pieces, 1):
            if await _hung_up(receive, fault.spec.pause_ms / 1000):
                return  # nobody is listening any more
            more = number < len(pieces)
            await send({"type": "http.response.body", "body": piece, "more_body": more})
            fault.pieces_sent += 1

    async def _trickle_head(
        self, scope: Scope, receive: Receive, start: Message, body: bytes, fault: Fault
    ) -> None:
        """The answer written on the connection itself from its status line on: the server
        sends a head whole, so an ASGI app cannot trickle one."""
        transport = self._connection(scope)
        if transport is None:
            return  # the client is gone already
        status = int(start["status"])
        lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}".encode()]
        lines += [name + b": " + value for name, value in start.get("headers", [])]
        answer = b"\r\n".join([*lines, b"connection: close", b"", body])
        for piece in _pieces(answer, fault.spec.piece_bytes):
            if await _hung_up(receive, fault.spec.pause_ms / 1000):
                return
            transport.write(piece)
            fault.pieces_sent += 1
        await self._drop(scope, receive, abort=False)

    async def _commit_then_drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        await self._drop(scope, receive, abort=False)

    async def _drop(self, scope: Scope, receive: Receive, *, abort: bool) -> None:
        """Close the request's connection (abort: with a reset), whatever was written on it."""
        transport = self._connection(scope)
        if transport is None:
            return  # the client is gone already
        transport.abort() if abort else transport.close()
        # Returning before the server has seen the connection go, the app would be answered
        # for: a 500 of the server's own.
        await _hung_up(receive, 10)

    def _connection(self, scope: Scope) -> asyncio.Transport | None:
        """The request's own connection, None once the client has closed it; in-process,
        where there are no connections, `ConnectionDropped`."""
        find = self.connections()
        if find is None:
            raise ConnectionDropped("this fault acts on a connection, and there is none")
        return find(scope)


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[at : at + size] for at in range(0, len(data), size)]


async def _hung_up(receive: Receive, seconds: float) -> bool:
    """Whether the client closes the connection within `seconds`."""
    try:
        async with asyncio.timeout(seconds):
            while (await receive())["type"] != "http.disconnect":
                pass  # the rest of a request body the app left unread
    except TimeoutError:
        return False
    return True


class ConnectionDropped(Exception):
    """Raised in-process (no real socket) where a fault would act on the connection itself:
    drop it, or write a trickled head on it."""
