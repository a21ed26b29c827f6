"""Credential stores: keyring detection, the owner-only file store and its warning."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.support.keyring_backend import MemoryKeyring
from timo_desktop.auth.credentials import (
    SERVICE,
    FileStore,
    KeyringStore,
    SessionStore,
    keyring_problem,
)
from timo_desktop.auth.errors import KeyringUnavailable


def test_keyring_store_uses_its_own_service_and_key(memory_keyring: MemoryKeyring) -> None:
    store = KeyringStore()
    store.save("https://v.example|usr_1", "rt-secret")
    assert memory_keyring.secrets == {(SERVICE, "https://v.example|usr_1"): "rt-secret"}
    assert store.load("https://v.example|usr_1") == "rt-secret"
    store.delete("https://v.example|usr_1")
    store.delete("https://v.example|usr_1")  # twice is fine
    assert memory_keyring.secrets == {}


def test_no_keyring_is_detected_and_explained() -> None:
    keyring.set_keyring(fail.Keyring())
    assert keyring_problem() is not None
    with pytest.raises(KeyringUnavailable) as caught:
        KeyringStore()
    assert "--allow-file-store" in str(caught.value)


def test_keyring_errors_at_use_become_keyring_unavailable_without_the_secret(
    memory_keyring: MemoryKeyring,
) -> None:
    from keyring.errors import PasswordSetError

    def refuse(service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {password}")

    memory_keyring.set_password = refuse  # type: ignore[method-assign]
    with pytest.raises(KeyringUnavailable) as caught:
        KeyringStore().save("k", "rt-very-secret")
    assert "rt-very-secret" not in str(caught.value)


def test_file_store_is_owner_only_and_warns_on_every_use(tmp_path: Path) -> None:
    warnings: list[str] = []
    store = FileStore(tmp_path / "config", warn=warnings.append)
    store.save("k1", "s1")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert store.load("k1") == "s1"
    assert len(warnings) == 1 and str(store.path) in warnings[0]  # once for one command
    assert "s1" not in warnings[0]
    store.save("k2", "s2")
    store.delete("k1")
    assert FileStore(tmp_path / "config", warn=warnings.append).load("k2") == "s2"
    store.delete("k2")
    assert not store.path.exists()


def test_the_file_store_warning_is_logged_once_a_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The app's every sync round all day had put the same warning in the log hundreds of
    times; each command still tells its user, and only them (the command line printed
    it twice: itself, and through the log's last-resort handler)."""
    warnings: list[str] = []
    with caplog.at_level(logging.WARNING, logger="timo_desktop.auth.credentials"):
        FileStore(tmp_path / "config").save("k", "s")
        for _round in range(3):
            assert FileStore(tmp_path / "config").load("k") == "s"
        assert len([r for r in caplog.records if "keyring is available" in r.getMessage()]) == 1
        told = FileStore(tmp_path / "config", warn=warnings.append)
        assert told.load("k") == "s"
        told.save("k", "s2")
        assert FileStore(tmp_path / "config", warn=warnings.append).load("k") == "s2"
    assert len(warnings) == 2  # one a command
    assert len([r for r in caplog.records if "keyring is available" in r.getMessage()]) == 1


def test_file_store_ignores_a_damaged_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path, warn=lambda message: None)
    store.path.write_text("{not json")
    assert store.load("k") is None
    store.save("k", "s")
    assert store.load("k") == "s"


def test_session_store_keeps_nothing_on_disk(tmp_path: Path, timo_home: Path) -> None:
    store = SessionStore()
    store.save("k", "s")
    assert store.load("k") == "s"
    assert not timo_home.exists() or not any(timo_home.rglob("*"))
