"""An estimate's "to date" is the whole team's time: Vmoox's count of everyone's finished
time on the project or task, as of the last catalog read, with this computer's own time
as it is here (changes not yet sent, a running timer) in place of what Vmoox had of it —
so each entry counts once, whatever happened to it since."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, slot
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Report, Span
from timo_desktop.services.reports import Reports

SEO = Target(project_id="prj_4")  # Globex SEO retainer, 20 h in the demo seed
WEBSITE = Target(project_id="prj_1")
MONITORING = Target(project_id="prj_4", task_id="tsk_10")  # Monthly audit, 8 h
HOUR = 3600


def _report(timo: Timo, group_by: GroupBy = GroupBy.PROJECT) -> Report:
    today = datetime.now(UTC).date()
    return Reports(timo.tracker).report(Span(today - timedelta(days=90), today), group_by)


def _to_date(timo: Timo, key: str = "prj_4", group_by: GroupBy = GroupBy.PROJECT) -> int:
    row = next(row for row in _report(timo, group_by).rows if row.key == key)
    assert row.estimate is not None
    return row.estimate.actual_seconds


def _vmoox_minutes(sandbox: SandboxHandle, project_id: str = "prj_4", task_id: str = "") -> int:
    """Everyone's finished time on the project (or its task), as Vmoox counts it now."""
    path = f"/v1/workspaces/{sandbox.workspace_id}/projects"
    if task_id:
        path += f"/{project_id}/tasks"
    items = sandbox.client.get(path, params={"limit": "500"}).json()["data"]
    return int(next(i["tracked_minutes"] for i in items if i["id"] == (task_id or project_id)))


def _someone_else_tracks(sandbox: SandboxHandle, user_id: str, minutes: int) -> None:
    """Another member of the workspace books time on the SEO retainer through the API."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)
    body = {
        "client_ref": str(uuid.uuid4()),
        "target": {"type": "project", "id": "prj_4", "task_id": "tsk_10"},
        "description": "Audit",
        "tags": [],
        "billable": True,
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=minutes)).isoformat(),
        "timezone": "Europe/Berlin",
    }
    token = sandbox.mint_pat(user_id)
    sent = sandbox.admin.post(
        sandbox.entries_path(),
        json=body,
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert sent.status_code == 201, sent.text


def _mine_here(timo: Timo, project_id: str = "prj_4") -> int:
    """This person's time on the project in this computer's database."""
    return sum(
        int((e.end - e.start).total_seconds())
        for e in timo.tracker.between(datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC))
        if e.target.project_id == project_id and e.end is not None
    )


def test_to_date_counts_the_whole_teams_time_as_vmoox_does(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    # Sam booked 12 h, this person 10h 40m: 22h 40m against 20 h, over, whatever Timo
    # holds of its own.
    _someone_else_tracks(sandbox, "usr_2", 12 * 60)
    start, _ = slot(1)
    timo.tracker.add("Retainer", start, start + timedelta(minutes=640), target=MONITORING)
    timo.engine.sync_until_done(timeout=60)
    counted = _vmoox_minutes(sandbox)
    assert counted * 60 == _mine_here(timo) + 12 * HOUR  # Sam's is the rest
    report = _report(timo)
    [seo] = [row for row in report.rows if row.key == "prj_4"]
    assert seo.estimate is not None
    assert seo.estimate.actual_seconds == counted * 60
    assert seo.estimate.over and (seo.estimate.percent_used or 0) >= 22.66 / 20
    assert report.to_date is not None and report.to_date.own_only == frozenset()
    assert report.to_date.counted_at is not None
    # Tasks too: Sam's 12 h went to the Monthly audit, as this person's 10h 40m did.
    audit = _vmoox_minutes(sandbox, "prj_4", "tsk_10")
    assert audit >= 12 * 60 + 640
    assert _to_date(timo, "tsk_10", GroupBy.TASK) == audit * 60


def test_changes_not_yet_sent_count_once_before_and_after_they_are_sent(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _someone_else_tracks(sandbox, "usr_2", 60)
    # Slots far enough apart that the quarter hour made 45 minutes overlaps nothing.
    edited, deleted, moved = (add(timo, n, f"work {n}", SEO) for n in (1, 10, 20))
    timo.engine.sync_until_done(timeout=60)
    counted = _vmoox_minutes(sandbox)
    website = _to_date(timo, "prj_1")
    assert _to_date(timo) == counted * 60
    # Here only: a new half hour, a quarter hour made 45 minutes, one deleted, one moved.
    start, _ = slot(30)
    timo.tracker.add("new", start, start + timedelta(minutes=30), target=SEO)
    timo.tracker.edit(edited.client_ref, end=edited.start + timedelta(minutes=45))
    timo.tracker.delete(deleted.client_ref)
    timo.tracker.edit(moved.client_ref, target=WEBSITE)
    expected = (counted + 30 + 30 - 15 - 15) * 60
    assert _to_date(timo) == expected
    assert _to_date(timo, "prj_1") == website + 15 * 60
    # Sent, and within the hour no new count: each still counts once.
    assert timo.engine.sync(pull=False).pending == 0
    assert _to_date(timo) == expected
    assert _to_date(timo, "prj_1") == website + 15 * 60
    # Counted again, Vmoox agrees.
    timo.engine.retry_now()
    timo.engine.sync()
    assert _vmoox_minutes(sandbox) * 60 == expected == _to_date(timo)


def test_a_running_timer_counts_up_to_now_once_sent_or_not(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _someone_else_tracks(sandbox, "usr_3", 90)
    timo.engine.sync()
    counted = _vmoox_minutes(sandbox)
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=20)
    timo.tracker.start("Audit", target=SEO, at=started)

    def running_part(report: Report) -> int:
        return int((report.generated_at - started).total_seconds())

    report = _report(timo)
    [seo] = [row for row in report.rows if row.key == "prj_4"]
    assert seo.estimate is not None
    assert seo.estimate.actual_seconds == counted * 60 + running_part(report)
    # Vmoox counts only finished time, so a timer running there too counts here once.
    timo.engine.retry_now()
    timo.engine.sync()
    assert _vmoox_minutes(sandbox) == counted
    report = _report(timo)
    [seo] = [row for row in report.rows if row.key == "prj_4"]
    assert seo.estimate is not None
    assert seo.estimate.actual_seconds == counted * 60 + running_part(report)


def test_time_from_the_persons_other_computer_counts_once(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    _someone_else_tracks(sandbox, "usr_2", 60)
    timo.engine.sync()
    add(desktop, 5, "On the desktop", SEO)
    desktop.engine.sync_until_done(timeout=60)
    counted = _vmoox_minutes(sandbox)
    # Within the hour: the entry arrives, Vmoox's count of before stands beside it.
    timo.engine.sync()
    assert _to_date(timo) == counted * 60
    # Counted again in the same round that brings the entry: still once.
    add(desktop, 6, "On the desktop again", SEO)
    desktop.engine.sync_until_done(timeout=60)
    timo.engine.retry_now()
    timo.engine.sync()
    assert _to_date(timo) == _vmoox_minutes(sandbox) * 60 == (counted + 15) * 60


def test_a_project_vmoox_has_not_counted_is_the_persons_time_only_and_says_so(
    timo: Timo,
) -> None:
    timo.engine.sync()
    with timo.store.write() as tx:  # known here, never read from Vmoox with a count
        tx.put_projects([Project("prj_local", "Pitch", estimate_minutes=60)])
    add(timo, 7, "Pitch deck", Target(project_id="prj_local"))
    report = _report(timo)
    assert report.to_date is not None and report.to_date.own_only == {"prj_local"}
    [pitch] = [row for row in report.rows if row.key == "prj_local"]
    assert pitch.estimate is not None and pitch.estimate.actual_seconds == 15 * 60


def test_alone_on_a_project_to_date_is_the_persons_own_time_before_and_after_a_sync(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    assert _vmoox_minutes(sandbox) * 60 == _mine_here(timo)  # nobody else on the retainer
    # 10m 40s, which Vmoox counts as 11 minutes; then enough to bring the person's time to
    # an odd number of minutes and a half, which Vmoox rounds up to the even minute.
    for n in range(2):
        mine = _mine_here(timo)
        whole = mine // 60 + 10
        seconds = 640 if n == 0 else (whole + 1 - whole % 2) * 60 + 30 - mine
        start, _ = slot(n)
        timo.tracker.add("Audit", start, start + timedelta(seconds=seconds), target=SEO)
        before = _to_date(timo)
        assert before == _mine_here(timo)
        timo.engine.retry_now()
        timo.engine.sync()
        assert _vmoox_minutes(sandbox) * 60 > _mine_here(timo)  # Vmoox rounded it up
        assert _to_date(timo) == before
