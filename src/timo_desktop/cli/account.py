"""`timo login`, `timo logout`, `timo whoami`, `timo workspace`: signing in to a Vmoox
server, and the workspace entries without a project go to.

Nothing heavy is imported until one of these commands runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from timo_desktop.auth.account import Account
    from timo_desktop.auth.credentials import CredentialStore
    from timo_desktop.auth.session import AuthSession
    from timo_desktop.paths import Paths
    from timo_desktop.vmoox.errors import VmooxError
    from timo_desktop.vmoox.models import Me

from timo_desktop.cli import EXIT_FAILED, EXIT_USAGE
from timo_desktop.cli.common import seconds, told_at_login

# Seconds; `timo doctor` must not hang on a network that drops packets or trickles the answer.
SERVER_CHECK_TIMEOUT = 10.0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the account commands to the `timo` parser."""
    login = subparsers.add_parser(
        "login",
        help="sign in to a Vmoox server",
        description=(
            "Sign in through your browser, or with a personal access token. Only the "
            "long-lived secret is kept, in the system keyring."
        ),
    )
    login.add_argument(
        "--server", required=True, metavar="URL", help="e.g. https://vmoox.example.com"
    )
    login.add_argument(
        "--token",
        metavar="PAT",
        help="a personal access token instead of the browser ('-' reads it from stdin)",
    )
    login.add_argument(
        "--allow-file-store",
        action="store_true",
        help="when no keyring is available, keep the sign-in in a file readable only by you",
    )
    login.add_argument(
        "--no-browser",
        action="store_true",
        help="only print the sign-in address; open it yourself",
    )
    login.add_argument(
        "--timeout",
        type=seconds,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for the browser (default 300)",
    )
    login.set_defaults(handler=_login)

    from timo_desktop.auth import KEYRING_APART

    if KEYRING_APART:
        helper = subparsers.add_parser(
            "keyring",
            help="the desktop app's way to the system keyring (plumbing)",
            description=(
                "One call to the system keyring for the desktop app, which keeps the "
                "keyring's libraries out of its own process: check, get KEY (secret on "
                "stdout; status 4 if none), set KEY (secret on stdin), delete KEY. "
                "Status 3 means no usable keyring, with the reason on stderr."
            ),
        )
        helper.add_argument("action", choices=("check", "get", "set", "delete"))
        helper.add_argument("key", nargs="?")
        helper.set_defaults(handler=_keyring_apart)

    logout = subparsers.add_parser("logout", help="sign out and forget the stored sign-in")
    logout.set_defaults(handler=_logout)

    whoami = subparsers.add_parser("whoami", help="show who Timo is signed in as")
    whoami.add_argument("--json", action="store_true", help="machine-readable output")
    whoami.set_defaults(handler=_whoami)

    workspace = subparsers.add_parser(
        "workspace",
        help="list the workspaces you can track time in, or choose the default one",
        description=(
            "Without a name, list the workspaces this account can track time in; the one "
            "marked * gets the entries that have no project (entries with a project go to "
            "that project's workspace). With a name, make that workspace the default."
        ),
    )
    workspace.add_argument(
        "choice",
        nargs="?",
        metavar="NAME_OR_ID",
        help="the workspace's id, its name, or a part of its name that fits no other",
    )
    workspace.add_argument("--json", action="store_true", help="machine-readable output")
    workspace.set_defaults(handler=_workspace)


def doctor_checks() -> list[Callable[[], tuple[bool, str]]]:
    """The sign-in and server checks for `timo doctor`."""
    return [check_sign_in, check_server]


def check_sign_in() -> tuple[bool, str]:
    """sign-in: the saved sign-in can be read from where it is kept (no network)."""
    from timo_desktop.auth.account import AccountFile
    from timo_desktop.auth.credentials import FILE_STORE_RISK, FileStore, keyring_problem
    from timo_desktop.paths import resolve

    env = env_sign_in(resolve())
    if env is not None:
        return env
    account = AccountFile(resolve().config).load()
    problem = keyring_problem()
    if account is None:
        hint = f"; no keyring ({problem}), so sign in with --allow-file-store" if problem else ""
        return True, f"not signed in{hint}"
    where = f"{account.user_name} on {account.server_url}"
    if account.store == "keyring" and problem:
        return False, f"{where}, but the keyring holding the sign-in is unavailable: {problem}"
    if account.store == "file":  # said whenever asked: `timo login` said it once, sync never
        kept = FileStore(resolve().config).path
        return True, f"{where}, kept in {kept} (--allow-file-store): {FILE_STORE_RISK}"
    return True, f"{where}, kept in the system keyring"


def env_sign_in(paths: Paths) -> tuple[bool, str] | None:
    """The sign-in through `VMOOX_TOKEN`, which wins over the saved one (as `timo whoami`
    and sync take it): (usable, in words), or None when it is not set."""
    from timo_desktop.auth.account import ENV_TOKEN
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.auth.service import current_session

    if not os.environ.get(ENV_TOKEN):
        return None
    try:
        session = current_session(paths)
    except AuthError as error:
        return False, str(error)
    assert session is not None  # with the token set, a session or an error
    return True, f"signed in through {ENV_TOKEN} on {session.account.server_url}"


def check_server() -> tuple[bool, str]:
    """server: the server Timo syncs with answers over this network (its certificate, the
    proxy), as sync would reach it; asks only whether it is up, with no sign-in."""
    import time

    from timo_desktop.auth.service import sync_server
    from timo_desktop.paths import resolve

    server = sync_server(resolve())
    if server is None:
        return True, "none yet (not signed in)"
    from timo_desktop.auth.errors import NoVmooxServer
    from timo_desktop.auth.service import first_answer
    from timo_desktop.vmoox.client import VmooxClient
    from timo_desktop.vmoox.errors import VmooxError
    from timo_desktop.vmoox.tokens import StaticToken
    from timo_desktop.vmoox.urls import ServerUrlError

    began = time.monotonic()
    try:
        # `status` sends no token: none is needed to ask whether the server is up. Not
        # found, the address is offered less its path, as `timo login` offers it.
        with (
            VmooxClient(
                server,
                StaticToken(""),
                timeout=SERVER_CHECK_TIMEOUT,
                deadline=SERVER_CHECK_TIMEOUT,
            ) as client,
            first_answer(server),
        ):
            client.status()
    except (VmooxError, ServerUrlError, NoVmooxServer) as error:
        return False, f"{server}: {error}"
    return True, f"{server} answers ({(time.monotonic() - began) * 1000:.0f} ms)"


def _paths(args: argparse.Namespace) -> Paths:
    from timo_desktop.paths import resolve

    return resolve(getattr(args, "home", None))


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"timo: {message}", file=sys.stderr)
    return code


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def sign_in_again(reason: str, server: str | None) -> str:
    """`your Vmoox sign-in has expired or was revoked; sign in again; run `timo login
    --server https://vmoox.example.com``: why there is no sign-in, with the command that
    signs in to `server` (`URL` when none is known), as every command that needs one says
    it. Signed in through VMOOX_TOKEN, `reason` alone: that token wins over any sign-in,
    and its reason names the variable to set."""
    from timo_desktop.auth.account import ENV_TOKEN

    if os.environ.get(ENV_TOKEN):
        return reason
    return f"{reason}; run `timo login --server {server or 'URL'}`"


def _store(
    paths: Paths, allow_file_store: bool, warn: Callable[[str], None] = _warn
) -> CredentialStore:
    """The keyring, or the file store when there is no keyring and the user opted in, which
    gives `warn` its warning when used."""
    from timo_desktop.auth.errors import KeyringUnavailable
    from timo_desktop.auth.service import open_store

    try:
        keyring = open_store("keyring", paths)
        if allow_file_store:  # one that is there but refuses (locked) takes nothing either
            keyring.save(_PROBE, "probe")
            keyring.delete(_PROBE)
        return keyring
    except KeyringUnavailable:
        if not allow_file_store:
            raise
        return open_store("file", paths.ensure(), warn=warn)


_PROBE = "timo-probe"  # a keyring entry written and removed to see whether it takes any


def _login(args: argparse.Namespace) -> int:
    from timo_desktop.auth.account import AccountFile
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.vmoox.errors import Unauthorized, VmooxError
    from timo_desktop.vmoox.urls import ServerUrlError, normalize_server_url

    try:
        server = normalize_server_url(args.server)
    except ServerUrlError as exc:
        return _fail(str(exc), EXIT_USAGE)
    paths = _paths(args)
    before = AccountFile(paths.config).load()  # to tell when signing in again moves the default
    # Where the sign-in is kept is told once it is: a sign-in refused keeps nothing there.
    kept: list[str] = []
    try:
        store = _store(paths, args.allow_file_store, kept.append)
        if args.token is not None:
            session = _login_with_token(server, args.token, store, paths)
        else:
            session = _login_with_browser(server, args, store, paths)
    except Unauthorized:
        return _fail("the server refused this token; check it and try again")
    except (AuthError, VmooxError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("sign-in cancelled")
    for warning in kept:
        _warn(warning)
    account = session.account
    where = f", workspace {account.workspace_name}" if account.workspace_name else ""
    print(f"Signed in to {account.server_url} as {account.user_name}{where}.")
    if session.handed_over:
        print(f"{session.handed_over[0].upper()}{session.handed_over[1:]}.")
    if account.workspace_id is None:
        _warn("Note: this account belongs to no workspace yet, so there is nothing to sync.")
    elif (moved := _default_moved(before, account)) is not None:
        _warn(moved)
    return 0


def _default_moved(before: Account | None, now: Account) -> str | None:
    """The note when signing in again as the same account moved its default workspace:
    that happens only when it may no longer track time in the saved one (`auth.service`)."""
    if before is None or before.key != now.key or before.workspace_id is None:
        return None
    if before.workspace_id == now.workspace_id:
        return None
    return (
        f"Note: you cannot track time in {before.workspace_name or before.workspace_id} now, "
        f"so entries without a project go to {now.workspace_name} instead; once you can "
        f"again, `timo workspace {before.workspace_id}` sends them there."
    )


def _login_with_token(server: str, token: str, store: CredentialStore, paths: Paths) -> AuthSession:
    from timo_desktop.auth.service import sign_in_with_token

    secret = sys.stdin.readline().strip() if token == "-" else token.strip()
    if not secret:
        from timo_desktop.auth.errors import AuthError

        raise AuthError("no token given")
    return sign_in_with_token(server, secret, store, paths.ensure())


def _login_with_browser(
    server: str, args: argparse.Namespace, store: CredentialStore, paths: Paths
) -> AuthSession:
    from timo_desktop.auth.browser import BrowserSignIn

    with BrowserSignIn(server) as flow:
        print(
            "Sign in to Vmoox in your browser. If no tab opens, open this address (it works once):",
            flush=True,
        )
        print(flow.url, flush=True)
        if not args.no_browser and not flow.open_browser():
            _warn("Could not start a browser; open the address above yourself.")
        try:
            return flow.finish(store, paths.ensure(), timeout=args.timeout)
        except KeyboardInterrupt:
            flow.cancel()
            raise


def _logout(args: argparse.Namespace) -> int:
    import os

    from timo_desktop.auth.errors import KeyringUnavailable
    from timo_desktop.auth.service import ENV_TOKEN, sign_out, stored_session

    paths = _paths(args)
    try:
        session = stored_session(paths, warn=told_at_login)  # the file goes now
    except KeyringUnavailable as exc:
        return _fail(str(exc))
    if session is None:
        print("Not signed in.")
    else:
        # Counted before signing out, and never a reason not to: they stay here either way.
        unsent = _unsent_entries(paths)
        revoked = sign_out(session, paths)
        print(f"Signed out of {session.account.server_url}.")
        if unsent:
            from timo_desktop.sync.unsent import kept_until_sign_in

            print(kept_until_sign_in(unsent, session.account))
        if session.left_in_keyring:
            _warn(
                f"The keyring could not be changed ({session.left_in_keyring}), so the "
                "sign-in stays in it, unused, until it is removed there."
            )
        elif not revoked:
            _warn(
                "The server could not be reached, so the sign-in was removed from this "
                "computer only; it expires on the server by itself."
            )
    if os.environ.get(ENV_TOKEN):
        _warn(f"{ENV_TOKEN} is still set in this environment and is used while it is.")
    return 0


def _unsent_entries(paths: Paths) -> int:
    """Entries not sent to Vmoox yet (0 when nothing was ever recorded here); a database
    that cannot be read is said on stderr and counts 0, so that sign-out still happens."""
    if not paths.database.exists():
        return 0  # opening it would create one
    import sqlite3

    from timo_desktop.store.database import Store
    from timo_desktop.store.errors import StoreError
    from timo_desktop.sync.unsent import unsent_entries

    try:
        with Store.open(paths.database) as store:
            return unsent_entries(store)
    except (StoreError, sqlite3.Error, OSError) as exc:
        _warn(f"Could not count the entries not sent yet: {exc}. Any stay on this computer.")
        return 0


def _ask_me(session: AuthSession) -> tuple[Me | None, str]:
    """`GET /v1/me` for `session`: who it is and their memberships, or None and why not."""
    from timo_desktop.vmoox.errors import VmooxError

    try:
        with session.client() as client:
            return client.me().value, ""
    except VmooxError as exc:
        return None, _me_refused(session, exc)


def _me_refused(session: AuthSession, error: VmooxError) -> str:
    """Why `GET /v1/me` got no answer for `session`, with the way out where there is one."""
    from timo_desktop.vmoox.errors import NetworkError, Unauthorized

    if isinstance(error, Unauthorized):
        return sign_in_again(error.detail, session.account.server_url)
    if isinstance(error, NetworkError):
        where = f"signed in to {session.account.server_url} as {session.account.user_name}"
        return f"{error} ({where})"
    return str(error)


def _whoami(args: argparse.Namespace) -> int:
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.auth.service import current_session

    paths = _paths(args)
    try:
        session = current_session(paths, warn=_warn)
    except AuthError as exc:
        return _fail(str(exc))
    if session is None:
        if args.json:
            print(json.dumps({"signed_in": False}))
            return EXIT_FAILED
        return _fail(sign_in_again("not signed in", None))
    me, problem = _ask_me(session)
    if me is None:
        return _fail(problem)
    account = session.account
    membership = next(
        (m for m in me.memberships if m.workspace_id == account.workspace_id),
        next((m for m in me.memberships if m.can_track_time), None),
    )
    if args.json:
        report: dict[str, Any] = {
            "signed_in": True,
            "server": account.server_url,
            "user": me.user.model_dump(mode="json"),
            "workspace": membership.model_dump(mode="json") if membership else None,
            "can_track": bool(membership and membership.can_track_time),
            "memberships": [m.model_dump(mode="json") for m in me.memberships],
            "credential": "env" if session.from_env else account.credential,
            "store": account.store,
        }
        print(json.dumps(report, indent=2))
        return 0
    print(f"{me.user.name} <{me.user.email}> on {account.server_url}")
    if membership is not None:
        print(f"Workspace: {membership.name} ({membership.role})")
        if not membership.can_track_time:
            print("You may not track time in this workspace; ask its owner for access.")
    print(f"Signed in with {_credential_words(session)}.")
    return 0


class _Member(NamedTuple):
    """A workspace the account belongs to, as `timo workspace` lists and picks it."""

    workspace_id: str
    name: str
    role: str | None  # None when read from the last sync, which keeps no roles
    why_not: str | None  # why the account may not track time there; None: it may


def _unplaced(paths: Paths) -> int:
    """Entries without a project or record whose workspace is not decided yet (nothing of
    them has been sent): where entries without a project go, they go."""
    from timo_desktop.store.database import Store

    if not paths.database.exists():
        return 0
    with Store.open(paths.database, create=False) as store:
        return store.unplaced_without_target()


def _workspace(args: argparse.Namespace) -> int:
    """`timo workspace [NAME_OR_ID]`: list the workspaces this account can track time in,
    marking the default (where entries without a project go), or choose the default; the
    choice is kept in `account.json`, so it needs the sign-in `timo login` saved. When
    Vmoox cannot be reached, the workspaces are those the last sync found, and it says so."""
    import os

    from timo_desktop.auth.account import ENV_TOKEN
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.auth.service import choose_workspace, current_session, stored_session
    from timo_desktop.core.text_width import wrapped
    from timo_desktop.sync.words import plural

    paths = _paths(args)
    choosing = args.choice is not None
    if choosing and not args.choice.strip():
        return _fail("give a workspace's name or id (or nothing, to list them)", EXIT_USAGE)
    try:
        # Listing shows what is in effect (VMOOX_TOKEN first, as `timo whoami`); a choice
        # belongs to the saved sign-in, so it is checked against that account's workspaces.
        session = (stored_session if choosing else current_session)(paths, warn=told_at_login)
    except AuthError as exc:
        return _fail(str(exc))
    if session is None:
        if choosing and os.environ.get(ENV_TOKEN):
            return _fail(
                f"this shell is signed in through {ENV_TOKEN}, which keeps no account to "
                "remember a choice in; sign in with `timo login` to choose a workspace"
            )
        return _fail(sign_in_again("not signed in", None))
    found = _members(session, paths)
    if isinstance(found, str):
        return _fail(found)
    members, offline = found
    account = session.account
    if choosing:
        picked = _pick_workspace(members, args.choice)
        if isinstance(picked, str):
            return _fail(picked)
        already = account.workspace_id == picked.workspace_id
        chosen = choose_workspace(paths, account.key, picked.workspace_id, picked.name)
        if chosen is None:  # signed out (or in anew) meanwhile
            return _fail("the sign-in changed meanwhile; try again")
        account = chosen
        if not args.json:
            verb = "already go" if already else "now go"
            print(f"Entries without a project {verb} to {picked.name}.")
            if not already and (unsent := _unplaced(paths)):
                # Their workspace is decided when they are first sent: these go there too.
                goes = "goes" if unsent == 1 else "go"
                print(
                    wrapped(
                        f"{plural(unsent, 'entry')} without a project, not sent yet, {goes}"
                        " there too, whenever recorded."
                    )
                )
            if offline:
                _warn(wrapped(f"Chosen among the workspaces the last sync found, {offline}."))
            return 0
    trackable = [m for m in members if m.why_not is None]
    default_id = account.workspace_id or next((m.workspace_id for m in trackable), None)
    default = next((m for m in members if m.workspace_id == default_id), None)
    if args.json:
        report = {
            "default": None
            if default_id is None
            else {
                "workspace_id": default_id,
                "name": default.name if default else account.workspace_name,
                "can_track": bool(default and default.why_not is None),
            },
            "workspaces": [
                {
                    "workspace_id": m.workspace_id,
                    "name": m.name,
                    "role": m.role,
                    "default": m.workspace_id == default_id,
                }
                for m in trackable
            ],
            # Vmoox could not be asked: the workspaces the last sync found (no roles).
            "from_last_sync": offline is not None,
        }
        print(json.dumps(report, indent=2))
        return 0
    for m in trackable:
        print(f"{'*' if m.workspace_id == default_id else ' '} {_named(m)}")
    if not trackable:
        print("This account can track time in no workspace; ask a workspace's owner for access.")
    elif default_id is not None and (default is None or default.why_not is not None):
        name = default.name if default else account.workspace_name or default_id
        why = f" ({default.why_not})" if default else ""
        cannot = (
            "could not track time there at the last sync"
            if offline
            else "cannot track time there now"
        )
        print(
            wrapped(
                f"Entries without a project go to {name} ({default_id}), but you {cannot}"
                f"{why}; choose another with `timo workspace NAME_OR_ID`."
            )
        )
    if offline:
        _warn(wrapped(f"Read from the last sync, {offline}."))
    return 0


def _members(session: AuthSession, paths: Paths) -> tuple[list[_Member], str | None] | str:
    """The workspaces `session`'s account belongs to, from Vmoox, with None; or, when Vmoox
    cannot be reached, those the last sync found (`_from_last_sync`); or why there are
    none to show."""
    from timo_desktop.vmoox.errors import NetworkError, ServerError, VmooxError

    try:
        with session.client() as client:
            memberships = client.me().value.memberships
    except (NetworkError, ServerError) as exc:
        return _from_last_sync(paths, str(exc).rstrip("."))
    except VmooxError as exc:
        return _me_refused(session, exc)
    return [
        _Member(m.workspace_id, m.name, m.role, m.why_not_tracking()) for m in memberships
    ], None


def _from_last_sync(paths: Paths, problem: str) -> tuple[list[_Member], str] | str:
    """The workspaces the last sync that reached Vmoox found the account could track time
    in, with when that was and why Vmoox could not be asked now (`at 09:30: Vmoox could
    not be asked (…)`); or, before any such sync, why none can be shown."""
    none_yet = f"{problem}; the workspaces are known here once a sync has reached Vmoox"
    if not paths.database.exists():
        return none_yet  # opening it would create one
    from timo_desktop.cli.sync import shown_instant
    from timo_desktop.store.database import Store
    from timo_desktop.sync.status import LAST_SUCCESS, trackable_workspaces

    with Store.open(paths.database) as store:
        last = store.meta(LAST_SUCCESS)
        if not last:
            return none_yet
        members = [_Member(ws, name, None, None) for ws, name in trackable_workspaces(store)]
    return members, f"at {shown_instant(last)}: Vmoox could not be asked ({problem})"


def _pick_workspace(members: list[_Member], wanted: str) -> _Member | str:
    """The workspace `wanted` names, by id, by name, or by a part of one name (in any case),
    if the account may track time there; else the words refusing it."""
    from timo_desktop.core.folding import folded

    key = folded(wanted.strip())
    ways: list[Callable[[_Member], bool]] = [
        lambda m: folded(m.workspace_id) == key,
        lambda m: folded(m.name) == key,
        lambda m: key in folded(m.name),
    ]
    trackable = [m for m in members if m.why_not is None]
    choices = (
        f"; choose one of: {', '.join(_named(m) for m in trackable)}"
        if trackable
        else "; this account can track time in no workspace"
    )
    for fits in ways:
        found = [m for m in members if fits(m)]
        if len(found) > 1:
            return (
                f'"{wanted}" fits {len(found)} workspaces: '
                f"{', '.join(_named(m) for m in found)}; give more of the name, or the id"
            )
        if found:
            (picked,) = found
            if picked.why_not is not None:
                return f"you cannot track time in {picked.name} ({picked.why_not}){choices}"
            return picked
    return f'no workspace is called "{wanted}"{choices}'


def _named(member: _Member) -> str:
    return f"{member.name} ({member.workspace_id})"


def _credential_words(session: AuthSession) -> str:
    if session.from_env:
        return "the token in VMOOX_TOKEN"
    kind = "a personal access token" if session.account.credential == "pat" else "the browser"
    kept = {"keyring": "the system keyring", "file": "a file", "session": "memory only"}
    return f"{kind}, kept in {kept[session.account.store]}"


def _keyring_apart(args: argparse.Namespace) -> int:
    """`timo keyring check|get|set|delete [KEY]`: one keyring call for the desktop app
    (`auth.credentials.ApartKeyringStore`); `set` reads the secret from stdin, `get`
    writes it to stdout."""
    from timo_desktop.auth.credentials import NONE_STORED, UNAVAILABLE, KeyringStore
    from timo_desktop.auth.errors import KeyringUnavailable

    if args.action != "check" and not args.key:
        sys.stderr.write(f"timo: keyring {args.action} needs a key\n")
        return EXIT_USAGE
    try:
        store = KeyringStore()  # `check` is this: it raises, with the reason, when unusable
        if args.action == "get":
            secret = store.load(args.key)
            if secret is None:
                return NONE_STORED
            sys.stdout.write(secret)
        elif args.action == "set":
            store.save(args.key, sys.stdin.read())
        elif args.action == "delete":
            store.delete(args.key)
    except KeyringUnavailable as error:
        sys.stderr.write(error.reason)
        return UNAVAILABLE
    return 0
