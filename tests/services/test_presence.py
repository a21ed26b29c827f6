"""The away answer applied through the Tracker: each choice's entries, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.catalog import Project, Record
from timo_desktop.core.entry import Target
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.presence import (
    AddEntry,
    Away,
    AwayCause,
    AwayChoice,
    RunningEntry,
    StopAt,
    resolve_away,
)
from timo_desktop.services import Tracker
from timo_desktop.services.presence import apply_away, undo_away

ZONE = "Europe/Berlin"
START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
AWAY = Away(START + timedelta(minutes=92), START + timedelta(minutes=118), AwayCause.IDLE)
WEBSITE = Target(project_id="prj_1")
ACME = Target(record_id="rec_1")


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    opened = Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)
    with opened.store.write() as tx:
        tx.put_projects([Project("prj_1", "Website", billable_default=True)])
        tx.put_records([Record("rec_1", "client", "Acme GmbH")])
    opened.start("Homepage layout", target=WEBSITE, tags=["design"])
    clock.now = AWAY.end + timedelta(seconds=40)  # the person answers a little after coming back
    return opened


def running_entry(tracker: Tracker) -> RunningEntry:
    entry = tracker.running()
    assert entry is not None
    return RunningEntry(entry.client_ref, entry.start)


def answer(tracker: Tracker, choice: AwayChoice, target: Target | None = None) -> None:
    apply_away(tracker, resolve_away(choice, AWAY, running_entry(tracker), target))


def all_entries(tracker: Tracker) -> list[tuple[datetime, datetime | None, str, Target]]:
    found = tracker.between(START - timedelta(days=1), START + timedelta(days=1))
    return [(e.start, e.end, e.description, e.target) for e in found]


def test_keep_changes_nothing(tracker: Tracker) -> None:
    before = all_entries(tracker)
    answer(tracker, AwayChoice.KEEP)
    assert all_entries(tracker) == before
    assert tracker.running() is not None


def test_discard_ends_the_entry_when_the_person_left(tracker: Tracker) -> None:
    answer(tracker, AwayChoice.DISCARD)
    assert all_entries(tracker) == [(START, AWAY.start, "Homepage layout", WEBSITE)]
    assert tracker.running() is None


def test_discard_and_continue_restarts_a_copy_at_the_return(tracker: Tracker) -> None:
    answer(tracker, AwayChoice.DISCARD_AND_CONTINUE)
    assert all_entries(tracker) == [
        (START, AWAY.start, "Homepage layout", WEBSITE),
        (AWAY.end, None, "Homepage layout", WEBSITE),
    ]
    copy = tracker.running()
    assert copy is not None and copy.tags == ("design",) and copy.billable


def test_assign_books_the_time_away_on_the_target_and_goes_on(tracker: Tracker) -> None:
    answer(tracker, AwayChoice.ASSIGN, ACME)
    assert all_entries(tracker) == [
        (START, AWAY.start, "Homepage layout", WEBSITE),
        (AWAY.start, AWAY.end, "", ACME),
        (AWAY.end, None, "Homepage layout", WEBSITE),
    ]


def test_listeners_hear_of_all_changes_once_after_the_commit(tracker: Tracker) -> None:
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)
    answer(tracker, AwayChoice.ASSIGN, ACME)
    assert len(heard) == 1 and len(heard[0]) == 3


def test_a_refused_edit_leaves_everything_as_it_was(tracker: Tracker, clock: Clock) -> None:
    ref = running_entry(tracker).ref
    before = all_entries(tracker)
    outbox_before = len(tracker.store.outbox())
    future = clock.now + timedelta(days=2)  # an entry ending in the future is refused
    with pytest.raises(InvalidEntry):
        apply_away(tracker, [StopAt(ref, AWAY.start), AddEntry(ACME, AWAY.start, future)])
    assert all_entries(tracker) == before
    assert len(tracker.store.outbox()) == outbox_before


def test_an_entry_stopped_elsewhere_after_leaving_is_ended_at_the_away_start(
    tracker: Tracker, clock: Clock
) -> None:
    ref = running_entry(tracker).ref
    tracker.stop(at=AWAY.end)
    apply_away(tracker, [StopAt(ref, AWAY.start)])
    assert all_entries(tracker) == [(START, AWAY.start, "Homepage layout", WEBSITE)]


@pytest.mark.parametrize(
    ("choice", "target"),
    [
        (AwayChoice.DISCARD, None),
        (AwayChoice.DISCARD_AND_CONTINUE, None),
        (AwayChoice.ASSIGN, ACME),
    ],
)
def test_undo_takes_an_answer_back_whole(
    tracker: Tracker, choice: AwayChoice, target: Target | None
) -> None:
    before_entries = all_entries(tracker)
    before = tracker.running()
    assert before is not None
    edits = resolve_away(choice, AWAY, running_entry(tracker), target)
    written = apply_away(tracker, edits)
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)

    undo_away(tracker, before, written)
    assert all_entries(tracker) == before_entries
    running = tracker.running()
    assert running is not None and running.client_ref == before.client_ref
    assert len(heard) == 1  # one transaction

    again = apply_away(tracker, edits)  # redo
    assert [(e.start, e.end) for e in again] == [(e.start, e.end) for e in written]


def test_undo_restores_an_end_set_elsewhere(tracker: Tracker) -> None:
    asked = running_entry(tracker)
    stopped = tracker.stop(at=AWAY.end)  # stopped in the CLI meanwhile, after the return
    written = apply_away(tracker, [StopAt(asked.ref, AWAY.start)])
    undo_away(tracker, stopped, written)
    assert all_entries(tracker) == [(START, AWAY.end, "Homepage layout", WEBSITE)]


def test_reopen_is_refused_while_another_timer_runs(tracker: Tracker, clock: Clock) -> None:
    first = tracker.stop(at=AWAY.start)
    tracker.start("Something else")
    with pytest.raises(InvalidEntry, match="another timer is running"):
        tracker.reopen(first.client_ref)
    assert tracker.get(first.client_ref).end == AWAY.start


LATER = Away(AWAY.end + timedelta(minutes=10), AWAY.end + timedelta(minutes=40), AwayCause.LOCK)


@pytest.mark.parametrize(
    ("choice", "target"),
    [(AwayChoice.DISCARD_AND_CONTINUE, None), (AwayChoice.ASSIGN, ACME)],
)
def test_two_away_periods_keep_the_time_worked_between_on_the_timer(
    tracker: Tracker, clock: Clock, choice: AwayChoice, target: Target | None
) -> None:
    clock.now = LATER.end + timedelta(seconds=40)
    before = tracker.running()
    assert before is not None
    edits = resolve_away(choice, [AWAY, LATER], running_entry(tracker), target)
    written = apply_away(tracker, edits)
    layout = [
        (START, AWAY.start, "Homepage layout", WEBSITE),
        (AWAY.end, LATER.start, "Homepage layout", WEBSITE),
        (LATER.end, None, "Homepage layout", WEBSITE),
    ]
    booked = [(AWAY.start, AWAY.end, "", ACME), (LATER.start, LATER.end, "", ACME)]
    assert all_entries(tracker) == sorted(
        layout + (booked if target else []), key=lambda row: row[0]
    )
    between = tracker.between(AWAY.end, LATER.start)[-1]
    assert between.tags == ("design",) and between.billable  # a copy like the timer

    undo_away(tracker, before, written)
    assert all_entries(tracker) == [(START, None, "Homepage layout", WEBSITE)]


@pytest.mark.parametrize("choice", [AwayChoice.DISCARD, AwayChoice.DISCARD_AND_CONTINUE])
def test_an_answer_for_a_timer_stopped_after_the_return_starts_no_timer(
    tracker: Tracker, choice: AwayChoice
) -> None:
    asked = running_entry(tracker)
    stopped = tracker.stop()  # in the window, back at the keyboard
    seen = RunningEntry(asked.ref, asked.start, stopped.end)
    written = apply_away(tracker, resolve_away(choice, AWAY, seen))
    kept = [(START, AWAY.start)]
    if choice is AwayChoice.DISCARD_AND_CONTINUE:
        kept.append((AWAY.end, stopped.end))  # the time worked after the return, finished
    assert [row[:2] for row in all_entries(tracker)] == kept
    assert tracker.running() is None

    undo_away(tracker, stopped, written)
    assert all_entries(tracker) == [(START, stopped.end, "Homepage layout", WEBSITE)]


# A timer started by the last key press before leaving: the time away is all of it.
FROM_THE_START = Away(START - timedelta(seconds=1), AWAY.end, AwayCause.IDLE)


@pytest.mark.parametrize(
    ("choice", "target", "expected"),
    [
        (AwayChoice.DISCARD, None, []),
        (AwayChoice.DISCARD_AND_CONTINUE, None, [(AWAY.end, None, "Homepage layout", WEBSITE)]),
        (
            AwayChoice.ASSIGN,
            ACME,
            [(START, AWAY.end, "", ACME), (AWAY.end, None, "Homepage layout", WEBSITE)],
        ),
    ],
)
def test_a_timer_the_time_away_began_with_leaves_no_empty_entry(
    tracker: Tracker,
    choice: AwayChoice,
    target: Target | None,
    expected: list[tuple[datetime, datetime | None, str, Target]],
) -> None:
    before = tracker.running()
    assert before is not None
    before_entries = all_entries(tracker)
    edits = resolve_away(choice, FROM_THE_START, running_entry(tracker), target)
    written = apply_away(tracker, edits)
    assert all_entries(tracker) == expected
    running = tracker.running()
    if running is not None:  # the timer goes on as the same entry, not a copy of it
        assert running.client_ref == before.client_ref and running.tags == ("design",)

    undo_away(tracker, before, written)  # one undo step brings it all back
    assert all_entries(tracker) == before_entries
    assert tracker.running() is not None
    apply_away(tracker, edits)  # and redo does it again
    assert all_entries(tracker) == expected


def test_two_away_periods_from_the_start_keep_the_time_between_on_the_entry(
    tracker: Tracker, clock: Clock
) -> None:
    later = Away(AWAY.end + timedelta(minutes=5), AWAY.end + timedelta(minutes=35), AwayCause.IDLE)
    clock.now = later.end + timedelta(seconds=40)
    before = tracker.running()
    assert before is not None
    edits = resolve_away(AwayChoice.DISCARD, [FROM_THE_START, later], running_entry(tracker))
    written = apply_away(tracker, edits)
    assert all_entries(tracker) == [(AWAY.end, later.start, "Homepage layout", WEBSITE)]
    undo_away(tracker, before, written)
    assert all_entries(tracker) == [(START, None, "Homepage layout", WEBSITE)]


def test_one_assign_books_the_same_time_away_reported_twice_once(tracker: Tracker) -> None:
    """Reported at the unlock, then again by the first mouse move after it."""
    again = Away(AWAY.start, AWAY.end + timedelta(seconds=7), AwayCause.IDLE)
    edits = resolve_away(AwayChoice.ASSIGN, [AWAY, again], running_entry(tracker), ACME)
    apply_away(tracker, edits)
    assert all_entries(tracker) == [
        (START, AWAY.start, "Homepage layout", WEBSITE),
        (AWAY.start, again.end, "", ACME),
        (again.end, None, "Homepage layout", WEBSITE),
    ]


def test_time_worked_between_away_periods_stays_on_a_project_archived_meanwhile(
    tracker: Tracker, clock: Clock
) -> None:
    """The timer's own time kept between two away periods is not a new booking: a project
    archived while the person was away must not make the answer fail (a new entry on it
    would be refused)."""
    clock.now = LATER.end + timedelta(seconds=40)
    with tracker.store.write() as tx:
        tx.put_projects([Project("prj_1", "Website", billable_default=True, status="archived")])
    edits = resolve_away(AwayChoice.DISCARD, [AWAY, LATER], running_entry(tracker), None)
    apply_away(tracker, edits)
    assert all_entries(tracker) == [
        (START, AWAY.start, "Homepage layout", WEBSITE),
        (AWAY.end, LATER.start, "Homepage layout", WEBSITE),
    ]
