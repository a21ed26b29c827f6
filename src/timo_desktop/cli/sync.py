"""`timo sync`, `timo sync status`, `timo sync health`.

Nothing heavy is imported until one of these commands runs; `timo sync status`
reads the database, the saved account (whether anyone is signed in) and, for entries
held for a lost workspace, the settings; it never touches the network or the keyring.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from timo_desktop.paths import Paths
    from timo_desktop.store.database import Store
    from timo_desktop.sync.engine import SyncEngine, SyncReport
    from timo_desktop.sync.status import SyncStatus, WorkerState

from timo_desktop.cli import EXIT_FAILED
from timo_desktop.cli.common import seconds, told_at_login

# `timo sync` ran, but entries wait for the user (refused by the server, or held for a
# workspace whose access was removed) or for an admin on Vmoox (a timer behind a stop it
# refused): not a failure to retry, something to look at.
EXIT_WAITING = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `timo sync` to the `timo` parser."""
    sync = subparsers.add_parser(
        "sync",
        help="send changes to Vmoox and fetch the server's (or: status, health)",
        description=(
            "Without a word: sync now. 'status' shows what waits and why (no network); "
            "'health' compares the last 14 days with the server."
        ),
        epilog=(
            "Exit status of a sync: 0 all sent and fetched; 1 not synced (offline, signed "
            "out, server not trusted, or the round stopped before it fetched the server's "
            "changes) or changes still unsent (waiting to be tried again after a "
            f"problem, or when --until-done gives up); {EXIT_WAITING} all sent that can "
            "be, but entries wait for you (refused by the server, or held for a workspace "
            "you lost) or for an admin on Vmoox (a timer behind one Vmoox keeps running) "
            "— 'timo sync status' lists them."
        ),
    )
    sync.add_argument("what", nargs="?", choices=("status", "health"), help="status or health")
    sync.add_argument("--json", action="store_true", help="machine-readable output")
    sync.add_argument(
        "--until-done",
        action="store_true",
        help="keep going (honouring backoff) until nothing is pending but parked entries",
    )
    sync.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        help=f"with --until-done: give up after this long (default {UNTIL_DONE_TIMEOUT:.0f})",
    )
    sync.set_defaults(handler=_sync)


UNTIL_DONE_TIMEOUT = 300.0  # seconds `timo sync --until-done` keeps going


def _sync(args: argparse.Namespace) -> int:
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.paths import resolve

    # Refused rather than passed over: a script's `--timeout 5` would otherwise wait for
    # nothing, and `status --until-done` read as if it had synced.
    if args.until_done and args.what:
        raise InvalidInput(f"--until-done is for a sync, not 'timo sync {args.what}'")
    if args.timeout is not None and not args.until_done:
        raise InvalidInput("--timeout needs --until-done (a single sync does not wait)")
    if args.timeout is None:
        args.timeout = UNTIL_DONE_TIMEOUT
    from timo_desktop.auth.service import sync_server
    from timo_desktop.cli.account import sign_in_again
    from timo_desktop.store.database import Store
    from timo_desktop.store.errors import StoreError, but_what_stands
    from timo_desktop.sync.factory import NOT_SIGNED_IN, open_engine
    from timo_desktop.sync.worker import SignedOut

    paths = resolve()
    if args.what == "status":
        with Store.open_to_read(paths.database) as store:
            return _status(store, paths, args)
    try:
        engine = open_engine(paths, warn=told_at_login, zone=_zone)
    except SignedOut as exc:
        reason = str(exc)
        if reason == NOT_SIGNED_IN:
            reason = sign_in_again(reason, sync_server(paths))
        with Store.open_to_read(paths.database) as store:
            return _signed_out(store, reason, args)
    try:
        if args.what == "health":
            return _health(engine, args)
        return _run(engine, paths, args)
    except StoreError as error:
        # A round is many transactions: the one refused changed nothing, those before it
        # stand (an entry sent is recorded as sent), and the rest is done next time.
        raise StoreError(
            f"{but_what_stands(error)}; what was saved before stands, the rest is synced next time"
        ) from None
    finally:
        engine.close()


def _signed_out(store: Store, reason: str, args: argparse.Namespace) -> int:
    from timo_desktop.core.text_width import wrapped
    from timo_desktop.sync.status import WorkerState, read_status

    status = read_status(store, WorkerState.SIGNED_OUT, reason)
    if args.json:
        from timo_desktop.cli.attention import changed_on_server
        from timo_desktop.sync.engine import SyncReport

        # A round's report in its one shape, which a script reads alike signed in or out;
        # nothing is tried again until someone signs in.
        report = SyncReport(
            pending=status.pending,
            attention=status.attention,
            conflicts=status.conflicts,
            frozen=status.frozen,
            errors=[reason],
            state="signed_out",
        )
        _print_json(
            {
                **report.to_json(),
                "next_try_in": None,
                "changed_on_server": changed_on_server(store)[1],
                "waiting_behind": _waiting_json(store),
            }
        )
    else:
        print(wrapped(status.message))
        print(f"timo: {reason}", file=sys.stderr)
    return EXIT_FAILED


def _run(engine: SyncEngine, paths: Paths, args: argparse.Namespace) -> int:
    from timo_desktop.cli.attention import changed_on_server
    from timo_desktop.core.text_width import wrapped
    from timo_desktop.sync.status import last_problem, read_status
    from timo_desktop.sync.turns import BUSY, TURN_WAIT
    from timo_desktop.sync.words import duration_words

    store = engine.store
    engine.waiting_for_turn = lambda: print(
        f"timo: {BUSY}; waiting for it to finish…", file=sys.stderr, flush=True
    )
    report = engine.sync_until_done(args.timeout) if args.until_done else engine.sync()
    if report.state == "busy" and not args.json:
        print(
            f"timo: {BUSY} and kept at it for {TURN_WAIT:.0f} s; try again once it has "
            "finished (it sends and fetches these same entries)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    halted = report.state in ("offline", "signed_out", "untrusted", "busy")
    # Entries left to send, or a round that stopped before it fetched what the server has.
    unfinished = report.pending or report.cut_short
    if args.json:
        _print_json(
            {
                **report.to_json(),
                "changed_on_server": changed_on_server(store)[1],
                "waiting_behind": _waiting_json(store),
            }
        )
    else:
        # What waits and why, as `timo sync status` says it; a round that could not run
        # says why not. Entries left unsent add the problem that held them up, if this
        # round had one (not one it got over), and when they are tried again.
        status = read_status(store)
        said = _sign_in_again(report.errors[-1], paths) if halted else status.message
        print(wrapped(f"Sent {report.pushed}, {_received(report)}. {said}"))
        if status.clock is not None:
            print(wrapped(status.clock))
        if unfinished and not halted:
            # The problem whole (its code and request id, for support), unless the line
            # above said it all already (Vmoox asking Timo to slow down has neither).
            error = report.errors[-1] if report.errors else None
            if error and error not in said and (problem := last_problem(error)):
                print(wrapped(problem))
            wait = duration_words(max(1.0, report.wait or 0.0))
            print(wrapped(f"Next try in {wait}; `timo sync --until-done` waits for it."))
        _print_waiting(store)
    if halted or unfinished:
        return EXIT_FAILED
    return EXIT_WAITING if report.attention or report.frozen else 0


def _status(store: Store, paths: Paths, args: argparse.Namespace) -> int:
    from timo_desktop.cli.attention import changed_on_server
    from timo_desktop.core.text_width import wrapped
    from timo_desktop.sync.attention import behind_kept
    from timo_desktop.sync.attention import held as held_workspaces
    from timo_desktop.sync.status import last_problem

    status, worker = _as_it_stands(store, paths)
    held = held_workspaces(store)
    if args.json:
        _print_json(
            {
                **status.to_json(),
                "held": [
                    {"workspace_id": ws, "name": name, "reason": reason, "entries": len(refs)}
                    for ws, name, reason, refs in held
                ],
                "worker": worker,
                "attention_entries": [
                    {"client_ref": ref, "code": code, "message": message}
                    for ref, code, message in _attention(store)
                ],
                "changed_on_server": changed_on_server(store)[1],
                "waiting_behind": _waiting_json(store),
            }
        )
        return 0
    print(wrapped(status.message))
    if status.clock is not None:
        print(wrapped(status.clock))
    for workspace, name, reason, refs in held:
        if refs:  # a workspace paused with nothing held has no more to say than the status
            print(wrapped(_held_words(store, workspace, name, reason, refs, said=status.message)))
    # Entries, as the sentence above counts them (the operations are in --json's `pending`),
    # and the timers that wait unsent behind one Vmoox keeps running, named below.
    waiting = status.pending_entries + len(behind_kept(store))
    attention = status.attention
    counted = f"Entries waiting to sync: {waiting}  Needs attention: {attention}"
    if status.conflicts:  # the decisions listed below
        counted += f"  Changed on the server: {status.conflicts}"
    print(counted)
    last = shown_instant(status.last_success) if status.last_success else "never"
    print(f"Last synced: {last}")
    # A refused sign-in's command is on the first line: its problem is said as it came.
    if problem := last_problem(status.last_error):
        print(wrapped(problem))
    _print_waiting(store)
    print(f"Background sync: {worker['state'] if worker['running'] else 'not running'}")
    return 0


def _print_waiting(store: Store) -> None:
    """What waits for the user, as `timo sync` and `timo sync status` end: each entry
    refused, with the reason, and those whose values the server replaced (or timers it
    stopped), wrapped to the terminal under the entry's reference, as `timo attention`
    lists them (two more in); and the timers that wait unsent for the stop of one Vmoox
    keeps running, which only an admin can let through."""
    from timo_desktop.cli.attention import INDENT, changed_on_server
    from timo_desktop.core.text_width import wrapped
    from timo_desktop.sync.attention import behind_kept
    from timo_desktop.sync.words import waits_behind

    under = len(INDENT) + 2
    for ref, _code, message in _attention(store):
        print(wrapped(f"  {ref[:8]}  {message}", hang=under))
    for waiting, kept in behind_kept(store):
        print(wrapped(waits_behind(waiting, kept)))
    for line in changed_on_server(store)[0]:
        print(wrapped(line, hang=under))


def _waiting_json(store: Store) -> list[dict[str, str]]:
    """`waiting_behind` of `--json`: each timer that waits unsent for the stop of one Vmoox
    keeps running (`client_ref`, `description`) and that one (`behind`), which only an
    admin can let through; in neither `pending` nor `attention`."""
    from timo_desktop.sync.attention import behind_kept

    return [
        {
            "client_ref": waiting.client_ref,
            "description": waiting.description,
            "behind": kept.client_ref,
        }
        for waiting, kept in behind_kept(store)
    ]


def shown_instant(text: str) -> str:
    """A stored instant (`2026-11-20T18:00:00Z`) as the commands show times: in the zone
    `day.time_zone` names (this computer's if none, or if the settings cannot be read),
    as a time of day when today there, else with its date (`2026-11-19 19:00`)."""
    from timo_desktop.core.local_time import describe_instant, from_text, utc_now

    now = utc_now()
    return describe_instant(from_text(text), _zone(), relative_to=now)


def _zone() -> str:
    """The zone times are shown in: the settings' (`day.time_zone`), else this computer's."""
    from timo_desktop.cli.common import chosen_zone
    from timo_desktop.core.errors import TimoError
    from timo_desktop.platform.zone import zone_in_use

    try:
        chosen = chosen_zone()
    except TimoError:  # damaged settings must not hide where sync stands
        chosen = None
    return zone_in_use(chosen)


def _as_it_stands(store: Store, paths: Paths) -> tuple[SyncStatus, dict[str, Any]]:
    """How sync stands, read without the keyring or the network, and the worker (the
    app's, if one runs). A sign-in Vmoox refused is said as the window's Settings says it,
    with the command that signs in again (`refused_sign_in`), not as a sign-out."""
    from dataclasses import replace

    from timo_desktop.sync.status import LAST_ERROR, WORKER, WorkerState, read_status

    worker = _worker(store.meta(WORKER))
    state = WorkerState(worker["state"]) if worker["running"] else None
    if _is_signed_out(paths, store.meta(LAST_ERROR), state):
        state = WorkerState.SIGNED_OUT
    status = read_status(store, state)
    refused = _refused(status, paths)
    return (status if refused is None else replace(status, message=refused)), worker


def _refused(status: SyncStatus, paths: Paths) -> str | None:
    """`Vmoox refused the sign-in of Dana Demo on https://… — sign in again; run `timo login
    --server https://…``, or the words of a refused VMOOX_TOKEN, which say what to do with
    it; None unless Vmoox refused the sign-in in use."""
    from timo_desktop.auth.account import ENV_TOKEN, AccountFile
    from timo_desktop.cli.account import sign_in_again
    from timo_desktop.sync.status import refused_sign_in

    if os.environ.get(ENV_TOKEN):
        return refused_sign_in(None, status)
    account = AccountFile(paths.config).load()
    if account is None:
        return None
    refused = refused_sign_in(account.named, status)
    return None if refused is None else sign_in_again(refused, account.server_url)


def doctor_checks() -> list[Any]:
    """How sync stands."""
    return [check_sync, check_clock]


def check_sync() -> tuple[bool, str]:
    """sync: entries reach Vmoox, as the last round left it (no network): not while the
    sign-in is refused, Vmoox unreachable, or entries held for a workspace whose access was
    removed (signed out, no sign-in saved, tracking here alone is no fault)."""
    import sqlite3

    from timo_desktop.paths import resolve
    from timo_desktop.store.database import Store
    from timo_desktop.store.errors import translate
    from timo_desktop.sync.factory import may_be_signed_in
    from timo_desktop.sync.status import WorkerState

    paths = resolve()
    if not paths.database.exists():
        return True, "nothing recorded yet"
    try:
        with Store.open(paths.database, create=False) as store:
            status, _worker = _as_it_stands(store, paths)
    except sqlite3.Error as error:  # a damaged file, which the database check names
        raise translate(error, paths.database) from None
    if not may_be_signed_in(paths):  # tracking here alone is no fault
        return True, status.message
    halted = status.state in (WorkerState.SIGNED_OUT, WorkerState.OFFLINE, WorkerState.UNTRUSTED)
    waiting = bool(status.pending_entries) and (halted or bool(status.last_error))
    return not (waiting or status.frozen), status.message


def check_clock() -> tuple[bool, str]:
    """clock: this computer's clock agrees with Vmoox's, as the last sync measured it (no
    network): one hours off makes every time tracked here off by as much."""
    import sqlite3

    from timo_desktop.paths import resolve
    from timo_desktop.store.database import Store
    from timo_desktop.store.errors import translate
    from timo_desktop.sync.status import CLOCK_OFF, CLOCK_SKEW, clock_off

    paths = resolve()
    if not paths.database.exists():
        return True, "not compared with Vmoox's yet"
    try:
        with Store.open(paths.database, create=False) as store:
            wrong, measured = clock_off(store), store.meta(CLOCK_SKEW)
    except sqlite3.Error as error:  # a damaged file, which the database check names
        raise translate(error, paths.database) from None
    if wrong is not None:
        return False, wrong
    if not measured:
        return True, "not compared with Vmoox's yet"
    return True, f"agrees with Vmoox's (within {CLOCK_OFF.total_seconds() / 60:.0f} min)"


def _received(report: SyncReport) -> str:
    """`received 3`; of a round stopped before it fetched all the server's changes,
    `nothing fetched` or `received 3 before it stopped` ("received 0" read as "Vmoox had
    no changes", which it never said)."""
    if not report.cut_short:
        return f"received {report.pulled}"
    return f"received {report.pulled} before it stopped" if report.pulled else "nothing fetched"


def _sign_in_again(error: str, paths: Paths) -> str:
    """A round's refused sign-in (`Signed out — …; sign in again`) with the command that
    signs in again, as `timo whoami` says it; any other problem as it is."""
    from timo_desktop.auth.service import sync_server
    from timo_desktop.cli.account import sign_in_again
    from timo_desktop.sync.status import SIGNED_OUT_WORDS

    if not error.startswith(SIGNED_OUT_WORDS):
        return error
    return sign_in_again(error, sync_server(paths))


def _is_signed_out(paths: Paths, last_error: str | None, state: WorkerState | None) -> bool:
    """Signed out, found without the keyring or the network: nobody is signed in (no
    saved account, no VMOOX_TOKEN), or the last round failed because the server refused
    the sign-in (and no round is trying again right now)."""
    from timo_desktop.sync.factory import may_be_signed_in
    from timo_desktop.sync.status import SIGNED_OUT_WORDS, WorkerState

    if not may_be_signed_in(paths):
        return True
    if state is WorkerState.SYNCING:
        return False
    return bool(last_error and last_error.startswith(SIGNED_OUT_WORDS))


def _held_words(
    store: Store, workspace: str, name: str, reason: str, refs: list[str], *, said: str
) -> str:
    """`2 entries held for Northwind Agency: your access to Northwind Agency was removed.`
    and the ways to export them: no command exports exactly these, so the window's
    Export entries… and `timo export` over their days. The first sentence is the status's
    own words for them, left out when the status line `said` them already (alone, or after
    what else waits)."""
    from timo_desktop.store import sync_state
    from timo_desktop.sync.status import WorkerState, sentence

    statement = sentence(
        WorkerState.IDLE,
        0,
        frozen={workspace: {"name": name, "reason": reason}},
        held={workspace: len(refs)},
    )
    shown = [e for e in sync_state.entries(store.connection, refs).values() if not e.deleted_at]
    export = "Export them with Needs attention › Export entries… in the Timo window"
    if shown:
        first, last = _days([e.start for e in shown])
        export += f", or `timo export --from {first} --to {last}` (every entry of those days)"
    steps = f"{export}. They are sent if your access comes back."
    return steps if statement in said else f"{statement}. {steps}"


def _days(starts: list[datetime]) -> tuple[str, str]:
    """The first and last working day of these instants, as `timo export` counts days
    (the settings' zone and start of day)."""
    from timo_desktop.cli.common import load_settings
    from timo_desktop.core.errors import TimoError
    from timo_desktop.core.local_time import MIDNIGHT, local_day
    from timo_desktop.platform.zone import zone_in_use

    try:
        settings = load_settings()
        start_of_day, chosen = settings.start_of_day, settings.day.time_zone
    except TimoError:  # damaged settings must not hide what is held: this computer's days
        start_of_day, chosen = MIDNIGHT, None
    zone = zone_in_use(chosen)
    days = sorted(local_day(start, zone, start_of_day) for start in starts)
    return days[0].isoformat(), days[-1].isoformat()


def _health(engine: SyncEngine, args: argparse.Namespace) -> int:
    from timo_desktop.sync.engine import NoWorkspace
    from timo_desktop.vmoox.errors import VmooxError

    try:
        report = engine.health()
    except (NoWorkspace, VmooxError) as exc:
        print(f"timo: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        _print_json(report.to_json())
        return 0
    if report.healthy:
        print(f"All {report.local} entries of the last {report.days} days match the server.")
        return 0
    from timo_desktop.core.local_time import day_and_time, from_text, local
    from timo_desktop.core.text_width import display_width, wrapped
    from timo_desktop.sync.words import plural

    zone = _zone()
    things = plural(len(report.findings), "thing")
    print(f"{things} to look at (last {report.days} days):")
    in_window = False
    for finding in report.findings:
        refs = ", ".join(r[:8] for r in finding.client_refs)
        when = day_and_time(local(from_text(finding.start), zone)) if finding.start else "–"
        what, window = _HEALTH_WORDS.get(finding.action, (finding.advice, ""))
        fix = _health_fix(engine.store, finding.action, finding.client_refs)
        in_window = in_window or (fix is None and bool(window))
        how = fix or window
        advice = f"{what}: {how}" if how else what
        head = f"  {when}  "
        line = f"{head}{finding.description!r} [{refs}]: {advice}"
        print(wrapped(line, hang=display_width(head)))
        for difference in finding.differences:
            print(wrapped(f"      {difference.words(zone)}"))
    if in_window:
        print(f"{_SYNC_HEALTH} is in the Timo window: ☰ › Sync health… (Ctrl+Shift+H).")
    return 0


_SYNC_HEALTH = "Sync health"
# What each finding of `timo sync health` is, by the action that settles it (in the
# window's words), and how the window's Sync health settles those no command settles.
_HEALTH_WORDS = {
    "resend": ("Only here", f"Send again in {_SYNC_HEALTH} sends it to Vmoox"),
    "download": ("Only on Vmoox", f"Download in {_SYNC_HEALTH} brings it here"),
    "take_server_copy": (
        "Different on Vmoox",
        f"keep one version or the other with Take Vmoox's version or Keep mine in {_SYNC_HEALTH}",
    ),
    "delete_copy": ("Likely duplicates", f"Delete duplicate in {_SYNC_HEALTH} keeps one"),
    "sync": ("Waiting to sync", ""),
    "decide": ("Needs your decision", ""),
}


def _health_fix(store: Store, action: str, refs: tuple[str, ...]) -> str | None:
    """The command that settles a finding of `timo sync health`, where one does; None where
    only the window's Sync health does (sending again, downloading, taking a version)."""
    if action == "sync":
        return "`timo sync` sends it"
    if action == "decide":
        return "`timo attention` lists what settles it"
    if action == "delete_copy":
        # Sync health keeps the first copy that is here; `timo delete` reaches only the
        # copies here, so it settles duplicates that are all here.
        kept = next((ref for ref in refs if store.get(ref)), None)
        copies = [ref for ref in refs if ref != kept]
        if kept is not None and all(store.get(ref) for ref in copies):
            deletes = " and ".join(f"`timo delete {ref[:8]}`" for ref in copies)
            return f"{deletes} keeps one"
    return None


def _worker(raw: str | None) -> dict[str, Any]:
    """The background worker's last state, and whether its process is still alive."""
    data = json.loads(raw) if raw else {}
    pid = int(data.get("pid", 0))
    running = False
    if pid:
        try:
            os.kill(pid, 0)
            running = True
        except OSError:
            running = False
    return {"state": data.get("state", "idle"), "running": running, "pid": pid or None}


def _attention(store: Store) -> list[tuple[str, str | None, str | None]]:
    from timo_desktop.store import sync_state

    return sync_state.attention(store.connection)


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
