"""https servers are verified against the CA bundle; plain-http loopback clients load none."""

from __future__ import annotations

import ssl

import httpx

from timo_desktop.vmoox.transport import new_http_client


def _context(client: httpx.Client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context  # type: ignore[attr-defined]


def test_https_server_gets_full_verification() -> None:
    with new_http_client("https://vmoox.example") as client:
        context = _context(client)
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        assert context.cert_store_stats()["x509_ca"] > 0


def test_loopback_http_client_trusts_no_authority_but_still_requires_certificates() -> None:
    with new_http_client("http://127.0.0.1:8765") as client:
        context = _context(client)
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.cert_store_stats()["x509_ca"] == 0
