"""This machine's IANA time zone name.

POSIX systems name it in `TZ` or the /etc/localtime symlink, read here with the
standard library because every `timo` command needs it. Windows keeps its own
zone names in the registry; `tzlocal` maps them to IANA names there.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone_name() -> str:
    """The IANA name of this machine's zone, else "UTC"."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    if sys.platform == "win32":
        import tzlocal

        # tzlocal keeps its first answer; an app running across a zone change asks again.
        with contextlib.suppress(Exception):
            tzlocal.reload_localzone()
        candidates.append(tzlocal.get_localzone_name())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if _known(name):
            return name
    return "UTC"


def tz_problem() -> str | None:
    """Why the `TZ` environment variable is passed over, if it is set to something that is
    not an IANA zone name (a typo, or a POSIX rule such as `UTC+3`); None when it is not."""
    env = os.environ.get("TZ", "").lstrip(":")
    if not env or _known(env):
        return None
    return (
        f"TZ is set to '{env}', which is not a time zone name such as Europe/Berlin;"
        f" using {local_zone_name()}"
    )


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
