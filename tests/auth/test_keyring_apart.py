"""The desktop app's keyring on Linux: each call made by a real `timo keyring` process,
against a file keyring the children share and against a real GNOME Keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import secret_service
from tests.support.cli import TIMO
from tests.support.keyring_file import use_file_keyring, use_no_keyring
from timo_desktop.auth import KEYRING_APART, credentials
from timo_desktop.auth.credentials import (
    SERVICE,
    ApartKeyringStore,
    KeyringStore,
    keyring_problem,
    reach_keyring_apart,
)
from timo_desktop.auth.errors import KeyringUnavailable
from timo_desktop.auth.service import open_store
from timo_desktop.paths import resolve

pytestmark = pytest.mark.skipif(not KEYRING_APART, reason="the keyring is reached apart on Linux")
KEY = "https://vmoox.example|usr_1"


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process reaches the keyring as the desktop app does (put back afterwards)."""
    monkeypatch.setattr(credentials, "_apart", False)
    reach_keyring_apart()
    yield


def test_the_desktop_app_keeps_secrets_through_timo_keyring(
    apart: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    store = open_store("keyring", resolve())
    assert isinstance(store, ApartKeyringStore)
    assert keyring_problem() is None
    assert store.load(KEY) is None
    store.save(KEY, "rt-secret")
    assert shared.secrets() == {f"{SERVICE}|{KEY}": "rt-secret"}  # stored by the child
    assert store.load(KEY) == "rt-secret"
    store.delete(KEY)
    store.delete(KEY)  # twice is fine, as in-process
    assert shared.secrets() == {}


def test_no_keyring_is_explained_as_in_process(
    apart: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_no_keyring(monkeypatch)
    reason = credentials.local_keyring_problem()
    assert reason is not None and "no keyring service" in reason
    assert keyring_problem() == reason  # the child's words, unchanged
    with pytest.raises(KeyringUnavailable) as caught:
        ApartKeyringStore().load(KEY)
    assert caught.value.reason == reason
    with pytest.raises(KeyringUnavailable):
        ApartKeyringStore().save(KEY, "rt-secret")


def test_without_the_switch_the_keyring_is_reached_in_process() -> None:
    assert isinstance(open_store("keyring", resolve()), KeyringStore)


@pytest.mark.skipif(not secret_service.available(), reason="needs gnome-keyring and dbus-daemon")
def test_a_real_secret_service_holds_what_the_app_stores(
    apart: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with secret_service.secret_service(tmp_path / "keyring") as env:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", env["DBUS_SESSION_BUS_ADDRESS"])
        store = ApartKeyringStore()
        store.save(KEY, "rt-secret")
        # Read back by a plain `keyring` client, as any program of the user could.
        read = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import keyring; print(keyring.get_password({SERVICE!r}, {KEY!r}))",
            ],
            capture_output=True,
            text=True,
            env={**os.environ},
            check=True,
        )
        assert read.stdout.strip() == "rt-secret"
        assert store.load(KEY) == "rt-secret"
        store.delete(KEY)
        assert store.load(KEY) is None


def test_timo_keyring_reports_by_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    run = [*TIMO, "keyring"]
    saved = subprocess.run([*run, "set", KEY], input="s3cret", capture_output=True, text=True)
    assert saved.returncode == 0 and saved.stdout == ""
    got = subprocess.run([*run, "get", KEY], capture_output=True, text=True)
    assert (got.returncode, got.stdout) == (0, "s3cret")
    missing = subprocess.run([*run, "get", "nobody"], capture_output=True, text=True)
    assert (missing.returncode, missing.stdout) == (credentials.NONE_STORED, "")
    use_no_keyring(monkeypatch)
    refused = subprocess.run([*run, "check"], capture_output=True, text=True)
    assert refused.returncode == credentials.UNAVAILABLE
    assert "no keyring service" in refused.stderr
