"""A server's refusal of fields is said in people's words, never by JSON pointer."""

from __future__ import annotations

import pytest

from timo_desktop.sync.words import refused_field, refused_fields
from timo_desktop.vmoox.models import FieldProblem


@pytest.mark.parametrize(
    ("pointer", "field"),
    [
        ("/tags/3", "tags"),
        ("/operations/0/create/entry/tags/3", "tags"),
        ("/operations/7/update/patch/end", "end"),
        ("/target/task_id", "project"),
        ("/timezone", "time zone"),
        ("/colour", "one of its fields"),
        ("", "one of its fields"),
    ],
)
def test_a_pointer_names_the_field_people_know(pointer: str, field: str) -> None:
    assert refused_field(pointer) == field


def test_each_field_is_named_once_with_each_reason_once() -> None:
    problems = [
        FieldProblem(pointer="/tags/0", code="bad-tag", detail="Tags are 1 to 64 characters."),
        FieldProblem(pointer="/tags/4", code="bad-tag", detail="Tags are 1 to 64 characters."),
        FieldProblem(pointer="/end", code="too-long", detail=None),
    ]
    assert refused_fields(problems, "ignored when fields are named") == (
        "Vmoox refused its tags (Tags are 1 to 64 characters); end (too-long): "
        "correct it here and it is sent again"
    )


def test_a_refusal_naming_no_field_keeps_the_servers_words() -> None:
    assert refused_fields([], "Entries are at most 10 h.") == (
        "Vmoox refused it (Entries are at most 10 h.): correct it here and it is sent again"
    )
