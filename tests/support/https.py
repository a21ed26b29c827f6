"""The sandbox served over HTTPS by a fresh test authority, and this computer trusting it or not.

"This computer trusts it" is said the way Linux says it to OpenSSL, and so to
every program: `SSL_CERT_FILE` names the trusted certificates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from timo_desktop.vmoox.transport import trusted_here
from vmoox_sandbox.launcher import SandboxServer


@dataclass(frozen=True)
class HttpsSandbox:
    """A running HTTPS sandbox and the certificate of the authority that signed it."""

    server: SandboxServer
    authority: Path


@pytest.fixture(scope="module")
def https_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpsSandbox]:
    server, authority = SandboxServer.start_https(tmp_path_factory.mktemp("tls"))
    yield HttpsSandbox(server, authority)
    server.stop()


@pytest.fixture
def untrusted(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's own trusted certificates, without the test authority, as a newly
    started Timo reads them (a TLS context keeps what it once trusted)."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    trusted_here.cache_clear()
    yield
    trusted_here.cache_clear()


@pytest.fixture
def trusted(https_sandbox: HttpsSandbox, untrusted: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer trusts the test authority (and only it)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(https_sandbox.authority))
