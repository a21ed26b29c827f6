"""Why a server could not be reached, in plain words with the way out, instead of OpenSSL's
or the socket's own text ("[SSL: WRONG_VERSION_NUMBER]…", "[Errno 111]…"); sync and
sign-in share these words."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.sandbox import closed_port
from timo_desktop.vmoox.errors import NetworkError
from timo_desktop.vmoox.transport import new_http_client, send


class _Any(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def plain_http() -> Iterator[int]:
    """The port of a plain-http server on this machine."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Any)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _reach(url: str) -> str:
    with new_http_client(url) as client, pytest.raises(NetworkError) as failed:
        send(client, client.build_request("GET", "/v1/me"))
    assert failed.value.maybe_committed is False
    return str(failed.value)


def test_https_to_a_plain_http_server_on_this_computer_names_the_way_in(plain_http: int) -> None:
    assert _reach(f"https://127.0.0.1:{plain_http}") == (
        "cannot reach 127.0.0.1: this address does not speak HTTPS;"
        f" try http://127.0.0.1:{plain_http}"
    )


def test_nothing_listening_is_said_with_what_to_check() -> None:
    closed = closed_port()
    assert _reach(f"http://127.0.0.1:{closed}") == (
        "cannot reach 127.0.0.1: nothing answers at this address (the connection was"
        " refused); check the address and its port, and that the server is running"
    )
