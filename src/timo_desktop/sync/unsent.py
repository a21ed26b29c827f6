"""What a sign-out leaves behind: the entries Vmoox has not accepted yet, counted and said
one way for `timo logout` and Settings › Sign out alike.

No Qt and nothing heavy: the window imports this when Sign out is clicked, the CLI when
`timo logout` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timo_desktop.store import sync_state
from timo_desktop.sync.words import plural

if TYPE_CHECKING:
    from timo_desktop.auth.account import Account
    from timo_desktop.store.database import Reader


def unsent_entries(reader: Reader) -> int:
    """Entries with a change Vmoox has not accepted yet: queued, in flight, held for a
    workspace whose access was removed, parked, or waiting for the user. The same count
    that keeps another account from signing in here (`sync.owner`), so what sign-out
    says stays here is what the next sign-in as this person sends."""
    return sync_state.unsent_entries(reader.connection)


def who(account: Account) -> str:
    """The account as the person knows it, as the database's owner is named."""
    from timo_desktop.sync.owner import Owner

    return Owner.of(account.server_url, account.user_id, account.email, account.user_name).who


def kept_until_sign_in(count: int, account: Account) -> str:
    """`3 entries are not sent to Vmoox yet. They stay on this computer and are sent when
    you sign in again as dana@example.com.`"""
    if count == 1:
        return (
            "1 entry is not sent to Vmoox yet. It stays on this computer and is sent when "
            f"you sign in again as {who(account)}."
        )
    return (
        f"{plural(count, 'entry')} are not sent to Vmoox yet. They stay on this computer "
        f"and are sent when you sign in again as {who(account)}."
    )
