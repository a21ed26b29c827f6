"""Tags replaced and cleared with `timo edit`, tags parted by commas as in the app, and
projects found before and after the first sync: `timo projects`, close names, and what
to do when none were fetched."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.support.sandbox import SandboxHandle
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.local_time import to_text, utc_now
from timo_desktop.store.database import Store
from timo_desktop.sync.status import LAST_SUCCESS, WORKSPACES

from .conftest import Timo, as_json


def _ok(process: object) -> str:
    assert process.returncode == 0, process.stderr  # type: ignore[attr-defined]
    return str(process.stdout)  # type: ignore[attr-defined]


def _tags(timo: Timo) -> list[str]:
    [entry] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    return list(entry["tags"])


def _added(timo: Timo, *tags: str) -> str:
    out = _ok(timo("add", "Call", "--date", "yesterday", "--start", "09:00", "-d", "30m", *tags))
    return out.rsplit("[", 1)[1][:8]


def test_edit_replaces_the_tags_and_no_tags_removes_them_all(timo: Timo) -> None:
    ref = _added(timo, "--tag", "client", "--tag", "call")
    _ok(timo("edit", ref, "--tag", "review"))
    assert _tags(timo) == ["review"]
    _ok(timo("edit", ref, "--no-tags"))
    assert _tags(timo) == []
    help_text = " ".join(_ok(timo("edit", "--help")).split())
    assert "replaces the entry's tags" in help_text and "--no-tags remove every tag" in help_text


def test_no_tags_with_a_tag_and_an_empty_tag_are_refused_saying_what_clears(timo: Timo) -> None:
    ref = _added(timo, "--tag", "client")
    both = timo("edit", ref, "--no-tags", "--tag", "x")
    assert both.returncode == 2 and "not allowed with argument --no-tags" in both.stderr
    empty = timo("edit", ref, "--tag", "")
    assert empty.returncode == 2
    assert "give a value, not ''; --no-tags removes every tag" in empty.stderr
    assert _tags(timo) == ["client"]  # nothing written
    # `add` has no --no-tags, so it does not speak of it.
    refused = timo("add", "x", "-d", "5m", "--tag", "")
    assert refused.returncode == 2 and "--no-tags" not in refused.stderr


def test_a_tag_of_commas_only_is_refused_as_an_empty_one_is(timo: Timo) -> None:
    """`--tag ,,,` saved no tag, and on `timo edit` removed every one, with no undo."""
    ref = _added(timo, "--tag", "client")
    edited = timo("edit", ref, "--tag", ",,,")
    assert edited.returncode == 2
    assert "give a value, not ',,,'; --no-tags removes every tag" in edited.stderr
    assert _tags(timo) == ["client"]  # nothing written
    added = timo("add", "x", "-d", "5m", "--tag", " , ,")
    assert added.returncode == 2 and "argument --tag: give a value, not ', ,'" in added.stderr
    assert len(as_json(timo("log", "--json", "--from", "yesterday"))) == 1  # type: ignore[arg-type]


def test_a_tag_with_commas_is_several_and_a_repeat_keeps_its_first_spelling(timo: Timo) -> None:
    _added(timo, "--tag", "design,client a", "--tag", "Design", "--tag", "CLIENT A")
    assert _tags(timo) == ["design", "client a"]


def _catalog(home: Path, *, fetched_ago: timedelta | None) -> None:
    with Store.open(home / "data" / "timo.sqlite3") as store, store.write() as tx:
        tx.put_projects(
            [
                Project("prj_3", "Globex shop build", billable_default=True, workspace_id="ws_1"),
                Project("prj_4", "Globex SEO retainer", workspace_id="ws_1"),
                Project("prj_5", "Initech app onboarding", workspace_id="ws_1"),
                Project("prj_8", "Umbrella microsite", status="archived", workspace_id="ws_1"),
                Project("prj_9", "Portfolio site", workspace_id="ws_2"),
            ]
        )
        tx.put_tasks([Task("tsk_1", "prj_3", "Checkout"), Task("tsk_2", "prj_5", "Interviews")])
        tx.put_records([Record("rec_2", "client", "Globex GmbH", workspace_id="ws_1")])
        tx.set_meta(WORKSPACES, json.dumps([["ws_1", "Northwind Agency"], ["ws_2", "Side"]]))
        if fetched_ago is not None:
            tx.set_meta(LAST_SUCCESS, to_text(utc_now() - fetched_ago))


def test_projects_lists_the_catalog_by_workspace_offline(timo: Timo, timo_home: Path) -> None:
    _catalog(timo_home, fetched_ago=timedelta(hours=1))
    assert _ok(timo("projects")) == (
        "Northwind Agency\n"
        "  Projects\n"
        "    Globex SEO retainer\n"
        "    Globex shop build  $\n"
        "      Checkout\n"
        "    Initech app onboarding\n"
        "      Interviews\n"
        "  Records\n"
        "    Globex GmbH (client)\n"
        "Side\n"
        "  Projects\n"
        "    Portfolio site\n"
    )
    # A word keeps the names holding it, and a project for a task holding it.
    assert _ok(timo("projects", "interv")) == (
        "Northwind Agency\n  Projects\n    Initech app onboarding\n      Interviews\n"
    )
    listed = as_json(timo("projects", "globex", "--json"))
    assert isinstance(listed, dict)
    assert [p["name"] for p in listed["projects"]] == ["Globex SEO retainer", "Globex shop build"]
    assert listed["projects"][1] == {
        "id": "prj_3",
        "name": "Globex shop build",
        "workspace_id": "ws_1",
        "workspace_name": "Northwind Agency",
        "billable_default": True,
        "tasks": [{"id": "tsk_1", "name": "Checkout"}],
    }
    assert listed["records"] == [
        {
            "id": "rec_2",
            "name": "Globex GmbH",
            "type": "client",
            "workspace_id": "ws_1",
            "workspace_name": "Northwind Agency",
        }
    ]
    assert _ok(timo("projects", "Globx")) == (
        "No project, task or record holds 'Globx'"
        " — did you mean 'Globex SEO retainer', 'Globex shop build' or 'Globex GmbH'?\n"
    )


def test_a_near_miss_of_a_word_in_a_project_name_is_offered(timo: Timo, timo_home: Path) -> None:
    _catalog(timo_home, fetched_ago=timedelta(hours=1))
    refused = timo("add", "x", "-d", "5m", "-p", "Globx")
    assert refused.returncode == 1
    assert refused.stderr == (
        "timo: unknown project 'Globx' — did you mean 'Globex SEO retainer' or"
        " 'Globex shop build'?\n"
    )


def test_a_catalog_fetched_days_ago_says_so_where_a_name_is_unknown(
    timo: Timo, timo_home: Path
) -> None:
    _catalog(timo_home, fetched_ago=timedelta(days=3))
    refused = timo("add", "x", "-d", "5m", "-p", "Newco")
    assert refused.returncode == 1
    assert refused.stderr.startswith("timo: unknown project 'Newco' (projects last fetched ")
    assert refused.stderr.endswith("; `timo sync` fetches new ones)\n")
    assert _ok(timo("projects")).endswith("; `timo sync` fetches new ones)\n")
    # A part of several names is not a name missing from the catalog.
    several = timo("add", "x", "-d", "5m", "-p", "globex")
    assert "part of 2 project names" in several.stderr and "timo sync" not in several.stderr


def test_before_the_first_sync_a_project_says_to_sync_then_is_found(
    timo: Timo,
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    # Signed in (the token in the environment, as `timo login` keeps one), not synced yet.
    def signed_in(*args: str) -> object:
        return timo(*args, server=sandbox)

    sync = "run `timo sync` to fetch your projects"
    refused = signed_in("add", "Call", "-d", "30m", "-p", "Initech")
    assert refused.returncode == 1  # type: ignore[attr-defined]
    assert refused.stderr == f"timo: unknown project 'Initech' (no projects fetched yet: {sync})\n"  # type: ignore[attr-defined]
    assert _ok(signed_in("projects")) == f"No projects fetched yet: {sync}.\n"
    _ok(signed_in("sync"))
    assert "    Initech app onboarding  $\n" in _ok(signed_in("projects"))
    assert "(Initech app onboarding)" in _ok(signed_in("add", "Call", "-d", "30m", "-p", "Initech"))
