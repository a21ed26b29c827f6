"""User settings: a typed pydantic model saved as JSON in the config folder.

Keys are dotted (`idle.threshold_seconds`) for `timo config get|set`. Values
typed on the command line are converted and checked by the model, and a bad
one is refused with a plain sentence; the file is written atomically and is
readable by its owner only. Secrets never go here.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from annotated_types import Ge, Le
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from timo_desktop.core.catalog import closest, did_you_mean
from timo_desktop.core.durations import typed_seconds
from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import clock_text
from timo_desktop.files import write_whole
from timo_desktop.platform.zone import zone_problem


def _zero_padded(value: object) -> object:
    """`9:30` as `09:30`, as times are typed everywhere else in Timo."""
    if isinstance(value, str) and re.fullmatch(r"\d:[0-5]\d", value.strip()):
        return f"0{value.strip()}"
    return value


Clock = Annotated[
    str,
    BeforeValidator(_zero_padded),
    StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$"),
]
Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # in date.weekday() order


def _day_case(value: object) -> object:
    """`mon` or `MON` as `Mon`: a day is typed in any case."""
    return value.strip().capitalize() if isinstance(value, str) else value


AnyCaseWeekday = Annotated[Weekday, BeforeValidator(_day_case)]


def _decimal_comma(value: object) -> object:
    """`37,5` as 37.5: a number is typed with a decimal comma as well, in Settings too."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value):
        return value.replace(",", ".")
    return value


def decimals_words(most: int, what: str = "a number") -> str:
    """What a number with at most `most` decimals is called: `a number with 2 decimals at
    most`, in a refusal from `timo config set` and from Settings alike."""
    return f"{what} with {most} decimal{'' if most == 1 else 's'} at most"


_PERCENT = re.compile(r"\s*(-?\d+(?:[.,]\d+)?)\s*%\s*")


def _percent(value: object) -> object:
    """`75%` or `75 %` as 0.75: a share typed as the percent Settings shows it as. Counted
    in decimal, so that `75.5%` is 0.755 and not a float a hair off it."""
    if isinstance(value, str) and (typed := _PERCENT.fullmatch(value)):
        return float(Decimal(str(_decimal_comma(typed[1]))) / 100)
    return value


@dataclass(frozen=True)
class Places:
    """A number setting's precision: at most `most` decimals, here and in Settings, which
    takes as many (a value with more is refused, not rounded unsaid)."""

    most: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: float) -> float:
        """`value`, if it has no more decimals than this takes."""
        if round(value, self.most) != value:
            raise PydanticCustomError("decimals", decimals_words(self.most))
        return value


Number = Annotated[float, BeforeValidator(_decimal_comma)]
# Hours with up to 2 decimals (36.25 h a week: 7 h 15 min a day); a share with up to 3, a
# tenth of a percent (0.755 for 75.5 %), or typed as a percent (75.5%).
Hours = Annotated[Number, Places(2)]
Share = Annotated[Number, BeforeValidator(_percent), Places(3)]
# Below this many hours a limit or capacity means nothing (1e-9 h was taken): the least
# Settings ever showed.
LEAST_HOURS = 0.1


def away_typed(text: str, *, bare: int) -> float | None:
    """The seconds of a time away as typed: `off`, or a duration as Timo reads one anywhere
    (`90 minutes`, `1h 30m`, `1 min 30 s`), a bare number counting `bare` seconds; None for
    anything else."""
    return 0 if text.strip().lower() == "off" else typed_seconds(text, bare=bare)


def _away_length(value: object) -> object:
    """`timo config set idle.threshold_seconds 5m`: read as Settings reads the field, a bare
    number being seconds as the key says; anything else is left for the model to refuse."""
    if not isinstance(value, str):
        return value
    seconds = away_typed(value, bare=1)
    if seconds is None or not math.isfinite(seconds):
        return value
    return int(seconds) if seconds == int(seconds) else seconds


class _Section(BaseModel):
    # A key this Timo does not know (a newer Timo's setting, in a file both use) is kept as
    # it is and saved again, not a reason to refuse the whole file.
    model_config = ConfigDict(extra="allow", validate_assignment=True, allow_inf_nan=False)


LEAST_AWAY = 60  # seconds: the shortest time away Timo asks about


class Idle(_Section):
    threshold_seconds: Annotated[int, BeforeValidator(_away_length)] = Field(
        300, le=86_400, description="0 turns idle detection off"
    )

    @field_validator("threshold_seconds")
    @classmethod
    def _off_or_a_minute(cls, seconds: int) -> int:
        # Under the presence poll (every 5 s) each poll opened an away period.
        if seconds < 0 or 0 < seconds < LEAST_AWAY:
            raise PydanticCustomError(
                "off_or_at_least", "must be 0 (off) or at least {least}", {"least": LEAST_AWAY}
            )
        return seconds


class Day(_Section):
    start_of_day: Clock = "00:00"
    # The zone days, weeks and times of day are read in wherever the computer is (an IANA
    # name); None (or empty) is this computer's zone, followed as it travels.
    time_zone: str | None = None

    @field_validator("time_zone", mode="before")
    @classmethod
    def _a_zone_name(cls, name: object) -> object:
        if not isinstance(name, str):
            return name
        if not name.strip():
            return None
        problem = zone_problem(name.strip())
        if problem is not None:
            raise ValueError(problem)
        return name.strip()


class Schedule(_Section):
    working_days: list[AnyCaseWeekday] = Field(
        default_factory=lambda: ["Mon", "Tue", "Wed", "Thu", "Fri"]
    )
    # Reports' "this week", `timo report` and `timo log` by default; many US timesheets use Sun.
    week_starts: AnyCaseWeekday = "Mon"
    start: Clock = "09:00"
    end: Clock = "17:30"

    @field_validator("working_days")
    @classmethod
    def _each_day_once(cls, days: list[str]) -> list[str]:
        if not days:
            raise ValueError("working days must name at least one day, for example Mon,Tue,Wed")
        twice = sorted({day for day in days if days.count(day) > 1})
        if twice:
            raise ValueError(f"working days name {', '.join(twice)} more than once")
        return days

    @model_validator(mode="after")
    def _end_not_start(self) -> Schedule:
        # An end before the start is the next morning (a night shift, 22:00 to 06:00); one
        # equal to it is no working hours at all, or all day: neither can be meant.
        if self.end == self.start:
            clock = clock_text(time.fromisoformat(self.start))
            raise ValueError(
                f"working hours cannot start and end at the same time ({clock} to {clock}):"
                " set the end to when work stops (an end before the start is the next morning)"
            )
        return self


class NotTracking(_Section):
    enabled: bool = True
    minutes: int = Field(15, ge=1, le=1440)


class EndOfDay(_Section):
    enabled: bool = True


class LongTimer(_Section):
    enabled: bool = True
    hours: Hours = Field(10, ge=LEAST_HOURS, le=72)


class Reminders(_Section):
    not_tracking: NotTracking = Field(default_factory=NotTracking)
    end_of_day: EndOfDay = Field(default_factory=EndOfDay)
    long_timer: LongTimer = Field(default_factory=LongTimer)


class Targets(_Section):
    billable_ratio: Share = Field(0.75, ge=0, le=1)
    utilization: Share = Field(0.70, ge=0, le=1)


class Capacity(_Section):
    hours_per_week: Hours = Field(40, ge=LEAST_HOURS, le=168)


class Entries(_Section):
    long_entry_hours: Hours = Field(10, ge=LEAST_HOURS, le=72)


class Account(_Section):
    server_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Settings(_Section):
    """Everything a user can set."""

    idle: Idle = Field(default_factory=Idle)
    day: Day = Field(default_factory=Day)
    schedule: Schedule = Field(default_factory=Schedule)
    reminders: Reminders = Field(default_factory=Reminders)
    targets: Targets = Field(default_factory=Targets)
    capacity: Capacity = Field(default_factory=Capacity)
    entries: Entries = Field(default_factory=Entries)
    account: Account = Field(default_factory=Account)

    @property
    def start_of_day(self) -> time:
        """`day.start_of_day` as a time."""
        return time.fromisoformat(self.day.start_of_day)

    @property
    def first_weekday(self) -> int:
        """`schedule.week_starts` as a weekday number (0 = Monday, 6 = Sunday)."""
        return get_args(Weekday).index(self.schedule.week_starts)


def keys(model: type[BaseModel] = Settings, prefix: str = "") -> list[str]:
    """Every dotted key, in declaration order."""
    found: list[str] = []
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found += keys(kind, f"{prefix}{name}.")
        else:
            found.append(prefix + name)
    return found


def _check_key(key: str) -> None:
    if key not in keys():
        raise InvalidInput(f"unknown setting '{key}'{did_you_mean(closest(key, keys()))}")


def get(settings: Settings, key: str) -> Any:
    """The value of dotted `key`."""
    _check_key(key)
    value: Any = settings
    for part in key.split("."):
        value = getattr(value, part)
    return value


def format_value(value: Any) -> str:
    """A value as `config get` prints it (lists comma-separated, null for unset)."""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def with_value(settings: Settings, key: str, text: str, *, name: str | None = None) -> Settings:
    """A copy of `settings` with `key` set from typed `text`; refused in plain words,
    naming the setting `name` where one is given (a field's label) and `key` otherwise."""
    _check_key(key)
    # Only what was set is carried over: a value left at its default stays unset, so
    # where another source may stand in (the workspace's capacity) it still does.
    data = settings.model_dump(exclude_unset=True)
    *parents, leaf = key.split(".")
    section = data
    for part in parents:
        section = section.setdefault(part, {})
    current = get(settings, key)
    raw: Any = text.strip()
    cleared = raw.lower() in ("null", "none", "")
    if cleared and key in STANDS_IN:
        # Unset again: the other source takes over (the workspace's capacity).
        section.pop(leaf, None)
        return Settings.model_validate(data)
    if isinstance(current, list):
        raw = [item.strip() for item in raw.split(",") if item.strip()]
    elif cleared and _optional(key):
        raw = None
    elif leaf == "server_url":
        # Sign-in's rule, so that a setting it refuses is not kept (`HTTPS://` taken as
        # well), and one typed without its scheme is refused saying the address it means.
        from timo_desktop.vmoox.urls import ServerUrlError, normalize_server_url

        try:
            raw = normalize_server_url(raw)
        except ServerUrlError as error:
            raise InvalidInput(str(error)) from None
    section[leaf] = raw
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(_plain(key, text, error, name or key)) from None


# Settings that, while unset, give way to another source rather than to their default: the
# weekly capacity to the Vmoox workspace's. Cleared as an optional one is (`null`, ""),
# they are unset again.
STANDS_IN = frozenset({"capacity.hours_per_week"})


def _field(key: str) -> FieldInfo:
    """The model's field for setting `key`."""
    model: type[BaseModel] = Settings
    *sections, leaf = key.split(".")
    for section in sections:
        model = model.model_fields[section].annotation  # type: ignore[assignment]
    return model.model_fields[leaf]


def _optional(key: str) -> bool:
    """Whether setting `key` may be unset (`null`), as `account.server_url` may."""
    return type(None) in get_args(_field(key).annotation)


@dataclass(frozen=True)
class NumberRule:
    """What a number setting takes: from `least` to `most` (None: open), with at most
    `places` decimals (None for a whole number). Settings' fields take the same."""

    least: float | None
    most: float | None
    places: int | None


def number_rule(key: str) -> NumberRule:
    """The model's rule for number setting `key`."""
    least = most = places = None
    for rule in _field(key).metadata:
        if isinstance(rule, Ge):
            least = float(rule.ge)  # type: ignore[arg-type]
        elif isinstance(rule, Le):
            most = float(rule.le)  # type: ignore[arg-type]
        elif isinstance(rule, Places):
            places = rule.most
    return NumberRule(least, most, places)


_WORDS = {
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "finite_number": "a number",
    "bool_parsing": "true or false",
    "string_pattern_mismatch": "a time like 09:00",
}


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}


def _plain(key: str, text: str, error: ValidationError, name: str) -> str:
    first = error.errors()[0]
    kind, ctx = first["type"], first.get("ctx", {})
    if kind == "string_pattern_mismatch" and key.endswith("server_url"):
        wanted = "a web address starting with http:// or https://"
    elif key == "idle.threshold_seconds" and kind == "int_parsing":  # no time at all
        wanted = "a time away: seconds (300), or 5m, 1h 30m, off"  # all `_away_length` reads
    elif kind in _WORDS:
        wanted = _WORDS[kind]
    elif kind == "off_or_at_least":
        wanted = f"0 (off) or at least {ctx.get('least')}"
    elif kind in _BOUNDS:
        word, bound = _BOUNDS[kind]
        limit = ctx.get(bound)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "more than 0", not pydantic's "0.0"
        wanted = f"{word} {limit}"
        if bound == "le" and ctx.get(bound) == 1:  # the shares (targets): 75 meant 75 %
            wanted += ", a share written as a fraction or a percent (0.75 or 75%)"
    elif kind == "decimals" and _PERCENT.fullmatch(text):  # the share's places, as a percent
        places = number_rule(key).places or 0
        wanted = decimals_words(places - 2, "a percent")
    elif kind == "literal_error":
        days = ", ".join(get_args(Weekday))
        # A list's bad item is located by its index; a single day by the key alone.
        listed = isinstance(first["loc"][-1], int)
        wanted = f"a list of days from {days}" if listed else f"one of {days}"
    elif kind == "value_error":
        return str(ctx.get("error", first["msg"]))
    else:
        wanted = first["msg"].lower()
    return f"{name} must be {wanted} (got '{text}')"


def load(path: Path) -> Settings:
    """Settings from `path`; defaults when the file does not exist yet."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        raise InvalidInput(f"cannot read the settings file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput(
            f"the settings file {path} is not UTF-8 text; fix or delete it"
        ) from None
    try:
        return Settings.model_validate(_as_chosen(_numbers_fitted(_away_raised(json.loads(raw)))))
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"the settings file {path} is not valid JSON (line {error.lineno}); fix or delete it"
        ) from None
    except ValidationError as error:
        first = error.errors()[0]
        if not first["loc"]:  # a list, a number, null: no keys and values at all
            raise InvalidInput(
                f"the settings file {path} holds no settings (keys and values in braces,"
                " {…}); fix or delete it"
            ) from None
        where = ".".join(str(p) for p in first["loc"])
        # A rule's own words (`'Europe/Berln' is not a time zone name…`), not pydantic's.
        why = first.get("ctx", {}).get("error", first["msg"])
        raise InvalidInput(
            f"the settings file {path} has a bad value for '{where}': {why}"
        ) from None


def _away_raised(data: Any) -> Any:
    """`data` with a time away under a minute, which an older Timo took, as a minute: the
    nearest to what was chosen that Timo takes now, still asking (not off), and no reason
    to refuse the whole file."""
    idle = data.get("idle") if isinstance(data, dict) else None
    seconds = idle.get("threshold_seconds") if isinstance(idle, dict) else None
    number = isinstance(seconds, int | float) and not isinstance(seconds, bool)
    if number and 0 < seconds < LEAST_AWAY:  # type: ignore[operator]
        idle["threshold_seconds"] = LEAST_AWAY  # type: ignore[index]
    return data


def _numbers_fitted(data: Any) -> Any:
    """`data` with a number an older Timo took but this one does not brought to the nearest
    it takes: more decimals than its setting has rounded off (37.123 h as 37.12 h), one
    more than 0 but under its least raised to it (1e-9 h as 0.1 h). No reason to refuse the
    whole file."""
    for key in keys():
        rule = number_rule(key)
        *sections, leaf = key.split(".")
        section = data
        for part in sections:
            section = section.get(part) if isinstance(section, dict) else None
        if rule.places is None or not isinstance(section, dict):
            continue
        value = section.get(leaf)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if rule.least is not None and 0 < value < rule.least:
            section[leaf] = rule.least
        elif math.isfinite(value):
            section[leaf] = round(value, rule.places)
    return data


# Every setting an older Timo wrote, defaults and all, with any change (it saved whole): an
# unmarked file holding each of them is taken as written so, and its default values as no
# choice the user made. (A Timo saving key by key before the mark wrote all of these only
# once each one was set; such a file reads the same, as it did then.)
_WRITTEN_WHOLE = (
    "idle.threshold_seconds",
    "schedule.working_days",
    "schedule.start",
    "schedule.end",
    "reminders.not_tracking.enabled",
    "reminders.not_tracking.minutes",
    "reminders.end_of_day.enabled",
    "reminders.long_timer.enabled",
    "reminders.long_timer.hours",
    "targets.billable_ratio",
    "targets.utilization",
    "capacity.hours_per_week",
    "entries.long_entry_hours",
    "account.server_url",
)


# In each file this Timo saves (`save`): a file marked so holds only what was chosen, key by
# key, whatever keys it holds. A file without the mark is an older Timo's, written whole
# or key by key, and read as `_as_chosen` tells.
FORMAT_KEY = "format"
FORMAT = 2


def _as_chosen(data: Any) -> Any:
    """The settings a file holds, as chosen: all of them in one marked as saved key by key
    (`FORMAT_KEY`, the mark taken out). In one an older Timo wrote whole, a value
    equal to its default is no choice and is taken as unset, as it was. That matters where
    unset lets another source stand in (`STANDS_IN`: reports had counted the old default
    capacity of 40 h as the user's, over the workspace's); saved again, the file keeps
    only what was chosen, and reads as such."""
    if isinstance(data, dict) and FORMAT_KEY in data:
        mark = data.pop(FORMAT_KEY)  # the mark, no setting
        # This Timo's or a newer one's; another value (`"2"`, null) is no mark of ours.
        if isinstance(mark, int) and not isinstance(mark, bool) and mark >= FORMAT:
            return data
    if not all(_holds(data, key.split(".")) for key in _WRITTEN_WHOLE):
        return data
    return _without(data, Settings().model_dump(mode="json"))


def _holds(data: Any, path: list[str]) -> bool:
    """Whether `data` has a value at `path` (section by section)."""
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def _without(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """`data` less the values equal to `defaults`, section by section."""
    kept: dict[str, Any] = {}
    for key, value in data.items():
        default = defaults.get(key)
        if isinstance(value, dict) and isinstance(default, dict):
            if section := _without(value, default):
                kept[key] = section
        elif key not in defaults or value != default:
            kept[key] = value
    return kept


def chosen(settings: Settings) -> dict[str, Any]:
    """What was set in `settings`, section by section, as it is saved: a value left unset
    is not there, though it equals one set to its default. The two differ where unset lets
    another source stand in (`STANDS_IN`: 40 h set here wins over the workspace's 32 h)."""
    return settings.model_dump(mode="json", exclude_unset=True)


def save(settings: Settings, path: Path) -> None:
    """Write what was set in `settings` to `path`, marked as written so (`FORMAT_KEY`),
    atomically and readable by its owner only."""
    text = json.dumps({FORMAT_KEY: FORMAT, **chosen(settings)}, indent=2, ensure_ascii=False)
    text += "\n"
    try:
        write_whole(path, text, private=True)
    except OSError as error:
        raise InvalidInput(f"cannot save settings to {path}: {error.strerror}") from None


def save_value(path: Path, key: str, text: str, *, name: str | None = None) -> Settings:
    """Set `key` from typed `text` in the settings file at `path`; the settings now saved.

    The file is read as it is at this moment and only `key` changes, so a setting saved
    meanwhile elsewhere (`timo config set`, the Settings dialog, an editor) is kept, not
    written back over with an older copy. Refused as `with_value` refuses (`name` too)."""
    updated = with_value(load(path), key, text, name=name)
    save(updated, path)
    return updated
