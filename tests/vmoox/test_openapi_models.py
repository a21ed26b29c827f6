"""The client's models agree with the sandbox's OpenAPI document.

For what the server sends, the client requires nothing the document leaves
optional and knows every field the document promises. For what the client
sends, every field exists in the document and the required ones match.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from timo_desktop.vmoox import models

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "vmoox-api-v1.openapi.json"

# OpenAPI schema name → the client model that reads it.
RESPONSES: dict[str, type[BaseModel]] = {
    "Entry": models.TimeEntry,
    "ProjectOut": models.Project,
    "TaskOut": models.Task,
    "RecordOut": models.Record,
    "UserOut": models.User,
    "MembershipOut": models.Membership,
    "Me": models.Me,
    "WorkspaceOut": models.WorkspaceSettings,
    "Problem": models.Problem,
    "Target": models.ProjectTarget,
    "BatchResult": models.BatchItemResult,
    "BatchResponse": models.BatchResult,
    "EntryList": models.Page[models.TimeEntry],
    "EntryChanges": models.Changes[models.TimeEntry],
    "ProjectChanges": models.Changes[models.Project],
}
# OpenAPI schema name → the client model that writes it.
REQUESTS: dict[str, type[BaseModel]] = {
    "EntryCreate": models.NewTimeEntry,
    "EntryPatch": models.TimeEntryPatch,
    "BatchCreate": models.BatchCreate,
    "BatchUpdate": models.BatchUpdate,
    "BatchDelete": models.BatchDelete,
}


def schemas() -> dict[str, Any]:
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def required_fields(model: type[BaseModel]) -> set[str]:
    return {name for name, field in model.model_fields.items() if field.is_required()}


def test_the_document_is_there() -> None:
    assert DOCUMENT.exists(), f"{DOCUMENT} is missing"
    assert set(RESPONSES) | set(REQUESTS) <= set(schemas())


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_models_read_what_the_server_promises(name: str) -> None:
    schema = schemas()[name]
    model = RESPONSES[name]
    promised = set(schema.get("properties", {}))
    known = set(model.model_fields)
    assert promised - known == set(), f"{model.__name__} does not read {promised - known}"
    assert known - promised == set(), f"{model.__name__} expects fields the server never sends"
    optional = promised - set(schema.get("required", []))
    too_strict = required_fields(model) & optional
    assert too_strict == set(), f"{model.__name__} requires optional fields {too_strict}"


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_models_send_what_the_server_accepts(name: str) -> None:
    schema = schemas()[name]
    model = REQUESTS[name]
    accepted = set(schema.get("properties", {}))
    sent = set(model.model_fields)
    assert sent - accepted == set(), f"{model.__name__} sends unknown fields {sent - accepted}"
    assert accepted - sent == set(), f"{model.__name__} cannot send {accepted - sent}"
    assert set(schema.get("required", [])) <= required_fields(model) | {"op"}
