"""A `#` typed before a tag is the mark Timo shows before every tag, not part of its name:
`--tag '#design'` is the tag `design`, listed as `#design` (it was `##design`, a second tag
beside `design`), as the app's tag fields read it. The real CLI in-process, on a real
database in a fresh TIMO_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timo_desktop.cli import run_cli
from timo_desktop.core.entry import parse_tags
from timo_desktop.paths import resolve
from timo_desktop.store.database import Store
from timo_desktop.store.outbox import Op

DAY = ("--from", "2026-03-02", "--to", "2026-03-02")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run_cli(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _add(capsys: pytest.CaptureFixture[str], start: str, *tags: str) -> str:
    status, out, err = _run(
        capsys, "add", "Design", "--date", "2026-03-02", "-s", start, "-d", "30m", *tags
    )
    assert status == 0, err
    return out.rsplit("[", 1)[1][:8]


def test_a_typed_mark_is_not_part_of_the_tag(
    timo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(capsys, "09:00", "--tag", "#design,# call")
    _add(capsys, "10:00", "--tag", "design")
    status, out, _ = _run(capsys, "log", "--json", *DAY)
    assert [e["tags"] for e in json.loads(out)] == [["design", "call"], ["design"]]
    status, out, _ = _run(capsys, "log", *DAY)
    assert "#design  #call" in out and "##" not in out
    # The report finds it with the mark typed or not, and counts it as one tag.
    for typed in ("#design", "design"):
        status, out, err = _run(capsys, "report", "--json", "--by", "tag", "--tag", typed, *DAY)
        assert status == 0, err
        rows = {row["label"]: row["hours"] for row in json.loads(out)["rows"]}
        assert rows == {"design": 1.0, "call": 0.5}
    assert parse_tags("#design, # call") == ("design", "call")  # the app's tag fields


def test_the_mark_alone_is_no_tag(timo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timo edit --tag '#'` removed every tag, as `--tag ,,,` did before it was refused."""
    ref = _add(capsys, "09:00", "--tag", "design")
    status, _, err = _run(capsys, "edit", ref, "--tag", "#")
    assert status == 2 and "give a value, not '#'; --no-tags removes every tag" in err
    status, out, _ = _run(capsys, "log", "--json", *DAY)
    assert [e["tags"] for e in json.loads(out)] == [["design"]]


def test_a_tag_kept_with_the_mark_in_its_name_is_still_found(
    timo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tags were kept as typed, `#design` among them: typed as it is shown in `did you mean`,
    it is found, with `design` beside it."""
    ref = _add(capsys, "09:00", "--tag", "design")
    with Store.open(resolve().database) as store, store.write() as tx:
        [entry] = store.with_prefix(ref)
        tx.save(entry.changed(entry.updated_at, tags=("#design",)), Op.UPDATE, entry.updated_at)
    _add(capsys, "10:00", "--tag", "design")
    status, out, err = _run(capsys, "report", "--json", "--by", "tag", "--tag", "#design", *DAY)
    assert status == 0, err
    assert json.loads(out)["totals"]["hours"] == 1.0
