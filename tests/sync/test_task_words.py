"""An entry Vmoox refused for its task says what became of the task: moved to another
project (named, when the catalog knows it), archived, or gone from the project; not
"lost its task"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, assert_in_agreement, server_entry
from timo_desktop.core.bidi import use_isolates
from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.entry import Target
from timo_desktop.store import sync_state
from timo_desktop.store.database import Store
from timo_desktop.sync.status import read_status
from timo_desktop.sync.words import target_problem

# In the demo seed, "Moodboards" (tsk_4) is a task of Acme brand refresh (prj_2).
MOODBOARDS_UNDER_WEBSITE = Target(project_id="prj_1", task_id="tsk_4")


def _waiting(timo: Timo) -> str | None:
    [(_, code, message)] = sync_state.attention(timo.store.connection)
    assert code == "target-unavailable"
    return message


@pytest.fixture(params=[False, True], ids=["command line", "desktop app"])
def isolates(request: pytest.FixtureRequest) -> Iterator[None]:
    """Worded by `timo sync`, or by the desktop app's worker, which sets names apart for
    the screen (`core.bidi`): saved, the reason reads the same either way."""
    use_isolates(request.param)
    yield
    use_isolates(False)


def test_a_task_now_in_another_project_is_said_to_have_moved_there(
    timo: Timo, sandbox: SandboxHandle, isolates: None
) -> None:
    timo.engine.sync()  # the catalog: where each task is now
    [moved_task] = [t for t in timo.store.tasks() if t.id == "tsk_4"]
    with timo.store.write() as tx:  # as it was when the entry was made (now it is refused)
        tx.put_tasks([replace(moved_task, project_id="prj_1")])
    entry = add(timo, 1, "Moodboard review", MOODBOARDS_UNDER_WEBSITE)
    with timo.store.write() as tx:
        tx.put_tasks([moved_task])
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    moved = "needs a new project: its task “Moodboards” moved to project Acme brand refresh"
    assert _waiting(timo) == moved
    assert read_status(timo.store).message == f"1 entry {moved}"
    # The fix the words point to keeps the task: its new project with it.
    timo.engine.retarget(entry.client_ref, Target(project_id="prj_2", task_id="tsk_4"))
    timo.engine.sync_until_done(timeout=60)
    sent = server_entry(sandbox, entry.client_ref)["target"]
    assert (sent["id"], sent["task_id"]) == ("prj_2", "tsk_4")
    assert_in_agreement(timo.store, sandbox)


def test_a_task_the_catalog_does_not_know_is_said_to_be_gone_from_the_project(
    timo: Timo,
) -> None:
    timo.engine.sync()
    add(timo, 2, "Old task", Target(project_id="prj_1", task_id="tsk_gone"))
    timo.engine.sync_until_done(timeout=60)
    assert _waiting(timo) == "needs a new task: its task is no longer part of Acme website relaunch"


def test_an_archived_task_is_named_with_its_project(timo: Timo) -> None:
    store: Store = timo.store
    website, layout = Project("prj_w", "Website"), Task("tsk_l", "prj_w", "Layout")
    with store.write() as tx:
        tx.put_projects([website])
        tx.put_tasks([layout])
    entry = add(timo, 3, "Layout", Target(project_id="prj_w", task_id="tsk_l"))
    with store.write() as tx:  # archived since the entry was made
        tx.put_tasks([replace(layout, status="archived")])
    words = target_problem(store, entry, "task-archived")
    assert words == "needs a new task: “Layout” of Website was archived"


def test_an_archived_task_is_fixed_with_another_task_of_its_project(timo: Timo) -> None:
    """`timo attention` offered only `timo edit REF --project P`: another project, for an
    entry whose project takes time still and only wants another task."""
    from timo_desktop.cli.attention import fixes
    from timo_desktop.sync.attention import Attention

    website, layout = Project("prj_w", "Acme Website"), Task("tsk_l", "prj_w", "Layout")
    with timo.store.write() as tx:
        tx.put_projects([website])
        tx.put_tasks([layout])
    entry = add(timo, 3, "Layout", Target(project_id="prj_w", task_id="tsk_l"))
    with timo.store.write() as tx:  # archived since the entry was made
        tx.put_tasks([replace(layout, status="archived")])
    said = target_problem(timo.store, entry, "task-archived")
    ref = entry.client_ref[:8]
    another_task = f"timo edit {ref} --project 'Acme Website' --task T"
    assert fixes(timo.tracker, Attention("target", said, entry)) == [
        (another_task, "gives it another task of Acme Website"),
        (f"timo edit {ref} --project P", "gives it another project (or --record R)"),
        (f"timo retry {ref}", "sends it again as it is, once Vmoox takes it"),
    ]
    with timo.store.write() as tx:  # its project archived too: another project it is
        tx.put_projects([replace(website, status="archived")])
    assert [command for command, _ in fixes(timo.tracker, Attention("target", said, entry))] == [
        f"timo edit {ref} --project P",
        f"timo retry {ref}",
    ]
