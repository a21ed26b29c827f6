"""Files changed on disk while the app runs: the settings (`timo config set`, an editor),
read again, and the saved sign-in (`timo login`, `timo logout`).

The file and its folder are both watched: `timo config set` and most editors
write a new file and rename it over the old one, which ends a watch on the
file itself. A short pause lets such a write finish before the file is read.
A file that does not parse keeps the settings in use, with a warning in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from timo_desktop.settings import Settings

log = logging.getLogger(__name__)

SETTLE_MS = 200  # several change events from one write become one read


class FileWatch(QObject):
    """Emits `changed()` when `file` is written, created, replaced or removed (by another
    process too). The system tells of it (no polling); a change to another file in its
    folder is told apart by the file's stamp, which costs one `stat`."""

    changed = Signal()

    def __init__(self, file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file = file
        self._seen = _stamp(file)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._look)
        self._watcher.fileChanged.connect(self._settle.start)
        self._watcher.directoryChanged.connect(self._settle.start)
        self._watch()

    def stop(self) -> None:
        """Stop watching: `changed` is not emitted after this."""
        self._settle.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _watch(self) -> None:
        # A replaced file drops out of the watch; a new one is added again.
        wanted = [str(self._file.parent)] + ([str(self._file)] if self._file.exists() else [])
        watched = set(self._watcher.files() + self._watcher.directories())
        missing = [path for path in wanted if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _look(self) -> None:
        self._watch()
        stamp = _stamp(self._file)
        if stamp == self._seen:  # another file in the folder changed
            return
        self._seen = stamp
        self.changed.emit()


class SettingsWatch(QObject):
    """Emits `changed(Settings)` when the settings file holds settings other than `current()`
    (other values, or values set that were unset there, or the other way round)."""

    changed = Signal(object)

    def __init__(
        self, file: Path, current: Callable[[], Settings | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._file = file
        self._current = current
        self._watch = FileWatch(file, self)
        self._watch.changed.connect(self._reread)

    def stop(self) -> None:
        """Stop watching (at quit): no settings are applied after this."""
        self._watch.stop()

    def _reread(self) -> None:
        # Imported here: the settings model is loaded only once there is a file to read.
        from timo_desktop.core.errors import InvalidInput
        from timo_desktop.settings import chosen, load

        try:
            settings = load(self._file)
        except InvalidInput as error:
            log.warning("%s; keeping the settings in use", error)
            return
        current = self._current()
        # The Settings dialog's own saves are applied already. Compared as chosen, not by
        # value: the weekly capacity set to its default (40 h) or unset again is no change
        # in value, but decides whether the workspace's capacity is used.
        if current is None or chosen(settings) != chosen(current):
            self.changed.emit(settings)


def _stamp(file: Path) -> tuple[int, int, int] | None:
    """What tells one version of the file from the next without reading it."""
    try:
        status = file.stat()
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns, status.st_size
