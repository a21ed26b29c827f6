"""Report arithmetic: ranges, capacity, billable ratio, utilization, estimate use, rounding.

The store sums seconds per (working day, group key) in SQL; everything here is
plain arithmetic on those sums, so each figure can be checked by hand:

- an entry belongs wholly to the working day it starts in (the user's zone and
  start of day, as everywhere in Timo); a running timer counts up to now;
- hours = seconds / 3600; non-billable = hours - billable; written to four places,
  figures shown side by side add up to their total to the last place
  (`hours_adding_up`, `hours_split`, largest remainder), and so do the whole
  minutes the window and the text show (`with_shown_minutes`);
- billable ratio = billable / hours (none when nothing was tracked);
- capacity = hours per week / number of working days per week, times the
  working days in the range (the whole range, future days included);
- capacity to date = the same for the working days of the range up to and
  including today (today counts whole, as if worked to the end of its working
  hours); a range wholly past has all its capacity to date, one wholly to come
  none;
- utilization = billable hours / capacity to date (none without capacity to
  date, so a range still to come has no utilization); narrowed by a filter, it
  is that part's billable hours against the whole capacity, and has no target.
  Measured against the whole range, a week read on Wednesday would be judged
  against Thursday's and Friday's hours as well. Today counts whole rather than
  by the hour: the figure then only rises as the day's work is tracked, never
  flatters a morning, and is what the evening's report will say; by the hour it
  would move every minute and hang on working hours a contract does not set;
- for projects and tasks with an estimate: actual to date (every entry ever
  tracked on it, up to now), variance = actual - estimate, percent used =
  actual / estimate.

A figure is on target when it is at least its target; an estimate is over
when the actual to date exceeds it in the whole minutes shown: 10:00:30
against 10:00 reads 10:00, and is on it, not over it by a "+0:00".
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from timo_desktop.core.catalog import closest, did_you_mean
from timo_desktop.core.durations import MINUTE, shown_minutes
from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import kept_day, week_start

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class GroupBy(StrEnum):
    """What report rows are grouped by."""

    PROJECT = "project"
    CLIENT = "client"
    TASK = "task"
    RECORD = "record"
    TAG = "tag"
    SERVICE_TYPE = "service_type"
    PHASE = "phase"
    SEGMENT = "segment"
    DAY = "day"

    @property
    def heading(self) -> str:
        """`Service type`: the word for column headings."""
        return self.value.replace("_", " ").capitalize()

    @property
    def has_estimates(self) -> bool:
        """Projects and tasks carry estimates."""
        return self in (GroupBy.PROJECT, GroupBy.TASK)

    @property
    def missing(self) -> str:
        """The label of entries without this key: `(no project)`."""
        return f"(no {self.value.replace('_', ' ')})"


_NO_TARGET_LABEL = "(no project or record)"
_ALIASES = {"client_segment": GroupBy.SEGMENT, "service": GroupBy.SERVICE_TYPE}


def parse_group_by(text: str, offered: Collection[GroupBy] = tuple(GroupBy)) -> GroupBy:
    """A group key typed by a person (`project`, `service-type`, `client segment`...); a word
    that names none is refused, offering the keys in `offered` (those the caller takes)."""
    word = re.sub(r"[\s-]+", "_", text.strip().lower())
    found = _ALIASES.get(word) or next((g for g in GroupBy if g.value == word), None)
    if found is not None:
        return found
    names = [g.value for g in offered]
    raise InvalidInput(
        f"cannot group by '{text}'; choose one of {', '.join(names)}"
        + did_you_mean(closest(word, names))
    )


@dataclass(frozen=True, slots=True)
class Span:
    """Working days `first` to `last`, inclusive, with a name for titles."""

    first: date
    last: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput(f"the range ends ({self.last}) before it begins ({self.first})")
        if not self.label:
            object.__setattr__(self, "label", self.dates)

    @property
    def dates(self) -> str:
        """`2026-11-23 – 2026-11-29`: its first and last day, the name of a range typed."""
        return f"{self.first} – {self.last}"

    def days(self) -> Iterator[date]:
        """Every day of the range, in order."""
        for offset in range((self.last - self.first).days + 1):
            yield self.first + timedelta(days=offset)

    @property
    def noun(self) -> str:
        """`week` (seven days), `month` (a calendar month) or `range`: what to call it in words
        such as "40:00 in the week"."""
        if (self.last - self.first).days == 6:
            return "week"
        if self.first.day == 1 and self.last == Span.month_of(self.first).last:
            return "month"
        return "range"

    def spans_months(self) -> bool:
        """True when the range reaches into more than one calendar month."""
        return (self.first.year, self.first.month) != (self.last.year, self.last.month)

    @classmethod
    def week_of(cls, day: date, first_weekday: int = 0) -> Span:
        """The week holding `day`, from weekday `first_weekday` (0 = Monday: the ISO week).

        Only a Monday week has an ISO name (`2026-W48`); another is named by its first
        day (`Week of Sun 22 Nov 2026`), which is how such timesheets are referred to.
        """
        first = week_start(day, first_weekday)
        if first_weekday == 0:
            year, week, _ = first.isocalendar()
            label = f"{year}-W{week:02d}"
        else:
            label = f"Week of {first:%a} {first.day} {first:%b %Y}"
        return cls(first, first + timedelta(days=6), label)

    @classmethod
    def month_of(cls, day: date) -> Span:
        """The calendar month holding `day`."""
        length = calendar.monthrange(day.year, day.month)[1]
        return cls(day.replace(day=1), day.replace(day=length), f"{day.year}-{day.month:02d}")

    @classmethod
    def iso_week(cls, text: str) -> Span:
        """`2026-W48` as a week."""
        match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
        if match:
            try:
                monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            except ValueError:
                pass
            else:
                return cls.week_of(kept_day(monday, text))
        raise InvalidInput(f"'{text}' is not an ISO week; use for example 2026-W48")

    @classmethod
    def month(cls, text: str) -> Span:
        """`2026-11` as a month."""
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
        if match and 1 <= int(match[2]) <= 12:
            return cls.month_of(kept_day(date(int(match[1]), int(match[2]), 1), text))
        raise InvalidInput(f"'{text}' is not a month; use for example 2026-11")


class Preset(StrEnum):
    """The ranges offered in the Reports view."""

    THIS_WEEK = "This week"
    LAST_WEEK = "Last week"
    THIS_MONTH = "This month"
    LAST_MONTH = "Last month"

    def span(self, today: date, first_weekday: int = 0) -> Span:
        """This preset's range as seen on `today`, weeks from weekday `first_weekday`."""
        if self is Preset.THIS_WEEK:
            return Span.week_of(today, first_weekday)
        if self is Preset.LAST_WEEK:
            return Span.week_of(today - timedelta(days=7), first_weekday)
        if self is Preset.THIS_MONTH:
            return Span.month_of(today)
        return Span.month_of(today.replace(day=1) - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Targets:
    """Targets from Settings, as fractions (0.75 is 75 %)."""

    billable_ratio: float = 0.75
    utilization: float = 0.70


@dataclass(frozen=True, slots=True)
class Capacity:
    """Planned hours: so many per week, spread evenly over the working days."""

    hours_per_week: float = 40.0
    working_days: frozenset[int] = frozenset(range(5))  # 0 = Monday

    @classmethod
    def from_names(cls, hours_per_week: float, names: Iterable[str]) -> Capacity:
        """From Settings' `Mon`, `Tue`... names."""
        return cls(hours_per_week, frozenset(WEEKDAYS.index(name) for name in names))

    def seconds(self, span: Span, through: date | None = None) -> int:
        """Capacity of the range in seconds, of its working days up to `through` (inclusive)
        if given; 0 when no day of the week is a working day."""
        if not self.working_days:
            return 0
        count = sum(
            1
            for day in span.days()
            if day.weekday() in self.working_days and (through is None or day <= through)
        )
        return round(self.hours_per_week * 3600 * count / len(self.working_days))


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """What a report needs from Settings (and the workspace)."""

    targets: Targets = field(default_factory=Targets)
    capacity: Capacity = field(default_factory=Capacity)
    first_weekday: int = 0  # weeks (this week, last week) begin on it; 0 = Monday


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Narrow a report: only these projects, clients (record ids), tags, or billable or not."""

    project_ids: tuple[str, ...] = ()
    client_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    billable: bool | None = None


NO_FILTER = ReportFilter()


@dataclass(frozen=True, slots=True)
class KeySum:
    """Seconds the store summed for one group key, billable or not."""

    key: str | None
    label: str | None
    billable: bool
    seconds: int
    entries: int


@dataclass(frozen=True, slots=True)
class DaySum:
    """Seconds the store summed for one working day, billable or not (each entry once)."""

    day: date
    billable: bool
    seconds: int
    entries: int


@dataclass(frozen=True, slots=True)
class Figures:
    """Tracked time and its billable part, in whole seconds."""

    seconds: int = 0
    billable_seconds: int = 0
    entries: int = 0
    # Whole minutes shown, billable and not, where figures side by side must add up to their
    # total as read (`with_shown_minutes`); None: each cut to whole minutes on its own. How
    # it is shown, not what was tracked: figures of the same time are equal.
    shown: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def non_billable_seconds(self) -> int:
        return self.seconds - self.billable_seconds

    @property
    def shown_billable_seconds(self) -> int:
        """The billable time as shown, in whole minutes (as seconds)."""
        if self.shown is None:
            return shown_minutes(self.billable_seconds) * MINUTE
        return self.shown[0] * MINUTE

    @property
    def shown_non_billable_seconds(self) -> int:
        """The non-billable time as shown, in whole minutes (as seconds)."""
        if self.shown is None:
            return shown_minutes(self.non_billable_seconds) * MINUTE
        return self.shown[1] * MINUTE

    @property
    def shown_seconds(self) -> int:
        """All the time as shown: its billable and non-billable parts as shown, together."""
        if self.shown is None:
            return shown_minutes(self.seconds) * MINUTE
        return sum(self.shown) * MINUTE

    @property
    def billable_ratio(self) -> float | None:
        """Billable over all tracked time; None when nothing was tracked."""
        return self.billable_seconds / self.seconds if self.seconds else None

    def __add__(self, other: Figures) -> Figures:
        """Both together; their shown minutes too, where both have them (a share of rows)."""
        shown = None
        if self.shown is not None and other.shown is not None:
            shown = (self.shown[0] + other.shown[0], self.shown[1] + other.shown[1])
        return Figures(
            self.seconds + other.seconds,
            self.billable_seconds + other.billable_seconds,
            self.entries + other.entries,
            shown,
        )


@dataclass(frozen=True, slots=True)
class EstimateUse:
    """An estimate against the time tracked on it so far."""

    estimate_seconds: int
    actual_seconds: int

    @property
    def variance_seconds(self) -> int:
        """Actual minus estimate: above zero is over the estimate."""
        return self.actual_seconds - self.estimate_seconds

    @property
    def percent_used(self) -> float | None:
        """Actual over estimate (1.0 is all of it); None for a zero estimate."""
        return self.actual_seconds / self.estimate_seconds if self.estimate_seconds else None

    @property
    def shown_variance_seconds(self) -> int:
        """The variance as the whole minutes shown beside it make it: to date minus the
        estimate, each cut to whole minutes first (20:17:03 against 120:00 is -99:43, as the
        columns read, not the -99:42 that cutting -99:42:57 would show)."""
        return (shown_minutes(self.actual_seconds) - shown_minutes(self.estimate_seconds)) * MINUTE

    @property
    def over(self) -> bool:
        """Over the estimate by a whole minute as shown, so a variance that reads "+0:00" is
        never marked over (10:00:30 against 10:00 is on it)."""
        return self.shown_variance_seconds > 0


@dataclass(frozen=True, slots=True)
class ToDateSource:
    """Whose time the estimates' "to date" counts: everyone's, as Vmoox counted it by
    `counted_at` (the oldest count used; None when none is), with this person's own as
    it is here; but for the keys in `own_only`, which Vmoox has given no count of, only
    this person's time. `zone` is the one to tell `counted_at` in."""

    counted_at: datetime | None
    own_only: frozenset[str]
    zone: str


@dataclass(frozen=True, slots=True)
class RunningPart:
    """The timer still running that a report counts (up to when it was made): the report
    must say so, or its figures read as finished time. `zone` is the one to tell the time
    it was counted to in."""

    description: str
    counted_to: datetime
    zone: str


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One group of a report."""

    key: str | None
    label: str
    figures: Figures
    estimate: EstimateUse | None = None


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One working day's totals (every day of the range, empty ones too)."""

    day: date
    figures: Figures


@dataclass(frozen=True, slots=True)
class Report:
    """A report: rows by group, totals, every day's figures, capacity (the whole range's and
    to date) and targets, and the filter it was narrowed by (with the names of the projects
    and clients it names, by id: a filtered report must say so, or its totals read as the
    whole range's).

    `today` is the working day it was made on; None when made without one, which counts
    the whole range as past.
    """

    span: Span
    group_by: GroupBy
    rows: tuple[ReportRow, ...]
    days: tuple[DayFigures, ...]
    totals: Figures
    capacity_seconds: int
    capacity_to_date_seconds: int  # of the working days up to and including today
    targets: Targets
    generated_at: datetime
    filters: ReportFilter = NO_FILTER
    filter_names: Mapping[str, str] = field(default_factory=dict)
    today: date | None = None
    # The workspace whose entries it counts (None: every entry, none being known), and
    # where its capacity comes from in a few words (`Northwind Agency's working week`).
    workspace_id: str | None = None
    workspace_name: str | None = None
    # Time can no longer be tracked in it (access removed): sync fetches nothing more of
    # it, so the report holds its entries as this computer has them.
    workspace_lost: bool = False
    capacity_source: str = ""
    to_date: ToDateSource | None = None  # None: no row has an estimate
    running: RunningPart | None = None  # None: it counts no running timer

    @property
    def capacity_partial(self) -> bool:
        """True when working days of the range are still to come, so the capacity to date
        is not the range's (and the figures must say "to date")."""
        return self.capacity_to_date_seconds != self.capacity_seconds

    @property
    def still_to_come(self) -> bool:
        """True when the whole range is after today."""
        return self.today is not None and self.span.first > self.today

    def to_come(self, day: date) -> bool:
        """True for a day after today: nothing can have been tracked on it yet."""
        return self.today is not None and day > self.today

    @property
    def utilization(self) -> float | None:
        """Billable time over the capacity to date; None without capacity to date (a range
        still to come, or no working days)."""
        if not self.capacity_to_date_seconds:
            return None
        return self.totals.billable_seconds / self.capacity_to_date_seconds

    @property
    def billable_ratio_on_target(self) -> bool | None:
        return on_target(self.totals.billable_ratio, self.targets.billable_ratio)

    @property
    def filtered(self) -> bool:
        """True when the report was narrowed to a part of the time."""
        return self.filters != NO_FILTER

    @property
    def utilization_target(self) -> float | None:
        """The target utilization is judged against; None on a filtered report, whose
        utilization is its part's billable time against the whole capacity: a client's
        share of the week is no miss of a target set for all the work."""
        return None if self.filtered else self.targets.utilization

    @property
    def utilization_on_target(self) -> bool | None:
        """Whether utilization reaches its target; None without a figure or a target."""
        target = self.utilization_target
        return None if target is None else on_target(self.utilization, target)


def on_target(value: float | None, target: float) -> bool | None:
    """True when `value` reaches `target`; None when there is no value."""
    return None if value is None else value >= target


def build_report(
    span: Span,
    group_by: GroupBy,
    key_sums: Iterable[KeySum],
    day_sums: Iterable[DaySum],
    *,
    estimates: Mapping[str, EstimateUse],
    config: ReportConfig,
    now: datetime,
    filters: ReportFilter = NO_FILTER,
    filter_names: Mapping[str, str] | None = None,
    today: date | None = None,
) -> Report:
    """Assemble a report from the store's sums per key and per day, narrowed by `filters`
    (`filter_names`: its projects' and clients' names by id); rows biggest first.

    Days and totals come from `day_sums`, which count each entry once (an
    entry with two tags sits in two tag rows). `today` is the working day `now` falls
    on: capacity to date stops there (None: the whole range counts as past).
    """
    by_key: dict[str | None, tuple[str, Figures]] = {}
    for part in key_sums:
        label, sofar = by_key.get(part.key, (_label(group_by, part), Figures()))
        by_key[part.key] = (label, sofar + _figures(part))
    by_day: dict[date, Figures] = {day: Figures() for day in span.days()}
    for day_part in day_sums:
        if day_part.day in by_day:
            by_day[day_part.day] += _figures(day_part)
    if group_by is GroupBy.DAY:
        rows = [
            ReportRow(day.isoformat(), f"{day:%a} {day.isoformat()}", figures)
            for day, figures in by_day.items()
        ]
    else:
        rows = [
            ReportRow(key, label, figures, estimates.get(key) if key else None)
            for key, (label, figures) in by_key.items()
        ]
        rows.sort(key=lambda row: (-row.figures.seconds, row.key is None, row.label.casefold()))
    shown_rows = with_shown_minutes([row.figures for row in rows])
    shown_days = with_shown_minutes(list(by_day.values()))
    return Report(
        span=span,
        group_by=group_by,
        rows=tuple(replace(r, figures=f) for r, f in zip(rows, shown_rows, strict=True)),
        days=tuple(DayFigures(day, f) for day, f in zip(by_day, shown_days, strict=True)),
        # The days' minutes as shown add up to the totals' as any length is cut.
        totals=sum(shown_days, Figures(shown=(0, 0))),
        capacity_seconds=config.capacity.seconds(span),
        capacity_to_date_seconds=config.capacity.seconds(span, through=today),
        targets=config.targets,
        generated_at=now,
        filters=filters,
        filter_names=dict(filter_names or {}),
        today=today,
    )


def _figures(part: KeySum | DaySum) -> Figures:
    return Figures(part.seconds, part.seconds if part.billable else 0, part.entries)


def _label(group_by: GroupBy, part: KeySum) -> str:
    if part.key is None:
        # By task only entries with no target have no key: a project's time without a
        # task is "Project › (no task)", by its project.
        return _NO_TARGET_LABEL if group_by is GroupBy.TASK else group_by.missing
    return part.label or part.key  # an id the catalog cache does not know (yet)


def round_up(seconds: int, minutes: int | None) -> int:
    """`seconds` rounded up to a whole multiple of `minutes` (None: unchanged).

    Invoices round each entry on its own: 7 min at 6-minute rounding bills
    12 min, 0 s stays 0.
    """
    if minutes is None:
        return seconds
    if not 1 <= minutes <= 60:
        raise InvalidInput(f"rounding must be 1 to 60 minutes (got {minutes})")
    step = minutes * 60
    return math.ceil(seconds / step) * step


def hours(seconds: int) -> float:
    """Decimal hours for output, to 4 places (0.36 s), for a figure on its own: figures
    shown to add up take theirs from `hours_adding_up`."""
    return round(seconds / 3600, 4)


PLACES_PER_HOUR = 10_000  # hours are written to four places


def hours_adding_up(seconds: Sequence[int], billable: Sequence[bool]) -> list[int]:
    """Lengths (`seconds`, billable or not) in ten-thousandths of an hour that add up to
    their sum to four places, the billable ones to theirs, the others to the rest (their
    own sum to four places, unless the two sums rounded apart would miss the whole by
    0.0001 h). Three 20-minute entries are 0.3334, 0.3333 and 0.3333, an hour, not three
    0.3333 that miss it: each is cut to four places, and those that lost most get the
    last place back, so each is less than 0.0001 h from its exact length."""
    billed = [i for i, yes in enumerate(billable) if yes]
    others = [i for i, yes in enumerate(billable) if not yes]
    billed_total = _nearest(sum(seconds[i] for i in billed))
    places = [0] * len(seconds)
    for side, total in ((billed, billed_total), (others, _nearest(sum(seconds)) - billed_total)):
        for i, share in zip(side, _apportioned([seconds[i] for i in side], total), strict=True):
            places[i] = share
    return places


def hours_split(parts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rows of (billable, non-billable) seconds shown side by side, in ten-thousandths of
    an hour: each row's hours add up to the total as `hours_adding_up` shares them out (a
    row of exactly 27 minutes is 0.45), split into a billable and a non-billable part,
    each less than 0.0001 h from its length, the billable parts chosen (those that lost
    most first) to add up to the billable total wherever the rows' hours leave room."""
    lengths = [b + n for b, n in parts]
    wholes = _apportioned(lengths, _nearest(sum(lengths)))
    bounds = []  # per row: fewest and most billable places, and the ninths it lost
    for (billable, other), whole in zip(parts, wholes, strict=True):
        (b_cut, b_lost), (n_cut, n_lost) = _cut(billable), _cut(other)
        bounds.append(
            (
                max(b_cut, whole - n_cut - (n_lost > 0)),
                min(b_cut + (b_lost > 0), whole - n_cut),
                b_lost,
            )
        )
    shares = [fewest for fewest, _most, _lost in bounds]
    wanted = _nearest(sum(b for b, _n in parts)) - sum(shares)
    free = [i for i, (fewest, most, _lost) in enumerate(bounds) if most > fewest]
    for i in sorted(free, key=lambda i: -bounds[i][2])[: max(wanted, 0)]:
        shares[i] += 1
    return [(share, whole - share) for share, whole in zip(shares, wholes, strict=True)]


def with_shown_minutes(side_by_side: Sequence[Figures]) -> list[Figures]:
    """Figures shown side by side (a report's rows, or its days), each with the whole
    minutes it shows (`Figures.shown`), billable and not: each column adds up to the
    total's, which is cut to whole minutes as Timo shows any length (billable and
    non-billable alike, the non-billable the rest), each row's parts to the row, and each
    figure is less than a minute from its exact length. Cut each on its own, three rows of
    30:40 read 1:30 against a total of 1:32; shared out, one of them reads 0:31."""
    rows = [
        (divmod(f.billable_seconds, MINUTE), divmod(f.non_billable_seconds, MINUTE))
        for f in side_by_side
    ]
    billable = sum(f.billable_seconds for f in side_by_side)
    whole = sum(f.seconds for f in side_by_side)
    more_billable = billable // MINUTE - sum(b for (b, _), _n in rows)
    more_other = whole // MINUTE - billable // MINUTE - sum(n for _b, (n, _) in rows)
    ups = _minutes_up(
        [(b_left, n_left) for (_, b_left), (_, n_left) in rows], more_billable, more_other
    )
    return [
        replace(f, shown=(b + up_b, n + up_n))
        for f, ((b, _), (n, _)), (up_b, up_n) in zip(side_by_side, rows, ups, strict=True)
    ]


def _minutes_up(
    left: Sequence[tuple[int, int]], billable: int, other: int
) -> list[tuple[int, int]]:
    """Which rows' billable and non-billable minutes go up by one (1) or stay cut (0), given
    the seconds each part's cut left over (`left`), so that `billable` billable minutes and
    `other` non-billable ones are added, and each row stays less than a minute from its
    length: a row that left a minute or more over (both parts' seconds together) goes up
    by at least one, one that left less by at most one.

    First what the totals need: each row that must go up once, by whichever part the
    totals leave room for, and the rows that may go up by either part; then the rows
    that can go up only by one part, as many as a total needs; then, as the totals leave
    room, the rest, those that lost most first.
    """
    rows = range(len(left))
    must = [i for i in rows if sum(left[i]) >= MINUTE]  # both parts left seconds over
    small = [i for i in rows if 0 < sum(left[i]) < MINUTE]
    either = sorted((i for i in small if all(left[i])), key=lambda i: -sum(left[i]))
    either = either[: max(billable + other - len(must), 0)]
    flexible = len(must) + len(either)  # each up by one part, billable or not
    ups = [[0, 0] for _ in left]
    fixed = [0, 0]  # the minutes added by rows that go up by a given part

    def up(i: int, part: int) -> None:
        ups[i][part] = 1
        fixed[part] += 1

    wanted = (billable, other)
    for part in (0, 1):  # rows that have only this part's seconds over, as needed
        only = sorted((i for i in small if not left[i][1 - part]), key=lambda i: -left[i][part])
        for i in only[: max(wanted[part] - flexible, 0)]:
            up(i, part)
    # The rest by what each lost (a row's second minute by what the first left it).
    rest = [(left[i][part], i, part) for i in small if i not in either for part in (0, 1)]
    rest += [(sum(left[i]) - MINUTE, i, 2) for i in must if sum(left[i]) > MINUTE]
    room = billable + other - len(must) - len(either) - sum(fixed)
    for _lost, i, part in sorted(rest, reverse=True):
        if room <= 0:
            break
        if part == 2 and fixed[0] < billable and fixed[1] < other:
            up(i, 0)
            up(i, 1)
        elif part < 2 and left[i][part] and not any(ups[i]) and fixed[part] < wanted[part]:
            up(i, part)
        else:
            continue
        room -= 1
    # Rows going up once by either part: billable where the billable total still needs it.
    single = [i for i in must if not all(ups[i])] + either
    still = billable - fixed[0]
    for n, i in enumerate(sorted(single, key=lambda i: left[i][1] - left[i][0])):
        ups[i][0 if n < still else 1] = 1
    return [(b, n) for b, n in ups]


def _cut(seconds: int) -> tuple[int, int]:
    """`seconds` in whole ten-thousandths of an hour (0.36 s, so 25/9 a second) and the
    ninths of one left over."""
    return divmod(seconds * 25, 9)


def _nearest(seconds: int) -> int:
    """`seconds` to the nearest ten-thousandth of an hour (never a tie: 9 is odd)."""
    places, ninths = _cut(seconds)
    return places + (ninths > 4)


def _apportioned(lengths: Sequence[int], total: int) -> list[int]:
    """`lengths` (seconds) in ten-thousandths of an hour that add up to `total` (their sum
    cut or rounded up): each cut, then the ones that lost most one more (largest
    remainder, the earlier first among equals)."""
    cut = [_cut(seconds) for seconds in lengths]
    places = [whole for whole, _ in cut]
    most_lost = sorted(range(len(cut)), key=lambda i: -cut[i][1])
    for i in most_lost[: total - sum(places)]:
        places[i] += 1
    return places
