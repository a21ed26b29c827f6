"""A file where Timo keeps a folder (TIMO_HOME itself, or its `data`) is what `timo doctor`
is for: it says so as a failed check, naming the file, and goes on with the others. It
stopped with a NotADirectoryError or FileExistsError traceback, and `timo status` spoke of
"cannot create the database …/data/timo.sqlite3: File exists"."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_timo

MOVE_IT = "move it aside or rename it, and Timo makes the folder there"


def test_a_timo_home_that_is_a_file_is_a_failed_check(timo_home: Path) -> None:
    timo_home.parent.mkdir(parents=True, exist_ok=True)
    timo_home.write_text("not a folder")
    doctor = run_timo(timo_home, "doctor")
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    said = f"{timo_home} is not a folder (Timo keeps {timo_home / 'data'} in it); {MOVE_IT}"
    assert f"BAD  paths: {said}\n" in doctor.stdout
    assert "ok   timezone: " in doctor.stdout  # the checks after it ran


def test_a_data_folder_that_is_a_file_is_named_by_doctor_and_status(timo_home: Path) -> None:
    timo_home.mkdir(parents=True)
    (timo_home / "data").write_text("not a folder")
    said = f"{timo_home / 'data'} is not a folder; {MOVE_IT}"
    doctor = run_timo(timo_home, "doctor")
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    assert f"BAD  paths: {said}\n" in doctor.stdout
    assert f"BAD  database: {said}\n" in doctor.stdout
    assert "ok   timezone: " in doctor.stdout
    status = run_timo(timo_home, "status")
    assert (status.returncode, status.stderr) == (1, f"timo: {said}\n")
