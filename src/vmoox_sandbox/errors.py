"""problem+json (RFC 9457) errors with a stable ``code``, and the handlers that emit them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_TYPE_BASE = "https://vmoox.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

# Status codes a client may simply retry later.
RETRYABLE_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
# 409s that are business conflicts, not "try again".
NON_RETRYABLE_CODES = frozenset(
    {
        "running-entry-exists",
        "entry-overlap",
        "entry-locked",
        "client-ref-conflict",
        "entry-deleted",
    }
)


class Problem(Exception):
    """An API error answered as problem+json; raising it rolls back the transaction."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title or code.replace("-", " ").capitalize()
        self.headers = headers or {}
        self.extra = extra

    @property
    def retryable(self) -> bool:
        """Whether retrying the same request later may succeed."""
        return self.status in RETRYABLE_STATUSES and self.code not in NON_RETRYABLE_CODES

    def body(self, request_id: str | None) -> dict[str, Any]:
        """The problem document."""
        return {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
            "request_id": request_id,
            "retryable": self.retryable,
            **self.extra,
        }

    def response(self, request_id: str | None) -> JSONResponse:
        """The HTTP response for this problem."""
        return JSONResponse(
            self.body(request_id),
            status_code=self.status,
            headers=self.headers,
            media_type=PROBLEM_MEDIA_TYPE,
        )


def validation_problem(errors: list[dict[str, str]], detail: str | None = None) -> Problem:
    """422 validation-failed listing each bad field as a JSON pointer."""
    return Problem(
        422,
        "validation-failed",
        detail or "; ".join(f"{e['pointer'] or '/'}: {e['detail']}" for e in errors),
        errors=errors,
    )


def not_found(what: str, key: str) -> Problem:
    """404 not-found for the unknown `what` called `key`: "No record 'rec_9'."."""
    return Problem(404, "not-found", f"No {what} {key!r}.")


def request_id_of(request: Request) -> str | None:
    """The request id the context middleware put into the ASGI scope."""
    return request.scope.get("state", {}).get("request_id")


_PYDANTIC_CODES = {
    "missing": "required",
    "extra_forbidden": "unknown-field",
    "string_too_long": "too-long",
    "string_too_short": "too-short",
    "too_long": "too-many",
    "too_short": "too-few",
    "literal_error": "not-allowed",
    "enum": "not-allowed",
    "timezone_aware": "timezone-required",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "greater_than": "out-of-range",
    "less_than": "out-of-range",
    "string_pattern_mismatch": "bad-format",
}


def _pointer(path: tuple[Any, ...]) -> str:
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


def problem_from_errors(errors: Sequence[Any], *, located: bool) -> Problem:
    """Translate pydantic errors into malformed-json or validation-failed.

    ``located`` errors (from FastAPI) start their ``loc`` with the request part.
    """
    if any(e.get("type") == "json_invalid" for e in errors):
        return Problem(400, "malformed-json", "The request body is not valid JSON.")
    if located and any(isinstance(e.get("input"), bytes) for e in errors):
        # FastAPI only parses bodies sent as JSON.
        return Problem(
            415, "unsupported-media-type", "Send the body as JSON (Content-Type: application/json)."
        )
    items: list[dict[str, str]] = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = str(loc[0]) if located and loc else "body"
        path = loc[1:] if located else loc
        code = _PYDANTIC_CODES.get(str(error.get("type")), "invalid")
        # Body errors get JSON pointers; query/header/path ones name their parameter.
        pointer = _pointer(path) if where == "body" else f"{where}:{'/'.join(map(str, path))}"
        items.append({"pointer": pointer, "code": code, "detail": str(error.get("msg"))})
    return validation_problem(items)


def install_problem_handlers(app: FastAPI) -> None:
    """Every error the framework raises becomes problem+json, never a bare 500."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return exc.response(request_id_of(request))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_from_errors(exc.errors(), located=True).response(request_id_of(request))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        problem = Problem(exc.status_code, code, str(exc.detail), headers=exc.headers)
        return problem.response(request_id_of(request))
