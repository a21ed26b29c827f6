"""Names and descriptions with emoji, CJK and accents in the command line's tables and
shortened lines: columns line up by the cells a terminal gives each character, and text is
cut only between graphemes (no half flag, no emoji cut at its joiner).

Cells are measured by wcwidth, the library terminals' own widths are taken from."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from wcwidth import iter_graphemes, width

from tests.support.cli import ZONE
from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.database import Store

from .conftest import Timo

DAY = date(2026, 1, 5)
ON_DAY = ("--from", f"{DAY}", "--to", f"{DAY}")
# An emoji with its emoji-style selector (✈ alone is one cell), one joined from two (👩 and
# 💻, which would be four), a flag (two letters that make one), CJK, a decomposed accent.
NAMES = ["Website", "✈️ Flight", "👩‍💻 Code review", "🇩🇪 Berlin trip", "会議 📞", "Cafe\u0301"]
FLAGS = "🇩🇪" * 40  # a name with no space to wrap at, wider than a line
CODING = "👩‍💻" * 30
# What `timo log` and `timo report` print around the names: ASCII, dashes, …, › and ▼.
TIMO_OWN = set(string.printable) | set("…–›▼")


def _database(names: list[str]) -> Path:
    """A catalog with a project of each name (prj_0…), and a task `Layout` on prj_0."""
    database = resolve().ensure().database
    with Store.open(database) as store, store.write() as tx:
        tx.put_projects([Project(f"prj_{n}", name) for n, name in enumerate(names)])
        tx.put_tasks([Task("tsk_1", "prj_0", "Layout")])
    return database


def _add(entries: list[tuple[str, Target, tuple[str, ...]]]) -> None:
    """Entries on DAY, an hour each from 08:00: (description, target, tags)."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    try:
        for hour, (description, target, tags) in enumerate(entries, start=8):
            start = at_local(DAY, time(hour), ZONE)
            tracker.add(description, start, start + timedelta(hours=1), target=target, tags=tags)
    finally:
        tracker.close()


def _printed(timo: Timo, *args: str) -> str:
    done = timo(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _foreign(printed: str, *texts: str) -> set[str]:
    """The graphemes of `printed` that are neither whole graphemes of `texts` nor Timo's
    own characters: a cut flag (🇩 alone), an emoji cut at its joiner (👩 with the joiner)."""
    whole = {grapheme for text in texts for grapheme in iter_graphemes(text)}
    return set(iter_graphemes(printed)) - whole - TIMO_OWN


@pytest.mark.parametrize("by", ["project", "tag"])
def test_a_reports_columns_line_up_whatever_the_names(timo: Timo, by: str) -> None:
    """The figures after ✈️ and 👩‍💻 stood a cell right and two left of the others: each
    character was counted on its own, not as the terminal draws them together."""
    _database(NAMES)
    _add([(name, Target(project_id=f"prj_{n}"), (name,)) for n, name in enumerate(NAMES)])
    lines = _printed(timo, "report", "--by", by, *ON_DAY).splitlines()
    # The rules: under the heading, and above the total.
    rules = [n for n, line in enumerate(lines) if set(line) == {"-"}]
    head, first, last = rules[0] - 1, rules[0] + 1, rules[1]
    rows = [*lines[first:last], lines[last + 1]]  # each group's, and the total
    assert {name for name in NAMES if any(row.startswith(name) for row in rows)} == set(NAMES)
    # The ratio is the last figure; its ▼ (below target) is left out where a row has none.
    assert len({width(row.rstrip(" ▼")) for row in rows}) == 1, "\n".join(lines)
    assert width(lines[rules[0]]) == width(lines[head])


def test_the_log_shortens_a_description_between_graphemes(timo: Timo) -> None:
    """A long description of flags or joined emoji lost half a flag (🇩) or kept 👩 and its
    joiner without the 💻 before the …, whichever column the cut fell on."""
    _database(["Website"])
    # Each emoji after 0 to 3 letters: one of them puts the cut inside it, wherever it falls.
    descriptions = [f"{'x' * n}{emoji}" for n in range(4) for emoji in (FLAGS, CODING)]
    _add([(text, Target(), ()) for text in descriptions])
    printed = _printed(timo, "log", *ON_DAY)
    assert printed.count("…") == len(descriptions), printed
    assert _foreign(printed, *descriptions) == set(), printed


def test_a_long_project_name_wraps_between_graphemes(timo: Timo) -> None:
    """`[🇩🇪🇩🇪…]` wider than the line is cut where it must be: between two flags."""
    _database([FLAGS, CODING])
    _add([("Trip", Target(project_id="prj_0"), ()), ("Code", Target(project_id="prj_1"), ())])
    printed = _printed(timo, "log", *ON_DAY)
    assert all(width(line) <= 80 for line in printed.splitlines()), printed
    assert _foreign(printed, FLAGS, CODING) == set(), printed


def test_the_commands_attention_offers_line_up_past_a_wide_project_name(
    timo: Timo, timo_home: Path
) -> None:
    """`timo edit REF --project '会議 📞' --task T` was padded by its characters, so what it
    does stood three cells right of what the command under it does."""
    from timo_desktop.cli.attention import INDENT, item_lines
    from timo_desktop.sync.attention import Attention

    database = _database(["会議 📞"])
    _add([("Weekly call", Target(project_id="prj_0", task_id="tsk_1"), ())])
    with Store.open(database) as store, store.write() as tx:  # archived since the entry was made
        tx.put_tasks([replace(store.tasks()[0], status="archived")])
    tracker = Tracker.open(database, zone=ZONE)
    try:
        [entry] = tracker.between(at_local(DAY, time(0), ZONE), at_local(DAY, time(23), ZONE))
        lines = item_lines(tracker, Attention("target", "needs a new task", entry))
    finally:
        tracker.close()
    offered = [line for line in lines if line.startswith(f"{INDENT}timo ")]
    assert "--project '会議 📞' --task T" in offered[0]
    says = [width(line[: line.rindex("  ") + 2]) for line in offered]  # where "does" begins
    assert len(offered) == 3 and len(set(says)) == 1, "\n".join(lines)
