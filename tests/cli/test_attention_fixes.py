"""`timo attention` gives each entry's reason with its fix, the command that settles it, in
the words the window's list gives on hover."""

from __future__ import annotations

import re

from tests.cli.conftest import Timo, as_json


def test_an_unusually_long_entry_comes_with_the_command_that_ends_it_earlier(timo: Timo) -> None:
    added = timo("add", "Workshop", "--date", "2026-01-05", "--start", "07:00", "-d", "11h30")
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    done = timo("attention", "--from", "2026-01-05", "--to", "2026-01-05")
    assert done.returncode == 0, done.stderr
    said = " ".join(line.strip() for line in done.stdout.splitlines())
    assert (
        f"No project or record — pick a project: `timo edit {ref} --project NAME`"
        f" Unusually long: 11h 30m — check its end; if it ended earlier:"
        f" `timo edit {ref} --end HH:MM`"
    ) in said


def test_json_gives_each_reason_the_fix_the_text_gives_it(timo: Timo) -> None:
    added = timo("add", "Workshop", "--date", "2026-01-05", "--start", "07:00", "-d", "11h30")
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    done = timo("attention", "--from", "2026-01-05", "--to", "2026-01-05", "--json")
    [entry] = as_json(done)["entries"]  # type: ignore[index]
    assert entry["attention"] == [
        {
            "concern": "no_target",
            "message": "No project or record",
            "other": None,
            "fix": f"pick a project: `timo edit {ref} --project NAME`",
        },
        {
            "concern": "long",
            "message": "Unusually long: 11h 30m",
            "other": None,
            "fix": f"check its end; if it ended earlier: `timo edit {ref} --end HH:MM`",
        },
    ]
