"""When to try again: full-jitter exponential backoff and a circuit breaker for 5xx storms.

Both take their clock and random source from the caller, so tests run them
with no real waiting.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass
class Backoff:
    """Full jitter: a delay drawn uniformly from [0, min(cap, base * 2**attempt)].

    Spreads the retries of many clients after an outage instead of having them
    all come back at once.
    """

    base: float = 1.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before try number `attempt + 1`; never less than `retry_after`."""
        ceiling = min(self.cap, self.base * (2 ** min(attempt, 30)))
        drawn = self.rng.uniform(0, ceiling)
        return max(drawn, retry_after or 0.0)


class BreakerState(StrEnum):
    """Closed: requests flow. Open: none are sent. Half-open: one trial request."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass
class CircuitBreaker:
    """Opens after `threshold` server failures in a row, stays open for `cooldown`
    seconds (doubling after a failed trial, up to `max_cooldown`), then lets one
    trial request through (half-open); a success closes it."""

    threshold: int = 5
    cooldown: float = 30.0
    max_cooldown: float = 600.0
    clock: Callable[[], float] = field(default=lambda: 0.0)
    failures: int = 0
    opened_at: float | None = None
    current_cooldown: float = 0.0

    @property
    def state(self) -> BreakerState:
        """Where the breaker stands now."""
        if self.opened_at is None:
            return BreakerState.CLOSED
        if self.clock() - self.opened_at >= self.current_cooldown:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    def allows(self) -> bool:
        """Whether a request may be sent now."""
        return self.state is not BreakerState.OPEN

    def wait(self) -> float:
        """Seconds until the breaker lets a trial through (0 when it already does)."""
        if self.opened_at is None:
            return 0.0
        return max(0.0, self.opened_at + self.current_cooldown - self.clock())

    def success(self) -> None:
        """A request got a non-5xx answer."""
        self.failures = 0
        self.opened_at = None
        self.current_cooldown = 0.0

    def failure(self) -> None:
        """A request got a 5xx answer."""
        trial = self.state is BreakerState.HALF_OPEN
        self.failures += 1
        if trial:
            self.current_cooldown = min(self.max_cooldown, self.current_cooldown * 2)
            self.opened_at = self.clock()
        elif self.failures >= self.threshold and self.opened_at is None:
            self.current_cooldown = self.cooldown
            self.opened_at = self.clock()
