"""Whether the desktop app runs, as the command line tells it without Qt: on Unix by the
system lock Qt keeps on the app's lock file (tests/cli/test_database_lost_beside_the_window.py
holds a real one); on Windows by the file being shared for reading only, which is faked
here, the call being Windows' own."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from timo_desktop.platform.instance import app_running


def test_a_lock_file_no_process_holds_is_no_app(tmp_path: Path) -> None:
    left = tmp_path / "timo.lock"
    left.write_text("4242\ntimo\n")  # as a crash leaves it
    assert not app_running(left)
    assert not app_running(tmp_path / "none.lock")


@pytest.mark.parametrize(
    ("refusal", "running"),
    [(PermissionError(errno.EACCES, "shared for reading only"), True), (None, False)],
)
def test_on_windows_a_lock_file_no_one_may_write_is_a_running_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: OSError | None, running: bool
) -> None:
    lock = tmp_path / "timo.lock"
    lock.write_text("4242\ntimo\n")
    real_open = os.open
    asked: list[int] = []

    def windows_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        asked.append(flags)
        if refusal is not None:
            raise refusal
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "name", "nt")
    monkeypatch.setattr(os, "open", windows_open)
    assert app_running(lock) is running
    assert asked == [os.O_RDWR]  # asked for writing, which the app's sharing refuses
    refusal = FileNotFoundError(errno.ENOENT, "no lock file")  # no app has run here
    assert not app_running(lock)
