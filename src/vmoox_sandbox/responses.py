"""Shared OpenAPI declarations and response builders of the public API."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from vmoox_sandbox.errors import PROBLEM_MEDIA_TYPE

_PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the given problem statuses."""
    return {s: {"content": _PROBLEM_CONTENT, "description": "problem"} for s in statuses}


# Answers any authenticated /v1 call can give.
COMMON_PROBLEMS = problems(400, 401, 403, 404, 413, 415, 422, 429)


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSON response with extra headers."""
    return JSONResponse(body, status_code=status, headers=headers)
