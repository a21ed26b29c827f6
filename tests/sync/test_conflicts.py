"""Cases 8-10, 18, 22 and 23: both sides changed, and the changes feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    OTHER_PROJECT,
    Timo,
    add,
    assert_in_agreement,
    delete_on_server,
    edit_on_server,
    server_entries,
    server_entry,
)
from timo_desktop.core.entry import Target
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_case08_different_fields_changed_on_each_side_merge_automatically(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    edit_on_server(sandbox, entry.client_ref, {"description": "named on the web"})
    timo.tracker.edit(entry.client_ref, tags=["local-tag"])
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.conflicts == 0
    remote = server_entry(sandbox, entry.client_ref)
    assert remote["description"] == "named on the web" and remote["tags"] == ["local-tag"]
    assert [s.status for s in timo.recorder.sent if s.method == "PATCH"] == [412, 200]
    assert_in_agreement(timo.store, sandbox)


def test_case09_same_field_changed_on_both_sides_server_wins_and_local_can_be_restored(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    edit_on_server(sandbox, entry.client_ref, {"description": "the web's words"})
    timo.tracker.edit(entry.client_ref, description="my words")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.conflicts == 1 and report.pending == 0
    assert server_entry(sandbox, entry.client_ref)["description"] == "the web's words"
    [conflict] = sync_state.conflicts(timo.store.connection, entry.client_ref)
    assert (conflict.field, conflict.local_value) == ("description", "my words")
    assert_in_agreement(timo.store, sandbox)

    timo.engine.restore_local_value(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, entry.client_ref)["description"] == "my words"
    assert sync_state.conflicts(timo.store.connection) == []
    assert_in_agreement(timo.store, sandbox)


def test_case10_edited_here_deleted_there_user_restores(timo: Timo, sandbox: SandboxHandle) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    delete_on_server(sandbox, entry.client_ref)
    timo.tracker.edit(entry.client_ref, description="still worked on it")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    waiting = timo.store.get(entry.client_ref)
    assert waiting is not None and waiting.sync_state.value == "attention"
    assert waiting.description == "still worked on it"  # nothing lost while the user decides
    assert_in_agreement(timo.store, sandbox, waiting={entry.client_ref})

    copy = timo.engine.restore_deleted(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, copy)["description"] == "still worked on it"
    assert_in_agreement(timo.store, sandbox)


def test_case10_edited_here_deleted_there_user_discards(timo: Timo, sandbox: SandboxHandle) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    delete_on_server(sandbox, entry.client_ref)
    timo.tracker.edit(entry.client_ref, description="not needed after all")
    timo.engine.sync_until_done(timeout=60)
    timo.engine.discard_deleted(entry.client_ref)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 0 and report.pending == 0
    gone = timo.store.get(entry.client_ref)
    assert gone is not None and gone.is_deleted
    assert_in_agreement(timo.store, sandbox)


def _start_on_web(sandbox: SandboxHandle, start: datetime) -> dict[str, Any]:
    import uuid

    response = sandbox.client.post(
        sandbox.entries_path(),
        json={
            "client_ref": str(uuid.uuid4()),
            "target": {"type": "project", "id": "prj_3"},
            "description": "started on the web",
            "start": _iso(start),
            "timezone": "Europe/Berlin",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_case18_second_running_timer_the_newer_one_here_keeps_running(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    timo.engine.sync()
    web = _start_on_web(sandbox, now - timedelta(minutes=30))
    mine = timo.tracker.start("started here", at=now - timedelta(minutes=10)).started
    assert mine is not None
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 0
    stopped = server_entry(sandbox, web["client_ref"])
    assert stopped["end"] == _iso(now - timedelta(minutes=10))
    assert server_entry(sandbox, mine.client_ref)["end"] is None
    stops = [s for s in timo.recorder.sent if s.path.endswith("/stop")]
    assert len(stops) == 1
    assert_in_agreement(timo.store, sandbox)


def test_case18_second_running_timer_the_newer_one_on_the_web_keeps_running(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    timo.engine.sync()
    mine = timo.tracker.start("started here", at=now - timedelta(minutes=30)).started
    assert mine is not None
    web = _start_on_web(sandbox, now - timedelta(minutes=10))
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 0
    assert server_entry(sandbox, web["client_ref"])["end"] is None
    assert server_entry(sandbox, mine.client_ref)["end"] == _iso(now - timedelta(minutes=10))
    running = timo.tracker.running()
    assert running is not None and running.client_ref == web["client_ref"]
    assert not [s for s in timo.recorder.sent if s.path.endswith("/stop")]
    assert_in_agreement(timo.store, sandbox)


def test_case18_timer_stopped_on_the_web_meanwhile_is_not_stopped_twice(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    first = timo.tracker.start("here", at=now - timedelta(minutes=40)).started
    assert first is not None
    timo.engine.sync()
    web_end = _iso(now - timedelta(minutes=20))
    remote = server_entry(sandbox, first.client_ref)
    response = sandbox.client.post(
        sandbox.entries_path(f"/{remote['id']}/stop"), json={"end": web_end}
    )
    assert response.status_code == 200
    timo.tracker.stop(at=now - timedelta(minutes=5))
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0
    assert server_entry(sandbox, first.client_ref)["end"] == web_end
    [conflict] = sync_state.conflicts(timo.store.connection, first.client_ref)
    assert conflict.field == "end" and conflict.local_value == _iso(now - timedelta(minutes=5))
    assert_in_agreement(timo.store, sandbox)


def test_case22_expired_sync_token_resyncs_fully_without_duplicates(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entries = [add(timo, i) for i in range(3)]
    timo.engine.sync()
    edit_on_server(sandbox, entries[0].client_ref, {"description": "changed on the web"})
    web = _start_on_web(sandbox, datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    sandbox.expire_sync_tokens()
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0
    changes = [s for s in timo.recorder.sent if s.path.endswith("/time-entries/changes")]
    assert [s.status for s in changes][-2:] == [410, 200]
    local = timo.store.get(entries[0].client_ref)
    assert local is not None and local.description == "changed on the web"
    assert timo.store.get(web["client_ref"]) is not None
    count = timo.store.connection.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert count == len(server_entries(sandbox))
    assert_in_agreement(timo.store, sandbox)


def test_case23_feed_shifting_while_paged_misses_nothing_and_ignores_stale_versions(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine._puller.page_size = 5
    pages = 0

    def shift(request, response) -> None:  # type: ignore[no-untyped-def]
        nonlocal pages
        if request.url.path.endswith("/time-entries/changes") and response is not None:
            pages += 1
            if pages == 2:
                seeded = server_entries(sandbox)
                edit_on_server(sandbox, seeded[0]["client_ref"], {"description": "moved 1"})
                edit_on_server(sandbox, seeded[-1]["client_ref"], {"description": "moved 2"})

    timo.recorder.after.append(shift)
    timo.engine.sync()
    assert pages > 3
    assert_in_agreement(timo.store, sandbox)

    from timo_desktop.vmoox.models import TimeEntry

    current = server_entries(sandbox)[0]
    stale = TimeEntry.model_validate(
        {**current, "version": current["version"] - 1, "description": "old"}
    )
    with timo.engine.store.write() as tx:
        assert timo.engine._puller.apply(tx, [stale]) == 0
    assert_in_agreement(timo.store, sandbox)


def test_case23_a_page_carrying_an_entry_twice_keeps_the_newer_version(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    from timo_desktop.vmoox.models import TimeEntry

    current = server_entries(sandbox)[0]
    newer = TimeEntry.model_validate(
        {**current, "version": current["version"] + 2, "description": "newer"}
    )
    older = TimeEntry.model_validate(
        {**current, "version": current["version"] + 1, "description": "older"}
    )
    with timo.engine.store.write() as tx:
        assert timo.engine._puller.apply(tx, [newer, older]) == 1
    local = timo.store.get(current["client_ref"])
    assert local is not None and local.description == "newer"
    link = sync_state.links(timo.store.connection, [current["client_ref"]])
    assert link[current["client_ref"]].remote_version == current["version"] + 2


def test_a_project_changed_on_both_sides_is_named_on_each(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Both sides read "project another one (yours: another one)", and a record on Vmoox was
    called a project: nobody could tell which side was which before choosing."""
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, target=OTHER_PROJECT)
    record_there = {"target": {"type": "record", "id": "rec_6", "task_id": None}}
    edit_on_server(sandbox, entry.client_ref, record_there)
    timo.engine.sync()
    [item] = needs_attention(timo.store, zone="Europe/Berlin")
    record = timo.store.names(Target(record_id="rec_6"))[2]
    project, task, _ = timo.store.names(OTHER_PROJECT)
    assert record and project and task
    assert item.message == (
        f"Changed on the server while you edited it: record “{record}”"
        f" (yours: project “{project} › {task}”)."
    )


def test_a_conflict_follows_the_server_changing_the_field_again(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Changed on Vmoox a second time, the conflict still named the first value, and
    keep-theirs said it kept a value the entry no longer had."""
    entry = add(timo, 1)
    timo.engine.sync()
    edit_on_server(sandbox, entry.client_ref, {"description": "web desc 1"})
    timo.tracker.edit(entry.client_ref, description="mine")
    timo.engine.sync_until_done(timeout=60)
    edit_on_server(sandbox, entry.client_ref, {"description": "web desc 2"})
    timo.engine.sync_until_done(timeout=60)
    [conflict] = sync_state.conflicts(timo.store.connection, entry.client_ref)
    assert (conflict.server_value, conflict.local_value) == ("web desc 2", "mine")
    [item] = needs_attention(timo.store)
    assert item.message == (
        "Changed on the server while you edited it: description “web desc 2” (yours: “mine”)."
    )
    edit_on_server(sandbox, entry.client_ref, {"description": "mine"})  # settled there
    timo.engine.sync_until_done(timeout=60)
    assert sync_state.conflicts(timo.store.connection, entry.client_ref) == []
