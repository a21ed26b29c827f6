"""`timo report`, `timo export`, `timo attention`: the weekly review from the command line.

Only `timo export --format pdf` loads Qt (to draw the PDF), and only then;
without a display it draws offscreen.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from timo_desktop.cli.common import IN_ZONE, add_billable_options, add_range_options

if TYPE_CHECKING:
    from timo_desktop.core.reports import ReportFilter, Span
    from timo_desktop.services import Tracker
    from timo_desktop.services.reports import Reports


def _workspace_option(parser: argparse.ArgumentParser, every: str) -> None:
    parser.add_argument(
        "--workspace",
        metavar="NAME",
        help="the workspace to cover: its name, a part of it, or its id (default: the one"
        f" `timo workspace` marks){every}",
    )


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", "-p", action="append", metavar="P", help="repeatable")
    parser.add_argument("--client", "-c", action="append", metavar="C", help="repeatable")
    parser.add_argument("--tag", action="append", metavar="TAG", help="repeatable")
    add_billable_options(parser, yes="only billable", no="only non-billable")


def register(subparsers: Any) -> None:
    """Add `report`, `export` and `attention`."""
    report = subparsers.add_parser(
        "report",
        help="hours, billable ratio, utilization and estimates (default: this week)",
        description="Hours, billable ratio, utilization and estimates (default: this week)."
        f" {IN_ZONE}",
    )
    add_range_options(report)
    report.add_argument(
        "--by",
        default="project",
        metavar="KEY",
        help="project (default), client, task, record, tag, service_type, phase, segment, day",
    )
    _workspace_option(report, "")
    _filter_options(report)
    output = report.add_mutually_exclusive_group()
    output.add_argument(
        "--json",
        action="store_true",
        help="rows, totals and days as JSON; the rows' hours add up to the totals'"
        " (except --by tag)",
    )
    output.add_argument(
        "--csv",
        action="store_true",
        help="the rows as CSV; their hours add up to the total (except --by tag)",
    )
    report.set_defaults(handler=report_command)

    export = subparsers.add_parser(
        "export",
        help="invoice inputs as CSV, or the report as PDF (default: this week)",
        description=f"Invoice inputs as CSV, or the report as PDF (default: this week). {IN_ZONE}",
    )
    add_range_options(export)
    export.add_argument(
        "--format",
        choices=("csv", "pdf"),
        help="csv (default), or pdf: the report drawn with Qt, the one command that loads it"
        " (the default for an -o FILE ending in .pdf)",
    )
    export.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="MIN",
        help="round each entry up to MIN minutes (for example 1, 6 or 15); CSV only",
    )
    export.add_argument(
        "--by",
        metavar="KEY",
        help="one CSV row per client, project, task, record or day (default: per entry);"
        " the PDF's grouping (default project)",
    )
    _workspace_option(
        export,
        "; a CSV has every workspace's entries unless one is named, each row naming its own",
    )
    _filter_options(export)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="default: stdout for a CSV, timo-report-FIRST-LAST.pdf here for a PDF",
    )
    export.set_defaults(handler=export_command)

    attention = subparsers.add_parser(
        "attention",
        help="what sync waits for you to decide, and entries to look at: no target, long,"
        " overlapping, not synced",
        description="What sync waits for you to decide (whatever its date), each with the"
        " commands that settle it; then the entries of the range to look at: no target,"
        f" long, overlapping, not synced. {IN_ZONE}",
    )
    add_range_options(attention)
    attention.add_argument(
        "--json", action="store_true", help="the entries and why, and sync's items, as JSON"
    )
    attention.set_defaults(handler=attention_command)


def _open(args: argparse.Namespace) -> tuple[Tracker, Reports, Span]:
    from timo_desktop import paths
    from timo_desktop.auth.account import AccountFile
    from timo_desktop.cli.common import load_settings, open_tracker
    from timo_desktop.services.reports import Reports

    settings = load_settings()
    tracker = open_tracker(settings=settings, reading=True)
    signed_in = AccountFile(paths.resolve().config).load() is not None
    reports = Reports.from_settings(tracker, settings, signed_in=signed_in)
    if getattr(args, "workspace", None) is not None:
        reports = reports.covering(workspace_named(reports, args.workspace))
    return tracker, reports, _span(reports, args)


def workspace_named(reports: Reports, wanted: str) -> str:
    """The id of the workspace `wanted` names (as `timo workspace NAME` finds it), or
    ALL_WORKSPACES for `all`, among those the last sync found."""
    from timo_desktop.cli.account import _Member, _pick_workspace
    from timo_desktop.core.errors import InvalidInput, NotFound
    from timo_desktop.services.reports import ALL_WORKSPACES

    if wanted.strip().casefold() == ALL_WORKSPACES:
        return ALL_WORKSPACES
    if not wanted.strip():
        raise InvalidInput("--workspace needs a workspace's name or id")
    known = reports.workspaces()
    if not known:
        raise NotFound(
            f'no workspace is known here to find "{wanted}" in: sign in and sync first'
            " (`timo login`, `timo sync`)"
        )
    picked = _pick_workspace([_Member(ws, name, None, None) for ws, name in known], wanted)
    if isinstance(picked, str):
        raise NotFound(picked)
    return picked.workspace_id


def _span(reports: Reports, args: argparse.Namespace) -> Span:
    from timo_desktop.cli.common import chosen_range
    from timo_desktop.core.reports import Preset

    chosen = chosen_range(args, reports.tracker.today())
    return chosen if chosen is not None else reports.span(Preset.THIS_WEEK)


def _narrowed(
    tracker: Tracker, reports: Reports, span: Span, args: argparse.Namespace
) -> tuple[Reports, ReportFilter]:
    """The filters the options give, and the reports on the workspace their projects and
    clients, or else the entries of `span` with their tags, are in when --workspace names
    none (`Reports.following`)."""
    from timo_desktop.core.catalog import Project, Record
    from timo_desktop.core.reports import ReportFilter

    # Last month's report may well name a project archived since.
    projects = [tracker.find_project(p, to_track=False) for p in args.project or ()]
    clients = [tracker.find_record(c, kind="client", to_track=False) for c in args.client or ()]
    named: list[tuple[str, Project | Record]] = [("project", p) for p in projects]
    named += [("client", c) for c in clients]
    filters = ReportFilter(
        project_ids=tuple(p.id for p in projects),
        client_ids=tuple(c.id for c in clients),
        tags=_tags(tracker, args),
        billable=args.billable,
    )
    chosen = args.workspace is not None
    return reports.following(named, chosen=chosen, span=span, filters=filters), filters


def _tags(tracker: Tracker, args: argparse.Namespace) -> tuple[str, ...]:
    """Every spelling kept of each --tag, refusing one no entry has."""
    from timo_desktop.core.catalog import closest, did_you_mean
    from timo_desktop.core.entry import tag_name
    from timo_desktop.core.errors import NotFound
    from timo_desktop.core.folding import folded, spellings

    known = tracker.all_tags() if args.tag else []
    kept = spellings(known)
    tags: list[str] = []
    for tag in args.tag or ():
        # Every spelling kept of it, as -p finds a project: in any case, its accents typed
        # either way (`café` for `cafe\u0301`), its mark typed or not (`#design`); and one
        # kept with the mark in its name, as tags were before it was taken for the mark.
        names = dict.fromkeys((folded(tag_name(tag)), folded(tag.strip())))
        same = [spelling for key in names for spelling in kept.get(key, [])]
        if not same:  # a typo would give an empty report that looks like a fact
            raise NotFound(f"no entry has the tag '{tag}'{did_you_mean(closest(tag, known))}")
        # The spelling typed first, where one has it: it is the one the report says.
        tags += sorted(same, key=lambda spelling: spelling not in (tag_name(tag), tag.strip()))
    return tuple(tags)


def report_command(args: argparse.Namespace) -> int:
    import sys

    from timo_desktop.cli.common import print_json
    from timo_desktop.core.reports import parse_group_by
    from timo_desktop.reports.formats import report_json, report_text, write_report_csv

    tracker, reports, span = _open(args)
    reports, filters = _narrowed(tracker, reports, span, args)
    report = reports.report(span, parse_group_by(args.by), filters)
    if args.json:
        print_json(
            report_json(report, zone=tracker.zone, start_of_day=f"{tracker.start_of_day:%H:%M}")
        )
    elif args.csv:
        write_report_csv(report, sys.stdout)
    else:
        print(report_text(report))
    return 0


def export_command(args: argparse.Namespace) -> int:
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.reports import GroupBy, parse_group_by, round_up

    args.format = _format(args.format, args.output)
    if args.format == "pdf" and args.round is not None:  # ignoring it would look like it applied
        raise InvalidInput(
            "--round rounds the entries of a CSV export; the PDF report shows time as tracked"
            " (leave out --round, or use --format csv)"
        )
    if args.format == "pdf" and args.output == "-":  # `-` is stdout, where a PDF is no use
        raise InvalidInput("a PDF is not written to stdout ('-o -'); give a file name with -o")
    tracker, reports, span = _open(args)
    if args.format == "csv" and args.workspace is None:
        # Invoice inputs of every workspace, each row naming its own: entries held for a
        # workspace one lost access to are exported from here too. Covering them all, it
        # follows no project, client or tag to one of them.
        from timo_desktop.services.reports import ALL_WORKSPACES

        reports = reports.covering(ALL_WORKSPACES)
    reports, filters = _narrowed(tracker, reports, span, args)
    round_up(0, args.round)  # refuses a bad --round before anything is written
    if args.format == "pdf":
        import os

        # No display is needed to draw a PDF, nor used: a QT_QPA_PLATFORM a profile sets for
        # the desktop (xcb, wayland) made Qt abort where there is none (SSH, cron).
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from timo_desktop.ui.report_pdf import export_pdf

        group_by = parse_group_by(args.by) if args.by else GroupBy.PROJECT
        report = reports.report(span, group_by, filters)
        target = args.output or f"timo-report-{span.first}-{span.last}.pdf"
        try:
            export_pdf(report, target, zone=tracker.zone)
        except OSError as error:
            raise InvalidInput(f"cannot write {target}: {error.strerror or error}") from None
        _say_written(target, f"Wrote {target}")
        return 0
    return _export_csv(tracker, reports, span, filters, args)


def _say_written(target: str, words: str) -> None:
    """Print `words`, that the export went to `target`, unless `target` is the standard
    output itself (`-o /dev/stdout`, `-o /dev/fd/1`): they would end up in the export."""
    import os
    import sys

    try:
        written_to_stdout = os.path.samestat(os.stat(target), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no standard output to compare with: not where it went
        written_to_stdout = False
    if not written_to_stdout:
        print(words)


def _format(chosen: str | None, output: str | None) -> str:
    """The export's format: as chosen, else as the file's name says (`-o nov.pdf`), else
    CSV; a name saying the other one is refused, not filled with what it does not say."""
    from pathlib import PurePath

    from timo_desktop.core.errors import InvalidInput

    named = PurePath(output or "").suffix.lower().lstrip(".")
    if chosen is None:
        return "pdf" if named == "pdf" else "csv"
    if named in ("csv", "pdf") and named != chosen:
        raise InvalidInput(
            f"'{output}' names a {named.upper()} file, but --format {chosen} writes"
            f" {chosen.upper()}; name it .{chosen}, or leave out --format"
        )
    return chosen


def _export_csv(
    tracker: Tracker,
    reports: Reports,
    span: Span,
    filters: ReportFilter,
    args: argparse.Namespace,
) -> int:
    import io
    import sys
    from pathlib import Path

    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.reports import parse_group_by
    from timo_desktop.files import write_whole
    from timo_desktop.reports.export_csv import EXPORT_GROUPS, write_csv

    text = io.StringIO()
    count = write_csv(
        reports.lines(span, filters),
        text,
        zone=tracker.zone,
        start_of_day=tracker.start_of_day,
        now=tracker.clock(),
        rounding=args.round,
        group_by=parse_group_by(args.by, EXPORT_GROUPS) if args.by else None,
        workspaces=reports.workspace_names(),
    )
    if not args.output or args.output == "-":  # `-o -`: stdout, as tools take `-`
        sys.stdout.write(text.getvalue())
        return 0
    try:
        write_whole(Path(args.output), text.getvalue())
    except OSError as error:
        raise InvalidInput(f"cannot write {args.output}: {error.strerror or error}") from None
    _say_written(args.output, f"Wrote {count} rows to {args.output}")
    return 0


def _besides(items: list[Any], asked: set[str | None]) -> list[Any]:
    """`items` without what sync's decisions above say of the same entries already (that
    it is not synced, or refused), and without the entries left with nothing else."""
    from dataclasses import replace

    from timo_desktop.core.attention import Concern

    said = {Concern.NOT_SYNCED, Concern.REFUSED, Concern.HELD}
    kept = []
    for item in items:
        if item.entry.client_ref in asked:
            item = replace(item, flags=tuple(f for f in item.flags if f.concern not in said))
        if item.flags:
            kept.append(item)
    return kept


def attention_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.attention import INDENT, entry_line, item_json, item_lines
    from timo_desktop.cli.common import entry_json, print_json
    from timo_desktop.core.text_width import wrapped

    tracker, reports, chosen = _open(args)
    items = reports.attention(chosen)
    # Sync's questions have no date range: the window asks them whatever day they concern.
    decisions = tracker.sync_attention()
    if args.json:
        print_json(
            {
                "range": {"first": chosen.first.isoformat(), "last": chosen.last.isoformat()},
                "entries": [
                    {
                        **entry_json(tracker, item.entry),
                        "attention": [
                            {
                                "concern": f.concern.value,
                                "message": f.message,
                                "other": f.other,
                                # the command, as the text output says it beside the reference
                                "fix": item.fix(f, item.entry.client_ref[:8]),
                            }
                            for f in item.flags
                        ],
                    }
                    for item in items
                ],
                "sync": [item_json(tracker, decision) for decision in decisions],
            }
        )
        return 0
    if decisions:
        print("Sync needs your decision:")
        for decision in decisions:
            print(wrapped("\n".join(item_lines(tracker, decision)), hang=len(INDENT)))
        print()
        asked = {decision.client_ref for decision in decisions}
        items = _besides(items, asked.union(*(decision.held for decision in decisions)))
    if not items:
        other = " else" if decisions else ""
        print(f"Nothing{other} needs attention from {chosen.first} to {chosen.last}.")
        return 0
    if decisions:
        print(f"Entries to look at from {chosen.first} to {chosen.last}:")
    for item in items:
        print(wrapped(entry_line(tracker, item.entry), hang=len(INDENT)))
        for line in item.advice(item.entry.client_ref[:8]):  # the reference printed beside it
            print(wrapped(f"{INDENT}{line}"))
    return 0
