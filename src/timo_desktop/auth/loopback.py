"""The loopback redirect (RFC 8252): a one-shot HTTP listener on 127.0.0.1.

The browser returns to `http://127.0.0.1:<port>/callback?code=...&state=...`
after the user signs in. A request whose `state` does not match is answered
with an error page and ignored (it did not come from our sign-in), so a
forged redirect can neither complete nor abort the sign-in.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CALLBACK_PATH = "/callback"

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Timo</title></head>
<body style="font-family:sans-serif;margin:3em"><h1>{title}</h1><p>{text}</p></body></html>"""


@dataclass(frozen=True)
class Callback:
    """What the browser brought back: a code, or the server's error."""

    code: str | None
    error: str | None
    error_description: str | None

    def __repr__(self) -> str:
        return f"Callback(code={'<hidden>' if self.code else None}, error={self.error!r})"


def _first(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


class LoopbackRedirect:
    """Listens on 127.0.0.1 (a free port) for the one redirect that carries `state`."""

    def __init__(self, state: str) -> None:
        self._state = state
        self._done = threading.Event()
        self._result: Callback | None = None
        self._cancelled = False
        self._lock = threading.Lock()
        self._server = HTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="timo-signin-redirect", daemon=True
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        """The URI to register as `redirect_uri`."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{CALLBACK_PATH}"

    def wait(self, timeout: float | None = None) -> Callback | None:
        """Block until the redirect arrives (→ it), or `cancel()` / `timeout` (→ None)."""
        self._done.wait(timeout)
        with self._lock:
            return self._result

    @property
    def cancelled(self) -> bool:
        """Whether `cancel()` was called."""
        with self._lock:
            return self._cancelled

    def cancel(self) -> None:
        """Give up waiting; safe from any thread, wakes `wait()` at once."""
        with self._lock:
            self._cancelled = True
        self._done.set()

    def close(self) -> None:
        """Stop listening."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> LoopbackRedirect:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self, query: dict[str, list[str]]) -> Callback | None:
        """Record and return the callback if its state matches and none came before."""
        state = _first(query, "state") or ""
        if not hmac.compare_digest(state.encode(), self._state.encode()):
            return None
        callback = Callback(
            _first(query, "code"), _first(query, "error"), _first(query, "error_description")
        )
        with self._lock:
            if self._cancelled or self._result is not None:
                return None
            self._result = callback
        self._done.set()
        return callback

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH:
                    self._page(HTTPStatus.NOT_FOUND, "Not found", "This address is not in use.")
                    return
                callback = owner._accept(parse_qs(parts.query))
                if callback is None:
                    self._page(
                        HTTPStatus.BAD_REQUEST,
                        "Sign-in link not recognised",
                        "This sign-in did not start from this Timo window. Start again from Timo.",
                    )
                elif callback.code:
                    self._page(
                        HTTPStatus.OK,
                        "Signed in to Timo",
                        "You can close this tab and return to Timo.",
                    )
                else:
                    self._page(
                        HTTPStatus.OK,
                        "Sign-in cancelled",
                        "Timo was not signed in. You can close this tab.",
                    )

            def _page(self, status: HTTPStatus, title: str, text: str) -> None:
                body = _PAGE.format(title=title, text=text).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: the request line holds the authorization code."""

        return Handler
