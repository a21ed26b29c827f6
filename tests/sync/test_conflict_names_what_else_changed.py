"""A conflict names what else Vmoox changed: the end edited here and on Vmoox, where an
admin also made the entry not billable, said only "Changed on the server while you edited
it: end 12:45 (yours: 13:30).", and the entry quietly became non-billable. Fields changed
only there are still taken as they are; the question now names them too, as long as the
entry has them so. The real sandbox."""

from __future__ import annotations

from datetime import timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, edit_on_server, slot
from timo_desktop.core.local_time import describe_instant, local_day, to_text
from timo_desktop.sync.attention import needs_attention


def test_a_conflict_names_the_fields_vmoox_also_changed(timo: Timo, sandbox: SandboxHandle) -> None:
    start, end = slot(1, minutes=60)
    entry = timo.tracker.add("Design", start, end, target=PROJECT, billable=True)
    timo.engine.sync_until_done(timeout=60)
    theirs, mine = end - timedelta(minutes=15), end + timedelta(minutes=30)
    edit_on_server(sandbox, entry.client_ref, {"end": to_text(theirs), "billable": False})
    timo.tracker.edit(entry.client_ref, end=mine, description="Design review")

    timo.engine.sync_until_done(timeout=60)

    kept = timo.store.get(entry.client_ref)
    assert kept is not None and not kept.billable and kept.description == "Design review"
    [item] = needs_attention(timo.store, ZONE)
    day = local_day(start, ZONE)
    shown = [describe_instant(t, ZONE, relative_to=day) for t in (theirs, mine)]
    assert item.kind == "conflict"
    assert item.message == (
        f"Changed on the server while you edited it: end {shown[0]} (yours: {shown[1]});"
        " Vmoox also made it not billable."
    )

    # Made billable again there: no longer named, the question of the end still asked.
    edit_on_server(sandbox, entry.client_ref, {"billable": True})
    timo.engine.sync_until_done(timeout=60)
    [item] = needs_attention(timo.store, ZONE)
    assert item.message == (
        f"Changed on the server while you edited it: end {shown[0]} (yours: {shown[1]})."
    )


def test_a_conflict_names_a_project_vmoox_moved_it_to(timo: Timo, sandbox: SandboxHandle) -> None:
    start, end = slot(2, minutes=60)
    entry = timo.tracker.add("Design", start, end, target=PROJECT)
    timo.engine.sync_until_done(timeout=60)
    moved = {"type": "project", "id": "prj_3", "task_id": "tsk_6"}
    edit_on_server(sandbox, entry.client_ref, {"description": "Call", "target": moved})
    timo.tracker.edit(entry.client_ref, description="Meeting")

    timo.engine.sync_until_done(timeout=60)

    [item] = needs_attention(timo.store, ZONE)
    assert item.message == (
        "Changed on the server while you edited it: description “Call” (yours: “Meeting”);"
        " Vmoox also moved it to project “Globex shop build › Checkout”."
    )
