"""What a description picked from the suggestions brings back where something already stands.

Picking an earlier description (never typing one that happens to match) means "like that one":
the newest entry with it lends its target, billable and tags. The timer line starts something
new and takes all of them (`TimoApp.fill_like_earlier`) but a target that takes no time any
more, which it leaves out, saying why (`without_target`), as Continue does. The Add time
manually dialog and the list's Description cell may already hold a choice — the user's, a
Duplicate's, the entry's own — so there one rule, `fill_unset`, fills only what is still unset
and replaces nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from timo_desktop.core.entry import Entry
from timo_desktop.core.errors import sentence


@dataclass(frozen=True)
class PickedDescription:
    """A description the list's Description cell took from the suggestions, as it goes on to
    the controller (typed text goes as a plain `str`). Not a `str` subclass: passing through
    the list's filter model would turn that into a plain string."""

    text: str


def fill_unset(
    earlier: Entry, *, has_target: bool, billable: bool, has_tags: bool
) -> dict[str, Any]:
    """The fields, named as `Tracker.edit` names them, to take from `earlier` (the newest entry
    with the picked description) given what is already there:

    - its target, only where there is none;
    - with that target, its billable — unless billable is on already: off is simply where a
      new target starts, on was somebody's choice;
    - its tags, only where there are none.
    """
    fill: dict[str, Any] = {}
    if not has_target and not earlier.target.is_empty:
        fill["target"] = earlier.target
        if not billable and earlier.billable:
            fill["billable"] = True
    if not has_tags and earlier.tags:
        fill["tags"] = earlier.tags
    return fill


def without_target(why: str) -> str:
    """What the timer line says beside its picker when it leaves out an earlier entry's
    target, `why` being what became of it (`Tracker.closed_target`): `Project 'Website' is
    archived: pick another, or start without one.`"""
    return f"{sentence(why)}: pick another, or start without one."
