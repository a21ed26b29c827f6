"""A total deadline for each request, held at every wait on the network.

httpx's timeouts bound each wait, and httpcore takes each once per step of a request (to
read the status line and headers, then the body), so an answer trickled a few bytes at a
time trips none of them; httpx has no timeout for a whole request (encode/httpcore#936 was
not merged). Here every wait of a request sent `within` a deadline is cut to what is left
of it: to connect, to agree on TLS, to send, to read, through a proxy's tunnel as directly.
Past the deadline the wait times out as any other would, so httpcore closes that connection
rather than pooling it, and the request ends with the error of its step (a read timeout
once anything was sent). The time is kept in the request's context: no thread, no timer.

Where httpcore repeats a wait within one step, with the timeout it was given, each repeat
may take what was left: TLS inside TLS (a proxy reached over https, read a record at a
time) and sending on plain http (loopback only), part by part. Looking up the server's
address takes no timeout at all (the system's resolver).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

# Bytes a second: each KiB of the answer received gives it a second more. A link that slow
# brings a 500-entry page (~260 KiB) in four minutes; a proxy trickling a few bytes at a
# time earns nothing.
STEADY_PACE = 1024


class _Deadline:
    """When a request must end, moved on by what it receives (`STEADY_PACE`)."""

    __slots__ = ("until",)

    def __init__(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds

    def wait(self, timeout: float | None, late: type[httpcore.TimeoutException]) -> float:
        """The longest a wait may take: its own timeout, or what is left if less; none left
        is `late`."""
        left = self.until - time.monotonic()
        if left <= 0:
            raise late("the answer did not come whole in time")
        return left if timeout is None else min(timeout, left)


_current: ContextVar[_Deadline | None] = ContextVar("vmoox_request_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Hold the requests sent in this block to `seconds` in all, on transports made by
    `hold_to_deadlines`."""
    token = _current.set(_Deadline(seconds))
    try:
        yield
    finally:
        _current.reset(token)


def hold_to_deadlines(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """`transport`, its waits on the network cut to the deadline of the request they serve.

    httpx takes no network backend of its own (encode/httpx#3180), so it goes into the
    transport's httpcore pool, which hands it to every connection it makes after, a proxy's
    (HTTP CONNECT, SOCKS) included.
    """
    pool = transport._pool
    pool._network_backend = _HeldBackend(pool._network_backend)
    return transport


def _wait(timeout: float | None, late: type[httpcore.TimeoutException]) -> float | None:
    """The longest a wait of the request being sent may take (no deadline: its timeout)."""
    deadline = _current.get()
    return timeout if deadline is None else deadline.wait(timeout, late)


class _HeldBackend(httpcore.NetworkBackend):
    """Connects with what is left of the deadline, and holds the stream to it."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _wait(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _HeldStream(stream)


class _HeldStream(httpcore.NetworkStream):
    """A connection whose every wait ends by the deadline of the request it serves."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        deadline = _current.get()
        if deadline is None:
            return self._stream.read(max_bytes, timeout)
        data = self._stream.read(max_bytes, deadline.wait(timeout, httpcore.ReadTimeout))
        deadline.until += len(data) / STEADY_PACE
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _wait(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _wait(timeout, httpcore.ConnectTimeout)
        return _HeldStream(self._stream.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)
