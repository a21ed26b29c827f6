"""What Vmoox sends is shown on one line, at most as long as Vmoox's own limits.

A project renamed on Vmoox with a terminal's escape codes retitled the terminal and
coloured what `timo start` printed after it ("\\x1b]0;PWNED\\x07"), a line break in it
faked a line of Timo's output, and a name of megabytes made the picker take half a
minute a keystroke. Typed text is refused with control characters; what arrives has
them made spaces.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import post_on_server
from timo_desktop.vmoox.models import NAME_LIMIT, one_line

ESCAPES = "Globex \x1b[31mRED\x1b[0m \x1b]0;PWNED-TITLE\x07 shop\r\nFAKE LINE"


def test_names_and_descriptions_from_vmoox_arrive_on_one_line(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_project("prj_3", name=ESCAPES)
    sandbox.set_project("prj_5", name="HUGE " + "A" * 20_000)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    post_on_server(sandbox, "from the web\r\nsecond line\ttabbed", start)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0

    listed = run_timo(timo_home, "projects", server=sandbox)
    assert listed.returncode == 0, listed.stderr
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert not any(line.startswith("FAKE LINE") for line in listed.stdout.splitlines())
    projects = run_timo(timo_home, "projects", "--json", server=sandbox)
    names = {project["name"] for project in json.loads(projects.stdout)["projects"]}
    assert "Globex  [31mRED [0m  ]0;PWNED-TITLE  shop FAKE LINE" in names
    huge = next(name for name in names if name.startswith("HUGE"))
    assert len(huge) == NAME_LIMIT and huge.endswith("…")

    log = run_timo(timo_home, "log", "--from", start.date().isoformat(), server=sandbox)
    assert "from the web second line tabbed" in log.stdout
    assert "\r" not in log.stdout and "\t" not in log.stdout

    started = run_timo(timo_home, "start", "x", "--project", "prj_3", server=sandbox)
    assert started.returncode == 0, started.stderr
    assert "\x1b" not in started.stdout and "FAKE LINE)" in started.stdout.splitlines()[0]


def test_one_line_keeps_plain_text_as_it_is() -> None:
    assert one_line("Café ☕ — R&D <b>", 300) == "Café ☕ — R&D <b>"
    assert one_line("a\x00\x1fb\x7f\x9fc", 300) == "a b c"
    assert one_line("abcdef", 4) == "abc…"
