"""Text as a terminal lays it out: the columns each character takes, and sentences
wrapped between words to 80 columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timo_desktop.core.text_width import LINE_WIDTH, display_width, pad, wrap, wrapped


def test_wide_characters_take_two_columns_and_marks_none() -> None:
    assert display_width("design") == 6
    assert display_width("设计") == 4  # Chinese
    assert display_width("デザイン") == 8  # Japanese katakana
    assert display_width("ｄｅ") == 4  # fullwidth forms
    assert display_width("e\u0301") == 1  # e and a combining acute accent: é
    assert pad("设计", 6) + "|" == "设计  |"
    assert pad("设计", 6, right=True) == "  设计"


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F)))
def test_plain_ascii_takes_the_columns_wcwidth_gives_it(text: str) -> None:
    """Printable ASCII is counted without wcwidth (one column a character, the quick
    commands' words); anything else, a tab or an escape too, as wcwidth says."""
    from wcwidth import width

    assert display_width(text) == width(text)


def test_a_sentence_breaks_between_words_and_keeps_a_command_whole() -> None:
    sentence = (
        "2 entries held for Northwind Agency: export them with the window's Export entries…,"
        " or `timo export --from 2026-01-05 --to 2026-01-07` (every entry of those days)."
    )
    lines = wrap(sentence)
    assert all(display_width(line) <= LINE_WIDTH for line in lines)
    assert " ".join(lines) == sentence
    assert any("`timo export --from 2026-01-05 --to 2026-01-07`" in line for line in lines)


def test_lines_continue_at_their_indentation_or_under_a_reference() -> None:
    message = "          Changed on the server while you edited it: " + "word " * 20
    assert all(line.startswith(" " * 10) for line in wrap(message))
    entry = "3f2a9c1e  Mon 2026-11-23  09:00–10:00 (1h 00m)  " + "'" + "long " * 12 + "'"
    first, *rest = wrap(entry, hang=10)
    assert first.startswith("3f2a9c1e  Mon") and rest
    assert all(line.startswith(" " * 10) and line[10] != " " for line in rest)
    assert wrapped("short\n\n  also short") == "short\n\n  also short"  # nothing to wrap


def test_a_word_wider_than_the_room_is_cut_by_columns() -> None:
    assert wrap("设计设计设计", 5) == ["设计", "设计", "设计"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


@given(
    st.lists(st.text(alphabet="ab设计 `é", min_size=1, max_size=30), min_size=1, max_size=12).map(
        lambda words: " ".join(words).strip()
    ),
    st.integers(min_value=4, max_value=60),
)
def test_no_line_is_wider_than_asked_and_no_word_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(text.split()) == "".join("".join(lines).split())
