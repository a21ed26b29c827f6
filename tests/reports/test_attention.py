"""The attention list: no target, unusually long, overlapping, refused or parked, not synced."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from timo_desktop.core.attention import AttentionRules, Concern, attention
from timo_desktop.core.entry import NO_TARGET, Entry, SyncState, Target, new_entry
from timo_desktop.core.reports import Span
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import SITE, Clock, add

NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
ON_SITE = Target(project_id=SITE.id)


def entry(
    start: str,
    minutes: int | None,
    *,
    target: Target = ON_SITE,
    state: SyncState = SyncState.SYNCED,
) -> Entry:
    begin = datetime.fromisoformat(f"2026-11-26T{start}:00+00:00")
    made = new_entry(
        start=begin,
        end=None if minutes is None else begin + timedelta(minutes=minutes),
        zone="UTC",
        now=begin,
        description=f"at {start}",
        target=target,
    )
    return replace(made, sync_state=state)


def concerns(items: list, ref: str) -> list[Concern]:  # type: ignore[type-arg]
    return [f.concern for item in items if item.entry.client_ref == ref for f in item.flags]


def test_each_rule_flags_only_its_entry() -> None:
    fine = entry("06:00", 60)
    untargeted = entry("07:00", 30, target=Target())
    first = entry("08:00", 60)
    overlapping = entry("08:30", 60)
    long = entry("10:00", 11 * 60 - 30)  # 10 h 30 m: past the 10 h threshold
    refused = entry("05:00", 15, state=SyncState.ATTENTION)
    pending = entry("04:00", 15, state=SyncState.PENDING)
    items = attention(
        [fine, untargeted, first, overlapping, long, refused, pending],
        now=NOW,
        zone="UTC",
        refusals={refused.client_ref: "the project is archived"},
    )
    assert [item.entry.client_ref for item in items] == [
        refused.client_ref,
        untargeted.client_ref,
        first.client_ref,
        overlapping.client_ref,
        long.client_ref,
    ]
    assert concerns(items, untargeted.client_ref) == [Concern.NO_TARGET]
    # Both sides of an overlap, each naming the other: either may be the one to fix.
    assert concerns(items, overlapping.client_ref) == [Concern.OVERLAP]
    flagged = next(i for i in items if i.entry.client_ref == overlapping.client_ref)
    assert flagged.message == "Overlaps 'at 08:00' 08:00–09:00"
    assert flagged.flags[0].other == first.client_ref
    earlier = next(i for i in items if i.entry.client_ref == first.client_ref)
    assert earlier.message == "Overlaps 'at 08:30' 08:30–09:30"
    assert earlier.flags[0].other == overlapping.client_ref
    assert concerns(items, long.client_ref) == [Concern.LONG]
    assert next(i for i in items if i.entry is long).message == "Unusually long: 10h 30m"
    assert next(i for i in items if i.entry is refused).message == (
        "Not synced: the project is archived"
    )


def test_threshold_unsynced_and_parked_follow_the_caller() -> None:
    pending = entry("04:00", 3 * 60, state=SyncState.PENDING)
    parked = entry("08:00", 15)
    rules = AttentionRules(long_entry=timedelta(hours=2), include_unsynced=True)
    items = attention(
        [pending, parked], now=NOW, zone="UTC", rules=rules, parked={parked.client_ref}
    )
    assert concerns(items, pending.client_ref) == [Concern.LONG, Concern.NOT_SYNCED]
    assert concerns(items, parked.client_ref) == [Concern.REFUSED]
    assert attention([pending], now=NOW, zone="UTC") == []  # offline use is not a problem


def test_a_running_timer_is_long_up_to_now_and_overlaps_what_starts_after() -> None:
    running = entry("05:00", None)  # twelve hours by NOW
    later = entry("16:00", 30)
    items = attention([running, later], now=NOW, zone="UTC")
    assert concerns(items, running.client_ref) == [Concern.LONG, Concern.OVERLAP]
    assert items[0].message == "Running for 12h 00m; Overlaps 'at 16:00' 16:00–16:30"
    assert items[1].message == "Overlaps 'at 05:00' 05:00–now"
    # Its fix is to stop it or correct its start: it has no end to check yet.
    assert items[0].advice("abcd1234")[0] == (
        "Running for 12h 00m — if you stopped working: `timo stop --at HH:MM`; if it began"
        " later: `timo edit abcd1234 --start HH:MM`"
    )
    assert items[0].advice()[0] == (
        "Running for 12h 00m — if you stopped working, click Stop; if it began later,"
        " double-click its times and type the start"
    )


def test_deleted_entries_need_no_attention() -> None:
    gone = replace(entry("07:00", 30, target=Target()), deleted_at=NOW)
    assert attention([gone], now=NOW, zone="UTC") == []


def test_reports_attention_reads_parked_operations_and_server_words(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    day = Span.iso_week("2026-W48").first
    kept = add(tracker, day, "09:00", 30)
    stuck = add(tracker, day, "10:00", 30)
    # What sync records when the server refuses an operation for good.
    tracker.store.connection.execute(
        "UPDATE outbox SET state = 'parked', last_error_message = 'period locked'"
        " WHERE client_ref = ?",
        (stuck.client_ref,),
    )
    items = reports.attention(Span.iso_week("2026-W48"))
    assert [(i.entry.client_ref, i.message) for i in items] == [
        (stuck.client_ref, "Not synced: period locked")
    ]
    assert kept.client_ref != stuck.client_ref


def test_reports_attention_reads_the_days_itself_or_takes_them_read(
    tracker: Tracker, reports: Reports
) -> None:
    """The window hands over the entries its list has read (a year of them was read twice
    at each start and stop); without them the span's days are read."""
    week = Span.iso_week("2026-W48")
    loose = add(tracker, week.first, "09:00", 30, NO_TARGET)
    other = add(tracker, week.first + timedelta(days=1), "09:00", 30, NO_TARGET)
    assert [i.entry.client_ref for i in reports.attention(week)] == [
        loose.client_ref,
        other.client_ref,
    ]
    assert [i.entry.client_ref for i in reports.attention(week, [other])] == [other.client_ref]
