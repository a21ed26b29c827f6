"""Whether the desktop app runs for a Timo home, told without Qt (`timo` never loads it).

The app holds its instance lock (`ui/single_instance.py`, a `QLockFile` on
`Paths.lock_file`) for as long as it runs, and Qt keeps the file locked by the system
meanwhile: `flock` on Unix, opened for no one else to write on Windows. A lock file left
by a crash has no such lock, so it does not count.
"""

from __future__ import annotations

import os
from pathlib import Path


def app_running(lock_file: Path) -> bool:
    """Whether a running desktop app holds `lock_file`."""
    windows = os.name == "nt"
    try:
        fd = os.open(lock_file, os.O_RDWR if windows else os.O_RDONLY)
    except PermissionError:
        return windows  # Windows: the holder shares its lock file for reading only
    except OSError:  # none there: no app runs
        return False
    try:
        if windows:
            return False
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
