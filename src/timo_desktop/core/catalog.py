"""The cached Vmoox catalog (projects, tasks, records) and finding items by id or name."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from timo_desktop.core.errors import NotFound
from timo_desktop.core.folding import folded


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
    # Everyone's finished time on it, as Vmoox counted it when sync last read it.
    tracked_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """A task inside a project."""

    id: str
    project_id: str
    name: str
    status: str = "open"
    estimate_minutes: int | None = None
    tracked_minutes: int | None = None  # everyone's, as for `Project`


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


# How alike (difflib's ratio) a typed name must be to a whole name, or to as many words
# inside one as were typed: a word must be nearer (one letter off in four, `Globx` for
# `Globex`), since a short word is alike to some word of many names.
WHOLE_LIKENESS = 0.5
WORDS_LIKENESS = 0.75
_WORD = re.compile(r"\w+")


def closest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices that look most like `word` (case-insensitive), best first: like the
    whole choice, or like as many words inside it (`Globx` for `Globex shop build`)."""
    typed = folded(word.strip())
    count = len(_WORD.findall(typed))
    scored: dict[str, tuple[float, str]] = {}
    for choice in choices:
        key = folded(choice)
        if key in scored:
            continue
        best = _likeness(typed, key)
        best = best if best >= WHOLE_LIKENESS else 0.0
        words = _WORD.findall(key)
        for at in range(len(words) - count + 1 if count else 0):
            near = _likeness(typed, " ".join(words[at : at + count]))
            if near >= WORDS_LIKENESS:
                best = max(best, near)
        scored[key] = (best, choice)
    ranked = sorted((item for item in scored.values() if item[0]), key=lambda item: -item[0])
    return [choice for _, choice in ranked[:limit]]


def _likeness(typed: str, name: str) -> float:
    return difflib.SequenceMatcher(None, typed, name).ratio()


def did_you_mean(suggestions: Sequence[str]) -> str:
    """` — did you mean 'A' or 'B'?`, or nothing when there is no suggestion."""
    if not suggestions:
        return ""
    quoted = [f"'{s}'" for s in suggestions]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" — did you mean {joined}?"


MAX_LISTED = 5  # names listed when a part of a name fits several


class UnknownName(NotFound):
    """No item has the id or name typed, nor a name holding it."""


def find(
    kind: str,
    text: str,
    items: Sequence[T],
    workspace_of: Callable[[T], str | None] = lambda _item: None,
) -> T:
    """The item whose id is `text`, else whose name is it, else the one name holding it
    (all case-insensitive).

    An unknown or ambiguous name is a `NotFound` that lists the names it could be; items
    of one name are told apart by their ids, and by their workspaces (`workspace_of`
    names an item's) where they are in different ones.
    """
    wanted = text.strip()
    for item in items:
        if item.id == wanted:
            return item
    key = folded(wanted)
    named = [item for item in items if folded(item.name) == key]
    # Part of a name is enough when it is part of only one ("web" for "Acme website").
    holding = [item for item in items if key in folded(item.name)] if wanted else []
    if not named and len({folded(item.name) for item in holding}) == 1:
        named = holding  # "adm" for two workspaces' "Admin": told apart as one name is
    if len(named) == 1:
        return named[0]
    which = _which(named or holding, workspace_of)
    if len(named) > 1:
        ids = ", ".join(which(item) for item in named)
        raise NotFound(
            f"{kind} name '{named[0].name}' is used more than once ({ids});"
            " give the id of the one you mean"
        )
    if holding:
        counts = Counter(folded(item.name) for item in holding)
        names = ", ".join(
            f"'{item.name}' ({which(item)})" if counts[folded(item.name)] > 1 else f"'{item.name}'"
            for item in holding[:MAX_LISTED]
        )
        more = f" and {len(holding) - MAX_LISTED} more" if len(holding) > MAX_LISTED else ""
        ids = ", or the id of the one you mean" if len(counts) < len(holding) else ""
        raise NotFound(
            f"'{text}' is part of {len(holding)} {kind} names ({names}{more});"
            f" give more of one{ids}"
        )
    hint = did_you_mean(closest(wanted, (item.name for item in items)))
    raise UnknownName(f"unknown {kind} '{text}'{hint}")


def _which(items: Sequence[T], workspace_of: Callable[[T], str | None]) -> Callable[[T], str]:
    """How an item of `items` is told from the others of its name: `prj_9`, or `prj_9 in
    Dana's Side Studio` where they are in different workspaces."""
    if len({workspace_of(item) for item in items}) < 2:
        return lambda item: item.id
    return lambda item: " in ".join(filter(None, (item.id, workspace_of(item))))


def in_several_workspaces(items: Iterable[Project | Record]) -> set[str]:
    """The names (folded) that projects or records of more than one workspace have: where
    one is shown, its workspace is named, or two workspaces' "Admin" read alike."""
    workspaces: dict[str, set[str]] = {}
    for item in items:
        if item.workspace_id:  # unknown for what was cached before workspaces were kept
            workspaces.setdefault(folded(item.name), set()).add(item.workspace_id)
    return {name for name, found in workspaces.items() if len(found) > 1}


def closed_to_time(item: Project | Record) -> str | None:
    """Why no more time can go to a project or record, as the catalog last saw it: `is
    archived`, `is deleted`, `does not accept time`; None while it takes time (the rule
    Vmoox applies, so a timer on it would only wait for a new target once sent)."""
    if item.status != "active":
        return f"is {item.status}"
    if not (item.can_track if isinstance(item, Project) else item.trackable):
        return "does not accept time"
    return None
