"""Sync health's fixes on the engine: download, resend, either version of an entry that
differs, and delete the duplicate copies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    Timo,
    assert_in_agreement,
    edit_on_server,
    post_on_server,
    server_entries,
    server_entry,
)
from timo_desktop.store import sync_state


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def test_download_brings_a_server_only_entry_in(timo: Timo, sandbox: SandboxHandle) -> None:
    timo.engine.sync()
    ref = post_on_server(sandbox, "Made on the web", _now() - timedelta(hours=3))
    [finding] = timo.engine.health().findings
    assert (finding.kind, finding.action) == ("missing_here", "download")

    assert timo.engine.download(ref) is True
    here = timo.store.get(ref)
    assert here is not None and here.description == "Made on the web"
    assert timo.engine.health().healthy
    assert_in_agreement(timo.store, sandbox)


def test_download_of_an_entry_the_server_lacks_changes_nothing(timo: Timo) -> None:
    timo.engine.sync()
    missing = str(uuid.uuid4())
    assert timo.engine.download(missing) is False
    assert timo.store.get(missing) is None


def test_resend_puts_a_lost_entry_back_once(timo: Timo, sandbox: SandboxHandle) -> None:
    start = _now() - timedelta(hours=2)
    entry = timo.tracker.add(
        "Lost on the way", start, start + timedelta(minutes=20), target=PROJECT
    )
    timo.engine.sync()
    sandbox.reset()  # the server loses it without telling Timo (an older backup restored)
    mine = [f for f in timo.engine.health().findings if entry.client_ref in f.client_refs]
    assert [(f.kind, f.action) for f in mine] == [("missing_on_server", "resend")]

    timo.engine.resend(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    assert [e["client_ref"] for e in server_entries(sandbox)].count(entry.client_ref) == 1
    after = timo.engine.health().findings
    assert not [f for f in after if entry.client_ref in f.client_refs]


def test_delete_copies_keeps_the_local_one_and_removes_the_twin(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    start = _now() - timedelta(hours=4)
    mine = timo.tracker.add("Twice", start, start + timedelta(minutes=30), target=PROJECT)
    timo.engine.sync()
    sandbox.set_workspace(allow_overlap=True)
    twin = post_on_server(sandbox, "Twice", start)
    [finding] = [f for f in timo.engine.health().findings if f.action == "delete_copy"]

    kept = timo.engine.delete_copies(finding.client_refs)
    timo.engine.sync_until_done(timeout=60)
    assert kept == mine.client_ref
    refs = {e["client_ref"] for e in server_entries(sandbox)}
    assert mine.client_ref in refs and twin not in refs
    assert sync_state.open_refs(timo.store.connection) == set()
    assert timo.engine.health().healthy


def _differing(timo: Timo, sandbox: SandboxHandle) -> str:
    """An entry edited on the web after it synced, before Timo has fetched the change;
    yesterday at 10:00 UTC, so its two ends never fall on two days (which the words date)."""
    start = (_now() - timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    entry = timo.tracker.add(
        "Homepage", start, start + timedelta(minutes=45), target=PROJECT, billable=True
    )
    timo.engine.sync()
    edit_on_server(
        sandbox,
        entry.client_ref,
        {
            "description": "Homepage layout",
            "billable": False,
            "end": _text(start + timedelta(hours=1)),
        },
    )
    return entry.client_ref


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_differing_entry_names_each_field_both_ways(timo: Timo, sandbox: SandboxHandle) -> None:
    ref = _differing(timo, sandbox)
    [finding] = timo.engine.health().findings
    assert (finding.kind, finding.action, finding.other_action) == (
        "differs",
        "take_server_copy",
        "send_mine",
    )
    assert [d.field for d in finding.differences] == ["description", "billable", "end"]
    words = [d.words("UTC") for d in finding.differences]
    assert words[0] == "Description: 'Homepage' here, 'Homepage layout' on Vmoox"
    assert words[1] == "Billable: billable here, not billable on Vmoox"
    start = timo.store.get(ref).start  # type: ignore[union-attr]
    ends = [(start + timedelta(minutes=m)).strftime("%H:%M") for m in (45, 60)]
    assert words[2] == f"End: {ends[0]} here, {ends[1]} on Vmoox"
    assert finding.to_json()["differences"][0] == {
        "field": "description",
        "here": "Homepage",
        "there": "Homepage layout",
    }


def test_keep_mine_puts_every_local_field_back_on_the_server(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _differing(timo, sandbox)
    assert timo.engine.send_mine(ref) is True
    timo.engine.sync_until_done(timeout=60)
    remote = server_entry(sandbox, ref)
    assert (remote["description"], remote["billable"]) == ("Homepage", True)
    assert timo.engine.health().healthy
    assert_in_agreement(timo.store, sandbox)


def test_take_the_servers_version_of_a_differing_entry(timo: Timo, sandbox: SandboxHandle) -> None:
    ref = _differing(timo, sandbox)
    assert timo.engine.download(ref) is True
    here = timo.store.get(ref)
    assert here is not None and (here.description, here.billable) == ("Homepage layout", False)
    assert timo.engine.health().healthy
