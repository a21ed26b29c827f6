"""A frozen Timo opens the browser and the file manager with the environment it was started
with: they inherited the bundle's LD_LIBRARY_PATH and QT_PLUGIN_PATH, and loaded Timo's
copies of glib, dbus and Qt instead of the system's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from timo_desktop.command import as_the_user_has_it

PRINT_ENV = "import json, os; print(json.dumps(dict(os.environ)))"


def opened_with() -> dict[str, str]:
    """The environment a program started now gets."""
    done = subprocess.run([sys.executable, "-c", PRINT_ENV], capture_output=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_programs_opened_from_a_frozen_timo_get_the_user_s_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    # As PyInstaller's loader and Timo's run-time hook leave them.
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/timo/_internal:/usr/local/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", "/opt/timo/_internal/PySide6/Qt/plugins")
    with as_the_user_has_it():
        seen = opened_with()
    assert seen["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "QT_PLUGIN_PATH" not in seen
    # Timo itself goes on with its own.
    assert os.environ["LD_LIBRARY_PATH"] == "/opt/timo/_internal:/usr/local/lib"
    assert os.environ["QT_PLUGIN_PATH"] == "/opt/timo/_internal/PySide6/Qt/plugins"


def test_a_library_path_the_user_had_none_of_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/timo/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    with as_the_user_has_it():
        assert "LD_LIBRARY_PATH" not in opened_with()
