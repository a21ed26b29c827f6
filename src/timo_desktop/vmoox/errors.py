"""The errors a Vmoox call can raise, one class per problem `code`.

    VmooxError
    ├── NetworkError            no answer (maybe_committed: the request may have been applied)
    ├── UnexpectedResponse      a success answer whose body does not fit the contract
    └── ApiError                a problem+json answer (status, code, detail, request_id, retryable)
        ├── BadRequest (400)            IdempotencyKeyMissing
        ├── Unauthorized (401)          SignInRequired
        ├── PermissionDenied (403)      MembershipRevoked
        ├── NotFound (404)
        ├── Conflict (409)              RunningEntryExists, EntryOverlap, EntryLocked,
        │                               ClientRefConflict, IdempotencyInFlight
        ├── Gone (410)                  SyncTokenExpired
        ├── PreconditionFailed (412)    VersionMismatch
        ├── PayloadTooLarge (413)
        ├── Unprocessable (422)         ValidationFailed, TargetUnavailable, EntryInFuture,
        │                               IdempotencyKeyReused
        ├── PreconditionRequired (428)
        ├── RateLimited (429)
        └── ServerError (5xx)           ServiceUnavailable (503)

Messages carry the server's own words and request id, never a token.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError as _PydanticError

from timo_desktop.vmoox.models import FieldProblem, Problem, TimeEntry

if TYPE_CHECKING:
    from timo_desktop.vmoox.meta import ResponseMeta


class VmooxError(Exception):
    """Anything that went wrong talking to a Vmoox server."""


class NetworkError(VmooxError):
    """No usable answer: refused, reset, timed out, or not HTTP at all.

    `maybe_committed` is True when the request had left this machine before
    the failure, so the server may have applied it: retry only with the same
    idempotency key (or re-read) rather than as a fresh request. `refused` when the
    computer at the address refused the connection: the network works, but nothing
    answers there. `slow` when the connection was made but the answer did not come in
    time: the network and the server are there, only slow.
    """

    def __init__(
        self, message: str, *, maybe_committed: bool, refused: bool = False, slow: bool = False
    ) -> None:
        super().__init__(message)
        self.maybe_committed = maybe_committed
        self.refused = refused
        self.slow = slow


class UntrustedServer(NetworkError):
    """The server's certificate is not one this computer trusts; nothing was sent.

    Not a network outage: it lasts until the certificate or this computer's
    trusted certificates change, and it may be someone in the middle.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, maybe_committed=False)


class UnexpectedResponse(VmooxError):
    """A success status with a body that does not match the contract (a server bug)."""


class ApiError(VmooxError):
    """The server answered with an error status (usually problem+json)."""

    status_code: ClassVar[int] = 0
    code: ClassVar[str] = ""
    _by_code: ClassVar[dict[str, type[ApiError]]] = {}
    _by_status: ClassVar[dict[int, type[ApiError]]] = {}

    def __init__(self, problem: Problem, meta: ResponseMeta | None = None) -> None:
        self.problem = problem
        self.meta = meta
        super().__init__(self._describe())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            ApiError._by_code[cls.code] = cls
        if "status_code" in cls.__dict__:
            ApiError._by_status[cls.status_code] = cls

    @property
    def status(self) -> int:
        """The HTTP status of the answer."""
        return self.problem.status

    @property
    def problem_code(self) -> str | None:
        """The stable machine-readable `code` the server sent, if any."""
        return self.problem.code

    @property
    def detail(self) -> str:
        """The server's explanation, suitable to show to the user."""
        return self.problem.detail or self.problem.title or f"HTTP {self.status}"

    @property
    def request_id(self) -> str | None:
        """The server's request id, for support."""
        return self.problem.request_id or (self.meta.request_id if self.meta else None)

    @property
    def retryable(self) -> bool:
        """Whether the server says the same request may succeed later."""
        return self.problem.retryable

    def _describe(self) -> str:
        code = self.problem.code or f"HTTP {self.problem.status}"
        rid = self.request_id
        return f"{self.detail} ({code}{f', request {rid}' if rid else ''})"

    @staticmethod
    def from_problem(problem: Problem, meta: ResponseMeta | None = None) -> ApiError:
        """The most specific error class for `problem` (by code, then by status)."""
        cls = ApiError._by_code.get(problem.code or "")
        if cls is None:
            status = problem.status
            cls = ApiError._by_status.get(status) or ApiError._by_status.get(status // 100 * 100)
        return (cls or ApiError)(problem, meta)


def _entry_or_none(value: Any) -> TimeEntry | None:
    if value is None:
        return None
    try:
        return TimeEntry.model_validate(value)
    except _PydanticError:
        return None


def _time_or_none(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# --- 400 ---------------------------------------------------------------------


class BadRequest(ApiError):
    """The request was malformed."""

    status_code = 400


class IdempotencyKeyMissing(BadRequest):
    """A create was sent without an `Idempotency-Key` (a client bug)."""

    code = "idempotency-key-missing"


# --- 401 / 403 / 404 ---------------------------------------------------------


class Unauthorized(ApiError):
    """The server refused the credentials."""

    status_code = 401

    def __init__(self, problem: Problem | str, meta: ResponseMeta | None = None) -> None:
        if isinstance(problem, str):
            problem = Problem(status=401, title="Unauthorized", detail=problem, code="unauthorized")
        super().__init__(problem, meta)


class SignInRequired(Unauthorized):
    """No valid credentials remain (refresh refused, token revoked): sign in again."""

    code = "sign-in-required"


class PermissionDenied(ApiError):
    """Signed in, but not allowed to do this."""

    status_code = 403
    code = "permission-denied"


class MembershipRevoked(PermissionDenied):
    """The user is no longer a member of this workspace."""

    code = "membership-revoked"


class NotFound(ApiError):
    """No such resource."""

    status_code = 404


# --- 409 ---------------------------------------------------------------------


class Conflict(ApiError):
    """The request conflicts with the server's state."""

    status_code = 409


class RunningEntryExists(Conflict):
    """Another entry is running for this user; `existing` is that entry."""

    code = "running-entry-exists"

    @property
    def existing(self) -> TimeEntry | None:
        """The entry already running on the server."""
        return _entry_or_none(self.problem.existing)


class EntryOverlap(Conflict):
    """The workspace disallows overlapping entries and this one overlaps."""

    code = "entry-overlap"


class EntryLocked(Conflict):
    """The entry lies before the lock date or was invoiced: it is read-only."""

    code = "entry-locked"


class ClientRefConflict(Conflict):
    """An entry with this `client_ref` already exists with different content."""

    code = "client-ref-conflict"

    @property
    def existing(self) -> TimeEntry | None:
        """The entry the server already holds under this `client_ref`, if sent."""
        return _entry_or_none(self.problem.existing)


class IdempotencyInFlight(Conflict):
    """The first request with this idempotency key is still being processed."""

    code = "idempotency-in-flight"


# --- 410 / 412 / 413 / 428 ---------------------------------------------------


class Gone(ApiError):
    """The resource is gone for good."""

    status_code = 410


class SyncTokenExpired(Gone):
    """The changes-feed token is too old: pull a full snapshot."""

    code = "sync-token-expired"


class PreconditionFailed(ApiError):
    """`If-Match` did not match."""

    status_code = 412


class VersionMismatch(PreconditionFailed):
    """The entry changed on the server; `current` is its present state."""

    code = "version-mismatch"

    @property
    def current(self) -> TimeEntry | None:
        """The server's current version of the entry."""
        return _entry_or_none(self.problem.current)


class PayloadTooLarge(ApiError):
    """The body (usually a batch) is too large: split it."""

    status_code = 413


class PreconditionRequired(ApiError):
    """`If-Match` is missing (a client bug)."""

    status_code = 428


# --- 422 ---------------------------------------------------------------------


class Unprocessable(ApiError):
    """The request is well-formed but breaks a rule."""

    status_code = 422


class ValidationFailed(Unprocessable):
    """Fields are invalid; `errors` names each by JSON pointer."""

    code = "validation-failed"

    @property
    def errors(self) -> list[FieldProblem]:
        """The invalid fields with the server's reason for each."""
        return self.problem.errors

    def _describe(self) -> str:
        fields = "; ".join(f"{e.pointer}: {e.detail or e.code}" for e in self.problem.errors)
        return f"{super()._describe()}{f' — {fields}' if fields else ''}"


class TargetUnavailable(Unprocessable):
    """The project, task or record cannot take time (archived, deleted, untrackable)."""

    code = "target-unavailable"

    @property
    def reason(self) -> str | None:
        """Why, e.g. `archived`, `deleted`, `not-trackable`."""
        return self.problem.reason


class EntryInFuture(Unprocessable):
    """The end lies beyond the server's clock plus tolerance; `server_time` is that clock."""

    code = "entry-in-future"

    @property
    def server_time(self) -> datetime | None:
        """The server's clock when it refused the entry."""
        return _time_or_none(self.problem.server_time)


class IdempotencyKeyReused(Unprocessable):
    """The idempotency key was already used with a different body (a client bug)."""

    code = "idempotency-key-reused"


# --- 429 / 5xx ---------------------------------------------------------------


class RateLimited(ApiError):
    """Too many requests; wait `retry_after` seconds."""

    status_code = 429

    @property
    def retry_after(self) -> float | None:
        """Seconds to wait before the next request, from `Retry-After`."""
        return self.meta.retry_after if self.meta else None


class ServerError(ApiError):
    """The server failed (5xx); may be retried with backoff."""

    status_code = 500

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to wait, if it said."""
        return self.meta.retry_after if self.meta else None


class ServiceUnavailable(ServerError):
    """The server is overloaded or down for maintenance (503)."""

    status_code = 503
