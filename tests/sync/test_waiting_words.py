"""What waits, counted right and in grammar: entries whose project went away counted apart
from one waiting for Vmoox's clock, with "need" for more than one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, slot
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
