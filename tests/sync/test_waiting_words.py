"""What waits, counted right and in grammar: entries whose project went away counted apart
from one waiting for Vmoox's clock, with "need" for more than one; a reason said only when
every entry shares it, and entries held for a lost workspace said beside them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, delete_on_server, slot
from timo_desktop.core.entry import Target
from timo_desktop.sync.status import read_status

SEO = Target(project_id="prj_4")  # "Globex SEO retainer"


def test_two_entries_of_a_deleted_project_and_a_clock_wait(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()  # the catalog, so the words can name the project
    for index in (1, 2):
        timo.tracker.add(f"SEO {index}", *slot(index), target=SEO)
    sandbox.set_project("prj_4", status="deleted")
    timo.engine.sync()
    assert read_status(timo.store).message == (
        "2 entries need a new project: Globex SEO retainer was deleted"  # was "needs"
    )

    sandbox.set_clock(-2 * 3600)
    now = datetime.now(UTC).replace(microsecond=0)
    timo.tracker.add("just now", now - timedelta(minutes=35), now - timedelta(minutes=5))
    report = timo.engine.sync()
    assert report.attention == 3
    # Was "3 entries need a new target": the third only waits for Vmoox's clock.
    assert read_status(timo.store).message == (
        "2 entries need a new project: Globex SEO retainer was deleted; 1 more needs attention"
    )


def test_different_reasons_are_counted_and_held_entries_still_said(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()  # the catalog: which workspace each project is in
    long, gone = (timo.tracker.add(name, *slot(i)) for i, name in ((0, "Long"), (3, "Gone")))
    side = timo.tracker.add("Side", *slot(6), target=Target(project_id="prj_9"))  # ws_2
    timo.engine.sync()
    sandbox.set_workspace(max_entry_seconds=1200)
    timo.tracker.edit(long.client_ref, end=long.start + timedelta(minutes=30))
    delete_on_server(sandbox, gone.client_ref)
    timo.tracker.edit(gone.client_ref, description="Gone, edited here")
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    timo.tracker.edit(side.client_ref, description="Side, edited here")
    report = timo.engine.sync()
    assert (report.attention, report.frozen) == (2, 1)
    # Was "2 entries need attention: Vmoox refused its end (…)", the first one's reason
    # for both, and not a word of the entry held for Dana's Side Studio.
    assert read_status(timo.store).message == (
        "2 entries need attention; 1 entry held for Dana's Side Studio:"
        " your access to Dana's Side Studio was removed"
    )
