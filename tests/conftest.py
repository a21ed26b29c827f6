"""Every test gets a fresh TIMO_HOME and an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.keyring_backend import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.desktop", "tests.support.https"]


@pytest.fixture(autouse=True)
def timo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty TIMO_HOME for every test (also seen by subprocesses)."""
    home = tmp_path / "timo-home"
    monkeypatch.setenv("TIMO_HOME", str(home))
    monkeypatch.delenv("VMOOX_TOKEN", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Force the in-memory keyring so no test reads or writes the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
