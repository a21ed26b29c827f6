"""`Reports`: the weekly review on top of a `Tracker` — reports, invoice lines, attention list.

    reports = Reports.from_settings(tracker, settings)
    week = reports.report(Span.iso_week("2026-W48"), GroupBy.CLIENT)
    todo = reports.attention(reports.span(Preset.THIS_WEEK))

Days are the tracker's working days (its zone and start of day); capacity,
working days, targets and the first day of the week come from Settings, the
weekly capacity from the workspace when Settings do not set one. Today (the
tracker's clock, in its zone) ends the capacity to date that utilization is
measured against (see `core.reports`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from timo_desktop.core.attention import AttentionItem, AttentionRules, attention
from timo_desktop.core.local_time import day_range, local_day
from timo_desktop.core.reports import (
    NO_FILTER,
    Capacity,
    EstimateUse,
    GroupBy,
    Preset,
    Report,
    ReportConfig,
    ReportFilter,
    Span,
    Targets,
    build_report,
)
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import reports as queries
from timo_desktop.store.database import WORKSPACE_RULES_KEY
from timo_desktop.store.reports import DayBounds, EntryLine

if TYPE_CHECKING:
    from timo_desktop.settings import Settings

# Keys in the workspace rules JSON (kept in meta by sync): the default weekly capacity, and
# the name of the workspace that sets it.
WORKSPACE_CAPACITY = "capacity_hours_per_week"
WORKSPACE_NAME = "name"


@dataclass
class Reports:
    """Reports over one tracker's entries."""

    tracker: Tracker
    config: ReportConfig = field(default_factory=ReportConfig)
    attention_rules: AttentionRules = field(default_factory=AttentionRules)

    @classmethod
    def from_settings(
        cls, tracker: Tracker, settings: Settings, *, signed_in: bool = False
    ) -> Reports:
        """Targets, capacity, working days and the long-entry threshold from `settings`.

        `signed_in` makes entries not yet synced part of the attention list.
        """
        hours = settings.capacity.hours_per_week
        workspace = workspace_capacity(tracker)
        if workspace is not None and not own_capacity(settings):
            hours = workspace.hours
        config = ReportConfig(
            Targets(settings.targets.billable_ratio, settings.targets.utilization),
            Capacity.from_names(hours, settings.schedule.working_days),
            settings.first_weekday,
        )
        rules = AttentionRules(
            long_entry=timedelta(hours=settings.entries.long_entry_hours),
            include_unsynced=signed_in,
        )
        return cls(tracker, config, rules)

    def span(self, preset: Preset) -> Span:
        """`preset`'s range today, its weeks starting on the weekday Settings give."""
        return preset.span(self.tracker.today(), self.config.first_weekday)

    def day_bounds(self, span: Span) -> list[DayBounds]:
        """Each working day of `span` with its UTC bounds."""
        zone, start = self.tracker.zone, self.tracker.start_of_day
        return [(day, *day_range(day, zone, start)) for day in span.days()]

    def report(
        self, span: Span, group_by: GroupBy = GroupBy.PROJECT, filters: ReportFilter = NO_FILTER
    ) -> Report:
        """The report of `span` grouped by `group_by`, narrowed by `filters`."""
        store, now = self.tracker.store, self.tracker.clock()
        days = self.day_bounds(span)
        key_sums, day_sums = queries.sums(store, days, group_by, filters, now)
        estimated = queries.estimates(store, group_by)
        uses: dict[str, EstimateUse] = {}
        if any(part.key in estimated for part in key_sums):
            actual = queries.actual_to_date(store, group_by, now)
            uses = {
                part.key: EstimateUse(estimated[part.key], actual.get(part.key, 0))
                for part in key_sums
                if part.key is not None and part.key in estimated
            }
        return build_report(
            span,
            group_by,
            key_sums,
            day_sums,
            estimates=uses,
            config=self.config,
            now=now,
            filters=filters,
            filter_names=self._filter_names(filters),
            # The day of the same `now` the sums were taken at (utilization counts to it).
            today=local_day(now, self.tracker.zone, self.tracker.start_of_day),
        )

    def _filter_names(self, filters: ReportFilter) -> dict[str, str]:
        """The names of the projects and clients `filters` keeps, by id (those cached)."""
        names: dict[str, str] = {}
        for group_by, ids in (
            (GroupBy.PROJECT, filters.project_ids),
            (GroupBy.CLIENT, filters.client_ids),
        ):
            if ids:
                known = queries.labels(self.tracker.store, group_by)
                names |= {i: known[i] for i in ids if i in known}
        return names

    def lines(self, span: Span, filters: ReportFilter = NO_FILTER) -> list[EntryLine]:
        """The entries a report of `span` counts, by start, with their names (for export)."""
        days = self.day_bounds(span)
        return queries.lines(self.tracker.store, days[0][1], days[-1][2], filters)

    def attention(self, span: Span) -> list[AttentionItem]:
        """Entries touching `span` that need a look (see `core.attention`)."""
        days = self.day_bounds(span)
        parked, refusals = queries.sync_problems(self.tracker.store)
        return attention(
            self.tracker.between(days[0][1], days[-1][2]),
            now=self.tracker.clock(),
            zone=self.tracker.zone,
            rules=self.attention_rules,
            parked=parked,
            refusals=refusals,
        )


@dataclass(frozen=True, slots=True)
class WorkspaceCapacity:
    """The weekly hours a Vmoox workspace sets, which reports use while Settings set none."""

    hours: float
    workspace: str | None = None  # its name, where sync has kept it

    def words(self) -> str:
        """`Northwind Agency's 20 h a week, set on Vmoox`: where the capacity in use comes
        from, said where Settings show their own (`timo config get`, the dialog)."""
        whose = f"{self.workspace}'s" if self.workspace else "your workspace's"
        return f"{whose} {self.hours:g} h a week, set on Vmoox"


def workspace_capacity(tracker: Tracker) -> WorkspaceCapacity | None:
    """The Vmoox workspace's weekly capacity, as sync keeps it; None when unset."""
    raw = tracker.store.meta(WORKSPACE_RULES_KEY)
    rules = json.loads(raw) if raw else {}
    value = rules.get(WORKSPACE_CAPACITY)
    return WorkspaceCapacity(float(value), rules.get(WORKSPACE_NAME)) if value else None


def own_capacity(settings: Settings) -> bool:
    """Whether Settings set the weekly capacity: it then wins over the workspace's."""
    return "hours_per_week" in settings.capacity.model_fields_set
