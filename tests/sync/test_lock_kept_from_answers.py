"""Case 21 on the push's side: Vmoox's answers to a push (an entry accepted, a 412's copy, a
create's `client_ref` already there) mark an entry in a locked period read-only as they
mark an invoiced one. What sync keeps of each holds only a lock for good, as the pull's
does (`test_lock_pulled`): once the period is unlocked the entry is editable again, never
refused here as invoiced. A 412's read-only copy brings the web's changes in as any 412's
does: the edit made here, sent once unlocked, takes back none of them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    OTHER_PROJECT,
    PROJECT,
    ZONE,
    Timo,
    add,
    assert_in_agreement,
    edit_on_server,
    post_on_server,
    server_entry,
    sync_past_backoff,
)
from tests.sync.test_locked_running_timer import overnight_synced
from timo_desktop.core.local_time import to_text
from timo_desktop.core.validation import KeptReadOnly
from timo_desktop.sync.attention import needs_attention

BATCH = "/v1/workspaces/*/time-entries:batch"
ONE_ENTRY = "/v1/workspaces/*/time-entries/*"


def _lock_a_week_back(sandbox: SandboxHandle) -> None:
    """Lock the period before a week ago (the entries `add` makes are a month old)."""
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())


def _create_answer_lost(timo: Timo, sandbox: SandboxHandle) -> None:
    """Vmoox takes the creates of this round but its answer is lost, and it asks for a
    pause before they are sent again: they go in a later round."""
    sandbox.add_fault(BATCH, "commit_then_drop", method="POST", times=1)

    def pause_after_the_loss(request: httpx.Request, response: httpx.Response | None) -> None:
        if response is None and request.url.path.endswith(":batch"):
            sandbox.add_fault(BATCH, "status", method="POST", times=1, retry_after=30)

    timo.recorder.after.append(pause_after_the_loss)
    sync_past_backoff(timo)
    assert [s.status for s in timo.recorder.writes(":batch")] == [None, 503]
    timo.time.sleep(31)  # as long as Vmoox asked


def _stopped_here_and_on_the_web_then_locked(timo: Timo, sandbox: SandboxHandle) -> str:
    """A timer running since last night, stopped on the web at 23:30, its period (up to
    today) locked, then stopped here; its `client_ref`."""
    ref, today = overnight_synced(timo, sandbox)
    web_end = datetime.combine(today, time(0), ZoneInfo(ZONE)) - timedelta(minutes=30)
    response = sandbox.client.post(
        sandbox.entries_path(f"/{server_entry(sandbox, ref)['id']}/stop"),
        json={"end": to_text(web_end)},
    )
    assert response.status_code == 200
    sandbox.set_workspace(lock_date=today.isoformat())
    timo.tracker.stop()
    return ref


def _editable_once_unlocked(timo: Timo, sandbox: SandboxHandle, ref: str) -> None:
    """The admin unlocks the period: the entry is edited here and Vmoox takes the edit."""
    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    edited = timo.tracker.edit(ref, description="with notes, after the unlock")
    timo.engine.sync()
    assert server_entry(sandbox, ref)["description"] == edited.description
    assert "locked" not in {item.kind for item in needs_attention(timo.store)}
    assert_in_agreement(timo.store, sandbox)


def test_a_stop_answered_with_a_copy_in_a_locked_period_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """A timer stopped on the web too: Vmoox answers the stop sent from here with its copy
    unchanged, marked read-only for the period locked since."""
    ref = _stopped_here_and_on_the_web_then_locked(timo, sandbox)
    timo.engine.sync(push=False)  # the lock is known here; the stop waits to be sent
    timo.engine.sync()
    answers = [s.status for s in timo.recorder.writes("/stop")]
    assert answers == [200]  # taken: Vmoox had it stopped already
    assert server_entry(sandbox, ref)["locked"]

    _editable_once_unlocked(timo, sandbox, ref)


def _rules_read(timo: Timo, sandbox: SandboxHandle) -> int:
    """How many times the workspace's rules were read from Vmoox so far."""
    path = f"/v1/workspaces/{sandbox.workspace_id}"
    return sum(1 for s in timo.recorder.sent if s.method == "GET" and s.path == path)


def test_a_copy_marked_locked_before_the_lock_is_pulled_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """As above, but the round that sends the stop is the first to meet the lock: the
    answer, marked read-only, is judged by the workspace's rules read again then (once),
    not by those of the last pull, which know no lock date and would keep the entry
    read-only for good, as if invoiced."""
    ref = _stopped_here_and_on_the_web_then_locked(timo, sandbox)
    before = _rules_read(timo, sandbox)
    timo.engine.sync()
    assert [s.status for s in timo.recorder.writes("/stop")] == [200]
    assert server_entry(sandbox, ref)["locked"]
    assert _rules_read(timo, sandbox) == before + 2  # for the answer, then the pull's

    _editable_once_unlocked(timo, sandbox, ref)


def test_a_create_answered_marked_locked_before_the_lock_is_pulled_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Vmoox took the create but its answer was lost; the period was locked before the
    retry, in a round that had not read the rules since: Vmoox's answer, marked
    read-only, is judged by the rules read again then."""
    entry = add(timo, 1)
    _create_answer_lost(timo, sandbox)
    _lock_a_week_back(sandbox)
    sandbox.expire_idempotency_keys()
    timo.engine.sync()
    assert [s.status for s in timo.recorder.writes(":batch")] == [None, 503, 200]
    assert needs_attention(timo.store) == []

    _editable_once_unlocked(timo, sandbox, entry.client_ref)


def test_a_create_retried_after_its_key_expired_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Vmoox took the create but its answer was lost; the period was locked before the
    retry, which Vmoox answers with the entry it has, marked read-only."""
    entry = add(timo, 1)
    _create_answer_lost(timo, sandbox)
    _lock_a_week_back(sandbox)
    timo.engine.sync(push=False)  # the lock is known here; the create waits to be sent
    sandbox.expire_idempotency_keys()
    timo.engine.sync_until_done(timeout=60)
    batches = [s.status for s in timo.recorder.writes(":batch")]
    assert batches == [None, 503, 200]
    assert needs_attention(timo.store) == []

    _editable_once_unlocked(timo, sandbox, entry.client_ref)


def test_a_create_taken_up_as_the_entry_vmoox_has_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Vmoox took the create, its answer was lost, and the entry was changed on the web
    before the period was locked: the retry finds the `client_ref` there with other
    content, and Timo takes that entry up, marked read-only."""
    entry = add(timo, 1)
    _create_answer_lost(timo, sandbox)
    edit_on_server(sandbox, entry.client_ref, {"tags": ["web"]})
    _lock_a_week_back(sandbox)
    timo.engine.sync(push=False)  # the lock is known here; the create waits to be sent
    sandbox.expire_idempotency_keys()
    timo.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, entry.client_ref)["tags"] == ["web"]
    taken = timo.store.get(entry.client_ref)
    assert taken is not None and taken.tags == ("web",)

    _editable_once_unlocked(timo, sandbox, entry.client_ref)


def test_a_412_with_a_copy_in_a_locked_period_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """An edit sent against a version changed on the web, the period locked since: the
    412 brings Vmoox's copy, marked read-only. The edit, sent again, meets an outage and
    waits as Vmoox asks; the admin unlocks meanwhile, and the entry is editable here."""
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="edited here")
    edit_on_server(sandbox, entry.client_ref, {"tags": ["web"]})
    _lock_a_week_back(sandbox)
    timo.engine.sync(push=False)  # the lock is known here; the edit waits to be sent
    outage: list[str] = []

    def after_the_412(request: httpx.Request, response: httpx.Response | None) -> None:
        if response is not None and response.status_code == 412 and not outage:
            fault = sandbox.add_fault(ONE_ENTRY, "status", method="PATCH", times=1, retry_after=30)
            outage.append(fault["id"])

    timo.recorder.after.append(after_the_412)
    timo.engine.sync()
    patches = [s.status for s in timo.recorder.sent if s.method == "PATCH"]
    assert patches == [412, 503]
    sandbox.set_workspace(lock_date=None)
    timo.time.sleep(31)  # as long as Vmoox asked
    timo.engine.sync(push=False)  # the unlock is known here; the edit still waits

    edited = timo.tracker.edit(entry.client_ref, description="edited here, after the unlock")
    timo.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, entry.client_ref)["description"] == edited.description
    assert_in_agreement(timo.store, sandbox)


def test_a_timer_pulled_running_beside_an_older_one_here_keeps_no_lock_for_good(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """A timer started here, not sent yet, and a newer one started on the web in a period
    locked since: the pull stops the one here and brings the web's in running, marked
    read-only. Once unlocked, it is changed and stopped here like any other."""
    sandbox.set_workspace(max_entry_seconds=2 * 86400)
    timo.engine.sync()
    today = datetime.now(ZoneInfo(ZONE)).date()
    midnight = datetime.combine(today, time(0), ZoneInfo(ZONE))
    here = timo.tracker.start("here", target=PROJECT, at=midnight - timedelta(hours=2)).started
    assert here is not None
    web_start = (midnight - timedelta(hours=1)).astimezone(UTC)
    web = post_on_server(sandbox, "Phone timer", web_start, running=True)
    sandbox.set_workspace(lock_date=today.isoformat())
    timo.engine.sync(push=False)
    assert timo.store.running() == timo.store.get(web)
    stopped_here = timo.store.get(here.client_ref)
    assert stopped_here is not None and stopped_here.end == web_start

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    edited = timo.tracker.edit(web, description="Phone timer, with notes")
    stopped = timo.tracker.stop()
    assert stopped is not None and stopped.client_ref == web
    timo.engine.sync()
    assert stopped.end is not None
    assert server_entry(sandbox, web)["end"] == to_text(stopped.end)
    assert server_entry(sandbox, web)["description"] == edited.description
    assert_in_agreement(timo.store, sandbox)


def test_a_name_changed_on_both_sides_in_a_period_locked_since_is_asked_and_goes_on_keep_mine(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """End to end: an entry renamed on the web, then its period locked, is renamed here
    before the lock is known (sent against the older version: a 412). The name, changed on
    both sides, is the question any such field is, Vmoox's kept and nothing sent: while the
    period is locked Keep mine is refused with why; once the admin unlocks, Keep mine
    sends it, and the entry is edited here again with no refusal."""
    entry = add(timo, 1)
    timo.engine.sync()
    edit_on_server(sandbox, entry.client_ref, {"description": "renamed on the web"})
    _lock_a_week_back(sandbox)
    timo.tracker.edit(entry.client_ref, description="renamed here")
    timo.engine.sync(push=False)  # the lock is known here; the edit waits to be sent

    assert timo.engine.sync().conflicts == 1
    [item] = timo.tracker.sync_attention()
    assert item.kind == "conflict"
    assert [(c.local_value, c.server_value) for c in item.conflicts] == [
        ("renamed here", "renamed on the web")
    ]
    assert str(item.read_only).endswith("its period is locked; ask an admin to unlock it")
    with pytest.raises(KeptReadOnly):
        timo.engine.restore_local_value(entry.client_ref)
    assert [s.status for s in timo.recorder.sent if s.method == "PATCH"] == [412]

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    [item] = timo.tracker.sync_attention()
    assert (item.kind, item.read_only) == ("conflict", None)
    assert server_entry(sandbox, entry.client_ref)["description"] == "renamed on the web"
    timo.engine.restore_local_value(entry.client_ref)  # Keep mine
    timo.engine.sync()
    assert server_entry(sandbox, entry.client_ref)["description"] == "renamed here"
    _editable_once_unlocked(timo, sandbox, entry.client_ref)


def test_a_field_changed_on_both_sides_while_locked_is_asked_about_the_others_go_once_unlocked(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Renamed on the web, then its period locked; renamed and tagged here before the lock
    is known: Vmoox refuses the edit after its 412, both values kept beside. Once the admin
    unlocks, the tags, changed only here, go by themselves; the name, changed on both
    sides, waits for Keep mine, as a field changed on both sides does."""
    entry = add(timo, 1)
    timo.engine.sync()
    edit_on_server(sandbox, entry.client_ref, {"description": "renamed on the web"})
    _lock_a_week_back(sandbox)
    timo.tracker.edit(entry.client_ref, description="renamed here", tags=["here"])

    timo.engine.sync()
    [item] = needs_attention(timo.store)
    assert item.kind == "locked"
    kept = sorted((c.field, c.local_value) for c in item.conflicts)
    assert kept == [("description", "renamed here"), ("tags", ["here"])]

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    there = server_entry(sandbox, entry.client_ref)
    assert (there["description"], there["tags"]) == ("renamed on the web", ["here"])
    [item] = needs_attention(timo.store)
    assert item.kind == "conflict"
    assert [(c.field, c.local_value, c.server_value) for c in item.conflicts] == [
        ("description", "renamed here", "renamed on the web")
    ]

    timo.engine.restore_local_value(entry.client_ref)  # Keep mine
    timo.engine.sync()
    there = server_entry(sandbox, entry.client_ref)
    assert (there["description"], there["tags"]) == ("renamed here", ["here"])
    assert needs_attention(timo.store) == []
    assert_in_agreement(timo.store, sandbox)


def test_a_412_with_a_copy_in_a_locked_period_takes_the_web_change_the_edit_here_goes_beside(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Tagged on the web, described here, the period locked since: the 412's copy, marked
    read-only, brings the web's tags in here. The description, sent again, meets an outage;
    once the admin unlocks, it goes alone, the web's tags kept."""
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="described here")
    edit_on_server(sandbox, entry.client_ref, {"tags": ["web"]})
    _lock_a_week_back(sandbox)
    timo.engine.sync(push=False)  # the lock is known here; the edit waits to be sent

    def outage_after_the_412(request: httpx.Request, response: httpx.Response | None) -> None:
        if response is not None and response.status_code == 412:
            sandbox.add_fault(ONE_ENTRY, "status", method="PATCH", times=1, retry_after=30)

    timo.recorder.after.append(outage_after_the_412)
    timo.engine.sync()
    assert [s.status for s in timo.recorder.sent if s.method == "PATCH"] == [412, 503]
    here = timo.store.get(entry.client_ref)
    assert here is not None and (here.tags, here.description) == (("web",), "described here")

    sandbox.set_workspace(lock_date=None)
    timo.time.sleep(31)  # as long as Vmoox asked
    timo.engine.sync()
    there = server_entry(sandbox, entry.client_ref)
    assert (there["tags"], there["description"]) == (["web"], "described here")
    assert_in_agreement(timo.store, sandbox)


def test_an_edit_refused_for_a_locked_period_keeps_beside_only_what_was_changed_here(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Tagged and moved to another project on the web, described here, the period locked
    since: the 412 brings the web's changes in and the description, sent again, is refused.
    Only the description is kept beside; once the admin unlocks, it goes alone by itself,
    the web's tags and project kept."""
    entry = add(timo, 1)
    timo.engine.sync()
    web_project = {
        "type": "project",
        "id": OTHER_PROJECT.project_id,
        "task_id": OTHER_PROJECT.task_id,
    }
    edit_on_server(sandbox, entry.client_ref, {"tags": ["web"], "target": web_project})
    _lock_a_week_back(sandbox)
    timo.tracker.edit(entry.client_ref, description="described here")

    assert timo.engine.sync().attention == 1
    assert [s.status for s in timo.recorder.sent if s.method == "PATCH"] == [412, 409]
    [item] = needs_attention(timo.store)
    assert item.kind == "locked"
    assert [(c.field, c.local_value) for c in item.conflicts] == [("description", "described here")]

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    assert needs_attention(timo.store) == []
    there = server_entry(sandbox, entry.client_ref)
    assert (there["tags"], there["description"]) == (["web"], "described here")
    assert there["target"]["id"] == OTHER_PROJECT.project_id
    assert_in_agreement(timo.store, sandbox)
