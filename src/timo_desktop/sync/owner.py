"""Whose time this database holds: one person's, on one Vmoox server.

Entries carry no account of their own; the server files each under whoever sends
it. So the first account that signs in (or syncs) claims the database, and no other
account syncs it: its entries would land on someone else's timesheet, and edits to
them would change another person's time. Signing in as someone else hands the
database over only when nothing of the previous person's is still unsent; their
synced entries, catalog and sync positions are then removed here (Vmoox keeps
them), and the new account starts from its own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from timo_desktop.auth.account import account_key
from timo_desktop.auth.errors import AuthError
from timo_desktop.store import sync_state
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Reader, Store, WriteTransaction
from timo_desktop.sync.status import LAST_ERROR, SIGNED_OUT_WORDS
from timo_desktop.sync.words import plural
from timo_desktop.vmoox.urls import normalize_server_url

OWNER = "account.owner"
# What the next account must not inherit: another person's entries and what sync knows
# of them. The device id stays: it names this computer, whoever uses it.
_TABLES = ("sync_conflicts", "sync_requests", "sync_base", "outbox", "entries")
_CATALOG = ("tasks", "projects", "records")
_KEPT_META = ("sync.device_id",)


@dataclass(frozen=True)
class Owner:
    """An account as the database remembers it: its key (server and user) and how to
    name it to people."""

    key: str
    who: str
    server: str

    @property
    def named(self) -> str:
        """`dana@example.com at https://vmoox.example`."""
        return f"{self.who} at {self.server}"

    @classmethod
    def of(cls, server_url: str, user_id: str, email: str | None, name: str) -> Owner:
        """The owner for a user on a server (the key matches `Account.key`)."""
        server = normalize_server_url(server_url)
        return cls(account_key(server, user_id), email or name or user_id, server)


class OtherAccount(AuthError):
    """The database holds another account's time that this one must not sync."""


def owner(reader: Reader) -> Owner | None:
    """Who the database belongs to; None before anyone signed in or synced."""
    raw = reader.meta(OWNER)
    if not raw:
        return None
    data = json.loads(raw)
    return Owner(str(data["key"]), str(data["who"]), str(data["server"]))


def check(store: Store, account: Owner) -> None:
    """Before a sync: claim an unclaimed database; refuse (`OtherAccount`) one that is
    another account's."""
    held = owner(store)
    if held is None:
        _claim(store, account)
    elif held.key != account.key:
        raise OtherAccount(
            f"the entries on this computer were recorded as {held.named}, not as "
            f"{account.named}; sign in as {held.who} there to sync them"
        )


def hand_over(store: Store, account: Owner) -> str | None:
    """At sign-in: the database becomes `account`'s. Another account's database is
    refused (`OtherAccount`) while any of its changes is unsent or its timer runs, else
    emptied of that account's synced copies. Returns what was removed, in words, or None."""
    with store.write() as tx:
        held = owner(tx)
        if held is not None and held.key != account.key:
            unsent = sync_state.unsent_entries(tx.connection)
            if unsent:
                are = "is" if unsent == 1 else "are"
                raise OtherAccount(
                    f"{plural(unsent, 'entry')} recorded as {held.named} {are} not sent "
                    f"yet: sign in as {held.who} there to send them before signing in "
                    f"as {account.named} (if that server is gone for good: keep a copy with"
                    " `timo export --from 1970-01-01 -o timo-entries.csv`, then move aside"
                    " the data folder `timo doctor` names, and Timo starts afresh)"
                )
            running = tx.running()
            if running is not None:  # its end is still to come, and to be sent as theirs
                raise OtherAccount(
                    f"the timer “{running.description or 'without a description'}” of "
                    f"{held.named} is still running: sign in as {held.who} there to stop "
                    f"it before signing in as {account.named}"
                )
            for table in (*_TABLES, *_CATALOG):
                tx.connection.execute(f"DELETE FROM {table}")
            kept = ",".join("?" * len(_KEPT_META))
            tx.connection.execute(
                f"DELETE FROM meta WHERE (key LIKE 'sync.%' OR key = ?) AND key NOT IN ({kept})",
                (WORKSPACE_RULES_KEY, *_KEPT_META),
            )
        _remember(tx, account)
        if (tx.meta(LAST_ERROR) or "").startswith(SIGNED_OUT_WORDS):
            # Signed in now: the last round's "Signed out — …" no longer holds.
            tx.connection.execute("DELETE FROM meta WHERE key = ?", (LAST_ERROR,))
    if held is None or held.key == account.key:
        return None
    return f"the entries of {held.named} were removed from this computer (Vmoox keeps them)"


def _claim(store: Store, account: Owner) -> None:
    with store.write() as tx:
        _remember(tx, account)


def _remember(tx: WriteTransaction, account: Owner) -> None:
    tx.set_meta(OWNER, json.dumps(asdict(account)))
