"""Reminders as Settings configure them, and their memory kept across restarts.

The memory (when each reminder was last shown, until when it is snoozed) is a
small JSON file in the data folder, so a restart neither repeats a reminder
already shown nor forgets a snooze.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from timo_desktop.core.reminders import (
    ReminderKind,
    ReminderMemory,
    ReminderSettings,
    TrackerState,
    WorkSchedule,
)
from timo_desktop.files import write_whole

if TYPE_CHECKING:
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.settings import Settings

log = logging.getLogger(__name__)

MEMORY_FILE = "reminders.json"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def work_schedule(settings: Settings | None) -> WorkSchedule:
    """Working days and hours from Settings (`schedule.*`, and `day.start_of_day` for when a
    day begins); None means the defaults."""
    if settings is None:
        return WorkSchedule()
    schedule = settings.schedule
    return WorkSchedule(
        frozenset(_DAYS.index(day) for day in schedule.working_days),
        time.fromisoformat(schedule.start),
        time.fromisoformat(schedule.end),
        settings.start_of_day,
    )


def reminder_settings(settings: Settings | None) -> ReminderSettings:
    """The reminder switches and limits from Settings (`reminders.*`); None means the defaults."""
    if settings is None:
        return ReminderSettings()
    chosen = settings.reminders
    return ReminderSettings(
        not_tracking=chosen.not_tracking.enabled,
        not_tracking_after=timedelta(minutes=chosen.not_tracking.minutes),
        end_of_day=chosen.end_of_day.enabled,
        long_timer=chosen.long_timer.enabled,
        long_timer_after=timedelta(hours=chosen.long_timer.hours),
    )


def tracker_state(tracker: Tracker, schedule: WorkSchedule) -> TrackerState:
    """The tracker as reminders see it, working to `schedule`: the running timer, the last
    stop (its end, and when it was written) and the first start of the day the reminders
    read now (`WorkSchedule.day_of`, which holds the whole of each shift).

    The last stop is looked for in that day and the one before, which reaches back past
    the start of the working hours it holds. A timer started on another device is pulled
    by sync into this database as the running timer, so "not tracking" never nags while
    someone tracks elsewhere (as soon as sync has seen it).
    """
    running = tracker.running()
    zone = tracker.zone
    _, start, end = schedule.day_of(tracker.clock(), zone)
    recent = tracker.between(schedule.day_of(start - timedelta(seconds=1), zone)[1], end)
    # Today's work began with an entry that starts in this day: one from last night running
    # into the small hours ended yesterday's day, and began none.
    begun = [entry.start for entry in recent if entry.start >= start]
    # The stop's entry was last written by the stop itself or an edit since (an away answer
    # sets its end in the past): either way the person was here then.
    stops = [(entry.end, entry.updated_at) for entry in recent if entry.end is not None]
    last_stop, made = max(stops, default=(None, None))
    return TrackerState(
        None if running is None else running.start,
        last_stop,
        made,
        min(begun, default=None),
    )


def any_on(settings: ReminderSettings) -> bool:
    """True when at least one reminder can fire (otherwise nothing needs checking)."""
    return any(settings.is_on(kind) for kind in ReminderKind)


def load_memory(path: Path) -> ReminderMemory:
    """The memory saved at `path`; empty when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ReminderMemory(_instants(data["shown_at"]), _instants(data["snoozed_until"]))
    except FileNotFoundError:
        return ReminderMemory()
    except (OSError, ValueError, KeyError, TypeError) as error:
        # Forgetting costs at most one repeated reminder; never a reason not to start.
        log.warning("reminder memory %s unreadable, starting afresh: %s", path, error)
        return ReminderMemory()


def save_memory(path: Path, memory: ReminderMemory) -> None:
    """Write `memory` to `path` atomically, readable by its owner only."""
    data = {
        "shown_at": {kind.value: at.isoformat() for kind, at in memory.shown_at.items()},
        "snoozed_until": {kind.value: at.isoformat() for kind, at in memory.snoozed_until.items()},
    }
    write_whole(path, json.dumps(data, indent=2), private=True)


def _instants(raw: dict[str, str]) -> dict[ReminderKind, datetime]:
    return {ReminderKind(kind): datetime.fromisoformat(at) for kind, at in raw.items()}
