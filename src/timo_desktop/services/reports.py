"""`Reports`: the weekly review on top of a `Tracker` — reports, invoice lines, attention list.

    reports = Reports.from_settings(tracker, settings)
    week = reports.report(Span.iso_week("2026-W48"), GroupBy.CLIENT)
    todo = reports.attention(reports.span(Preset.THIS_WEEK))

Days are the tracker's working days (its zone and start of day); capacity,
working days, targets and the first day of the week come from Settings, the
weekly capacity from the workspace reported when Settings do not set one. Today
(the tracker's clock, in its zone) ends the capacity to date that utilization
is measured against (see `core.reports`).

A report covers one workspace: the default one (`timo workspace`), or one
chosen, or (none chosen) the one its projects and clients, or else its tagged
entries, are in (`Reports.following`); entries without a project or record
belong to the one they sync to (see `store.reports.InWorkspace`). An export may
cover all of them. Before any sync has found a workspace, every entry counts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from timo_desktop.core.attention import AttentionItem, AttentionRules, attention
from timo_desktop.core.bidi import isolated
from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.folding import one_of_each
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
    RunningPart,
    Span,
    Targets,
    ToDateSource,
    build_report,
)
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import reports as queries
from timo_desktop.store.database import WORKSPACE_RULES_KEY, WORKSPACE_RULES_OF
from timo_desktop.store.reports import (
    EVERY_WORKSPACE,
    DayBounds,
    EntryLine,
    InWorkspace,
    ToDate,
)
from timo_desktop.sync.attention import held_entries
from timo_desktop.sync.status import frozen_workspaces, trackable_workspaces, workspace_names

if TYPE_CHECKING:
    from timo_desktop.core.catalog import Project, Record
    from timo_desktop.core.entry import Entry
    from timo_desktop.settings import Settings

# Keys in the workspace rules JSON (kept in meta by sync): the default weekly capacity, and
# the name of the workspace that sets it.
WORKSPACE_CAPACITY = "capacity_hours_per_week"
WORKSPACE_NAME = "name"
ALL_WORKSPACES = "all"  # every workspace: what a CSV export covers unless one is named
ONE_AT_A_TIME = (
    "a report covers one workspace at a time (its capacity and utilization are that"
    " workspace's); choose one with `--workspace NAME`, or export the entries of all"
    " with `timo export --workspace all`"
)


@dataclass
class Reports:
    """Reports over one tracker's entries."""

    tracker: Tracker
    config: ReportConfig = field(default_factory=ReportConfig)
    attention_rules: AttentionRules = field(default_factory=AttentionRules)
    own_capacity: bool = False  # Settings set the weekly capacity: it wins over a workspace's
    workspace: str | None = None  # the id chosen (or ALL_WORKSPACES); None: the default
    account_workspace: str | None = None  # the account's default (`timo workspace`)

    @classmethod
    def from_settings(
        cls, tracker: Tracker, settings: Settings, *, signed_in: bool = False
    ) -> Reports:
        """Targets, capacity, working days and the long-entry threshold from `settings`;
        the default workspace from the saved sign-in.

        `signed_in` makes entries not yet synced part of the attention list.
        """
        from timo_desktop import paths
        from timo_desktop.auth.account import AccountFile

        config = ReportConfig(
            Targets(settings.targets.billable_ratio, settings.targets.utilization),
            Capacity.from_names(settings.capacity.hours_per_week, settings.schedule.working_days),
            settings.first_weekday,
        )
        rules = AttentionRules(
            long_entry=timedelta(hours=settings.entries.long_entry_hours),
            include_unsynced=signed_in,
        )
        account = AccountFile(paths.resolve().config).load()
        return cls(
            tracker,
            config,
            rules,
            own_capacity=own_capacity(settings),
            account_workspace=account.workspace_id if account else None,
        )

    def covering(self, workspace: str | None) -> Reports:
        """These reports on `workspace` (an id, ALL_WORKSPACES, or None: the default)."""
        return replace(self, workspace=workspace)

    def workspaces(self) -> list[tuple[str, str]]:
        """The workspaces (id, name) reports can cover: those the last sync found, those
        time can no longer be tracked in last (their entries here are still the ones to
        invoice or keep)."""
        return list(self.workspace_names().items())

    def workspace_names(self) -> dict[str, str]:
        """Every workspace's name by id, those time can no longer be tracked in too (their
        entries are exported with the others)."""
        return workspace_names(self.tracker.store)

    def default_workspace(self) -> str | None:
        """Where entries without a project or record go: the account's default workspace
        while sync still finds it, one it can no longer send to too (they wait for it),
        else the first found that tracks time (as sync chooses); None before a sync found
        any."""
        if self.account_workspace in self.workspace_names():
            return self.account_workspace
        trackable = trackable_workspaces(self.tracker.store)
        return trackable[0][0] if trackable else None

    def covered(self) -> tuple[str, str] | None:
        """The workspace (id, name) reported on; None for every one (ALL_WORKSPACES, or
        none found yet). A choice sync no longer finds gives way to the default."""
        known = dict(self.workspaces())
        chosen = self.workspace if self.workspace in known else self.default_workspace()
        if self.workspace == ALL_WORKSPACES or chosen is None:
            return None
        return chosen, known[chosen]

    def following(
        self,
        named: Sequence[tuple[str, Project | Record]],
        *,
        chosen: bool,
        span: Span | None = None,
        filters: ReportFilter = NO_FILTER,
    ) -> Reports:
        """These reports on the workspace what a report of `span` is narrowed to is in,
        where that is another than the default one and none was `chosen` (the heading names
        the one covered): the projects and clients `named` (each with its kind, `project`
        or `client`), else, narrowed to tags (which entries of any workspace carry), the
        entries `filters` keep. Refused where they are in several, or not in the one chosen:
        that report would be empty, which looks like a fact. As is when every workspace is
        covered."""
        covered = self.covered()
        if covered is None:
            return self
        known = dict(self.workspaces())
        # Cached before the catalog kept its workspace, or in one sync no longer finds:
        # left to the workspace covered.
        placed = [(kind, item) for kind, item in named if item.workspace_id in known]
        if placed:
            where = {item.workspace_id for _kind, item in placed}
            found = ", ".join(
                f"{kind} '{isolated(item.name)}' is in {isolated(known[item.workspace_id])}"
                for kind, item in placed
            )
        elif filters.tags and span is not None:
            where = self.kept_in(span, filters) & known.keys()
            if chosen and covered[0] in where:
                return self  # the chosen workspace's share of the tagged time
            tags = ", ".join(isolated(tag) for tag in one_of_each(filters.tags))
            names = ", ".join(isolated(name) for ws, name in known.items() if ws in where)
            found = f"the time tagged {tags} from {span.first} to {span.last} is in {names}"
        else:
            return self
        if not where or where == {covered[0]}:
            return self
        if len(where) == 1 and not chosen:
            return self.covering(where.pop())
        if len(where) > 1:
            raise InvalidInput(f"{found}: {ONE_AT_A_TIME}")
        raise InvalidInput(
            f"{found}, not in {isolated(covered[1])}: name its workspace with --workspace,"
            " or leave --workspace out"
        )

    def kept_in(self, span: Span, filters: ReportFilter) -> set[str]:
        """The workspaces (ids) of the entries of `span` that `filters` keep, whichever
        workspace is covered."""
        days = self.day_bounds(span)
        return queries.workspaces(
            self.tracker.store, days[0][1], days[-1][2], filters, self.default_workspace()
        )

    def within(self) -> InWorkspace:
        """Whose entries count, for the store's queries."""
        default = self.default_workspace()
        if default is None:
            return EVERY_WORKSPACE
        covered = self.covered()
        return InWorkspace(covered[0] if covered else None, default)

    def capacity(self) -> tuple[float, str]:
        """The weekly hours of the workspace reported on, and whose they are in a few
        words: Settings' (`your setting`), the workspace's (`Northwind Agency's working
        week`), or Timo's default while neither is known."""
        if self.own_capacity:
            return self.config.capacity.hours_per_week, "your setting"
        found = self.workspace_capacity()
        if found is None:
            return self.config.capacity.hours_per_week, "Timo's default"
        return found.hours, f"{found.workspace or 'your workspace'}'s working week"

    def workspace_capacity(self) -> WorkspaceCapacity | None:
        """The capacity the workspace reported on sets, as sync keeps it; None when unset
        or not known yet."""
        covered = self.covered()
        found = workspace_capacity(self.tracker, covered[0]) if covered else None
        if found is None:
            # Sync kept only the default workspace's rules before it kept each one's: they
            # stand in for the workspace they name (any, before sync named one) until the
            # next sync.
            kept = workspace_capacity(self.tracker)
            if kept is not None and (covered is None or kept.workspace in (None, covered[1])):
                found = kept
        if found is not None and covered is not None:
            found = replace(found, workspace=found.workspace or covered[1])
        return found

    def span(self, preset: Preset) -> Span:
        """`preset`'s range today, its weeks starting on the weekday Settings give."""
        return preset.span(self.tracker.today(), self.config.first_weekday)

    def day_bounds(self, span: Span) -> list[DayBounds]:
        """Each working day of `span` with its UTC bounds."""
        zone, start = self.tracker.zone, self.tracker.start_of_day
        return [(day, *day_range(day, zone, start)) for day in span.days()]

    def report(
        self,
        span: Span,
        group_by: GroupBy = GroupBy.PROJECT,
        filters: ReportFilter = NO_FILTER,
        *,
        bounds: Sequence[DayBounds] | None = None,
    ) -> Report:
        """The report of `span` grouped by `group_by`, narrowed by `filters`, of the
        workspace covered (refused for ALL_WORKSPACES: capacity is a workspace's).
        `bounds`: each day of `span` with its UTC bounds, where they are not its working
        day's (the end-of-day summary's day holds a whole night shift)."""
        if self.workspace == ALL_WORKSPACES and self.default_workspace() is not None:
            raise InvalidInput(ONE_AT_A_TIME)
        store, now = self.tracker.store, self.tracker.clock()
        days = self.day_bounds(span) if bounds is None else bounds
        key_sums, day_sums = queries.sums(store, days, group_by, filters, now, self.within())
        estimated = queries.estimates(store, group_by)
        uses: dict[str, EstimateUse] = {}
        to_date: ToDateSource | None = None
        if any(part.key in estimated for part in key_sums):
            actual = queries.actual_to_date(store, group_by, now)
            used = {
                part.key: actual.get(part.key, ToDate(0, None))
                for part in key_sums
                if part.key is not None and part.key in estimated
            }
            uses = {k: EstimateUse(estimated[k], got.seconds) for k, got in used.items()}
            to_date = self._to_date(used)
        hours, source = self.capacity()
        capacity = replace(self.config.capacity, hours_per_week=hours)
        report = build_report(
            span,
            group_by,
            key_sums,
            day_sums,
            estimates=uses,
            config=replace(self.config, capacity=capacity),
            now=now,
            filters=filters,
            filter_names=self._filter_names(filters),
            # The day of the same `now` the sums were taken at (utilization counts to it).
            today=local_day(now, self.tracker.zone, self.tracker.start_of_day),
        )
        covered = self.covered()
        described = queries.running(store, days, filters, self.within())
        return replace(
            report,
            workspace_id=covered[0] if covered else None,
            workspace_name=covered[1] if covered else None,
            workspace_lost=covered is not None and covered[0] in frozen_workspaces(store),
            capacity_source=source,
            to_date=to_date,
            running=None if described is None else RunningPart(described, now, self.tracker.zone),
        )

    def _to_date(self, used: dict[str, ToDate]) -> ToDateSource:
        """Whose time the rows' "to date" counts, and as of when Vmoox counted it."""
        counted = [got.counted_at for got in used.values() if got.counted_at is not None]
        return ToDateSource(
            min(counted) if counted else None,
            frozenset(k for k, got in used.items() if got.counted_at is None),
            self.tracker.zone,
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
        """The entries a report of `span` counts, by start, with their names (for export);
        every workspace's for ALL_WORKSPACES."""
        days = self.day_bounds(span)
        return queries.lines(self.tracker.store, days[0][1], days[-1][2], filters, self.within())

    def attention(self, span: Span, entries: Sequence[Entry] | None = None) -> list[AttentionItem]:
        """Entries touching `span` that need a look (see `core.attention`); `entries`: those
        entries, read already (the window's list: a year of them is not read twice)."""
        if entries is None:
            entries = self.tracker.days(span.first, span.last)
        parked, refusals = queries.sync_problems(self.tracker.store)
        return attention(
            entries,
            now=self.tracker.clock(),
            zone=self.tracker.zone,
            rules=self.attention_rules,
            parked=parked,
            refusals=refusals,
            held=held_entries(self.tracker.store),
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


def workspace_capacity(
    tracker: Tracker, workspace_id: str | None = None
) -> WorkspaceCapacity | None:
    """A Vmoox workspace's weekly capacity, as sync keeps it (None: the default workspace's
    at the last sync); None when unset or not known yet."""
    key = WORKSPACE_RULES_KEY if workspace_id is None else WORKSPACE_RULES_OF.format(workspace_id)
    raw = tracker.store.meta(key)
    rules = json.loads(raw) if raw else {}
    value = rules.get(WORKSPACE_CAPACITY)
    return WorkspaceCapacity(float(value), rules.get(WORKSPACE_NAME)) if value else None


def own_capacity(settings: Settings) -> bool:
    """Whether Settings set the weekly capacity: it then wins over the workspace's."""
    return "hours_per_week" in settings.capacity.model_fields_set
