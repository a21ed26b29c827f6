"""`timo attention` fits 80 columns: a long description wraps under the entry's line,
past its reference, so the references still stand alone down the left."""

from __future__ import annotations

import re

from tests.cli.conftest import Timo
from timo_desktop.core.text_width import LINE_WIDTH, display_width

LONG = (
    "Homepage layout review with the whole team, then the notes written up and sent to"
    " the client with the follow-up questions"
)


def test_a_long_entry_wraps_under_its_reference(timo: Timo) -> None:
    added = timo("add", LONG, "--date", "2026-01-05", "--start", "09:00", "-d", "1h")
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    done = timo("attention", "--from", "2026-01-05", "--to", "2026-01-05")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= LINE_WIDTH, done.stdout
    first = next(i for i, line in enumerate(lines) if line.startswith(ref))
    under = lines[first + 1 :]
    assert under and all(line.startswith(" " * 10) for line in under)
    said = " ".join(line.strip() for line in lines[first:])
    assert f"'{LONG}'" in said and "No project or record" in said
