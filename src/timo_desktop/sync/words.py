"""Plain words for what sync has to tell people."""

from __future__ import annotations

from timo_desktop.core.entry import Entry
from timo_desktop.store.database import Reader

_TARGET_REASONS = {
    "archived": "was archived",
    "deleted": "was deleted",
    "not-trackable": "does not accept time any more",
    "not-found": "no longer exists",
    "task-archived": "has an archived task",
    "task-not-found": "lost its task",
}


def duration_words(seconds: float) -> str:
    """`45 s`, `12 min`, `3 h 5 min`."""
    seconds = abs(seconds)
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def target_problem(reader: Reader, entry: Entry, reason: str | None) -> str:
    """`needs a new project: Website was archived` for an entry whose target went away."""
    project, _task, record = reader.names(entry.target)
    kind = "record" if entry.target.record_id else "project"
    name = record if kind == "record" else project
    name = name or entry.target.record_id or entry.target.project_id or "its target"
    return f"needs a new {kind}: {name} {_TARGET_REASONS.get(reason or '', 'cannot take time')}"


def plural(count: int, word: str) -> str:
    """`1 entry`, `3 entries`."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"
