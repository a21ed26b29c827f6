"""`timo projects`: what time can be tracked against, from the catalog kept on this computer."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from typing import Any


def register(subparsers: Any) -> None:
    """Add `timo projects`."""
    projects = subparsers.add_parser(
        "projects",
        help="list projects, their tasks and records",
        description="List, by workspace, the projects that take time with their open tasks,"
        " and the records time can be tracked against: the names --project, --task and"
        " --record take ($: billable by default); a name used more than once, in two"
        " workspaces say, shows the id that tells them apart (--json gives every id). Read"
        " from the catalog kept on this computer, so it works offline; the app and `timo"
        " sync` fetch it anew.",
    )
    projects.add_argument(
        "word",
        nargs="?",
        help="only the projects, tasks (under their project) and records whose names hold it",
    )
    projects.add_argument(
        "--json", action="store_true", help='{"projects": [… with their "tasks"], "records": […]}'
    )
    projects.set_defaults(handler=projects_command)


def projects_command(args: argparse.Namespace) -> int:
    """`timo projects [WORD] [--json]`: the catalog by workspace, or what holds WORD."""
    from timo_desktop.cli.common import catalog_note, open_tracker, print_json
    from timo_desktop.core.catalog import closest, did_you_mean
    from timo_desktop.core.folding import folded
    from timo_desktop.sync.status import workspace_names

    tracker = open_tracker(reading=True)
    catalog = tracker.catalog()
    workspaces = workspace_names(tracker.store)
    word = folded((args.word or "").strip())
    projects = []
    for project in catalog.projects:
        tasks = catalog.tasks.get(project.id, ())
        if word not in folded(project.name):
            tasks = tuple(task for task in tasks if word in folded(task.name))
            if not tasks:
                continue
        projects.append((project, tasks))
    records = [record for record in catalog.records if word in folded(record.name)]
    if args.json:
        print_json(
            {
                "projects": [
                    {
                        "id": project.id,
                        "name": project.name,
                        "workspace_id": project.workspace_id,
                        "workspace_name": workspaces.get(project.workspace_id or ""),
                        "billable_default": project.billable_default,
                        "tasks": [{"id": task.id, "name": task.name} for task in tasks],
                    }
                    for project, tasks in projects
                ],
                "records": [
                    {
                        "id": record.id,
                        "name": record.name,
                        "type": record.type,
                        "workspace_id": record.workspace_id,
                        "workspace_name": workspaces.get(record.workspace_id or ""),
                    }
                    for record in records
                ],
            }
        )
        return 0
    note = catalog_note(tracker)
    if not (catalog.projects or catalog.records):
        print(f"{note[:1].upper()}{note[1:]}." if note else "No project here takes time.")
        return 0
    if not (projects or records):
        names = [p.name for p in catalog.projects] + [r.name for r in catalog.records]
        names += [task.name for tasks in catalog.tasks.values() for task in tasks]
        near = did_you_mean(closest(args.word, names))
        print(f"No project, task or record holds '{args.word}'{near}")
        return 0
    # What --project or --record cannot find by its name alone is listed with its id.
    repeated = _repeated(catalog.projects) | _repeated(catalog.records)
    for workspace in [*workspaces, *_unnamed(projects, records, workspaces)]:
        _print_workspace(
            workspaces.get(workspace, workspace),
            [(p, tasks) for p, tasks in projects if (p.workspace_id or "") == workspace],
            [r for r in records if (r.workspace_id or "") == workspace],
            repeated,
        )
    if note:
        print(f"({note})")
    return 0


def _unnamed(projects: list[Any], records: list[Any], named: dict[str, str]) -> list[str]:
    """The workspaces of what is listed that have no name here, in the order first met
    (`""`: cached before the catalog kept its workspace)."""
    found = [p.workspace_id or "" for p, _tasks in projects] + [
        r.workspace_id or "" for r in records
    ]
    return [ws for ws in dict.fromkeys(found) if ws not in named]


def _repeated(items: Sequence[Any]) -> set[str]:
    """The ids of the items whose name another of them has too."""
    from timo_desktop.core.folding import folded

    counts = Counter(folded(item.name) for item in items)
    return {item.id for item in items if counts[folded(item.name)] > 1}


def _print_workspace(
    name: str, projects: list[Any], records: list[Any], repeated: set[str]
) -> None:
    if not (projects or records):
        return
    if name:
        print(name)
    if projects:
        print("  Projects")
    for project, tasks in projects:
        told = f" ({project.id})" if project.id in repeated else ""
        print(f"    {project.name}{told}{'  $' if project.billable_default else ''}")
        for task in tasks:
            print(f"      {task.name}")
    if records:
        print("  Records")
    for record in records:
        told = f", {record.id}" if record.id in repeated else ""
        print(f"    {record.name} ({record.type}{told})")
