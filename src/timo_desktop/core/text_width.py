"""Text as a terminal lays it out: how many columns it takes, and sentences wrapped to
fit 80 of them.

A wide character (Chinese, Japanese, Korean, fullwidth forms) takes two columns and a
combining mark none, so `len()` would put a table holding a tag like 设计 out of line.
Wrapping breaks only between words, and keeps a `command` in backticks on one line
where it fits, so it can be copied as it is.
"""

from __future__ import annotations

import re
import unicodedata

LINE_WIDTH = 80  # what every terminal shows without a sideways scroll

# A word, or a run of words holding a backticked span (kept together where it fits).
_WORD = re.compile(r"(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+")


def display_width(text: str) -> int:
    """The columns `text` takes on a terminal."""
    return sum(_columns(char) for char in text)


def _columns(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` filled with spaces to `width` columns (on the left when `right`-aligned)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def shortened(text: str, width: int) -> str:
    """`text`, or as much of it as fits `width` columns with … after it."""
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 1:
            break
        kept += char
    return kept.rstrip() + "…"


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
    """The most of `word` that fits in `room` columns (a character at least), and the rest."""
    taken = 1
    while taken < len(word) and display_width(word[: taken + 1]) <= room:
        taken += 1
    return word[:taken], word[taken:]
