"""`timo logout` with entries not sent yet: it signs out all the same, and says how many
stay on this computer and as whom to sign in to send them. Real `timo` processes against
the sandbox, sharing a file-backed test keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


@pytest.fixture
def signed_in(timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring) -> FileKeyring:
    """Signed in as Dana Demo <dana@example.com> with a token."""
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    return shared_keyring


def add(timo: Timo, description: str, start: str) -> None:
    done = timo("add", description, "--date", "2026-01-05", "--start", start, "-d", "30m")
    assert done.returncode == 0, done.stderr


def test_logout_names_the_unsent_entries_and_whom_to_sign_in_as(
    timo: Timo, signed_in: FileKeyring, timo_home: Path
) -> None:
    for start in ("09:00", "10:00", "11:00"):
        add(timo, f"Work at {start}", start)
    logout = timo("logout")
    assert logout.returncode == 0, logout.stderr
    said = logout.stdout.splitlines()
    assert said[0].startswith("Signed out of http://")
    assert said[1:] == [
        "3 entries are not sent to Vmoox yet. They stay on this computer and are sent "
        "when you sign in again as dana@example.com."
    ]
    # Signed out all the same, and the entries kept.
    assert signed_in.secrets() == {}
    assert not (timo_home / "config" / "account.json").exists()
    status = timo("sync", "status")
    assert status.stdout.splitlines()[0] == "Signed out — sign in to sync 3 entries"


def test_one_unsent_entry_is_said_in_the_singular(timo: Timo, signed_in: FileKeyring) -> None:
    add(timo, "Homepage layout", "09:00")
    logout = timo("logout")
    assert logout.returncode == 0, logout.stderr
    assert logout.stdout.splitlines()[1] == (
        "1 entry is not sent to Vmoox yet. It stays on this computer and is sent "
        "when you sign in again as dana@example.com."
    )


def test_nothing_unsent_nothing_more_said(
    timo: Timo, sandbox: SandboxHandle, signed_in: FileKeyring
) -> None:
    add(timo, "Homepage layout", "09:00")
    assert timo("sync").returncode == 0  # sent: nothing waits
    logout = timo("logout")
    assert logout.returncode == 0, logout.stderr
    assert [line for line in logout.stdout.splitlines() if line] == [
        f"Signed out of {sandbox.base_url.rstrip('/')}."
    ]
    assert signed_in.secrets() == {}
