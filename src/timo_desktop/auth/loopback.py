"""The loopback redirect (RFC 8252): a one-shot HTTP listener on 127.0.0.1.

The browser returns to `http://127.0.0.1:<port>/callback?code=...&state=...`
after the user signs in. A request whose `state` does not match is answered
with an error page and ignored (it did not come from our sign-in), so a
forged redirect can neither complete nor abort the sign-in.

The browser is not given the authorization address itself but a one-time link
to this listener (`start_url`) that redirects there. A browser's command line
can be read by every program on the computer; the address in it holds the
`state` and the PKCE challenge, enough for another local user to finish the
sign-in into an account of their own. The link answers once: opened a second
time, it ends the sign-in, because whoever opened it first may not have been
the browser.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CALLBACK_PATH = "/callback"
START_PATH = "/sign-in/"
# A connection that sends nothing is dropped after this long (seconds), and each has
# its own thread, so an idle connection held open cannot keep the redirect out.
IDLE_CONNECTION = 10.0

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
        self._destination: str | None = None
        self._start_key = secrets.token_urlsafe(16)
        self._started = False
        self._opened_twice = False
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="timo-signin-redirect", daemon=True
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        """The URI to register as `redirect_uri`."""
        return f"{self._origin}{CALLBACK_PATH}"

    @property
    def start_url(self) -> str:
        """The one-time link for the browser: it redirects to the `leads_to` address."""
        return f"{self._origin}{START_PATH}{self._start_key}"

    @property
    def _origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def leads_to(self, authorization_url: str) -> None:
        """Where `start_url` sends the browser (the server's sign-in page)."""
        with self._lock:
            self._destination = authorization_url

    @property
    def opened_twice(self) -> bool:
        """Whether the one-time link was opened again, which ended the sign-in."""
        with self._lock:
            return self._opened_twice

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

    def _is_link(self, key: str) -> bool:
        return hmac.compare_digest(key.encode(), self._start_key.encode())

    def _start(self) -> str | None:
        """The sign-in page's address for the first opening of the link; None after it,
        which ends the sign-in."""
        with self._lock:
            if not self._started and self._destination is not None:
                self._started = True
                return self._destination
            if self._result is None and not self._cancelled:
                self._opened_twice = True
        self._done.set()
        return None

    def _accept(self, query: dict[str, list[str]]) -> Callback | None:
        """Record and return the callback if its state matches and none came before."""
        state = _first(query, "state") or ""
        if not hmac.compare_digest(state.encode(), self._state.encode()):
            return None
        callback = Callback(
            _first(query, "code"), _first(query, "error"), _first(query, "error_description")
        )
        with self._lock:
            if self._cancelled or self._opened_twice or self._result is not None:
                return None
            if not self._started:  # the state was never handed out: not from our browser
                return None
            self._result = callback
        self._done.set()
        return callback

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            timeout = IDLE_CONNECTION

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path.startswith(START_PATH) and owner._is_link(
                    parts.path.removeprefix(START_PATH)
                ):
                    self._start()
                    return
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

            def _start(self) -> None:
                destination = owner._start()
                if destination is None:
                    self._page(
                        HTTPStatus.GONE,
                        "Sign-in link already used",
                        "This link works once, and it was opened before, so Timo stopped "
                        "this sign-in to be safe. Start again from Timo.",
                    )
                    return
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", destination)
                self.send_header("Content-Length", "0")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()

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
