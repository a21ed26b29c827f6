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

And only around names they change: a name without right-to-left letters, among Timo's own
left-to-right words, reads the same without them (`steers_direction`). A window title is
read by more than Qt: `xdotool search --name "Homepage layout — Timo"` did not find one
holding isolates, and a taskbar whose font lacks the marks drew boxes around the name.
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
    """`name` as Timo's sentences embed it: isolated (see `use_isolates`) where it steers
    direction, so that it does not reorder the words, times and quotes around it."""
    return f"{FSI}{name}{PDI}" if _isolates and steers_direction(name) else name


def without_isolates(text: str) -> str:
    """`text` with the isolates `isolated` sets names apart with taken out: for text the
    desktop app made that is kept or read elsewhere (a log line, a reason saved with an
    entry), where it is not laid out for the screen and must read as the command line's."""
    return text.replace(FSI, "").replace(PDI, "")


_OPENS = {"\u2066", "\u2067", FSI}  # LEFT-TO-RIGHT, RIGHT-TO-LEFT and FIRST STRONG ISOLATE
# Right-to-left letters and marks (R, AL), Arabic digits, which draw neutral neighbours
# to their side as those do (AN), and the explicit embeddings, overrides and isolates.
_STEERING = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def steers_direction(text: str) -> bool:
    """Whether `text`, set among left-to-right words, can change how they are laid out: it
    holds a right-to-left letter or number, or a mark that embeds or overrides direction.
    Without one, every letter, digit and neutral in the sentence stays left to right, the
    name's first and last characters too."""
    return any(unicodedata.bidirectional(character) in _STEERING for character in text)


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
