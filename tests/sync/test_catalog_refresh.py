"""Tasks have no changes feed on Vmoox: a task changed there (estimate, name, done) reaches
Timo when the whole catalog is read again — at the first round (`timo sync`, a start), at
Sync now, and an hour after the last such read — at one request per active project, and per
closed (archived, deleted) project entries here use, whose tasks still name report rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Timo
from timo_desktop.core.catalog import Task

LAYOUT = "tsk_2"  # "Homepage layout" of Acme website relaunch, 24 h in the demo seed
WORKSHOP = "tsk_1"  # "Discovery workshop" of the same project
SEO = "prj_4"  # "Globex SEO retainer", which the demo user's entries use
AUDIT = "tsk_10"  # its "Monthly audit", 8 h
UNUSED_ARCHIVED = "prj_8"  # "Umbrella microsite", archived in the seed, no entries


def _task(timo: Timo, task_id: str) -> Task:
    return next(task for task in timo.store.tasks() if task.id == task_id)


def _task_reads(timo: Timo) -> Counter[str]:
    return Counter(s.path for s in timo.recorder.sent if s.path.endswith("/tasks"))


def test_a_task_changed_on_vmoox_arrives_within_the_hour(
    timo: Timo, sandbox: SandboxHandle, fake_time: FakeTime
) -> None:
    timo.engine.sync()
    assert _task(timo, LAYOUT).estimate_minutes == 24 * 60
    active = [p.id for p in timo.store.projects()]
    sandbox.set_task(LAYOUT, estimate_minutes=30 * 60, name="Homepage layout and copy")
    sandbox.set_task(WORKSHOP, status="done")
    timo.recorder.sent.clear()
    fake_time.sleep(59 * 60)
    timo.engine.sync()
    # Within the hour a round asks for no tasks, so it knows nothing of the change.
    assert _task_reads(timo) == Counter()
    assert _task(timo, LAYOUT).estimate_minutes == 24 * 60
    fake_time.sleep(60)
    timo.engine.sync()
    changed = _task(timo, LAYOUT)
    assert (changed.name, changed.estimate_minutes) == ("Homepage layout and copy", 30 * 60)
    assert _task(timo, WORKSHOP).status == "done"
    # One request for each active project's tasks, each once.
    reads = _task_reads(timo)
    assert len(reads) == len(active) and set(reads.values()) == {1}
    assert {path.split("/")[-2] for path in reads} == set(active)


def test_sync_now_reads_the_tasks_again_at_once(timo: Timo, sandbox: SandboxHandle) -> None:
    timo.engine.sync()
    sandbox.set_task(LAYOUT, estimate_minutes=30 * 60)
    timo.engine.sync()
    assert _task(timo, LAYOUT).estimate_minutes == 24 * 60
    timo.engine.retry_now()  # what Sync now asks of the engine before its round
    timo.engine.sync()
    assert _task(timo, LAYOUT).estimate_minutes == 30 * 60


def test_a_new_engine_reads_the_tasks_again_at_its_first_round(
    timo: Timo, second_timo: Callable[[], Timo], sandbox: SandboxHandle
) -> None:
    """`timo sync` runs an engine of its own, so each command brings task changes."""
    timo.engine.sync()
    sandbox.set_task(LAYOUT, estimate_minutes=30 * 60)
    second_timo().engine.sync()
    assert _task(timo, LAYOUT).estimate_minutes == 30 * 60


def test_vmoox_asking_to_slow_down_mid_read_is_waited_for_then_finished(
    timo: Timo, sandbox: SandboxHandle, fake_time: FakeTime
) -> None:
    timo.engine.sync()
    sandbox.set_task(LAYOUT, estimate_minutes=30 * 60)
    sandbox.add_fault(
        "/v1/workspaces/*/projects/*/tasks", "status", status=429, retry_after=30, times=1
    )
    fake_time.sleep(60 * 60)
    report = timo.engine.sync()
    assert report.state == "idle" and report.wait == 30  # waiting as Vmoox asked
    assert _task(timo, LAYOUT).estimate_minutes == 24 * 60
    fake_time.sleep(30)
    timo.engine.sync()
    assert _task(timo, LAYOUT).estimate_minutes == 30 * 60


def test_a_read_cut_short_again_and_again_goes_on_where_it_stopped(
    timo: Timo, sandbox: SandboxHandle, fake_time: FakeTime
) -> None:
    """A workspace with more projects than Vmoox answers at a stretch: each round reads
    on from the project where the last was cut short, so the read ends, each project's
    tasks read once, and the estimate changed meanwhile arrives."""
    timo.engine.sync()
    active = {p.id for p in timo.store.projects()}
    assert len(active) >= 4
    sandbox.set_task(LAYOUT, estimate_minutes=30 * 60)
    # Every other request for tasks is refused, in an order fixed by the seed: read from
    # its start each time, the catalog would be read through only by chance.
    sandbox.add_fault(
        "/v1/workspaces/*/projects/*/tasks",
        "status",
        status=429,
        retry_after=5,
        probability=0.5,
        seed=7,
    )
    timo.recorder.sent.clear()
    fake_time.sleep(60 * 60)
    for _ in range(4 * len(active)):
        report = timo.engine.sync()
        if not report.errors:
            break
        fake_time.sleep(report.wait or 5)
    assert not report.errors, report.errors
    answered = Counter(
        s.path.split("/")[-2]
        for s in timo.recorder.sent
        if s.path.endswith("/tasks") and s.status == 200
    )
    assert set(answered) == active and set(answered.values()) == {1}
    assert _task(timo, LAYOUT).estimate_minutes == 30 * 60
    # Read through: the next round within the hour asks for no tasks.
    timo.recorder.sent.clear()
    timo.engine.sync()
    assert _task_reads(timo) == Counter()


def test_a_project_deleted_while_its_tasks_are_owed_ends_the_read_all_the_same(
    timo: Timo, sandbox: SandboxHandle, fake_time: FakeTime
) -> None:
    timo.engine.sync()
    first = sorted(p.id for p in timo.store.projects())[0]
    sandbox.add_fault(
        "/v1/workspaces/*/projects/*/tasks", "status", status=429, retry_after=5, times=1
    )
    fake_time.sleep(60 * 60)
    assert timo.engine.sync().errors  # cut short at its first project's tasks
    sandbox.add_fault(f"/v1/workspaces/*/projects/{first}/tasks", "status", status=404)
    fake_time.sleep(5)
    timo.recorder.sent.clear()
    report = timo.engine.sync()
    assert not report.errors, report.errors
    timo.recorder.sent.clear()
    timo.engine.sync()
    assert _task_reads(timo) == Counter()  # read through, nothing owed any more


def _projects_read(timo: Timo) -> set[str]:
    return {path.split("/")[-2] for path in _task_reads(timo)}


def test_tasks_of_a_project_archived_before_the_first_sync_are_read_for_reports(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Its entries' task names and estimates come from them; a closed project no entry
    here uses costs no request, and the pickers offer none of a closed project's tasks."""
    sandbox.set_project(SEO, status="archived")
    timo.engine.sync()
    used = "SELECT 1 FROM entries WHERE project_id = ?"
    assert timo.store.connection.execute(used, (SEO,)).fetchone()
    audit = _task(timo, AUDIT)
    assert (audit.name, audit.estimate_minutes) == ("Monthly audit", 8 * 60)
    active = {p.id for p in timo.store.projects()}
    assert _projects_read(timo) == active | {SEO}
    assert UNUSED_ARCHIVED not in _projects_read(timo)
    catalog = timo.tracker.catalog()
    assert SEO not in catalog.tasks and SEO not in {p.id for p in catalog.projects}


def _closed_on_vmoox_with_its_task_changed(timo: Timo, sandbox: SandboxHandle, status: str) -> None:
    timo.engine.sync()
    sandbox.set_project(SEO, status=status)
    sandbox.set_task(AUDIT, estimate_minutes=10 * 60, name="Monthly audit and report")
    timo.engine.retry_now()
    timo.engine.sync()


def test_tasks_of_a_project_archived_after_they_were_cached_are_still_refreshed(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _closed_on_vmoox_with_its_task_changed(timo, sandbox, "archived")
    audit = _task(timo, AUDIT)
    assert (audit.name, audit.estimate_minutes) == ("Monthly audit and report", 10 * 60)


def test_tasks_of_a_deleted_project_are_refreshed_while_vmoox_gives_them_then_kept(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _closed_on_vmoox_with_its_task_changed(timo, sandbox, "deleted")
    audit = _task(timo, AUDIT)
    assert (audit.name, audit.estimate_minutes) == ("Monthly audit and report", 10 * 60)
    sandbox.add_fault(f"/v1/workspaces/*/projects/{SEO}/tasks", "status", status=404)
    timo.engine.retry_now()
    report = timo.engine.sync()
    assert not report.errors, report.errors
    assert _task(timo, AUDIT) == audit  # still naming its entries in reports
