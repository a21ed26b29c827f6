"""Text as a terminal lays it out: how many columns it takes, and sentences wrapped to
fit 80 of them.

A wide character (Chinese, Japanese, Korean, fullwidth forms, most emoji) takes two
columns and a combining mark none, so `len()` would put a table holding a tag like 设计
out of line; an emoji made of several characters (👩‍💻, ✈️, a flag) takes two as well.
The columns, and the characters that stand as one on screen (graphemes), are wcwidth's,
which follows Unicode and the terminals; it is imported where it is used, so a command
that prints no table does not pay for it. Text is cut only between graphemes: no flag,
accent or emoji is split.
Wrapping breaks only between words, and keeps a `command` in backticks on one line
where it fits, so it can be copied as it is.
"""

from __future__ import annotations

import re

LINE_WIDTH = 80  # what every terminal shows without a sideways scroll

# A word, or a run of words holding a backticked span (kept together where it fits).
_WORD = re.compile(r"(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+")


def display_width(text: str) -> int:
    """The columns `text` takes on a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)  # one column each, as wcwidth counts them, without loading it
    from wcwidth import width

    return width(text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` filled with spaces to `width` columns (on the left when `right`-aligned)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def shortened(text: str, width: int) -> str:
    """`text`, or as much of it as fits `width` columns with … after it."""
    if display_width(text) <= width:
        return text
    return _leading(text, width - 1).rstrip() + "…"


def _leading(text: str, room: int) -> str:
    """The most of `text` from its start that fits `room` columns, cut between graphemes
    (never inside a wide character, a flag or an accented letter)."""
    from wcwidth import iter_graphemes

    kept = ""
    for grapheme in iter_graphemes(text):
        if display_width(kept + grapheme) > room:
            break
        kept += grapheme
    return kept


def wrap(line: str, width: int = LINE_WIDTH, *, hang: int = 0) -> list[str]:
    """`line` broken between words into lines of at most `width` columns, continuing at
    the line's own indentation, or `hang` columns in where that is deeper (under an
    entry's reference, past the ID that starts its line). A word wider than the room is
    cut only where nothing else would fit (a name with no spaces, in a table's column)."""
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    under = max(len(indent), hang)
    lines: list[str] = []

    def room() -> int:  # on the line being filled: the first, or one under it
        return max(1, width - (under if lines else len(indent)))

    current = ""
    for gap, word in _words(body, max(1, width - under)):
        if current and display_width(current + gap + word) <= room():
            current += gap + word
            continue
        if current:
            lines.append(current)
        while display_width(word) > room():
            piece, word = _split(word, room())
            lines.append(piece)
        current = word
    lines.append(current)
    first, *rest = lines
    return [indent + first, *(" " * under + text for text in rest)]


def wrapped(text: str, width: int = LINE_WIDTH, *, hang: int = 0) -> str:
    """Every line of `text` wrapped to `width` columns (empty lines kept; see `wrap`)."""
    return "\n".join(part for line in text.split("\n") for part in wrap(line, width, hang=hang))


def _words(body: str, room: int) -> list[tuple[str, str]]:
    """The words of `body`, each with the spaces before it; a backticked span too wide for
    the room is given word by word."""
    found: list[tuple[str, str]] = []
    end = 0
    for match in _WORD.finditer(body):
        gap, word = body[end : match.start()], match.group()
        end = match.end()
        if display_width(word) > room and " " in word:
            for number, part in enumerate(word.split()):
                found.append((gap if number == 0 else " ", part))
        else:
            found.append((gap, word))
    return found


def _split(word: str, room: int) -> tuple[str, str]:
    """The most of `word` that fits in `room` columns (a grapheme at least), and the rest."""
    from wcwidth import iter_graphemes

    taken = _leading(word, room) or next(iter_graphemes(word))
    return taken, word[len(taken) :]
