"""Files Timo writes — a PDF or CSV export, the settings — are written whole or not at all:
on a full disk the command says so, and no cut-off file is left to pass for the real one.
The PDF said "Wrote x.pdf" over an empty or cut-off file, and a refused settings change
left a `.settings-….json` behind each time."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.cli import run_timo

from .conftest import Timo

DAYS = ("--from", "2025-03-05", "--to", "2025-03-05")


def room_for(size: int):  # type: ignore[no-untyped-def]
    """Run the command where no file may grow past `size` bytes, as on a nearly full disk
    (the database's shared-memory file already made, by the test's `open_database`)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@contextmanager
def open_database(home: Path) -> Iterator[None]:
    """The database held open, so that its WAL and shared-memory files stay made: a
    command run meanwhile reads it without writing a byte."""
    connection = sqlite3.connect(home / "data" / "timo.sqlite3")
    try:
        connection.execute("SELECT count(*) FROM entries").fetchone()
        yield
    finally:
        connection.close()


def an_hour_to_export(timo: Timo, tmp_path: Path) -> Path:
    """An hour on the day exported, and an empty folder to export into."""
    added = timo("add", "Invoice me", "--date", "2025-03-05", "--start", "09:00", "--end", "10:00")
    assert added.returncode == 0, added.stderr
    exports = tmp_path / "exports"
    exports.mkdir()
    return exports


def test_a_pdf_that_does_not_fit_is_refused_and_not_left_cut_off(
    timo: Timo, timo_home: Path, tmp_path: Path
) -> None:
    exports = an_hour_to_export(timo, tmp_path)
    target = exports / "week.pdf"
    with open_database(timo_home):
        refused = timo(
            "export", *DAYS, "--format", "pdf", "-o", str(target), preexec_fn=room_for(4096)
        )
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"timo: cannot write {target}: File too large")
    assert "Wrote" not in refused.stdout
    assert list(exports.iterdir()) == []  # neither the PDF nor a part of it

    written = timo("export", *DAYS, "--format", "pdf", "-o", str(target))
    assert written.returncode == 0 and target.read_bytes().startswith(b"%PDF")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")  # whole


def test_a_csv_that_does_not_fit_leaves_the_earlier_one(
    timo: Timo, timo_home: Path, tmp_path: Path
) -> None:
    exports = an_hour_to_export(timo, tmp_path)
    target = exports / "week.csv"
    target.write_text("last week's export\n")
    with open_database(timo_home):
        refused = timo("export", *DAYS, "-o", str(target), preexec_fn=room_for(64))
    assert refused.returncode == 1 and "cannot write" in refused.stderr
    assert target.read_text() == "last week's export\n"
    assert list(exports.iterdir()) == [target]


def test_a_setting_that_cannot_be_saved_leaves_no_temporary_file(
    timo: Timo, timo_home: Path
) -> None:
    assert timo("config", "set", "idle.threshold_seconds", "600").returncode == 0
    refused = timo("config", "set", "idle.threshold_seconds", "900", preexec_fn=room_for(8))
    assert refused.returncode == 1 and "cannot save settings" in refused.stderr
    assert [p.name for p in (timo_home / "config").iterdir()] == ["settings.json"]
    assert "600" in (timo_home / "config" / "settings.json").read_text()


def test_a_pdf_is_drawn_without_a_display_whatever_the_profile_sets(
    timo: Timo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over SSH, with QT_QPA_PLATFORM=xcb from a profile and no X server, Qt aborted."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":9999")  # nothing listens there
    target = tmp_path / "week.pdf"
    written = timo("export", *DAYS, "--format", "pdf", "-o", str(target))
    assert written.returncode == 0, written.stderr
    assert target.read_bytes().startswith(b"%PDF")


def test_an_export_through_a_symlink_replaces_the_file_it_points_to(
    timo: Timo, tmp_path: Path
) -> None:
    """The link was replaced by a regular file, and the file it points to kept last week's."""
    exports = an_hour_to_export(timo, tmp_path)
    target = exports / "kept.csv"
    target.write_text("last week's export\n")
    link = exports / "latest.csv"
    link.symlink_to(target)
    written = timo("export", *DAYS, "-o", str(link))
    assert written.returncode == 0, written.stderr
    assert link.is_symlink() and "Invoice me" in target.read_text()
    assert sorted(p.name for p in exports.iterdir()) == ["kept.csv", "latest.csv"]

    dangling = exports / "next.csv"
    dangling.symlink_to(exports / "made.csv")
    assert timo("export", *DAYS, "-o", str(dangling)).returncode == 0
    assert dangling.is_symlink() and "Invoice me" in (exports / "made.csv").read_text()


def test_an_export_over_a_file_keeps_who_may_read_it(timo: Timo, tmp_path: Path) -> None:
    """A report kept readable by its owner only became readable by everyone (the umask's
    permissions) once exported over."""
    exports = an_hour_to_export(timo, tmp_path)
    kept = exports / "invoice.csv"
    kept.write_text("last week's export\n")
    kept.chmod(0o600)
    assert timo("export", *DAYS, "-o", str(kept)).returncode == 0
    assert "Invoice me" in kept.read_text()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_an_export_into_a_fifo_is_read_from_it_and_the_fifo_stays(
    timo: Timo, tmp_path: Path
) -> None:
    """The FIFO was deleted and a regular file left in its place."""
    exports = an_hour_to_export(timo, tmp_path)
    fifo = exports / "pipe"
    os.mkfifo(fifo)
    read: list[str] = []
    reader = threading.Thread(target=lambda: read.append(fifo.read_text()), daemon=True)
    reader.start()
    written = timo("export", *DAYS, "-o", str(fifo))
    reader.join(timeout=30)
    assert written.returncode == 0, written.stderr
    assert read and "Invoice me" in read[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_an_export_to_standard_output_a_pipe_is_written_into_it(timo: Timo, tmp_path: Path) -> None:
    """`timo export -o /dev/stdout | head` said "cannot write /dev/stdout: No such file or
    directory": the link resolved to a pipe's name, where no file is."""
    an_hour_to_export(timo, tmp_path)
    written = timo("export", *DAYS, "-o", "/dev/stdout")
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("client,") and "Invoice me" in written.stdout
    assert "Wrote" not in written.stdout  # not in the CSV it went into


def test_a_pdf_into_a_pipe_named_by_its_descriptor_is_written_whole(
    timo_home: Path, timo: Timo, tmp_path: Path
) -> None:
    """`--format pdf -o >(gzip > x.gz)` (a `/dev/fd/N`) wrote nothing into the pipe."""
    an_hour_to_export(timo, tmp_path)
    read_end, write_end = os.pipe()
    read: list[bytes] = []
    with os.fdopen(read_end, "rb") as pipe:
        reader = threading.Thread(target=lambda: read.append(pipe.read()), daemon=True)
        reader.start()
        try:
            to_fd = f"/dev/fd/{write_end}"
            written = run_timo(
                timo_home, "export", *DAYS, "--format", "pdf", "-o", to_fd, pass_fds=(write_end,)
            )
        finally:
            os.close(write_end)
        reader.join(timeout=30)
    assert written.returncode == 0, written.stderr
    assert written.stdout == f"Wrote {to_fd}\n"
    assert read and read[0].startswith(b"%PDF") and read[0].rstrip().endswith(b"%%EOF")


def test_an_export_to_a_full_device_is_refused_and_the_device_stays(
    timo: Timo, tmp_path: Path
) -> None:
    """As root, `-o /dev/full` replaced the device with the CSV and said "Wrote 1 rows"."""
    exports = an_hour_to_export(timo, tmp_path)
    full = exports / "full"
    try:  # a /dev/full of the test's own: only root may make one
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device takes root")
    refused = timo("export", *DAYS, "-o", str(full))
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"timo: cannot write {full}: No space left on device")
    assert "Wrote" not in refused.stdout
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_setting_saved_through_a_symlinked_settings_file_updates_the_linked_file(
    timo: Timo, timo_home: Path, tmp_path: Path
) -> None:
    """Dotfiles kept elsewhere: the link was replaced, the linked file left as it was."""
    kept = tmp_path / "dotfiles" / "timo-settings.json"
    kept.parent.mkdir()
    kept.write_text("{}\n")
    (timo_home / "config").mkdir(parents=True, exist_ok=True)
    link = timo_home / "config" / "settings.json"
    link.symlink_to(kept)
    saved = timo("config", "set", "idle.threshold_seconds", "600")
    assert saved.returncode == 0, saved.stderr
    assert link.is_symlink() and "600" in kept.read_text()
