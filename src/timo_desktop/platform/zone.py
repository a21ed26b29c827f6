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
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"
