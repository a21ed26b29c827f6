"""Sign in, find the current sign-in, sign out: what the app and the CLI call.

store = open_store("keyring", paths)            # KeyringUnavailable → offer "session"/"file"
session = sign_in_with_token(url, pat, store, paths)
# the browser's way: auth.browser.BrowserSignIn
session = current_session(paths)                # VMOOX_TOKEN wins; None when signed out
client = session.client()                       # a VmooxClient that refreshes on its own
sign_out(session, paths)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, get_args

from timo_desktop.auth.account import (
    ENV_SERVER,
    ENV_TOKEN,
    Account,
    AccountFile,
    CredentialKind,
    account_key,
)
from timo_desktop.auth.credentials import (
    CredentialStore,
    FileStore,
    SessionStore,
    StoreKind,
    keyring_store,
    session_store,
)
from timo_desktop.auth.errors import NotSignedIn, NoVmooxServer, TokenRefused
from timo_desktop.auth.session import AuthSession
from timo_desktop.files import keep_private, write_whole
from timo_desktop.paths import Paths

if TYPE_CHECKING:
    import httpx

    from timo_desktop.vmoox.models import Me, Membership

log = logging.getLogger(__name__)

# Where the last sign-in was kept, one word (`StoreKind`): it outlives the sign-in itself.
KEPT_IN_FILE = "sign-in-kept-in"


def open_store(
    kind: StoreKind, paths: Paths, *, warn: Callable[[str], None] | None = None
) -> CredentialStore:
    """The credential store of `kind`; "keyring" raises `KeyringUnavailable` when unusable."""
    if kind == "keyring":
        return keyring_store()
    if kind == "file":
        return FileStore(paths.config, warn=warn)
    return session_store()


def sign_in_with_token(
    server_url: str,
    token: str,
    store: CredentialStore,
    paths: Paths,
    *,
    transport: httpx.BaseTransport | None = None,
) -> AuthSession:
    """Sign in with a personal access token, checked against `/v1/me` before it is kept;
    a token the server refuses is `TokenRefused`."""
    from timo_desktop.vmoox.client import VmooxClient
    from timo_desktop.vmoox.errors import Unauthorized
    from timo_desktop.vmoox.tokens import StaticToken

    with VmooxClient(server_url, StaticToken(token), transport=transport) as client:
        try:
            with first_answer(server_url):
                me = client.me().value
        except Unauthorized:
            raise TokenRefused() from None
        server = client.server_url
    return remember_sign_in(server, me, "pat", token, store, paths, transport)


@contextmanager
def first_answer(server_url: str) -> Iterator[None]:
    """Around a sign-in's first request to `server_url` (or `timo doctor`'s): not found
    there, the address serves no Vmoox API (a web site, a wrong path), and `NoVmooxServer`
    says so, offering the address less its path (`/api/v1` pasted from a page on the API)."""
    from timo_desktop.vmoox.errors import NotFound
    from timo_desktop.vmoox.urls import without_path

    try:
        yield
    except NotFound as error:
        raise NoVmooxServer(error.status, without_path(server_url)) from None


def current_session(
    paths: Paths,
    *,
    warn: Callable[[str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> AuthSession | None:
    """The session to use now, or None when signed out.

    `VMOOX_TOKEN` in the environment overrides stored credentials (server from
    `VMOOX_SERVER`, else the saved account). May raise `KeyringUnavailable`
    when the saved sign-in is in a keyring that has gone away.
    """
    env_token = os.environ.get(ENV_TOKEN)
    if not env_token:
        return stored_session(paths, warn=warn, transport=transport)
    from timo_desktop.vmoox.urls import ServerUrlError, normalize_server_url

    saved = AccountFile(paths.config).load()
    server = sync_server(paths)
    if server is None:
        raise NotSignedIn(
            f"{ENV_TOKEN} is set but no server is known; set {ENV_SERVER} as well "
            "(or `timo config set account.server_url URL`)"
        )
    try:
        server = normalize_server_url(server)
    except ServerUrlError as error:  # VMOOX_SERVER is typed by hand, never checked before
        raise NotSignedIn(str(error)) from None
    same_server = saved is not None and saved.server_url == server
    account = Account(
        server_url=server,
        user_id=ENV_TOKEN,  # unknown until /v1/me is asked
        user_name="",
        email=None,
        workspace_id=saved.workspace_id if saved and same_server else None,
        workspace_name=saved.workspace_name if saved and same_server else None,
        credential="pat",
        store="session",
    )
    store = SessionStore()
    store.save(account.key, env_token)
    return AuthSession(account, store, transport=transport, from_env=True)


def sync_server(paths: Paths) -> str | None:
    """The server sync talks to: with `VMOOX_TOKEN` set, `VMOOX_SERVER`, else the saved
    account's, else `account.server_url` from the settings; without it, the saved
    account's. None when there is none (signed out)."""
    saved = AccountFile(paths.config).load()
    saved_server = saved.server_url if saved else None
    if not os.environ.get(ENV_TOKEN):
        return saved_server
    return os.environ.get(ENV_SERVER) or saved_server or _settings_server_url(paths)


def stored_session(
    paths: Paths,
    *,
    warn: Callable[[str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> AuthSession | None:
    """The saved sign-in (ignoring `VMOOX_TOKEN`), or None when there is none."""
    account = AccountFile(paths.config).load()
    if account is None:
        return None
    return AuthSession(account, open_store(account.store, paths, warn=warn), transport=transport)


def chosen_workspace(paths: Paths, session: AuthSession) -> str | None:
    """Where `session`'s entries without a project go, as saved now: `timo workspace` and
    Settings change it while the app runs, so sync reads it again at every round. A
    `VMOOX_TOKEN` session takes the saved account's on its server (as `current_session`
    does); once the saved sign-in is another's or gone, the session keeps its own."""
    saved = AccountFile(paths.config).load()
    account = session.account
    if saved is None:
        return account.workspace_id
    same = saved.server_url == account.server_url if session.from_env else saved.key == account.key
    return saved.workspace_id if same else account.workspace_id


def choose_workspace(
    paths: Paths, key: str, workspace_id: str, workspace_name: str
) -> Account | None:
    """Make `workspace_id` the saved sign-in's default workspace, where entries without a
    project go (`timo workspace NAME` and Settings alike; sync takes it up at its next
    round). The caller has checked that the account may track time there. Returns the
    account as saved, or None, saving nothing, when the saved sign-in is no longer `key`'s
    (signed out, or in as someone else, meanwhile)."""
    accounts = AccountFile(paths.config)
    saved = accounts.load()
    if saved is None or saved.key != key:
        return None
    chosen = saved.with_workspace(workspace_id, workspace_name)
    accounts.save(chosen)
    return chosen


def sign_out(session: AuthSession, paths: Paths) -> bool:
    """Revoke and wipe the session's tokens and forget the account.

    Returns False when the server could not be told (the local copy is gone anyway).
    """
    revoked = session.sign_out()
    accounts = AccountFile(paths.config)
    saved = accounts.load()
    if saved is not None and saved.key == session.account.key:
        accounts.clear()
    return revoked


def remember_sign_in(
    server_url: str,
    me: Me,
    credential: CredentialKind,
    secret: str,
    store: CredentialStore,
    paths: Paths,
    transport: httpx.BaseTransport | None,
) -> AuthSession:
    """Keep the secret and the account facts of a checked sign-in (token or browser), and
    where it is kept (`last_store`)."""
    trackable = [m for m in me.memberships if m.can_track_time] or me.memberships
    first = _kept_workspace(paths, server_url, me) or (trackable[0] if trackable else None)
    account = Account(
        server_url=server_url,
        user_id=me.user.id,
        user_name=me.user.name,
        email=me.user.email,
        workspace_id=first.workspace_id if first else None,
        workspace_name=first.name if first else None,
        credential=credential,
        store=store.kind,
    )
    previous = AccountFile(paths.config).load()
    # Kept first: a store that refuses it (a locked keyring) leaves everything as it was,
    # the person before still signed in and their entries still listed.
    store.save(account.key, secret)
    try:
        removed = _take_database(paths, account)
    except BaseException:
        if previous is None or previous.key != account.key:
            store.delete(account.key)  # refused (another account's changes unsent): kept none
        raise
    if previous is not None and (previous.key != account.key or previous.store != store.kind):
        # A different user or server, or the same one kept elsewhere now (a file-kept
        # sign-in renewed "until Timo quits"): the old secret must not linger.
        try:
            open_store(previous.store, paths).delete(previous.key)
        except Exception as exc:  # a vanished keyring must not block the new sign-in
            log.warning("could not remove the previous sign-in (%s)", type(exc).__name__)
    # Saved for a session-only sign-in too (its secret in memory): `AccountFile.load`
    # counts it only in the process holding the secret, so sync and the window see it.
    AccountFile(paths.config).save(account)
    _remember_server_url(paths, server_url)
    _remember_store(paths, store.kind)
    session = AuthSession(account, store, transport=transport)
    session.handed_over = removed
    return session


def last_store(paths: Paths) -> StoreKind | None:
    """Where the last sign-in here was kept (keyring, file or session), signed out since or
    not, so that the next sign-in offers the same; None before any."""
    account = AccountFile(paths.config).load()
    if account is not None:
        return account.store
    try:
        kept = (paths.config / KEPT_IN_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    keep_private(paths.config / KEPT_IN_FILE)
    return next((kind for kind in get_args(StoreKind) if kind == kept), None)


def _kept_workspace(paths: Paths, server_url: str, me: Me) -> Membership | None:
    """The workspace the saved account tracks into (`timo workspace` chooses it), when this
    sign-in is that account's again and it may still track time there."""
    saved = AccountFile(paths.config).load()
    if saved is None or saved.key != account_key(server_url, me.user.id):
        return None
    return next(
        (m for m in me.memberships if m.workspace_id == saved.workspace_id and m.can_track_time),
        None,
    )


def _take_database(paths: Paths, account: Account) -> str | None:
    """This computer's entries become the account's, and so does what is recorded from
    now on (the database is created if need be): refused (`OtherAccount`, nothing saved)
    while another account's changes are unsent, else that account's synced copies are
    removed here (see `sync.owner`), which the words returned say."""
    from timo_desktop.store.database import Store
    from timo_desktop.sync.owner import Owner, hand_over

    new = Owner.of(account.server_url, account.user_id, account.email, account.user_name)
    with Store.open(paths.database) as store:
        removed = hand_over(store, new)
    if removed:
        log.info("%s", removed)
    return removed


def _settings_server_url(paths: Paths) -> str | None:
    """`account.server_url` from the user's settings, if set and readable."""
    from timo_desktop import settings
    from timo_desktop.core.errors import TimoError

    try:
        return settings.load(paths.settings_file).account.server_url
    except TimoError:
        return None


def _remember_store(paths: Paths, kind: StoreKind) -> None:
    """Note where this sign-in is kept, for `last_store` after a sign-out too."""
    try:
        write_whole(paths.config / KEPT_IN_FILE, kind, private=True)
    except OSError as exc:  # a note that could not be written must not undo a good sign-in
        log.warning("could not note where the sign-in is kept: %s", exc)


def _remember_server_url(paths: Paths, server_url: str) -> None:
    """Put the server in the settings too, so the next sign-in offers it."""
    from timo_desktop import settings
    from timo_desktop.core.errors import TimoError

    try:
        if settings.load(paths.settings_file).account.server_url != server_url:
            settings.save_value(paths.settings_file, "account.server_url", server_url)
    except TimoError as exc:  # a damaged settings file must not undo a good sign-in
        log.warning("could not record the server in the settings: %s", exc)
