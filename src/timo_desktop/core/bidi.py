"""Names inside Timo's own sentences, set apart for right-to-left scripts.

Descriptions, project, task and record names and tags are typed by people, many of them
in Arabic or Hebrew. Embedded in one of Timo's sentences (`overlaps 'עיצוב' 09:00–10:00`,
`0:12 · עיצוב — Timo`), a right-to-left name drew the numbers, times and punctuation
beside it to its side: the time range read backwards, the elapsed time stood on the wrong
side. The Unicode bidi algorithm's remedy is to isolate each such name (FIRST STRONG
ISOLATE before it, POP DIRECTIONAL ISOLATE after), so that it is laid out as one unit in
its own direction and leaves the sentence around it alone.

Only where they are laid out: the desktop app's text is drawn by Qt, the system's tray and
notifications, which all implement isolates; most terminals do not, and some draw them as
visible marks. So the desktop app turns them on once at start (`use_isolates`) and the
command line, like anything sent to Vmoox or saved, gets names as typed.
"""

from __future__ import annotations

import unicodedata

FSI = "\u2068"  # FIRST STRONG ISOLATE: the name takes the direction of its first letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: and ends here

_isolates = False


def use_isolates(on: bool) -> None:
    """Isolate names in Timo's sentences from now on (on: the desktop app) or not (off, the
    default: the command line)."""
    global _isolates
    _isolates = on


def isolated(name: str) -> str:
    """`name` as Timo's sentences embed it: isolated (see `use_isolates`), so that its own
    direction does not reorder the words, times and quotes around it."""
    return f"{FSI}{name}{PDI}" if _isolates else name


def without_isolates(text: str) -> str:
    """`text` with the isolates `isolated` sets names apart with taken out: for text the
    desktop app made that is kept or read elsewhere (a log line, a reason saved with an
    entry), where it is not laid out for the screen and must read as the command line's."""
    return text.replace(FSI, "").replace(PDI, "")


_OPENS = {"\u2066", "\u2067", FSI}  # LEFT-TO-RIGHT, RIGHT-TO-LEFT and FIRST STRONG ISOLATE


def right_to_left(text: str) -> bool:
    """Whether `text` reads right to left, as a paragraph's direction is found (and Qt's
    labels find it): by its first strong letter, those inside isolates left aside."""
    depth = 0
    for character in text:
        if character in _OPENS:
            depth += 1
        elif character == PDI:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kind = unicodedata.bidirectional(character)
            if kind == "L":
                return False
            if kind in ("R", "AL"):
                return True
    return False
