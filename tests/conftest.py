"""Every test gets a fresh TIMO_HOME and an in-memory keyring."""

from __future__ import annotations

import compileall
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.keyring_backend import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.desktop", "tests.support.https", "tests.support.sandbox"]


def pytest_configure(config: pytest.Config) -> None:
    """Bytecode for Timo and the sandbox, written once before the tests start: where
    PYTHONDONTWRITEBYTECODE is set (CI, some shells), every `timo` process a test starts
    would otherwise compile Timo's modules anew (~0.25 s of each `timo status`)."""
    if not hasattr(config, "workerinput"):  # once, in the run's main process
        compileall.compile_dir(Path(__file__).parents[1] / "src", quiet=1)


@pytest.fixture(autouse=True)
def timo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty TIMO_HOME for every test (also seen by subprocesses)."""
    home = tmp_path / "timo-home"
    monkeypatch.setenv("TIMO_HOME", str(home))
    monkeypatch.delenv("VMOOX_TOKEN", raising=False)
    return home


@pytest.fixture
def twelve_hour() -> Iterator[None]:
    """Times of day on a 12-hour clock (`2:30 PM`), as on a computer set so; 24-hour after."""
    from timo_desktop.core.local_time import use_twelve_hour_clock

    use_twelve_hour_clock(True)
    yield
    use_twelve_hour_clock(False)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Force the in-memory keyring so no test reads or writes the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
