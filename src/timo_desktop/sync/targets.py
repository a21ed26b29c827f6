"""Whether an entry's target takes time, as the catalog last saw it: the one rule for the
Tracker, which refuses a new entry on a closed one at once (`Tracker.closed_target`), and
for sync, which sends again by itself an entry Vmoox refused for one that takes time
again (`SyncEngine._target_back`)."""

from __future__ import annotations

from timo_desktop.core.bidi import isolated
from timo_desktop.core.entry import Target
from timo_desktop.store.database import Reader


def closed_target(reader: Reader, target: Target) -> str | None:
    """Why no more time can go to `target`, as the catalog last saw it (`project 'Website'
    is archived`), read by `reader` (a write transaction's, to start on it): its project
    or record closed to time (`core.catalog.closed_to_time`, as for `--project`), or in a
    workspace the user cannot track time in (`_untrackable`), or its task archived or
    moved to another project (Vmoox refuses all of these). None when it takes time, or
    when the catalog does not know it (never fetched), which is left to Vmoox."""
    from timo_desktop.core.catalog import closed_to_time

    if target.record_id:
        found = [r for r in reader.records(include_inactive=True) if r.id == target.record_id]
        if not found:
            return None
        named = f"record '{isolated(found[0].name)}'"
        if why := closed_to_time(found[0]):
            return f"{named} {why}"
        return _untrackable(reader, found[0].workspace_id, named)
    project = reader.project(target.project_id) if target.project_id else None
    if project is None:  # none, or one never fetched
        return None
    if why := closed_to_time(project):
        return f"project '{isolated(project.name)}' {why}"
    if why := _untrackable(reader, project.workspace_id, f"project '{isolated(project.name)}'"):
        return why
    if target.task_id is None:
        return None
    task = next((t for t in reader.tasks() if t.id == target.task_id), None)
    if task is None:  # none, or one never fetched
        return None
    if task.project_id != project.id:
        moved = reader.project(task.project_id)
        where = f"project '{isolated(moved.name)}'" if moved else "another project"
        return (
            f"task '{isolated(task.name)}' of project '{isolated(project.name)}' moved to {where}"
        )
    if task.status == "archived":
        return f"task '{isolated(task.name)}' of project '{isolated(project.name)}' is archived"
    return None


def _untrackable(reader: Reader, workspace_id: str | None, named: str) -> str | None:
    """`project 'Portfolio' is in Studio, and your access to Studio was removed`: `named`
    is in a workspace sync found the user cannot track time in (the entry would only be
    held there, never sent); None otherwise."""
    from timo_desktop.sync.status import frozen_workspaces

    held = frozen_workspaces(reader).get(workspace_id or "")
    if held is None:
        return None
    where = isolated(held.get("name") or workspace_id or "")
    return f"{named} is in {where}, and {held.get('reason')}"


def takes_time(reader: Reader, target: Target) -> bool:
    """Whether the catalog knows `target`'s project or record, and it takes time
    (`closed_target`): one it does not know is no news that it does."""
    if target.record_id:
        known = any(r.id == target.record_id for r in reader.records(include_inactive=True))
    else:
        known = target.project_id is not None and reader.project(target.project_id) is not None
    return known and closed_target(reader, target) is None
