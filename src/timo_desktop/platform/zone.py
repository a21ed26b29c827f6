"""The IANA time zone days and times are read in: the one chosen (`day.time_zone`), else
this machine's.

POSIX systems name the machine's in `TZ` or the /etc/localtime symlink, read here with
the standard library because every `timo` command needs it. Windows keeps its own
zone names in the registry; `tzlocal` maps them to IANA names there.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

A_ZONE_NAME = "a time zone name such as Europe/Berlin"  # what is wanted, in every refusal


def zone_in_use(chosen: str | None) -> str:
    """The zone days and times are read in: `chosen` (`day.time_zone`) when one is, else
    this machine's, as it is now."""
    return chosen or local_zone_name()


def zone_problem(name: str) -> str | None:
    """Why `name` cannot be a chosen zone (a typo: `Europe/Berln`), with the name closest
    to it; None when it can."""
    if _known(name):
        return None
    from zoneinfo import available_timezones

    from timo_desktop.core.catalog import closest, did_you_mean

    known = available_timezones()
    if not known:  # no zone is known: the computer lacks the data, not the name
        return (
            f"'{name}' cannot be looked up: this computer has no time zone data"
            " (install the tzdata package)"
        )
    near = closest(name, known, limit=1)
    return f"'{name}' is not {A_ZONE_NAME}{did_you_mean(near)}"


def local_zone_source() -> str:
    """Where this machine's zone is read from, in words: `TZ`, or the system settings."""
    return "TZ" if _known(_tz_name()) else "the system settings"


def local_zone_name() -> str:
    """The IANA name of this machine's zone, else "UTC"."""
    candidates: list[str] = []
    env = _tz_name()
    if env:
        candidates.append(env)
    if sys.platform == "win32":
        import tzlocal

        # tzlocal keeps its first answer; an app running across a zone change asks again.
        # It raises for a Windows zone missing from its table, for one whose offset is
        # not whole hours with "adjust for daylight saving" off, and with no zone set:
        # times are then read in UTC rather than no Timo starting.
        with contextlib.suppress(Exception):
            tzlocal.reload_localzone()
        with contextlib.suppress(Exception):
            candidates.append(tzlocal.get_localzone_name())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        named = _name_in_zoneinfo(str(localtime.resolve()))
        if named:
            candidates.append(named)
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if _known(name):
            return name
    return "UTC"


def tz_problem() -> str | None:
    """Why the `TZ` environment variable is passed over, if it is set to something that is
    not an IANA zone name (a typo, or a POSIX rule such as `UTC+3`); None when it is not."""
    env = _tz_name()
    if not env or _known(env):
        return None
    return (
        f"TZ is set to '{os.environ['TZ'].lstrip(':')}', which is not {A_ZONE_NAME};"
        f" using {local_zone_name()}"
    )


def _tz_name() -> str:
    """The zone `TZ` names ("" when unset). Besides a name (`Europe/Berlin`, or `:Europe/Berlin`
    in the POSIX form) the C library takes the path of a zone file
    (`/usr/share/zoneinfo/Asia/Kathmandu`), which is read here as the name it ends in."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env.startswith("/"):
        with contextlib.suppress(OSError):  # /etc/localtime, a link into the zone files
            env = str(Path(env).resolve())
        return _name_in_zoneinfo(env) or env
    return env


def _name_in_zoneinfo(path: str) -> str | None:
    """The zone name a zone file's path ends in (`…/zoneinfo/Asia/Kathmandu`), if any."""
    if "zoneinfo/" not in path:
        return None
    name = path.rsplit("zoneinfo/", 1)[1]
    # The posix/ and right/ copies hold the same zones (right/ counting leap seconds, which
    # Python's clock does not): the plain name is the zone meant.
    for copy in ("posix/", "right/"):
        name = name.removeprefix(copy)
    return name or None


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
