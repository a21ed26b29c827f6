"""A real HTTP proxy on loopback, as companies put between their staff and the internet.

It tunnels `CONNECT host:port` (how HTTPS goes through a proxy), records every
request line it gets, and can be told to refuse tunnels with a status (407 for
a proxy that wants a password). Anything but CONNECT is refused with 405.
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
        """The `host:port` of every CONNECT asked for."""
        return [line.split()[1] for line in self.requests if line.startswith("CONNECT ")]

    def __enter__(self) -> ConnectProxy:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, client: socket.socket) -> None:
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
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            return
        with upstream:
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            early = head.split(b"\r\n\r\n", 1)[1]
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
