"""A new finished entry (Add time manually, `timo add`, Duplicate) is not booked on a
project, task or record that takes no time any more, by the rule a timer follows: sync
would only park it. Entries already there stay editable, and a target the catalog never
fetched is left to Vmoox."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from tests.services.test_continue_rules import (  # noqa: F401  (the fixtures)
    ACME,
    LAYOUT,
    SHOP,
    WEBSITE,
    catalog_says,
    clock,
    earlier,
    tracker,
)
from tests.support.clock import Clock
from timo_desktop.core.entry import Target
from timo_desktop.services import Tracker
from timo_desktop.services.tracker import TargetClosed


@pytest.mark.parametrize(
    ("target", "change", "why"),
    [
        (
            Target(project_id=WEBSITE.id),
            {"projects": [replace(WEBSITE, status="archived")]},
            "project 'Website' is archived: add 'Layout' without it, or with another project",
        ),
        (
            Target(project_id=WEBSITE.id, task_id=LAYOUT.id),
            {"tasks": [replace(LAYOUT, project_id=SHOP.id)]},
            "task 'Layout' of project 'Website' moved to project 'Webshop': add 'Layout'"
            " without it, or with another project",
        ),
        (
            Target(record_id=ACME.id),
            {"records": [replace(ACME, status="deleted")]},
            "record 'Acme GmbH' is deleted: add 'Layout' without it, or with another record",
        ),
    ],
)
def test_add_refuses_a_target_that_takes_no_time_any_more(
    tracker: Tracker,  # noqa: F811
    clock: Clock,  # noqa: F811
    target: Target,
    change: dict[str, Any],
    why: str,
) -> None:
    ref = earlier(tracker, clock, target)
    catalog_says(tracker, **change)
    start = clock.now - timedelta(hours=4)
    with pytest.raises(TargetClosed) as refused:
        tracker.add("Layout", start, start + timedelta(hours=1), target=target, tags=["ui"])
    assert str(refused.value) == why
    assert refused.value.draft.target == target and refused.value.draft.tags == ("ui",)
    assert [e.client_ref for e in tracker.between(start - timedelta(days=1), clock.now)] == [ref]
    # The entry already on it is still the person's to change (only new ones are refused).
    assert tracker.edit(ref, description="Layout review").description == "Layout review"


def test_duplicate_refuses_an_entry_whose_project_closed_since(
    tracker: Tracker,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    ref = earlier(tracker, clock, Target(project_id=WEBSITE.id))
    start = clock.now - timedelta(hours=4)
    unknown = tracker.add(
        "Review", start, start + timedelta(hours=1), target=Target(project_id="prj_never_seen")
    ).client_ref
    catalog_says(tracker, projects=[replace(WEBSITE, status="archived")])
    with pytest.raises(TargetClosed, match=r"^project 'Website' is archived: add 'Layout' with"):
        tracker.duplicate(ref, start=clock.now - timedelta(hours=6))
    assert len(tracker.between(clock.now - timedelta(days=1), clock.now)) == 2
    # One the catalog never fetched is left to Vmoox, as for a timer.
    copy = tracker.duplicate(unknown, start=clock.now - timedelta(hours=6))
    assert copy.target == Target(project_id="prj_never_seen")
