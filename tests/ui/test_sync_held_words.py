"""What the window (and `timo sync status`, from the same sentence) says while a workspace's
access is removed: the entries held and why, in red; with nothing held, that sync there is
paused, in amber — never the all-clear."""

from __future__ import annotations

from collections.abc import Mapping

from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
from timo_desktop.ui.sync_status import Tone, summarize

LAST = "2026-03-03T13:02:00Z"
FROZEN = {
    ws: {"name": name, "reason": f"your access to {name} was removed"}
    for ws, name in (("ws_1", "Northwind Agency"), ("ws_2", "Dana's Side Studio"))
}


def status(held: Mapping[str, int], operations: int, waiting: int = 0) -> SyncStatus:
    """As the worker reads it: `held` entries per workspace, in `operations` held."""
    frozen = {ws: FROZEN[ws] for ws in held}
    said = sentence(WorkerState.IDLE, waiting, frozen=frozen, held=held)
    return SyncStatus(WorkerState.IDLE, waiting, waiting, 0, 0, operations, LAST, None, said)


def test_entries_held_for_one_workspace_say_where_and_why_in_red() -> None:
    summary = summarize(status({"ws_2": 1}, 1), "Europe/Berlin")
    assert summary.text == (
        "1 entry held for Dana's Side Studio: your access to Dana's Side Studio was removed"
    )
    assert summary.tone is Tone.BAD and summary.needs_you


def test_entries_held_for_several_workspaces_are_counted_together() -> None:
    summary = summarize(status({"ws_1": 2, "ws_2": 1}, 4), "Europe/Berlin")
    assert summary.text == "3 entries held for 2 workspaces you lost access to"
    assert summary.tone is Tone.BAD and summary.needs_you


def test_a_paused_workspace_with_nothing_held_is_no_all_clear() -> None:
    summary = summarize(status({"ws_2": 0}, 0), "Europe/Berlin")
    assert summary.text == (
        "Sync to Dana's Side Studio is paused: your access to Dana's Side Studio was removed"
    )
    assert summary.tone is Tone.WAITING and not summary.needs_you
    # Entries on their way elsewhere say more than a pause that holds nothing.
    assert summarize(status({"ws_2": 0}, 0, waiting=2), "UTC").text == "2 entries waiting to sync"
