"""A paragraph's direction, as its first strong letter outside isolates gives it; names set
apart in Timo's sentences where they would reorder them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from timo_desktop.core.bidi import (
    FSI,
    PDI,
    isolated,
    right_to_left,
    steers_direction,
    use_isolates,
)


@pytest.mark.parametrize(
    ("text", "backwards"),
    [
        ("Homepage layout", False),
        ("עיצוב דף הבית", True),
        ("تصميم الصفحة", True),
        ("● 09:00 · עיצוב", True),  # the bullet and the time have no direction of their own
        ("12:30", False),  # none at all: left to right
        ("", False),
        (f"Overlaps {FSI}עיצוב{PDI} 09:00", False),  # a name set apart leaves it alone
        (f"{FSI}Design{PDI} עיצוב", True),
        ("\u2067abc\u2069 Design", False),  # inside a right-to-left isolate too
    ],
)
def test_a_paragraph_reads_the_way_its_first_strong_letter_does(text: str, backwards: bool) -> None:
    assert right_to_left(text) is backwards


@pytest.mark.parametrize(
    ("name", "steers"),
    [
        ("Homepage layout", False),
        ("(no description)", False),  # neutrals at its edges stay among left-to-right words
        ("!!! 12:30 …", False),
        ("", False),
        ("עיצוב דף הבית", True),
        ("Design עיצוב", True),  # left to right first, yet a right-to-left word inside
        ("تصميم", True),
        ("Room \u0663", True),  # an Arabic-Indic digit
        ("Design\u200f", True),  # a RIGHT-TO-LEFT MARK
        ("\u202eDesign", True),  # a RIGHT-TO-LEFT OVERRIDE
        ("\u2066Design\u2069", True),  # isolates of its own
    ],
)
def test_a_name_steers_direction_when_it_holds_right_to_left_or_a_mark(
    name: str, steers: bool
) -> None:
    assert steers_direction(name) is steers


@pytest.fixture
def isolates() -> Iterator[None]:
    """As the desktop app has them; the command line's after."""
    use_isolates(True)
    yield
    use_isolates(False)


def test_only_a_name_that_steers_direction_is_isolated(isolates: None) -> None:
    assert isolated("Homepage layout") == "Homepage layout"
    assert isolated("Design עיצוב") == f"{FSI}Design עיצוב{PDI}"


def test_the_command_line_isolates_no_name() -> None:
    assert isolated("עיצוב") == "עיצוב"
