"""The signed-in account's non-secret facts, kept in the config folder.

Server, user and workspace are not secrets and must survive restarts, so
they live in `account.json`; the secret that goes with them is in a
`CredentialStore` under `Account.key`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from timo_desktop.auth.credentials import StoreKind, session_store
from timo_desktop.files import keep_private, write_whole

CredentialKind = Literal["oauth", "pat"]

# For scripts: a token (and server) in the environment win over the saved sign-in.
ENV_TOKEN = "VMOOX_TOKEN"
ENV_SERVER = "VMOOX_SERVER"


def account_key(server_url: str, user_id: str) -> str:
    """One key per user on a server: for their credential and the database they own."""
    return f"{server_url}|{user_id}"


@dataclass(frozen=True)
class Account:
    """Who is signed in where, and how."""

    server_url: str
    user_id: str
    user_name: str
    email: str | None
    workspace_id: str | None
    workspace_name: str | None
    credential: CredentialKind
    store: StoreKind

    @property
    def key(self) -> str:
        """The credential's key in the store: one entry per server and user."""
        return account_key(self.server_url, self.user_id)

    @property
    def named(self) -> str:
        """`Dana Demo on https://vmoox.example.com`: who on which server, as Settings ›
        Account and `timo sync status` name the sign-in."""
        return f"{self.user_name or self.email or self.user_id} on {self.server_url}"

    def with_workspace(self, workspace_id: str, workspace_name: str | None) -> Account:
        """The same account tracking into another workspace."""
        return replace(self, workspace_id=workspace_id, workspace_name=workspace_name)

    def to_json(self) -> dict[str, Any]:
        """The JSON object written to `account.json`."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Account:
        """Read an account written by `to_json` (raises `ValueError` when damaged)."""
        try:
            return cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (KeyError, TypeError) as exc:
            raise ValueError(f"account file is damaged ({exc})") from None


class AccountFile:
    """`account.json` in the config folder."""

    FILE_NAME = "account.json"

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / self.FILE_NAME

    def load(self) -> Account | None:
        """The saved account, or None when nobody is signed in (or the file is damaged).
        A sign-in kept "until Timo quits" is one only in the process holding its secret:
        after Timo quits, and in `timo` commands, it is signed out."""
        try:
            account = Account.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None
        keep_private(self.path)  # written for everyone to read by an older Timo
        if account.store == "session" and session_store().load(account.key) is None:
            return None
        return account

    def save(self, account: Account) -> None:
        """Write the account whole, readable by its owner only (a name, an email)."""
        write_whole(self.path, json.dumps(account.to_json(), indent=2), private=True)

    def clear(self) -> None:
        """Forget the account."""
        self.path.unlink(missing_ok=True)
