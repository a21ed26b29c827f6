"""Tasks have no changes feed on Vmoox: a task changed there (estimate, name, done) reaches
Timo when the whole catalog is read again — at the first round (`timo sync`, a start), at
Sync now, and an hour after the last such read — at one request per active project."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Timo
from timo_desktop.core.catalog import Task

LAYOUT = "tsk_2"  # "Homepage layout" of Acme website relaunch, 24 h in the demo seed
WORKSHOP = "tsk_1"  # "Discovery workshop" of the same project


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
