"""Over HTTPS, Timo trusts what this computer trusts; plain-http loopback clients trust nothing.

The sandbox serves real TLS here with a certificate from a test authority
(tests/support/https.py).
"""

from __future__ import annotations

import re
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.cli import run_timo
from tests.support.https import HttpsSandbox
from tests.support.keyring_file import use_file_keyring
from timo_desktop.core.text_width import wrapped
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import UntrustedServer
from timo_desktop.vmoox.tokens import StaticToken
from timo_desktop.vmoox.transport import new_http_client, send

NOT_TRUSTED = (
    "this computer does not trust the certificate of 127.0.0.1 "
    "(unable to get local issuer certificate): if this network asks you to sign in "
    "(hotel or café Wi-Fi), do that first; if it inspects secure connections, "
    "add its certificate to this computer's trusted certificates"
)


def _context(client: httpx.Client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context  # type: ignore[attr-defined]


def test_https_clients_share_one_fully_verifying_context() -> None:
    with (
        new_http_client("https://vmoox.example") as api,
        new_http_client("https://vmoox.example") as sign_in,
    ):
        context = _context(api)
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        # One copy of the trusted certificates, however many clients there are.
        assert _context(sign_in) is context


def test_loopback_http_client_trusts_no_authority_but_still_requires_certificates() -> None:
    with new_http_client("http://127.0.0.1:8765") as client:
        context = _context(client)
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.cert_store_stats()["x509_ca"] == 0


def test_a_server_whose_certificate_this_computer_trusts(
    https_sandbox: HttpsSandbox, trusted: None
) -> None:
    server = https_sandbox.server
    assert server.base_url.startswith("https://127.0.0.1:")
    with VmooxClient(server.base_url, StaticToken(server.token)) as client:
        assert client.me().value.user.name == "Dana Demo"


def test_a_server_whose_certificate_this_computer_does_not_trust(
    https_sandbox: HttpsSandbox, untrusted: None
) -> None:
    server = https_sandbox.server
    with (
        VmooxClient(server.base_url, StaticToken(server.token)) as client,
        pytest.raises(UntrustedServer) as refused,
    ):
        client.me()
    assert str(refused.value) == NOT_TRUSTED
    assert refused.value.maybe_committed is False  # nothing was sent: safe to retry


def test_sign_in_and_sync_over_https_from_the_command_line(
    https_sandbox: HttpsSandbox,
    untrusted: None,
    timo_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = https_sandbox.server
    keyring = use_file_keyring(monkeypatch, tmp_path / "keyring.json")

    def timo(*args: str) -> subprocess.CompletedProcess[str]:
        return run_timo(timo_home, *args)

    login = ["login", "--server", server.base_url, "--token", server.token]
    refused = timo(*login)
    assert refused.returncode != 0
    assert refused.stderr == f"timo: {NOT_TRUSTED}\n"
    assert keyring.secrets() == {}  # nothing kept from a refused sign-in

    monkeypatch.setenv("SSL_CERT_FILE", str(https_sandbox.authority))
    signed_in = timo(*login)
    assert signed_in.returncode == 0, signed_in.stderr
    assert "Dana Demo" in signed_in.stdout
    synced = timo("sync")
    assert synced.returncode == 0, synced.stderr
    received = re.match(r"Sent 0, received (\d+)\. All synced", synced.stdout)
    assert received is not None and int(received[1]) > 0, synced.stdout  # the demo history

    monkeypatch.delenv("SSL_CERT_FILE")  # the computer no longer trusts it
    timo("start", "Homepage layout")
    untrusted_now = timo("sync")
    assert untrusted_now.returncode != 0
    said = wrapped(f"Sent 0, nothing fetched. Not synced — {NOT_TRUSTED}")  # to 80 columns
    assert untrusted_now.stdout == f"{said}\n"


def test_a_refusal_without_openssls_reason_still_says_why() -> None:
    """truststore's own check on Windows raises without `verify_message` (no certificate)."""
    request = httpx.Request("GET", "https://vmoox.example/v1/status")
    bare = ssl.SSLCertVerificationError("Peer sent no certificates to verify")

    def refuse(sent: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("handshake failed", request=sent) from bare

    with (
        httpx.Client(transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(UntrustedServer) as refused,
    ):
        send(client, request)
    assert str(refused.value).startswith(
        "this computer does not trust the certificate of vmoox.example "
        "(Peer sent no certificates to verify): "
    )
