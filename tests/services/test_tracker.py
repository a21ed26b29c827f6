import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.clock import Clock
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.errors import InvalidEntry, InvalidInput, NotFound, NothingRunning
from timo_desktop.core.validation import find_overlaps
from timo_desktop.services import Tracker
from timo_desktop.services.tracker import AlreadyRunning
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.store.outbox import Op

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    tracker = Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)
    with tracker.store.write() as tx:
        tx.put_projects(
            [
                Project("prj_1", "Website", billable_default=True),
                Project("prj_2", "Webshop"),
                Project("prj_3", "Internal", can_track=False),
            ]
        )
        tx.put_tasks([Task("tsk_1", "prj_1", "Layout")])
        tx.put_records([Record("rec_1", "client", "Acme GmbH")])
    return tracker


def test_start_stop_writes_entry_and_outbox(tracker: Tracker, clock: Clock) -> None:
    started = tracker.start("Homepage", target=tracker.target(project="website"))
    assert started.started is not None and started.stopped is None
    assert started.started.billable  # the project's default
    assert tracker.running() == started.started
    clock.advance(minutes=45)
    stopped = tracker.stop()
    assert stopped.duration(clock.now) == timedelta(minutes=45)
    assert tracker.running() is None
    assert [op.op for op in tracker.store.outbox()] == [Op.CREATE, Op.STOP]


def test_start_while_running_switches_at_the_same_instant(tracker: Tracker, clock: Clock) -> None:
    first = tracker.start("A").started
    clock.advance(minutes=30)
    result = tracker.start("B")
    assert result.stopped is not None and first is not None
    assert result.stopped.client_ref == first.client_ref
    assert result.stopped.end == result.started.start == clock.now  # type: ignore[union-attr]


def test_stop_with_nothing_running(tracker: Tracker) -> None:
    with pytest.raises(NothingRunning, match="no timer is running"):
        tracker.stop()
    assert tracker.store.outbox() == []


def test_stop_at_a_given_time(tracker: Tracker, clock: Clock) -> None:
    tracker.start("A")
    clock.advance(hours=2)
    assert tracker.stop(at=T0 + timedelta(hours=1)).end == T0 + timedelta(hours=1)


def test_stop_of_a_given_timer_only_stops_that_one(tracker: Tracker, clock: Clock) -> None:
    # A stop saved late (the window's, refused by the database at first) must not end
    # a timer that was stopped, or replaced by another, meanwhile.
    first = tracker.start("A").started
    assert first is not None
    clock.advance(minutes=20)
    tracker.stop()
    queued = len(tracker.store.outbox())
    with pytest.raises(NothingRunning, match="that timer was stopped meanwhile"):
        tracker.stop(at=T0 + timedelta(minutes=10), ref=first.client_ref)
    tracker.start("B")
    with pytest.raises(NothingRunning, match="that timer was stopped meanwhile"):
        tracker.stop(at=T0 + timedelta(minutes=10), ref=first.client_ref)
    assert tracker.get(first.client_ref).end == T0 + timedelta(minutes=20)
    assert tracker.running() is not None and len(tracker.store.outbox()) == queued + 1
    second = tracker.running()
    assert second is not None
    clock.advance(minutes=30)
    assert tracker.stop(at=clock.now - timedelta(minutes=5), ref=second.client_ref).end == (
        clock.now - timedelta(minutes=5)
    )


def test_stop_and_switch_after_the_clock_went_back(tracker: Tracker, clock: Clock) -> None:
    tracker.start("A")
    clock.now = T0 - timedelta(seconds=40)  # corrected by a time server: stopped at its start
    assert tracker.stop().end == T0
    tracker.start("A", at=T0)
    switched = tracker.start("B")  # a switch likewise, at the same instant
    assert switched.stopped is not None and switched.stopped.end == T0
    assert switched.started is not None and switched.started.start == T0
    clock.now = T0 - timedelta(minutes=5)  # set back by hand: said so, nothing written
    queued = len(tracker.store.outbox())
    with pytest.raises(InvalidEntry, match=r"was the clock set back\? Correct the timer's start"):
        tracker.stop()
    assert tracker.running() is not None and len(tracker.store.outbox()) == queued


def test_add_refusals_write_nothing(tracker: Tracker, clock: Clock) -> None:
    clock.advance(hours=8)
    tracker.add("Design review", T0, T0 + timedelta(hours=1))
    before = len(tracker.store.outbox())
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Design review' 09:00–10:00$"):
        tracker.add("x", T0 + timedelta(minutes=30), T0 + timedelta(hours=2))
    with pytest.raises(InvalidEntry, match=r"^end 11:00 is before start 12:00$"):
        tracker.add("x", T0 + timedelta(hours=3), T0 + timedelta(hours=2))
    assert len(tracker.store.outbox()) == before


def test_times_from_the_minute_a_timer_stopped_in_start_where_it_stopped(
    tracker: Tracker, clock: Clock
) -> None:
    """A timer 09:00–09:34:56 is listed 09:00–09:34: add, edit or start from 09:34 was
    refused for overlapping it, with no way round but changing it first."""
    tracker.start("Planning")
    clock.advance(minutes=34, seconds=56)
    planning = tracker.stop()
    clock.advance(hours=2)
    added = tracker.add("Call", T0 + timedelta(minutes=34), T0 + timedelta(hours=1))
    assert (added.start, added.end) == (planning.end, T0 + timedelta(hours=1))
    assert tracker.get(planning.client_ref) == planning  # not a second taken from it
    tracker.delete(added.client_ref)
    later = tracker.add("Review", T0 + timedelta(hours=1), T0 + timedelta(hours=2))
    moved = tracker.edit(later.client_ref, start=T0 + timedelta(minutes=34), typed=True)
    assert (moved.start, moved.end) == (planning.end, later.end)
    tracker.delete(moved.client_ref)
    started = tracker.start("Build", at=T0 + timedelta(minutes=34)).started
    assert started is not None and started.start == planning.end
    # An overlap of whole minutes is still refused, as the list shows it.
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Planning' 09:00–09:34$"):
        tracker.add("Call", T0 + timedelta(minutes=33), T0 + timedelta(minutes=34))


def test_only_times_typed_and_changed_move_off_a_neighbour(tracker: Tracker, clock: Clock) -> None:
    """An Undo, a trim, or an end left as it was while the start is retyped, puts its times
    back exactly, though they overlap a neighbour kept beside them (overlaps allowed) within
    the minute they share."""
    with tracker.store.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
    clock.advance(hours=3)
    planning = tracker.add("Planning", T0, T0 + timedelta(minutes=34, seconds=56))
    call = tracker.add("Call", T0 + timedelta(minutes=40), T0 + timedelta(hours=1))
    kept = T0 + timedelta(minutes=34)
    assert tracker.edit(call.client_ref, start=kept).start == kept  # as an Undo puts it back
    longer = tracker.edit(call.client_ref, start=kept, end=T0 + timedelta(hours=2), typed=True)
    assert (longer.start, longer.end) == (kept, T0 + timedelta(hours=2))  # the start as it was
    moved = tracker.edit(call.client_ref, start=kept - timedelta(minutes=1), typed=True)
    assert moved.start == kept - timedelta(minutes=1)  # an overlap the minutes show: kept
    assert tracker.edit(call.client_ref, start=kept, typed=True).start == planning.end
    # A trim moves only the end it trims.
    review = tracker.add("Review", T0 + timedelta(hours=2), T0 + timedelta(hours=2, minutes=30))
    tracker.edit(review.client_ref, start=planning.end - timedelta(seconds=20))
    (before,) = tracker.trim_around(T0 + timedelta(hours=2, minutes=10), None, [review.client_ref])
    trimmed = tracker.get(review.client_ref)
    assert (trimmed.start, trimmed.end) == (before.start, T0 + timedelta(hours=2, minutes=10))


def test_a_switch_from_the_running_timers_start_minute_is_refused_not_emptying_it(
    tracker: Tracker, clock: Clock
) -> None:
    tracker.start("Planning")
    clock.advance(minutes=34, seconds=56)
    review = tracker.start("Review").started  # Planning ends where Review starts
    assert review is not None
    clock.advance(hours=1)
    with pytest.raises(InvalidEntry, match="before the running timer's start"):
        tracker.start("Call", at=T0 + timedelta(minutes=34))
    assert tracker.running() == review


def test_workspace_may_allow_overlap(tracker: Tracker, clock: Clock) -> None:
    with tracker.store.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
    clock.advance(hours=8)
    tracker.add("a", T0, T0 + timedelta(hours=1))
    tracker.add("b", T0, T0 + timedelta(hours=1))
    assert len(tracker.between(T0, clock.now)) == 2


def test_workspace_rules_synced_in_later_apply_at_once(tracker: Tracker, clock: Clock) -> None:
    """The app's Tracker lives all day; sync keeps the rules through its own connection."""
    clock.advance(hours=8)
    tracker.add("a", T0, T0 + timedelta(hours=1))
    with pytest.raises(InvalidEntry, match="overlaps"):
        tracker.add("b", T0, T0 + timedelta(hours=1))  # the default rules, read and kept
    with Store.open(tracker.store.path) as sync, sync.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
    tracker.add("b", T0, T0 + timedelta(hours=1))
    assert tracker.rules_of(NO_TARGET).allow_overlap


def test_edit_delete_undo(tracker: Tracker, clock: Clock) -> None:
    clock.advance(hours=8)
    entry = tracker.add("Draft", T0, T0 + timedelta(hours=1))
    edited = tracker.edit(entry.client_ref[:6], description="Final", tags=["x", "x", " "])
    assert (edited.description, edited.tags) == ("Final", ("x",))
    tracker.delete(entry.client_ref)
    assert tracker.between(T0, clock.now) == []
    with pytest.raises(NotFound):
        tracker.get(entry.client_ref)
    back = tracker.undo_delete()
    assert (
        back.client_ref == entry.client_ref
        and tracker.get(entry.client_ref[:8]).is_deleted is False
    )
    # The unsent delete was dropped rather than sent and undone.
    assert [op.op for op in tracker.store.outbox(entry.client_ref)] == [Op.CREATE, Op.UPDATE]
    with pytest.raises(InvalidInput, match="nothing to change"):
        tracker.edit(entry.client_ref)


def test_an_ambiguous_reference_marks_only_matches_left_unlisted(
    tracker: Tracker, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every match listed ended in "…" too, as though some were left out."""
    refs = iter(f"8a{n:06x}-0000-4000-8000-000000000000" for n in range(100))
    monkeypatch.setattr("timo_desktop.core.entry.new_client_ref", lambda: next(refs))
    clock.advance(hours=8)

    def add(hour: int) -> str:
        start = T0 + timedelta(hours=hour)
        return tracker.add("Call", start, start + timedelta(minutes=30)).client_ref[:8]

    added = [add(0), add(1)]
    with pytest.raises(InvalidInput) as two:
        tracker.get("8a")
    listed = ", ".join(added)
    assert str(two.value) == f"'8a' matches several entries ({listed}); type more of it"
    add(2)
    add(3)
    with pytest.raises(InvalidInput) as four:
        tracker.get("8a")
    assert str(four.value).endswith("…); type more of it")
    assert str(four.value).count(", ") == 2  # three of the four named


def test_continue_and_duplicate(tracker: Tracker, clock: Clock) -> None:
    target = tracker.target(project="Website", task="Layout")
    tracker.start("Layout", target=target, tags=["design"])
    clock.advance(minutes=20)
    paused = tracker.stop()
    clock.advance(minutes=10)
    resumed = tracker.continue_entry().started
    assert resumed is not None
    assert (resumed.description, resumed.target, resumed.tags) == ("Layout", target, ("design",))
    clock.advance(minutes=30)
    tracker.stop()
    copy = tracker.duplicate(paused.client_ref, start=clock.now - timedelta(minutes=120))
    assert copy.duration(clock.now) == timedelta(minutes=20)


def test_tags_most_used_first_then_most_recent(tracker: Tracker, clock: Clock) -> None:
    clock.advance(days=1)
    hour = timedelta(hours=1)
    for n, tags in enumerate(
        [
            ("design", "review"),
            ("call",),
            ("design",),
            ("review", "Research"),  # review: as often as design, but used last
            ("Design",),  # another spelling is another tag
            ("100%_done",),
            ("deleted",),
        ]
    ):
        entry = tracker.add(f"Entry {n}", T0 + n * hour, T0 + n * hour + hour, tags=tags)
    tracker.delete(entry.client_ref)  # a deleted entry's tags are not suggested
    # Twice each, review the later; then once each, the latest first.
    assert tracker.tags(limit=20) == [
        "review", "design", "100%_done", "Design", "Research", "call",
    ]  # fmt: skip
    assert tracker.tags("RE") == ["review", "Research"]  # the prefix in any case
    assert tracker.tags("de") == ["design", "Design"]
    assert tracker.tags("100%_") == ["100%_done"]  # LIKE's wildcards taken literally
    assert tracker.tags("1_") == []
    assert tracker.tags(limit=2) == ["review", "design"]


def test_catalog_lookup_suggests(tracker: Tracker) -> None:
    with pytest.raises(NotFound, match=r"^unknown project 'Wbesite' — did you mean 'Website'"):
        tracker.target(project="Wbesite")
    with pytest.raises(InvalidEntry, match="does not accept time"):
        tracker.target(project="Internal")
    assert tracker.target(record="acme gmbh") == Target(record_id="rec_1")
    assert tracker.names(Target("prj_1", "tsk_1")).label() == "Website › Layout"


def test_an_archived_target_is_named_as_archived_and_still_found_for_reports(
    tracker: Tracker,
) -> None:
    with tracker.store.write() as tx:
        tx.put_projects([Project("prj_8", "Umbrella microsite", status="archived")])
        tx.put_records([Record("rec_9", "client", "Initech", status="deleted")])
    with pytest.raises(NotFound, match=r"^project 'Umbrella microsite' is archived; pick another"):
        tracker.target(project="umbrella")
    with pytest.raises(NotFound, match=r"^record 'Initech' is deleted; pick another"):
        tracker.target(record="Initech")
    assert tracker.find_project("Umbrella microsite", to_track=False).id == "prj_8"
    with pytest.raises(NotFound, match=r"^unknown client 'Nope'$"):
        tracker.find_record("Nope", kind="client", to_track=False)
    # An active name still wins over an archived one that holds the same words.
    with tracker.store.write() as tx:
        tx.put_projects([Project("prj_7", "Website (old)", status="archived")])
    assert tracker.target(project="website").project_id == "prj_1"


def test_days_follow_the_start_of_day(tracker: Tracker, clock: Clock) -> None:
    clock.now = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)  # 04:00 Berlin on the 4th
    late = tracker.add("Late", clock.now - timedelta(hours=3), clock.now - timedelta(hours=2))
    assert tracker.day_of(late) == date(2026, 3, 4)  # 01:00–02:00 Berlin
    tracker.start_of_day = datetime.strptime("05:00", "%H:%M").time()
    assert tracker.day_of(late) == date(2026, 3, 3)
    assert tracker.days(date(2026, 3, 3), date(2026, 3, 3)) == [late]


def test_listeners_hear_committed_changes(tracker: Tracker) -> None:
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)
    result = tracker.start("A")
    assert heard == [(result.started.client_ref,)]  # type: ignore[union-attr]


def test_recovery_after_kill_9(timo_home: Path) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, time
                from pathlib import Path
                from timo_desktop.services import Tracker
                tracker = Tracker.open(Path(sys.argv[1]))
                entry = tracker.start("Deep work").started
                tracker.beat()
                print(entry.client_ref, flush=True)
                time.sleep(600)
                """
            ),
            str(database),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    ref = holder.stdout.readline().strip()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    tracker = Tracker.open(database)
    recovery = tracker.recover()
    assert recovery is not None and recovery.entry.client_ref == ref
    assert recovery.last_alive is not None and recovery.last_alive >= recovery.entry.start
    stopped = tracker.stop(at=recovery.last_alive)
    assert stopped.end == recovery.last_alive and tracker.recover() is None


actions = st.lists(
    st.tuples(
        st.sampled_from(
            ["start", "stop", "continue", "add", "delete", "undo", "delete3", "undo3", "move"]
        ),
        st.integers(0, 240),
        st.integers(0, 300),
    ),
    max_size=25,
)


def test_a_timer_started_earlier_may_not_run_over_an_entry_of_no_length(
    timo_home: Path,
) -> None:
    """Started and stopped in the same second, an entry has no length; a timer then started
    a minute back was let through (the entry sat exactly at "now") and ran over it."""
    clock = Clock(T0)
    tracker = Tracker.open(timo_home / "data" / "timo.sqlite3", zone="Europe/Berlin", clock=clock)
    try:
        tracker.start("Blink")
        tracker.stop()
        with pytest.raises(InvalidEntry, match="overlaps 'Blink' 09:00–09:00"):
            tracker.start("Backdated", at=T0 - timedelta(minutes=1))
        assert tracker.running() is None
        tracker.start("From now")  # beside it, not over it
        clock.advance(minutes=5)
        assert tracker.stop().end == T0 + timedelta(minutes=5)
    finally:
        tracker.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions)
def test_stored_invariants_after_any_actions(
    timo_home: Path, ops: list[tuple[str, int, int]]
) -> None:
    """Whatever is done through the Tracker: one running at most, never an overlap."""
    clock = Clock(T0)
    database = timo_home / "data" / f"prop-{os.getpid()}-{id(ops)}.sqlite3"
    tracker = Tracker.open(database, zone="America/New_York", clock=clock)
    bulk: list[str] = []
    try:
        for action, step, back in ops:
            clock.advance(minutes=step)
            try:
                if action == "start":
                    tracker.start(action, at=clock.now - timedelta(minutes=back % 30))
                elif action == "stop":
                    tracker.stop()
                elif action == "continue":
                    tracker.continue_entry()
                elif action == "add":
                    end = clock.now - timedelta(minutes=back)
                    tracker.add("manual", end - timedelta(minutes=15), end)
                elif action == "delete":
                    recent = tracker.recent(1)
                    if recent:
                        tracker.delete(recent[0].client_ref)
                elif action == "delete3":  # a selection of the three latest, at once
                    bulk = [e.client_ref for e in tracker.recent(3)]
                    tracker.delete_each(bulk)
                elif action == "undo3":  # ...and back, all or none
                    if bulk:
                        tracker.undo_delete_each(bulk)
                elif action == "move":  # the latest finished one, moved back by `back`
                    done = [e for e in tracker.recent(3) if e.end is not None]
                    if done:
                        shift = timedelta(minutes=back % 90)
                        tracker.edit(
                            done[0].client_ref, start=done[0].start - shift, end=done[0].end - shift
                        )
                else:
                    tracker.undo_delete()
            except (InvalidEntry, NothingRunning, NotFound, AlreadyRunning):
                pass
        live = tracker.between(T0 - timedelta(days=1), clock.now + timedelta(days=1))
        assert sum(e.is_running for e in live) <= 1
        for entry in live:
            others = [e for e in live if e.client_ref != entry.client_ref]
            assert find_overlaps(entry.start, entry.end, others, now=clock.now) == []
    finally:
        tracker.close()
        database.unlink()
