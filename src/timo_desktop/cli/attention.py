"""`timo restore`, `timo keep-mine`, `timo keep-theirs`, `timo retry`, `timo delete-anyway`,
`timo keep-their-version`: what the window's Needs attention settles, from the command
line; and how `timo attention`, `timo sync` and `timo sync status` show each of those
items, with the commands that settle it.

Each command changes this computer's database only (`sync.engine.Decisions`), so none
needs a sign-in or the network: the next sync sends what it queued.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timo_desktop.core.entry import Entry
    from timo_desktop.services import Tracker
    from timo_desktop.store.database import Reader
    from timo_desktop.store.sync_state import Conflict
    from timo_desktop.sync.attention import Attention
    from timo_desktop.sync.engine import Decisions

INDENT = " " * 10  # under an entry's line, past its reference
REPLACED = ("conflict", "stopped")  # kinds whose values `keep-mine` puts back
STOPPED_RUNNING = "stopped-running"  # a running timer sync stopped: read, nothing to put back
DELETED_RUNNING = "deleted-running"  # a running timer Vmoox deleted: read, or restore it
# A running timer Vmoox stopped at an earlier time: read, or add the time it ran on here.
STOPPED_EARLY = "stopped-early"
# The timers running here that sync stopped or Vmoox deleted, which `timo status` tells of.
STOPPED_HERE = (STOPPED_RUNNING, DELETED_RUNNING, STOPPED_EARLY)
# Entries Vmoox deleted or shortened, their time gone from here too: read, nothing to choose.
TAKEN = ("deleted-there", "shortened-there")
CHANGED_SINCE_DELETED = "changed-since-deleted"  # the kind `delete-anyway` settles
KEPT_RUNNING = "kept-running"  # a stop Vmoox refused, the timer read-only: sent by itself
KEEP_DELETED = "keeps it deleted (you have read this)"
# The commands that change an entry on Vmoox: not offered of one it keeps read-only.
CHANGING = ("keep-mine", "restore", "delete-anyway", "delete")
SENT_NEXT = "the next sync sends it (`timo sync`)"


def register(subparsers: Any) -> None:
    """Add `restore`, `keep-mine`, `keep-theirs`, `retry`, `delete-anyway` and
    `keep-their-version`."""
    from timo_desktop.cli.common import add_entry_command

    add_entry_command(
        subparsers,
        "restore",
        restore_command,
        help="send an entry deleted on the server again, as a new entry",
        description="An entry deleted on the server while you kept it here: send your"
        " version again, as a new entry ('timo delete' discards it instead). A timer"
        " deleted there while it ran here comes back with the time it ran ('timo"
        " keep-theirs' lets it go); of one stopped there at an earlier time, the time it"
        " ran on here is added as an entry of its own.",
    )

    mine = add_entry_command(
        subparsers,
        "keep-mine",
        keep_mine_command,
        help="put back your values the server replaced, to send them again",
        description="Both sides changed the same field, and the server's value won, or a"
        " timer was stopped when you started another on another device: put yours back"
        " (all such fields, or FIELD), to be sent at the next sync. Times that would"
        " overlap another entry are refused, naming it, unless the workspace allows"
        " overlaps and you say --keep-both.",
    )
    mine.add_argument(
        "field",
        nargs="?",
        metavar="FIELD",
        help="only this field (description, project, tags, billable, start, end, timezone)",
    )
    mine.add_argument(
        "--keep-both",
        action="store_true",
        help="put yours back even where they overlap another entry (if the workspace allows)",
    )

    add_entry_command(
        subparsers,
        "keep-theirs",
        keep_theirs_command,
        help="keep the server's values and forget yours it replaced",
        description="Keep the server's values where both sides changed a field, and forget"
        " yours; of an entry read-only on the server: you have read what it kept; of one"
        " deleted on the server: keep it deleted, your changes with it.",
    )

    add_entry_command(
        subparsers,
        "retry",
        retry_command,
        help="send an entry the server refused again, as it is",
        description="Send an entry the server refused (or told to wait) again at the next"
        " sync, unchanged. ('timo edit' corrects it; it is sent again then too.)",
    )
    _register_changed_since_deleted(subparsers)


# -- what `timo attention`, `timo sync` and `timo sync status` show --------------------


def entry_line(tracker: Tracker, entry: Entry) -> str:
    """`d4f724d1  Mon 2026-01-05  09:00–10:00 (1h 00m)  'Planning'`: its working day, the
    times dated by the calendar where that is another date (with day.start_of_day 04:00,
    Thu's 01:30 reads Fri 01:30), as `timo log` dates them."""
    from timo_desktop.cli.common import describe, span

    day = tracker.day_of(entry)
    times = span(tracker, entry, beside=day)
    return f"{entry.client_ref[:8]}  {day:%a %Y-%m-%d}  {times}  {describe(tracker, entry)}"


def fixes(tracker: Tracker, item: Attention) -> list[tuple[str, str]]:
    """The commands that settle `item`, each with what it does, as the window's buttons;
    of an entry Vmoox keeps read-only, not those that would change it there."""
    found = _fixes(tracker, item)
    if item.read_only is None:
        return found
    # A change sent to Vmoox would only be refused (`Attention.read_only`).
    kept = [(command, does) for command, does in found if command.split()[1] not in CHANGING]
    # Of an entry Vmoox holds deleted none is left (`timo delete` is refused here too).
    return kept or [(f"timo keep-theirs {(item.client_ref or '')[:8]}", KEEP_DELETED)]


def _fixes(tracker: Tracker, item: Attention) -> list[tuple[str, str]]:
    import shlex

    from timo_desktop.core.entry import Target
    from timo_desktop.core.local_time import clock_text, local

    entry = item.entry
    ref = (item.client_ref or "")[:8]
    # Yours put back would overlap: said with the command, which asks for --keep-both.
    overlapping = f" ({item.overlap.words})" if item.overlap else ""
    if item.kind == "stopped":
        return [
            (f"timo keep-mine {ref}", f"puts your end back{overlapping}"),
            (f"timo keep-theirs {ref}", "keeps it stopped there (you have read this)"),
        ]
    if item.kind == STOPPED_RUNNING:
        return [(f"timo keep-theirs {ref}", "keeps it stopped there (you have read this)")]
    if item.kind == DELETED_RUNNING:
        return [
            (f"timo restore {ref}", "brings back the time it ran here, as a new entry"),
            (f"timo keep-theirs {ref}", KEEP_DELETED),
        ]
    if item.kind == STOPPED_EARLY:
        return [
            (f"timo restore {ref}", f"adds {item.ran_on}, the time it ran on here, as an entry"),
            (f"timo keep-theirs {ref}", "keeps Vmoox's stop (you have read this)"),
        ]
    if item.kind in TAKEN:
        return [(f"timo keep-theirs {ref}", "keeps it as Vmoox has it (you have read this)")]
    if item.kind == "conflict":
        found = [
            (f"timo keep-mine {ref}", f"sends yours to the server again{overlapping}"),
            (f"timo keep-theirs {ref}", "keeps the server's"),
        ]
        if len(item.conflicts) > 1:
            names = ", ".join(_typed(c.field) for c in item.conflicts)
            found.insert(1, (f"timo keep-mine {ref} FIELD", f"only that one ({names})"))
        return found
    if item.kind == CHANGED_SINCE_DELETED:
        return [
            (f"timo delete-anyway {ref}", "deletes it on the server too"),
            (f"timo keep-their-version {ref}", "keeps it as changed there"),
        ]
    if item.kind == "deleted":
        return [
            (f"timo restore {ref}", "sends it again, as a new entry"),
            (f"timo delete {ref}", "discards it and your changes"),
        ]
    if item.kind == "target":
        found = [(f"timo edit {ref} --project P", "gives it another project (or --record R)")]
        target = entry.target if entry is not None else None
        if target is not None and target.task_id and target.project_id:
            project = Target(project_id=target.project_id)
            if tracker.closed_target(project) is None:  # its task went, its project stays
                name = tracker.names(project).project or target.project_id
                found.insert(
                    0,
                    (
                        f"timo edit {ref} --project {shlex.quote(name)} --task T",
                        f"gives it another task of {name}",
                    ),
                )
        # Vmoox may take time on it again (a task reopened, which the projects Timo keeps
        # do not show until their next whole read): tried again, it goes or is refused.
        found.append((f"timo retry {ref}", "sends it again as it is, once Vmoox takes it"))
        return found
    if item.kind == "locked":
        return [(f"timo keep-theirs {ref}", "keeps it as the server does and drops your values")]
    if item.kind == KEPT_RUNNING:
        return [(f"timo retry {ref}", "sends your stop now, not waiting for Timo to send it")]
    if item.kind == "locked-new" and entry is not None:
        times = [local(t, tracker.zone).time() for t in (entry.start, entry.end) if t]
        start, *end = [clock_text(t, twelve_hour=False) for t in times]
        moved = f'timo edit {ref} --start "DATE {start}"' + (f" --end {end[0]}" if end else "")
        return [
            (f"timo delete {ref}", "deletes it here"),
            (moved, "moves it to a later day"),
            (f"timo retry {ref}", "sends it again now"),
        ]
    if item.kind == "frozen":
        first, last = _held_days(tracker, item)
        found = [(f"timo export --from {first} --to {last}", "exports every entry of those days")]
        store = tracker.store
        unsent = [
            e for e in _held(tracker, item) if store.workspace_on_server(e.client_ref) is None
        ]
        if unsent:  # nothing of it reached that workspace: it may go to another
            found.append(
                (
                    f"timo edit {unsent[0].client_ref[:8]} --project P",
                    "gives one never sent there a project of a workspace you can still"
                    " track time in, where it goes instead",
                )
            )
        if any(e.target.is_empty for e in unsent):  # it waits for the default workspace
            found.append(
                (
                    "timo workspace NAME",
                    "sends those without a project, never sent there, to another workspace",
                )
            )
        return found
    return [
        (f"timo edit {ref} …", "corrects it; it is sent again"),
        (f"timo retry {ref}", "sends it again as it is"),
    ]


def _field_word(field: str) -> str:
    """A field as people call it (`project`, `time zone`), as conflicts name it."""
    from timo_desktop.sync.words import FIELD_WORDS

    return FIELD_WORDS.get(field, field)


def _typed(field: str) -> str:
    """A field's name as typed after `timo keep-mine REF` (`time zone` is `timezone`)."""
    return _field_word(field).replace(" ", "")


def _held_days(tracker: Tracker, item: Attention) -> tuple[str, str]:
    """The first and last working day of the entries held for a workspace (`item`)."""
    days = sorted(tracker.day_of(e) for e in _held(tracker, item)) or [tracker.today()]
    return days[0].isoformat(), days[-1].isoformat()


def _held(tracker: Tracker, item: Attention) -> list[Entry]:
    """The entries held for a workspace (`item`), by start."""
    from timo_desktop.store import sync_state

    found = sync_state.entries(tracker.store.connection, item.held).values()
    return sorted(found, key=lambda entry: entry.start)


def item_lines(tracker: Tracker, item: Attention) -> list[str]:
    """An item as `timo attention` lists it: the entry (or the workspace's held entries),
    the reason in the window's words, and the commands that settle it, lined up."""
    from timo_desktop.core.text_width import display_width, pad
    from timo_desktop.sync.words import plural

    head = entry_line(tracker, item.entry) if item.entry else f"{plural(item.count, 'entry')} held"
    found = fixes(tracker, item)
    # A command may name a project (`--project '会議 📞'`): lined up by columns, not characters.
    width = max(display_width(command) for command, _does in found)
    # Which entries a workspace's held ones are, each as the entries below are listed.
    which = [entry_line(tracker, e) for e in _held(tracker, item)]
    return [
        head,
        *(f"{INDENT}{line}" for line in which),
        f"{INDENT}{item.message}",
        *([f"{INDENT}{item.read_only_words}"] if item.read_only else []),
        *(f"{INDENT}{pad(command, width)}  {does}" for command, does in found),
    ]


def item_json(tracker: Tracker, item: Attention) -> dict[str, object]:
    """An item as `--json` gives it: `kind` (conflict, stopped, stopped-running,
    deleted-running, stopped-early, deleted-there, shortened-there, deleted,
    changed-since-deleted, target, locked, kept-running, locked-new, frozen, refused), the
    reason, the entry, the fields the server replaced (of `stopped`: the end kept and
    yours), what yours put back would overlap, why Vmoox keeps it read-only where that
    leaves out a fix, the fixes; of `frozen`, the entries held (`held`: their
    `client_ref`s)."""
    from timo_desktop.cli.common import entry_json

    return {
        "kind": item.kind,
        "message": item.message,
        "client_ref": item.client_ref,
        "entry": entry_json(tracker, item.entry) if item.entry else None,
        "conflicts": [
            {
                "field": _typed(c.field),
                "server_value": c.server_value,
                "your_value": c.local_value,
            }
            for c in item.conflicts
        ],
        "overlap": str(item.overlap) if item.overlap else None,
        "read_only": str(item.read_only) if item.read_only else None,
        "workspace_id": item.workspace_id,
        "held_entries": item.count if item.kind == "frozen" else None,
        "held": list(item.held) if item.kind == "frozen" else None,  # their client_refs
        "fixes": [{"command": command, "does": does} for command, does in fixes(tracker, item)],
    }


def changed_on_server(reader: Reader) -> tuple[list[str], list[dict[str, object]]]:
    """For `timo sync` and `timo sync status`: each entry whose value the server replaced
    (or a timer stopped for a newer one on another device, running here or not, or
    deleted or stopped earlier in Vmoox while it ran here, or an entry Vmoox deleted or
    shortened), as lines (under the line that counts them) and as JSON; and, when entries
    wait for the user or a timer running here was stopped so, where the commands that
    settle them are listed."""
    from timo_desktop.cli.common import load_settings, open_tracker
    from timo_desktop.core.errors import TimoError
    from timo_desktop.store import sync_state
    from timo_desktop.sync.status import LESS_TIME

    connection = reader.connection
    waiting = sync_state.attention(connection)
    noted = reader.stops_noted() or reader.noted(LESS_TIME)
    if not waiting and not sync_state.conflicts(connection) and not noted:
        return [], []  # the usual case costs no tracker
    listed = ["`timo attention` lists them all, with the commands that settle each."]
    try:
        tracker = open_tracker(settings=load_settings())
    except TimoError:  # damaged settings must not hide what sync says; `timo attention` names them
        return listed, []
    try:
        told = (*REPLACED, *STOPPED_HERE, *TAKEN)
        items = [i for i in tracker.sync_attention() if i.kind in told]
        lines = [f"  {line}" for item in items for line in item_lines(tracker, item)]
        # Where the stopped timers the status line counts are read about too.
        to_read = waiting or any(i.kind in STOPPED_HERE for i in items)
        return lines + (listed if to_read else []), [item_json(tracker, i) for i in items]
    finally:
        tracker.close()


def stopped_here(tracker: Tracker) -> list[Attention]:
    """The timers running here that sync stopped for a newer one on another device, or
    Vmoox deleted or stopped earlier, not yet read about (`timo keep-theirs`, `timo
    restore`, OK, Restore or Add in the window), as Needs attention has them: what `timo
    status` tells of, in words (`stops_told`) and in JSON."""
    if not tracker.store.stops_noted():
        return []  # the usual case loads no more of Timo, and reads no settings
    from timo_desktop.cli.common import load_settings
    from timo_desktop.core.errors import TimoError
    from timo_desktop.sync.attention import needs_attention

    try:
        start_of_day = load_settings().start_of_day  # its times dated as `timo attention`'s
    except TimoError:  # damaged settings must not hide it; `timo attention` names them
        start_of_day = tracker.start_of_day
    items = needs_attention(tracker.store, tracker.zone, start_of_day)
    return [i for i in items if i.kind in STOPPED_HERE]


def stops_told(tracker: Tracker) -> str | None:
    """`“Review” was deleted in Vmoox while it ran here; see `timo attention`.`: the timers
    `stopped_here`, in Needs attention's words (None when there are none), for `timo
    status` to say what became of the timer that ran."""
    said = [i.message for i in stopped_here(tracker)]
    return f"{' '.join(said).rstrip('.')}; see `timo attention`." if said else None


# -- the commands ----------------------------------------------------------------------


def _waiting(
    kinds: tuple[str, ...], nothing: str, args: argparse.Namespace
) -> tuple[Tracker, Entry, Attention, str]:
    """The tracker, the entry `args.ref` names, its item and how messages name it, when it
    waits to be settled in one of `kinds`; else a refusal saying `nothing` of it, and what
    settles it instead."""
    from timo_desktop.cli.common import describe, load_settings, open_tracker
    from timo_desktop.core.errors import InvalidInput

    tracker = open_tracker(settings=load_settings())
    entry = _named(tracker, args.ref)
    what = f"{describe(tracker, entry)} [{entry.client_ref[:8]}]"
    items = [i for i in tracker.sync_attention() if i.client_ref == entry.client_ref]
    # An entry refused for a field may also have a value the server replaced: two items.
    chosen = next((i for i in items if i.kind in kinds), None)
    if chosen is not None:
        return tracker, entry, chosen, what
    if items:
        *others, last = [f"`{command}`" for command, _does in fixes(tracker, items[0])]
        settle = f"{', '.join(others)} or {last}" if others else last
        raise InvalidInput(f"{what} {nothing}; it waits for another decision: {settle}")
    raise InvalidInput(f"{what} {nothing}; sync waits for no decision about it")


def _changeable(tracker: Tracker, item: Attention, what: str) -> None:
    """Refuse a choice that would change an entry Vmoox keeps read-only (as the decision
    itself would, `sync.engine.Decisions`), before asking about an overlap it would make:
    why, and the command that lets the question go."""
    from timo_desktop.core.errors import InvalidInput

    if item.read_only is None:
        return
    instead = " or ".join(f"`{command}` {does}" for command, does in fixes(tracker, item))
    joined = ", or " if item.read_only.fix else "; "
    raise InvalidInput(f"{item.read_only.choice_refused(what)}{joined}{instead}")


def _named(tracker: Tracker, ref: str) -> Entry:
    """The entry `ref` names, live or deleted here: one deleted here that waits (changed on
    another computer since) is told with what settles it, not as no entry at all."""
    from timo_desktop.core.errors import NotFound

    try:
        return tracker.get(ref)
    except NotFound as live:
        try:
            return tracker.get_deleted(ref)
        except NotFound:
            raise live from None


def _decisions(tracker: Tracker) -> Decisions:
    from timo_desktop.sync.engine import Decisions

    return Decisions(tracker.store, clock=tracker.clock)


def restore_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import describe, span

    nothing = "was not deleted on the server, so there is nothing to restore"
    kinds = ("deleted", DELETED_RUNNING, STOPPED_EARLY)
    tracker, entry, item, what = _waiting(kinds, nothing, args)
    _changeable(tracker, item, what)
    decisions = _decisions(tracker)
    if item.kind == STOPPED_EARLY:
        copy = tracker.get(decisions.add_time_ran_here(entry.client_ref))
        done, which = "Added", ", the time it ran on here,"
    else:
        copy = tracker.get(decisions.restore_deleted(entry.client_ref))
        done, which = "Restored", ""
    restored = f"{describe(tracker, copy)} {span(tracker, copy)}{which}"
    print(f"{done} {restored} as a new entry [{copy.client_ref[:8]}]; {SENT_NEXT}")
    return 0


def keep_mine_command(args: argparse.Namespace) -> int:
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.sync.attention import restore_overlap

    nothing = "has no value of yours the server replaced, so there is none to put back"
    tracker, entry, item, what = _waiting(REPLACED, nothing, args)
    _changeable(tracker, item, what)
    chosen = list(item.conflicts)
    if args.field:
        from timo_desktop.sync.fields import together_with

        # A start or end comes back with the other end of its range: they are one value.
        named = {
            field
            for c in item.conflicts
            if _field_named(args.field, c.field)
            for field in together_with(c.field)
        }
        chosen = [c for c in item.conflicts if c.field in named]
        if not chosen:
            replaced = ", ".join(_field_word(c.field) for c in item.conflicts)
            raise InvalidInput(
                f"the server replaced no '{args.field}' of {what}; it replaced its {replaced}"
            )
    overlap = restore_overlap(tracker.store, entry, chosen, tracker.zone, tracker.clock())
    if overlap is not None:
        # Add time's rule: overlapping time only where the workspace allows it, and then
        # only when asked for.
        ref = entry.client_ref[:8]
        again = " ".join(filter(None, ("timo keep-mine", ref, args.field, "--keep-both")))
        theirs = "it stopped" if item.kind == "stopped" else "the server's"
        kept = f"`timo keep-theirs {ref}` keeps {theirs}"
        refusal = tracker.overlap_refusal(entry, overlap.others)
        if refusal is not None:
            raise InvalidInput(f"{overlap}, {refusal}; {kept}")
        if not args.keep_both:
            raise InvalidInput(f"{overlap}: `{again}` keeps both, or {kept}")
    only = chosen[0].field if args.field else None
    _decisions(tracker).restore_local_value(entry.client_ref, only)
    also = f", which now {overlap.words}" if overlap is not None else ""
    print(f"Put back your {_values(tracker, chosen, mine=True)} on {what}{also}; {SENT_NEXT}")
    return 0


def keep_theirs_command(args: argparse.Namespace) -> int:
    nothing = "has no value the server replaced, so there is nothing to keep"
    kinds = (*REPLACED, "locked", *STOPPED_HERE, *TAKEN, "deleted")
    tracker, entry, item, what = _waiting(kinds, nothing, args)
    decisions = _decisions(tracker)
    if item.kind == "deleted":  # Vmoox keeps it deleted: as the window's Discard
        decisions.discard_deleted(entry.client_ref)
        print(f"{what} stays deleted, your changes with it; 'timo undo' brings it back")
        return 0
    if item.kind == "locked":
        decisions.acknowledge(entry.client_ref)
        print(f"{what} stays as the server keeps it")
        return 0
    if item.kind in TAKEN:
        decisions.dismiss_conflicts(entry.client_ref)
        print(f"{what} stays as Vmoox has it")
        return 0
    if item.kind in STOPPED_HERE:
        decisions.dismiss_conflicts(entry.client_ref)
        print(f"{what} stays {'deleted' if item.kind == DELETED_RUNNING else 'stopped'}")
        return 0
    from timo_desktop.sync.fields import changed_here
    from timo_desktop.sync.words import kept_as_changed_here

    decisions.dismiss_conflicts(entry.client_ref)
    # A question left by a database from before a change here settled it: the entry holds
    # that change, not the server's value, as Restore says refusing it.
    since = changed_here(entry, item.conflicts)
    asked = [c for c in item.conflicts if c not in since]
    said = []
    if asked:
        theirs = _values(tracker, asked, mine=False)
        mine = _values(tracker, asked, mine=True)
        # A stop for a newer timer may have been made here, before Vmoox had the entry.
        kept = "the" if item.kind == "stopped" else "the server's"
        said.append(f"Kept {kept} {theirs} on {what}, not yours ({mine})")
    else:
        said.append(f"Kept {what} as it is")
    if since:
        said.append(kept_as_changed_here([c.field for c in since]))
    print("; ".join(said))
    return 0


def retry_command(args: argparse.Namespace) -> int:
    nothing = "waits for no refusal to be tried again, so there is nothing to send"
    tracker, entry, _item, what = _waiting(
        ("refused", "target", "locked-new", KEPT_RUNNING), nothing, args
    )
    _decisions(tracker).retry_now(entry.client_ref)
    print(f"{what} is sent again at the next sync (`timo sync`)")
    return 0


def _field_named(typed: str, field: str) -> bool:
    """Whether `typed` names `field`: as people call it (`project`, `time zone`, typed
    `timezone` too) or by the server's name (`target`)."""
    said = typed.strip().lower()
    return said in (field, _field_word(field), _typed(field))


def _values(tracker: Tracker, conflicts: Sequence[Conflict], *, mine: bool) -> str:
    """`end 10:30` (or `description “Call” and end 10:30`): the fields, with your values
    (`mine`) or the server's, in the words the conflict was shown in."""
    from timo_desktop.sync.attention import field_value_words

    now, zone = tracker.clock(), tracker.zone
    return " and ".join(
        field_value_words(c, zone, now, mine=mine, reader=tracker.store) for c in conflicts
    )


# -- an entry deleted here and changed on another computer since ----------------------


def _register_changed_since_deleted(subparsers: Any) -> None:
    """Add `delete-anyway` and `keep-their-version`."""
    from timo_desktop.cli.common import add_entry_command

    add_entry_command(
        subparsers,
        "delete-anyway",
        delete_anyway_command,
        help="delete an entry changed on another computer since you deleted it",
        description="You deleted an entry that was changed on another computer since the"
        " version you deleted: delete it on the server too, that change with it.",
    )

    add_entry_command(
        subparsers,
        "keep-their-version",
        keep_their_version_command,
        help="keep an entry changed on another computer since you deleted it",
        description="You deleted an entry that was changed on another computer since the"
        " version you deleted: keep it, as changed there, and drop your delete.",
    )


def _deleted_but_changed(args: argparse.Namespace) -> tuple[Tracker, Entry, Attention, str]:
    """The tracker, the entry deleted here that `args.ref` names, its item and how
    messages name it, when it waits because it changed on another computer since; else a
    refusal that says what settles the entry instead."""
    # Of an entry never deleted too: no delete of the person's to speak of.
    nothing = "has no delete waiting for a decision, so there is nothing to decide"
    return _waiting((CHANGED_SINCE_DELETED,), nothing, args)


def delete_anyway_command(args: argparse.Namespace) -> int:
    tracker, entry, item, what = _deleted_but_changed(args)
    _changeable(tracker, item, what)
    _decisions(tracker).delete_anyway(entry.client_ref)
    print(f"{what} goes from the server too, their change with it; {SENT_NEXT}")
    return 0


def keep_their_version_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import describe, span

    tracker, entry, _item, _what = _deleted_but_changed(args)
    _decisions(tracker).keep_their_edit(entry.client_ref)
    kept = tracker.get(entry.client_ref)
    print(
        f"Kept {describe(tracker, kept)} {span(tracker, kept)} [{kept.client_ref[:8]}]"
        " as changed on the other computer; your delete is dropped"
    )
    return 0
