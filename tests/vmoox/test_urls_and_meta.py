"""Server address rules and response-header parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from timo_desktop.vmoox.meta import ResponseMeta
from timo_desktop.vmoox.urls import ServerUrlError, normalize_server_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://vmoox.example.com/", "https://vmoox.example.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:8765/api/", "http://localhost:8765/api"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("  https://x.example/?q=1#f ", "https://x.example"),
        ("https://vmoox.example.com/v1/", "https://vmoox.example.com"),
        ("https://x.example/vmoox/v1", "https://x.example/vmoox"),
        ("https://x.example/v10", "https://x.example/v10"),
    ],
)
def test_accepts_https_and_loopback_http(url: str, expected: str) -> None:
    assert normalize_server_url(url) == expected


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://vmoox.example.com", "plain http"),
        ("http://192.168.1.5:8765", "plain http"),
        ("ftp://vmoox.example.com", "not a server address"),
        ("vmoox.example.com", "not a server address"),
        ("http://[::1", "not a server address"),  # urlsplit's ValueError was not caught
        ("https://[zz]/", "not a server address"),
        ("https://x.example:99999", "invalid port"),
    ],
)
def test_refuses_clear_text_and_junk_with_a_reason(url: str, words: str) -> None:
    with pytest.raises(ServerUrlError, match=words):
        normalize_server_url(url)


def test_meta_reads_version_clock_replay_and_rate_limit() -> None:
    received = datetime(2026, 3, 3, 9, 0, 0, tzinfo=UTC)
    meta = ResponseMeta.from_headers(
        201,
        {
            "etag": '"7"',
            "date": "Tue, 03 Mar 2026 11:00:05 GMT",
            "idempotent-replayed": "true",
            "x-request-id": "req_1",
            "ratelimit": "limit=100, remaining=42, reset=17",
            "retry-after": "3",
        },
        received,
    )
    assert meta.version == 7
    assert meta.clock_skew == timedelta(hours=2, seconds=5)
    assert meta.replayed
    assert meta.request_id == "req_1"
    assert meta.retry_after == 3.0
    assert meta.rate_limit is not None
    assert (meta.rate_limit.limit, meta.rate_limit.remaining, meta.rate_limit.reset_seconds) == (
        100,
        42,
        17.0,
    )


def test_meta_split_rate_limit_headers_and_absent_values() -> None:
    meta = ResponseMeta.from_headers(200, {"ratelimit-remaining": "5", "etag": 'W/"abc"'})
    assert meta.rate_limit is not None and meta.rate_limit.remaining == 5
    assert meta.version is None and not meta.replayed and meta.server_date is None
