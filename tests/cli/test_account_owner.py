"""One person's time is never sent as another's: the database belongs to the account
that first signed in, and signing in as someone else waits until it is all sent.

Real `timo` processes against the sandbox, with a file-backed test keyring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring, use_no_keyring
from tests.support.sandbox import SandboxHandle

DAY = ("--date", "2026-01-05")
THAT_DAY = ("--from", "2026-01-05", "--to", "2026-01-05")


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


def _entries_of(sandbox: SandboxHandle, token: str) -> list[str]:
    """The descriptions of the token's user's own entries in the demo workspace."""
    response = sandbox.client.get(
        sandbox.entries_path(),
        params={"limit": "500"},
        headers={"Authorization": f"Bearer {token}"},
    )
    response.raise_for_status()
    return [e["description"] for e in response.json()["data"]]


def _add(timo: Timo, description: str, start: str) -> None:
    added = timo("add", description, *DAY, "--start", start, "--duration", "30m")
    assert added.returncode == 0, added.stderr


def test_signing_in_as_someone_else_waits_until_the_first_persons_time_is_sent(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    alex = sandbox.mint_pat("usr_3")
    login = ("login", "--server", sandbox.base_url, "--token")
    assert timo(*login, sandbox.token).returncode == 0
    _add(timo, "Dana's billable work", "09:00")
    assert timo("logout").returncode == 0

    refused = timo(*login, alex)
    assert refused.returncode != 0
    assert (
        f"1 entry recorded as dana@example.com at {sandbox.base_url} is not sent yet: "
        "sign in as dana@example.com there to send them before signing in as "
        f"alex@example.com at {sandbox.base_url} (if that server is gone for good: keep a"
        " copy with `timo export --from 1970-01-01 -o timo-entries.csv`, then move aside the"
        " data folder `timo doctor` names, and Timo starts afresh)"
    ) in refused.stderr
    assert json.loads(timo("whoami", "--json").stdout) == {"signed_in": False}
    assert "Dana's billable work" in timo("log", *THAT_DAY).stdout  # kept, still Dana's

    assert timo(*login, sandbox.token).returncode == 0  # Dana again: hers to send
    assert timo("sync").returncode == 0
    assert timo("logout").returncode == 0
    switched = timo(*login, alex)
    assert switched.returncode == 0, switched.stderr
    assert switched.stdout.splitlines()[1] == (  # said, not only logged
        f"The entries of dana@example.com at {sandbox.base_url} were removed from this"
        " computer (Vmoox keeps them)."
    )
    assert "Dana's billable work" not in timo("log", *THAT_DAY).stdout  # Vmoox keeps it
    _add(timo, "Alex's own work", "10:00")
    assert timo("sync").returncode == 0

    assert "Dana's billable work" in _entries_of(sandbox, sandbox.token)
    assert "Alex's own work" not in _entries_of(sandbox, sandbox.token)
    alexs = _entries_of(sandbox, alex)
    assert "Alex's own work" in alexs and "Dana's billable work" not in alexs


def test_a_sign_in_refused_in_the_file_store_says_nothing_of_keeping_it(
    timo: Timo, sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch, timo_home: Path
) -> None:
    use_no_keyring(monkeypatch)
    login = ("login", "--server", sandbox.base_url, "--allow-file-store", "--token")
    assert timo(*login, sandbox.token).returncode == 0
    _add(timo, "Dana's billable work", "09:00")
    assert timo("logout").returncode == 0

    refused = timo(*login, sandbox.mint_pat("usr_3"))

    assert refused.returncode != 0 and "is not sent yet" in refused.stderr
    # It began "Warning: your Vmoox sign-in is kept in …/credentials.json …; run `timo
    # logout` to remove it", of a sign-in refused and kept nowhere.
    assert "Warning" not in refused.stderr
    assert not (timo_home / "config" / "credentials.json").exists()


def test_a_token_for_someone_else_does_not_sync_this_persons_entries(
    timo: Timo,
    sandbox: SandboxHandle,
    shared_keyring: FileKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    assert timo("sync").returncode == 0  # the database is Dana's now
    _add(timo, "Dana's unsent work", "11:00")

    alex = sandbox.mint_pat("usr_3")
    with monkeypatch.context() as env:  # as a script would, with Alex's token
        env.setenv("VMOOX_TOKEN", alex)
        env.setenv("VMOOX_SERVER", sandbox.base_url)
        refused = timo("sync")
    assert refused.returncode == 1
    assert (
        f"the entries on this computer were recorded as dana@example.com at "
        f"{sandbox.base_url}, not as alex@example.com at {sandbox.base_url}"
    ) in " ".join((refused.stdout + refused.stderr).split())  # wrapped to 80 columns
    assert "Dana's unsent work" not in _entries_of(sandbox, alex)
    assert timo("sync").returncode == 0  # Dana's own sign-in sends it
    assert "Dana's unsent work" in _entries_of(sandbox, sandbox.token)
