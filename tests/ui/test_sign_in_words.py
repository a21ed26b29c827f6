"""Signing in, what goes wrong is said in the sign-in's own plain words: a refused token is
the token's fault (not "sign in again"), and an address that is not a Vmoox server over
HTTPS is named as such instead of OpenSSL's or the web server's raw text."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.workday import ALT, CTRL, focused, press, type_text
from timo_desktop.auth.account import AccountFile
from timo_desktop.paths import Paths
from timo_desktop.ui.sign_in import SignInDialog

SIGN_IN_MS = 20_000  # a real server on this machine; only a hung one takes this long


class _NotFound(BaseHTTPRequestHandler):
    """A web server with nothing at any path, as a wrong address would be."""

    def do_GET(self) -> None:
        self.send_error(404, "File not found")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def web_site() -> Iterator[str]:
    """The address of a plain web server on this machine that is no Vmoox server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def signing_in(qtbot: QtBot, paths: Paths, server: str, token: str | None) -> SignInDialog:
    """The dialog, shown and holding the keyboard, with `server` typed; then `token` typed
    and Enter (None: the browser's way, by its button)."""
    dialog = SignInDialog(paths, "")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.server
    type_text(qtbot, server)
    press(qtbot, Qt.Key.Key_Tab)
    if token is None:
        assert focused() is dialog.browser_button
        press(qtbot, Qt.Key.Key_Space)
    else:
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.token
        type_text(qtbot, token)
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.progress.isHidden, timeout=SIGN_IN_MS)
    return dialog


def test_a_refused_token_is_said_as_the_token_s_fault(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
) -> None:
    """It said "The access token was refused; sign in again (unauthorized)"."""
    dialog = signing_in(qtbot, paths, sandbox.base_url, "vmx_pat_wrong")
    assert dialog.status.text() == "The server refused this token; check it and try again"
    assert dialog.token.text() == "vmx_pat_wrong"  # nothing typed is lost
    assert focused() is dialog.token  # the field to fix
    assert AccountFile(paths.config).load() is None


def test_https_to_a_plain_http_server_says_so_and_how_to_reach_it(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
) -> None:
    """It said "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"."""
    plain = sandbox.base_url.rstrip("/")
    assert plain.startswith("http://127.0.0.1:")
    https = plain.replace("http://", "https://")
    dialog = signing_in(qtbot, paths, https, sandbox.token)
    assert dialog.status.text() == (
        f"Cannot reach 127.0.0.1: this address does not speak HTTPS; try {plain}"
    )
    assert focused() is dialog.server  # back to the field at fault
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, plain)  # the way out, as said
    press(qtbot, Qt.Key.Key_T, ALT)
    assert focused() is dialog.token and dialog.token.text() == sandbox.token
    with qtbot.waitSignal(dialog.signed_in, timeout=SIGN_IN_MS):
        press(qtbot, Qt.Key.Key_Return)


@pytest.mark.parametrize("token", ["vmx_pat_any", None], ids=["token", "browser"])
def test_an_address_that_is_no_vmoox_server_is_said_plainly(
    qtbot: QtBot, paths: Paths, web_site: str, token: str | None
) -> None:
    """It said "The server answered 404 File not found (HTTP 404)"."""
    dialog = signing_in(qtbot, paths, web_site, token)
    assert dialog.status.text() == "There is no Vmoox server at this address (it answered 404)"
    assert dialog.server.text() == web_site


@pytest.mark.parametrize("token", ["vmx_pat_any", None], ids=["token", "browser"])
def test_an_address_with_a_path_that_is_not_found_is_offered_without_it(
    qtbot: QtBot, paths: Paths, sandbox: SandboxHandle, token: str | None
) -> None:
    """`/api/v1` pasted from a page on the API: it said only "(it answered 404)"."""
    dialog = signing_in(qtbot, paths, f"{sandbox.base_url}/api/v1", token)
    assert dialog.status.text() == (
        "There is no Vmoox server at this address (it answered 404);"
        f" did you mean {sandbox.base_url}?"
    )
    assert focused() is dialog.server  # the field to fix


def test_an_address_without_its_scheme_is_refused_with_the_one_it_means(
    qtbot: QtBot, paths: Paths, sandbox: SandboxHandle
) -> None:
    """It said "expected something like https://vmoox.example.com", though this computer
    is reached over http."""
    typed = sandbox.base_url.removeprefix("http://")
    dialog = signing_in(qtbot, paths, typed, sandbox.token)
    assert dialog.status.text() == (
        f"'{typed}' is not a server address; did you mean {sandbox.base_url}?"
    )
    assert focused() is dialog.server
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, sandbox.base_url)  # the address it meant, as said
    press(qtbot, Qt.Key.Key_T, ALT)
    with qtbot.waitSignal(dialog.signed_in, timeout=SIGN_IN_MS):
        press(qtbot, Qt.Key.Key_Return)


@pytest.mark.parametrize("started", [False, True], ids=["no browser", "browser"])
def test_the_browser_sign_in_shows_its_address_to_open_by_hand(
    qtbot: QtBot,
    paths: Paths,
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
    started: bool,
) -> None:
    """It said only "Waiting for you to sign in in the browser…" for five minutes, also
    when no browser came up, and never the address to sign in at."""
    opened: list[str] = []

    def open_browser(url: str, *_args: object, **_kwargs: object) -> bool:
        opened.append(url)  # the system's browser, which this test has none of
        return started

    monkeypatch.setattr("webbrowser.open", open_browser)
    dialog = SignInDialog(paths, sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.browser_button.click()
    qtbot.waitUntil(dialog.address_row.isVisible, timeout=SIGN_IN_MS)
    assert dialog.address.text() == opened[0]
    assert opened[0].startswith("http://127.0.0.1:")  # Timo's one-time link to the page
    page = httpx.get(opened[0]).headers["location"]
    assert page.startswith(f"{sandbox.base_url.rstrip('/')}/oauth/authorize?")
    assert dialog.status.text() == (
        "Waiting for you to sign in in the browser. If no tab opened, open this address in one"
        " (it works once):"
        if started
        else "Timo could not start a browser. To sign in, open this address in one (it works once):"
    )
    assert not dialog.progress.isHidden()  # still waiting for the browser
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == opened[0]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.status.text() == "Sign-in cancelled." and dialog.address_row.isHidden()


def test_enter_signs_in_the_way_the_form_is_filled(qtbot: QtBot, paths: Paths) -> None:
    """A server typed and Enter said "Paste a personal access token… first": Enter was the
    token's, though the browser is the way offered first. It is now the browser's until a
    token is pasted."""
    dialog = SignInDialog(paths, "")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(qtbot, "http://127.0.0.1:9")
    assert dialog.browser_button.isDefault() and not dialog.token_button.isDefault()
    dialog.token.setText("vmx_pat_pasted")
    assert dialog.token_button.isDefault() and not dialog.browser_button.isDefault()
    dialog.token.clear()
    assert dialog.browser_button.isDefault()
