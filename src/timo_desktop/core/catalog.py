"""The cached Vmoox catalog (projects, tasks, records) and finding items by id or name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from timo_desktop.core.errors import NotFound


@dataclass(frozen=True, slots=True)
class Project:
    """A Vmoox project as last seen by sync."""

    id: str
    name: str
    client_record_id: str | None = None
    status: str = "active"
    billable_default: bool = False
    can_track: bool = True
    service_type: str | None = None
    phase: str | None = None
    estimate_minutes: int | None = None
    workspace_id: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """A task inside a project."""

    id: str
    project_id: str
    name: str
    status: str = "open"
    estimate_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """A Vmoox CRM record (client, lead, deal...) time can be tracked against."""

    id: str
    type: str
    display_name: str
    subtitle: str | None = None
    status: str = "active"
    trackable: bool = True
    segment: str | None = None
    workspace_id: str | None = None

    @property
    def name(self) -> str:
        """The name people know the record by."""
        return self.display_name


class Named(Protocol):
    """Anything with an id and a name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


def closest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices that look most like `word` (case-insensitive), best first."""
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    hits = difflib.get_close_matches(word.casefold(), list(by_folded), n=limit, cutoff=0.5)
    return [by_folded[h] for h in hits]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """` — did you mean 'A' or 'B'?`, or nothing when there is no suggestion."""
    if not suggestions:
        return ""
    quoted = [f"'{s}'" for s in suggestions]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" — did you mean {joined}?"


MAX_LISTED = 5  # names listed when a part of a name fits several


def find(kind: str, text: str, items: Sequence[T]) -> T:
    """The item whose id is `text`, else whose name is it, else the one name holding it
    (all case-insensitive).

    An unknown or ambiguous name is a `NotFound` that lists the names it could be.
    """
    wanted = text.strip()
    for item in items:
        if item.id == wanted:
            return item
    named = [item for item in items if item.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        ids = ", ".join(item.id for item in named)
        raise NotFound(f"{kind} name '{text}' is used more than once ({ids}); give the id")
    # Part of a name is enough when it is part of only one ("web" for "Acme website").
    holding = (
        [item for item in items if wanted.casefold() in item.name.casefold()] if wanted else []
    )
    if len(holding) == 1:
        return holding[0]
    if holding:
        names = ", ".join(f"'{item.name}'" for item in holding[:MAX_LISTED])
        more = f" and {len(holding) - MAX_LISTED} more" if len(holding) > MAX_LISTED else ""
        raise NotFound(
            f"'{text}' is part of {len(holding)} {kind} names ({names}{more}); give more of one"
        )
    hint = did_you_mean(closest(wanted, (item.name for item in items)))
    raise NotFound(f"unknown {kind} '{text}'{hint}")
