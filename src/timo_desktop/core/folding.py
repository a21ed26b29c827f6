"""Names compared as people read them: the same letters, however they were typed."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def folded(text: str) -> str:
    """`text` for comparing without regard to case or to how its letters were typed.

    An é typed as one character (as most keyboards do) and as an e with a combining accent
    (as macOS file names and some web forms give it) look the same and fold alike, and so
    do `Straße` and `STRASSE`: Unicode's caseless matching, canonical (decomposed, case
    folded, composed again). Not its compatibility forms, which would make `m²` the tag
    `m2`, or `①` the project `1`."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def spellings(names: Iterable[str]) -> dict[str, list[str]]:
    """`names` gathered by how they read: each `folded` form with the names that fold to it,
    in the order given (`Design` and `design` are one tag, as `Café` and `cafe\u0301`)."""
    found: dict[str, list[str]] = {}
    for name in names:
        found.setdefault(folded(name), []).append(name)
    return found


def one_of_each(names: Iterable[str]) -> list[str]:
    """`names` with each that reads alike said once, as first spelled (`design`, `Design`:
    `design`)."""
    return [same[0] for same in spellings(names).values()]
