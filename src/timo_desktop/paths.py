"""Where Timo keeps its files.

`TIMO_HOME` (or `--home DIR`) puts everything under one folder, for tests and
portable use; otherwise `platformdirs` decides per OS.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from timo_desktop.core.errors import TimoError


class NotAFolder(TimoError):
    """Something that is not a folder (a file) stands where Timo keeps one."""


@dataclass(frozen=True)
class Paths:
    """The folders Timo writes to."""

    data: Path
    config: Path
    logs: Path
    runtime: Path

    @property
    def database(self) -> Path:
        return self.data / "timo.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def lock_file(self) -> Path:
        return self.runtime / "timo.lock"

    @property
    def log_file(self) -> Path:
        return self.logs / "timo.log"

    def ensure(self) -> Paths:
        """Create the folders (owner-only on POSIX) and return self."""
        for folder in (self.data, self.config, self.logs, self.runtime):
            make_folder(folder)
        return self


def make_folder(folder: Path) -> None:
    """Make `folder` and its parents, owner-only on POSIX. `NotAFolder` names what stands
    in the way where something else is there (TIMO_HOME a file): mkdir's own words gave
    only the folder it was making; other failures raise `OSError`."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (FileExistsError, NotADirectoryError):
        nothing_in_the_way(folder)
        raise


def nothing_in_the_way(folder: Path) -> None:
    """Raise `NotAFolder` where `folder`, or the nearest of its parents that is there, is
    not a folder, so that `folder` cannot be made; makes nothing."""
    there = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if there is None or there.is_dir():
        return
    kept = "" if there == folder else f" (Timo keeps {folder} in it)"
    raise NotAFolder(
        f"{there} is not a folder{kept}; move it aside or rename it, and Timo makes"
        " the folder there"
    )


def resolve(home: str | os.PathLike[str] | None = None) -> Paths:
    """Return Timo's paths: `home`, else `$TIMO_HOME`, else the platform's folders."""
    chosen = home or os.environ.get("TIMO_HOME")
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(root / "data", root / "config", root / "logs", root / "run")
    import platformdirs  # only paid for when no TIMO_HOME is set

    dirs = platformdirs.PlatformDirs("Timo", "Timo")
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR (cron, su, a container) platformdirs warned, at every
        # command, that it takes /run/user/<uid> or runtime-<uid> in the temporary folder
        # instead: a folder of this user's (it refuses one another user owns), where Timo
        # keeps only the window's instance lock. Nothing for the person to do.
        warnings.simplefilter("ignore")
        runtime = Path(dirs.user_runtime_dir)
    return Paths(
        Path(dirs.user_data_dir), Path(dirs.user_config_dir), Path(dirs.user_log_dir), runtime
    )
