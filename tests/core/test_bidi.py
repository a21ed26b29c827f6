"""A paragraph's direction, as its first strong letter outside isolates gives it."""

from __future__ import annotations

import pytest

from timo_desktop.core.bidi import FSI, PDI, right_to_left


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
