"""A workspace sync finds time cannot be tracked in is not offered for new time: the
window's project pickers (`Tracker.catalog`) leave its projects out, and one picked anyway
(continuing an earlier entry, say) is refused with the reason (`Tracker.closed_target`),
worded for what happened: access removed, or a role without time tracking."""

from __future__ import annotations

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo
from timo_desktop.core.entry import Target
from timo_desktop.services.tracker import TargetClosed

PORTFOLIO = Target(project_id="prj_9")  # in ws_2, "Dana's Side Studio"
SIDE = "Dana's Side Studio"


@pytest.mark.parametrize(
    ("membership", "why"),
    [
        (
            {"permissions": ["records:view", "projects:view"]},
            f"your role in {SIDE} (owner) does not include tracking time",
        ),
        ({"status": "revoked"}, f"your access to {SIDE} was removed"),
    ],
)
def test_projects_of_a_workspace_time_cannot_go_to_are_not_offered(
    timo: Timo, sandbox: SandboxHandle, membership: dict[str, object], why: str
) -> None:
    timo.engine.sync()
    assert "prj_9" in {p.id for p in timo.tracker.catalog().projects}
    sandbox.set_membership(workspace_id="ws_2", **membership)

    timo.engine.sync()

    offered = {p.id for p in timo.tracker.catalog().projects}
    assert "prj_9" not in offered and "prj_1" in offered
    said = f"project 'Portfolio site' is in {SIDE}, and {why}"
    assert timo.tracker.closed_target(PORTFOLIO) == said
    with pytest.raises(TargetClosed) as refused:
        timo.tracker.start("Portfolio", target=PORTFOLIO)
    assert str(refused.value) == f"{said}: start 'Portfolio' without it, or with another project"
    assert timo.tracker.running() is None
