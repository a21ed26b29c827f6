"""Names compared as people read them: an accent typed as its own character (as macOS and
some web forms give it) or as part of the letter, and capitals; look-alike forms with a
meaning of their own (superscripts, circled numbers) stay apart."""

from __future__ import annotations

import pytest

from timo_desktop.core.catalog import Project, find
from timo_desktop.core.entry import normalize_tags
from timo_desktop.core.folding import folded

COMPOSED, DECOMPOSED = "Caf\u00e9 Bar", "Cafe\u0301 Bar"  # both read "Café Bar"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (COMPOSED, DECOMPOSED),
        ("straße", "STRASSE"),
    ],
)
def test_what_reads_the_same_folds_the_same(typed: str, stored: str) -> None:
    assert folded(typed) == folded(stored)


@pytest.mark.parametrize(("one", "other"), [("m²", "m2"), ("①", "1"), ("x₂", "x2"), ("℃", "°c")])
def test_forms_with_a_meaning_of_their_own_stay_apart(one: str, other: str) -> None:
    assert folded(one) != folded(other)


def test_folding_twice_changes_nothing() -> None:
    """Every character: a name folded is folded already (compatibility composition after
    case folding made capitals again: `℃` became `°C`)."""
    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF)
    assert folded(folded(every)) == folded(every)


def test_a_name_is_found_however_its_accent_was_typed() -> None:
    """Before: "unknown project 'Café Bar' — did you mean 'Café Bar'?"."""
    projects = [Project("prj_1", DECOMPOSED), Project("prj_2", "Intranet")]
    assert find("project", COMPOSED, projects).id == "prj_1"
    assert find("project", "café", projects).id == "prj_1"  # part of the name


def test_a_tag_given_twice_with_its_accent_typed_two_ways_is_kept_once() -> None:
    assert normalize_tags([f"{COMPOSED}, {DECOMPOSED.upper()}"]) == (COMPOSED,)
