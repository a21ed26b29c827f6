"""What a response says besides its body: version, server clock, replay, rate limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RateLimit:
    """The `RateLimit` header: requests left in the window and seconds until it resets."""

    limit: int | None
    remaining: int | None
    reset_seconds: float | None


@dataclass(frozen=True)
class ResponseMeta:
    """Headers of one response that sync decisions depend on."""

    status: int
    request_id: str | None
    etag: str | None
    server_date: datetime | None
    received_at: datetime
    replayed: bool
    location: str | None
    retry_after: float | None
    rate_limit: RateLimit | None

    @property
    def version(self) -> int | None:
        """The entity version from `ETag: "<version>"`, if numeric."""
        if self.etag is None:
            return None
        tag = self.etag.removeprefix("W/").strip('"')
        return int(tag) if tag.isdigit() else None

    @property
    def clock_skew(self) -> timedelta | None:
        """Server clock minus local clock, from `Date` (whole-second precision)."""
        if self.server_date is None:
            return None
        return self.server_date - self.received_at

    @classmethod
    def from_headers(
        cls, status: int, headers: Mapping[str, str], received_at: datetime | None = None
    ) -> ResponseMeta:
        """Read the meta fields out of response headers (case-insensitive mapping)."""
        return cls(
            status=status,
            request_id=headers.get("x-request-id"),
            etag=headers.get("etag"),
            server_date=_http_date(headers.get("date")),
            received_at=received_at or datetime.now(UTC),
            replayed=headers.get("idempotent-replayed", "").strip().lower() == "true",
            location=headers.get("location"),
            retry_after=_retry_after(headers.get("retry-after")),
            rate_limit=_rate_limit(headers),
        )


@dataclass(frozen=True)
class Result(Generic[T]):
    """A parsed body together with its response meta."""

    value: T
    meta: ResponseMeta

    @property
    def version(self) -> int | None:
        """Shortcut for `meta.version`."""
        return self.meta.version


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _retry_after(value: str | None) -> float | None:
    """Seconds from `Retry-After`, given as seconds or as an HTTP date."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        when = _http_date(text)
        if when is None:
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.strip().strip('"'))
    except ValueError:
        return None


def _rate_limit(headers: Mapping[str, str]) -> RateLimit | None:
    """Parse `RateLimit: limit=100, remaining=99, reset=30` (IETF draft), or the
    older split `RateLimit-Limit` / `-Remaining` / `-Reset` headers."""
    fields: dict[str, float | None] = {}
    combined = headers.get("ratelimit")
    if combined:
        for part in combined.replace(";", ",").split(","):
            key, sep, value = part.strip().partition("=")
            if sep:
                fields[key.strip().lower()] = _number(value)
    for key in ("limit", "remaining", "reset"):
        if key not in fields and f"ratelimit-{key}" in headers:
            fields[key] = _number(headers.get(f"ratelimit-{key}"))
    if not fields:
        return None

    def as_int(value: float | None) -> int | None:
        return int(value) if value is not None else None

    return RateLimit(
        as_int(fields.get("limit")), as_int(fields.get("remaining")), fields.get("reset")
    )
