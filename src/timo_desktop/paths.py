"""Where Timo keeps its files.

`TIMO_HOME` (or `--home DIR`) puts everything under one folder, for tests and
portable use; otherwise `platformdirs` decides per OS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve(home: str | os.PathLike[str] | None = None) -> Paths:
    """Return Timo's paths: `home`, else `$TIMO_HOME`, else the platform's folders."""
    chosen = home or os.environ.get("TIMO_HOME")
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Paths(root / "data", root / "config", root / "logs", root / "run")
    import platformdirs  # only paid for when no TIMO_HOME is set

    dirs = platformdirs.PlatformDirs("Timo", "Timo")
    return Paths(
        Path(dirs.user_data_dir),
        Path(dirs.user_config_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_runtime_dir),
    )
