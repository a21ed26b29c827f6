"""A real proxy on loopback, as companies put between their staff and the internet.

It speaks HTTP, tunnelling `CONNECT host:port` (how HTTPS goes through a proxy),
and SOCKS5 without a password, on the same port. It records every request
(`CONNECT 127.0.0.1:8443 HTTP/1.1`, `SOCKS5 127.0.0.1:8443`) and can be told
to refuse HTTP tunnels with a status (407 for a proxy that wants a password).
Any other HTTP request is refused with 405.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading

_HEAD_LIMIT = 64 * 1024
_REASONS = {403: "Forbidden", 405: "Method Not Allowed", 407: "Proxy Authentication Required"}


class ConnectProxy:
    """`with ConnectProxy() as proxy:` serves at `proxy.url`; `proxy.requests` is what it got."""

    def __init__(self, *, refuse: int | None = None) -> None:
        self.refuse = refuse
        self.requests: list[str] = []  # request lines, e.g. "CONNECT 127.0.0.1:8443 HTTP/1.1"
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def tunnels(self) -> list[str]:
        """The `host:port` of every tunnel asked for, over HTTP or SOCKS."""
        return [
            line.split()[1] for line in self.requests if line.startswith(("CONNECT ", "SOCKS5 "))
        ]

    def __enter__(self) -> ConnectProxy:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, client: socket.socket) -> None:
        first = client.recv(1, socket.MSG_PEEK)
        if first == b"\x05":
            self._socks5(client)
            return
        head = b""
        while b"\r\n\r\n" not in head and len(head) < _HEAD_LIMIT:
            chunk = client.recv(4096)
            if not chunk:
                return
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        self.requests.append(line)
        method, target = [*line.split(), "", ""][:2]
        status = self.refuse if method == "CONNECT" else 405
        if status is not None:
            client.sendall(f"HTTP/1.1 {status} {_REASONS.get(status, 'No')}\r\n\r\n".encode())
            return
        host, _, port = target.rpartition(":")
        upstream = _connect(host.strip("[]"), int(port))
        if upstream is None:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            return
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        _tunnel(client, upstream, head.split(b"\r\n\r\n", 1)[1])

    def _socks5(self, client: socket.socket) -> None:
        """RFC 1928 without authentication: greeting, CONNECT request, then the tunnel."""
        _version, methods = _read(client, 2)
        _read(client, methods)
        client.sendall(b"\x05\x00")  # no authentication
        _version, command, _reserved, kind = _read(client, 4)
        if kind == 1:
            host = socket.inet_ntop(socket.AF_INET, _read(client, 4))
        elif kind == 4:
            host = socket.inet_ntop(socket.AF_INET6, _read(client, 16))
        else:
            host = _read(client, _read(client, 1)[0]).decode("idna")
        port = int.from_bytes(_read(client, 2), "big")
        self.requests.append(f"SOCKS5 {host}:{port}")
        upstream = _connect(host, port) if command == 1 else None
        # Reply: succeeded (0) or general failure (1), bound to 0.0.0.0:0.
        client.sendall(bytes([5, 0 if upstream else 1, 0, 1, 0, 0, 0, 0, 0, 0]))
        if upstream is not None:
            _tunnel(client, upstream, b"")


def _read(source: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = source.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the client went away")
        data += chunk
    return data


def _connect(host: str, port: int) -> socket.socket | None:
    try:
        return socket.create_connection((host, port), timeout=10)
    except OSError:
        return None


def _tunnel(client: socket.socket, upstream: socket.socket, early: bytes) -> None:
    """Pass bytes both ways until both sides are done."""
    with upstream:
        if early:
            upstream.sendall(early)
        back = threading.Thread(target=_pump, args=(upstream, client), daemon=True)
        back.start()
        _pump(client, upstream)
        back.join(timeout=10)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes one way until either side closes."""
    with contextlib.suppress(OSError):
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
