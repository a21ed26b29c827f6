"""Plain words for what sync has to tell people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timo_desktop.core.bidi import isolated
from timo_desktop.core.entry import Entry, Target, described
from timo_desktop.store.database import Reader

if TYPE_CHECKING:  # the window imports these words; pydantic waits for sync
    from timo_desktop.vmoox.models import FieldProblem

_TARGET_REASONS = {
    "archived": "was archived",
    "deleted": "was deleted",
    "not-trackable": "does not accept time any more",
    "not-found": "no longer exists",
}

# An entry's fields as people call them (the API's `target` is the project or record).
FIELD_WORDS = {
    "description": "description",
    "target": "project",
    "tags": "tags",
    "billable": "billable",
    "start": "start",
    "end": "end",
    "timezone": "time zone",
}


def kept_as_changed_here(fields: Sequence[str]) -> str:
    """Why a question about `fields` is settled without putting the value back: `its end
    was changed here since the server's value replaced yours, so that is kept`."""
    words = " and ".join(FIELD_WORDS.get(name, name) for name in fields)
    verb = "were" if len(fields) > 1 else "was"
    return (
        f"its {words} {verb} changed here since the server's value replaced yours, so that is kept"
    )


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


def deleted_there(kind: str) -> str:
    """Why an entry waits while Vmoox holds it deleted, for the request it refused
    (`create`, `patch` or `stop`). A change was refused because the entry was deleted
    there meanwhile. A create was refused because its reference was deleted there
    before, here or on another device (Vmoox never takes it back), so saying who
    deleted it could be wrong."""
    if kind == "create":
        return (
            "Vmoox has this entry as deleted, so it cannot be sent again as it is; "
            "restore sends it as a new entry, discard removes it here."
        )
    return f"{DELETED_ON_SERVER}; restore it or discard your changes."


# An entry deleted on the server, said alone where Vmoox keeps it read-only (Restore would
# be refused there; the line under it says why).
DELETED_ON_SERVER = "This entry was deleted on the server"


def not_taken_for_lock(lock_date: str | None, detail: str) -> str:
    """Why a new entry waits after Vmoox refused it for a locked period (`lock_date`, as
    the refusal names it; else its `detail`): nothing of it is read-only, since Vmoox
    never had it, and it goes by itself once the lock no longer covers it."""
    period = f"entries before {lock_date}" if lock_date else "entries in a locked period"
    if not lock_date:
        period += f" ({detail.rstrip('.')})"
    return (
        f"Not sent: this workspace takes no {period}. Delete it here or move it to a later "
        "day; it is sent by itself once the lock no longer covers it."
    )


def kept_running(detail: str, *, period: bool) -> str:
    """Why a timer stopped here waits: Vmoox keeps it read-only and running (`detail`, its
    reason), so the stop was not taken; `period` when for a locked period, else invoiced.
    Nobody can stop it on Vmoox meanwhile (the web's stop is refused too): an admin
    unlocks it, and the stop then goes by itself."""
    unlock = (
        "an admin must unlock that period on Vmoox"
        if period
        else "an admin must take it off its invoice on Vmoox"
    )
    return (
        f"Vmoox keeps this timer running, so your stop was not taken ({detail.rstrip('.')})."
        f" It stays stopped here; {unlock}, and Timo then sends your stop by itself. Until"
        " then Vmoox takes no other running timer of yours."
    )


def waits_behind(waiting: Entry, kept: Entry) -> str:
    """Why `waiting`, a timer started here, is not sent: Vmoox takes no second running
    timer while it keeps `kept` running, whose stop made here waits for an admin
    (`kept_running`); it goes by itself after that stop, nothing here hurries it."""
    return (
        f"“{isolated(described(waiting.description))}” is not sent yet: Vmoox takes no second"
        f" running timer while it keeps “{isolated(described(kept.description))}” running."
        " Timo sends it by itself once your stop of that one goes through, which waits for"
        " an admin on Vmoox."
    )


def delete_not_made(detail: str) -> str:
    """Why an entry deleted here is back: Vmoox keeps it read-only (`detail`)."""
    return f"Vmoox did not take your delete ({detail.rstrip('.')}), so the entry is back here."


def not_recorded(reason: str) -> str:
    """Why an entry waits when this computer's database refused to record what Vmoox
    answered about it (`reason`, in `store.errors`' words)."""
    return (
        f"Timo could not save what Vmoox answered about this entry: {reason}. Retry once that"
        " is put right."
    )


def target_problem(reader: Reader, entry: Entry, reason: str | None) -> str:
    """`needs a new project: Website was archived` for an entry whose target went away;
    `_task_problem`'s words when its task did."""
    project, task, record = reader.names(entry.target)
    if reason in ("task-archived", "task-not-found"):
        return _task_problem(reader, entry, reason, project, task)
    kind = "record" if entry.target.record_id else "project"
    name = record if kind == "record" else project
    name = name or entry.target.record_id or entry.target.project_id or "its target"
    return f"needs a new {kind}: {name} {_TARGET_REASONS.get(reason or '', 'cannot take time')}"


def _task_problem(
    reader: Reader, entry: Entry, reason: str, project: str | None, task: str | None
) -> str:
    """What became of an entry's task, as Vmoox refused it (`task-archived`, or
    `task-not-found`: no longer in the entry's project) and the catalog knows it: `needs a
    new project: its task “Homepage” moved to project Shop build` where the task is now in
    another project (chosen with the task, it keeps it), `needs a new task: “Homepage”
    of Website was archived`, `needs a new task: “Homepage” is no longer part of Website`.
    `project` and `task` are the names the catalog has (None when unknown)."""
    project = project or entry.target.project_id or "its project"
    named = f"“{task}”" if task else "its task"
    if reason == "task-archived":
        return f"needs a new task: {named} of {project} was archived"
    now_in = [t.project_id for t in reader.tasks() if t.id == entry.target.task_id]
    moved_to = reader.names(Target(project_id=now_in[0]))[0] if now_in else None
    if task and moved_to and now_in[0] != entry.target.project_id:
        return f"needs a new project: its task {named} moved to project {moved_to}"
    return f"needs a new task: {named} is no longer part of {project}"


def agreed(words: str, count: int) -> str:
    """`words` said of `count` entries: `needs a new project: …` (as `target_problem` words
    one entry's reason) is `need a new project: …` of more than one."""
    if count != 1 and words.startswith("needs"):
        return "need" + words[len("needs") :]
    return words


def plural(count: int, word: str) -> str:
    """`1 entry`, `3 entries`."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def taken_words(deleted: int, shortened: int) -> str:
    """`1 entry deleted and 2 shortened on Vmoox`: entries here that had their time and
    that Vmoox deleted or shortened (empty when none)."""
    if deleted and shortened:
        return f"{plural(deleted, 'entry')} deleted and {shortened} shortened on Vmoox"
    if not (deleted or shortened):
        return ""
    return (
        f"{plural(deleted or shortened, 'entry')} {'deleted' if deleted else 'shortened'} on Vmoox"
    )


def refused_field(pointer: str) -> str:
    """The field a refusal's JSON pointer names, as people call it: in a batch
    `/operations/0/create/entry/tags/3`, alone `/tags/3`, both `tags`."""
    parts = pointer.split("/")
    return next((FIELD_WORDS[p] for p in parts if p in FIELD_WORDS), "one of its fields")


def refused_fields(problems: Sequence[FieldProblem], detail: str | None) -> str:
    """`Vmoox refused its tags (Tags are 1 to 64 characters): …` for a `validation-failed`
    answer, each field named as people call it, not by its JSON pointer."""
    reasons: dict[str, list[str]] = {}
    for problem in problems:
        reason = (problem.detail or problem.code or "").rstrip(".")
        said = reasons.setdefault(refused_field(problem.pointer), [])
        if reason and reason not in said:
            said.append(reason)
    fields = "; ".join(
        f"{name} ({', '.join(why)})" if why else name for name, why in reasons.items()
    )
    refused = f"its {fields}" if fields else f"it ({detail or 'its fields are not valid'})"
    return f"Vmoox refused {refused}: correct it here and it is sent again"
