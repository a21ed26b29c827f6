"""Over HTTPS, Timo trusts what this computer trusts; plain-http loopback clients trust nothing.

The sandbox serves real TLS here with a certificate from a test authority
(trustme). "This computer trusts it" is said the way Linux says it to OpenSSL,
and so to every program: `SSL_CERT_FILE` names the trusted certificates.
"""

from __future__ import annotations

import re
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme

from tests.support.cli import run_timo
from tests.support.keyring_file import FileKeyring, use_file_keyring
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import NetworkError
from timo_desktop.vmoox.tokens import StaticToken
from timo_desktop.vmoox.transport import new_http_client, trusted_here
from vmoox_sandbox.launcher import SandboxServer

NOT_TRUSTED = (
    "this computer does not trust the server's certificate "
    "(unable to get local issuer certificate); on a network that inspects secure "
    "connections, add that network's certificate to this computer's trusted certificates"
)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA(organization_name="Timo test authority")


@pytest.fixture(scope="module")
def https_sandbox(
    authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxServer]:
    folder = tmp_path_factory.mktemp("tls")
    issued = authority.issue_cert("127.0.0.1", "localhost")
    chain, key = folder / "chain.pem", folder / "key.pem"
    issued.private_key_pem.write_to_path(str(key))
    for number, blob in enumerate(issued.cert_chain_pems):
        blob.write_to_path(str(chain), append=bool(number))
    server = SandboxServer.start("--tls-cert", str(chain), "--tls-key", str(key))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_context() -> None:
    """Each test as in a newly started Timo: a context keeps what it once trusted."""
    trusted_here.cache_clear()


@pytest.fixture
def trusted(authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer trusts the test authority (and only it)."""
    trusted_certificates = tmp_path / "trusted.pem"
    authority.cert_pem.write_to_path(str(trusted_certificates))
    monkeypatch.setenv("SSL_CERT_FILE", str(trusted_certificates))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "no-more"))


@pytest.fixture
def untrusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer's trusted certificates, without the test authority."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


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
    https_sandbox: SandboxServer, trusted: None
) -> None:
    assert https_sandbox.base_url.startswith("https://127.0.0.1:")
    with VmooxClient(https_sandbox.base_url, StaticToken(https_sandbox.token)) as client:
        assert client.me().value.user.name == "Dana Demo"


def test_a_server_whose_certificate_this_computer_does_not_trust(
    https_sandbox: SandboxServer, untrusted: None
) -> None:
    with (
        VmooxClient(https_sandbox.base_url, StaticToken(https_sandbox.token)) as client,
        pytest.raises(NetworkError) as refused,
    ):
        client.me()
    assert str(refused.value) == f"cannot reach 127.0.0.1: {NOT_TRUSTED}"
    assert refused.value.maybe_committed is False  # nothing was sent: safe to retry


def test_sign_in_and_sync_over_https_from_the_command_line(
    https_sandbox: SandboxServer,
    timo_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    authority: trustme.CA,
) -> None:
    keyring: FileKeyring = use_file_keyring(monkeypatch, tmp_path / "keyring.json")

    def timo(*args: str) -> subprocess.CompletedProcess[str]:
        return run_timo(timo_home, *args)

    login = ["login", "--server", https_sandbox.base_url, "--token", https_sandbox.token]

    refused = timo(*login)
    assert refused.returncode != 0
    assert NOT_TRUSTED in refused.stderr
    assert keyring.secrets() == {}  # nothing kept from a refused sign-in

    trusted_certificates = tmp_path / "trusted.pem"
    authority.cert_pem.write_to_path(str(trusted_certificates))
    monkeypatch.setenv("SSL_CERT_FILE", str(trusted_certificates))
    signed_in = timo(*login)
    assert signed_in.returncode == 0, signed_in.stderr
    assert "Dana Demo" in signed_in.stdout
    synced = timo("sync")
    assert synced.returncode == 0, synced.stderr
    received = re.match(r"Sent 0, received (\d+)\. All synced", synced.stdout)
    assert received is not None and int(received[1]) > 0, synced.stdout  # the demo history
