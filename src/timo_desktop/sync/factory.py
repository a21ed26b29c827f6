"""One way to get a sync engine for a Timo home: `timo sync` and the desktop worker alike.

`open_engine(paths)` signs in as `auth.service.current_session` says
(`VMOOX_TOKEN` first, then the saved account) and gives the engine its own
database connection. While nobody is signed in it raises `SignedOut` before
HTTP, the keyring or the engine are imported, so a signed-out desktop app
stays small. The default workspace is read again at every round, so one
chosen with `timo workspace` or in Settings needs no new engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from timo_desktop.auth.account import ENV_TOKEN, AccountFile
from timo_desktop.paths import Paths
from timo_desktop.sync.worker import SignedOut

if TYPE_CHECKING:
    import httpx

    from timo_desktop.sync.engine import SyncEngine

NOT_SIGNED_IN = "not signed in"


def may_be_signed_in(paths: Paths) -> bool:
    """False when there is certainly no sign-in (no token in the environment, no saved
    account); reads one small file and imports nothing heavy."""
    return bool(os.environ.get(ENV_TOKEN)) or AccountFile(paths.config).load() is not None


def open_engine(
    paths: Paths,
    *,
    warn: Callable[[str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    create: bool = True,
    zone: Callable[[], str] | None = None,
) -> SyncEngine:
    """A `SyncEngine` on `paths.database`, signed in; `SignedOut(reason)` otherwise.
    Not to `create` the database: the app's, whose own Tracker made it. `zone`: the zone
    the engine says clock times in (the caller's, which follows `day.time_zone`).

    `warn` receives the owner-only file store's warning (the CLI prints it); without it
    the warning is logged once a run (the desktop app shows it in Settings). The caller
    closes the engine.
    """
    if not may_be_signed_in(paths):
        raise SignedOut(NOT_SIGNED_IN)

    from timo_desktop.auth.errors import AuthError
    from timo_desktop.auth.service import chosen_workspace, current_session
    from timo_desktop.store.database import Store
    from timo_desktop.sync.engine import SyncEngine

    try:
        session = current_session(paths, warn=warn, transport=transport)
    except AuthError as error:
        raise SignedOut(str(error)) from None
    if session is None:
        raise SignedOut(NOT_SIGNED_IN)
    return SyncEngine(
        Store.open(paths.database, create=create),
        session.client(),
        default_workspace=session.account.workspace_id,
        chosen_workspace=partial(chosen_workspace, paths, session),
        zone=zone,
    )
