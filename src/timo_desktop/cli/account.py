"""`timo login`, `timo logout`, `timo whoami`: signing in to a Vmoox server.

Nothing heavy is imported until one of these commands runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timo_desktop.auth.credentials import CredentialStore
    from timo_desktop.auth.session import AuthSession
    from timo_desktop.paths import Paths

from timo_desktop.cli import EXIT_FAILED, EXIT_USAGE

SERVER_CHECK_TIMEOUT = 10.0  # seconds; `timo doctor` must not hang on a network that drops packets


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
        type=float,
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


def doctor_checks() -> list[Callable[[], tuple[bool, str]]]:
    """The sign-in and server checks for `timo doctor`."""
    return [check_sign_in, check_server]


def check_sign_in() -> tuple[bool, str]:
    """sign-in: the saved sign-in can be read from where it is kept (no network)."""
    from timo_desktop.auth.account import AccountFile
    from timo_desktop.auth.credentials import keyring_problem
    from timo_desktop.paths import resolve

    account = AccountFile(resolve().config).load()
    problem = keyring_problem()
    if account is None:
        hint = f"; no keyring ({problem}), so sign in with --allow-file-store" if problem else ""
        return True, f"not signed in{hint}"
    where = f"{account.user_name} on {account.server_url}"
    if account.store == "keyring" and problem:
        return False, f"{where}, but the keyring holding the sign-in is unavailable: {problem}"
    kept = "a file (--allow-file-store)" if account.store == "file" else "the system keyring"
    return True, f"{where}, kept in {kept}"


def check_server() -> tuple[bool, str]:
    """server: the server Timo syncs with answers over this network (its certificate, the
    proxy), as sync would reach it; asks only whether it is up, with no sign-in."""
    import time

    from timo_desktop.auth.service import sync_server
    from timo_desktop.paths import resolve

    server = sync_server(resolve())
    if server is None:
        return True, "none yet (not signed in)"
    from timo_desktop.vmoox.client import VmooxClient
    from timo_desktop.vmoox.errors import VmooxError
    from timo_desktop.vmoox.tokens import StaticToken
    from timo_desktop.vmoox.urls import ServerUrlError

    began = time.monotonic()
    try:
        # `status` sends no token: none is needed to ask whether the server is up.
        with VmooxClient(server, StaticToken(""), timeout=SERVER_CHECK_TIMEOUT) as client:
            client.status()
    except (VmooxError, ServerUrlError) as error:
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


def _store(paths: Paths, allow_file_store: bool) -> CredentialStore:
    """The keyring, or the file store when there is no keyring and the user opted in."""
    from timo_desktop.auth.errors import KeyringUnavailable
    from timo_desktop.auth.service import open_store

    try:
        return open_store("keyring", paths)
    except KeyringUnavailable:
        if not allow_file_store:
            raise
        return open_store("file", paths.ensure(), warn=_warn)


def _login(args: argparse.Namespace) -> int:
    from timo_desktop.auth.errors import AuthError, KeyringUnavailable
    from timo_desktop.vmoox.errors import Unauthorized, VmooxError
    from timo_desktop.vmoox.urls import ServerUrlError, normalize_server_url

    try:
        server = normalize_server_url(args.server)
    except ServerUrlError as exc:
        return _fail(str(exc), EXIT_USAGE)
    paths = _paths(args)
    try:
        store = _store(paths, args.allow_file_store)
    except KeyringUnavailable as exc:
        return _fail(
            f"{exc}\nFor this shell only, set VMOOX_TOKEN (and VMOOX_SERVER) instead of signing in."
        )
    try:
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
    account = session.account
    where = f", workspace {account.workspace_name}" if account.workspace_name else ""
    print(f"Signed in to {account.server_url} as {account.user_name}{where}.")
    if account.workspace_id is None:
        _warn("Note: this account belongs to no workspace yet, so there is nothing to sync.")
    return 0


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
        print("Sign in to Vmoox in your browser. If it does not open, visit:", flush=True)
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
        session = stored_session(paths, warn=_warn)
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
        if not revoked:
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


def _whoami(args: argparse.Namespace) -> int:
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.auth.service import current_session
    from timo_desktop.vmoox.errors import NetworkError, Unauthorized, VmooxError

    paths = _paths(args)
    try:
        session = current_session(paths, warn=_warn)
    except AuthError as exc:
        return _fail(str(exc))
    if session is None:
        if args.json:
            print(json.dumps({"signed_in": False}))
            return EXIT_FAILED
        return _fail("not signed in; run `timo login --server URL`")
    try:
        with session.client() as client:
            me = client.me().value
    except Unauthorized as exc:
        return _fail(f"{exc.detail}; run `timo login --server {session.account.server_url}`")
    except NetworkError as exc:
        return _fail(
            f"{exc} (signed in to {session.account.server_url} as {session.account.user_name})"
        )
    except VmooxError as exc:
        return _fail(str(exc))
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
