"""A file-backed keyring that `timo` subprocesses started by tests can share.

The in-memory keyring of `keyring_backend.py` lives in one process; a CLI
test runs `timo login` and then `timo whoami` as separate processes. Point
them at this backend with `use_file_keyring()`, which sets
`PYTHON_KEYRING_BACKEND` (read by `keyring` at start-up) and the file path.
The file lives outside TIMO_HOME so that checks of TIMO_HOME for leaked
tokens do not trip over the keyring itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

BACKEND = f"{__name__}.FileKeyring"
PATH_VARIABLE = "TIMO_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Secrets in a JSON file named by `$TIMO_TEST_KEYRING_FILE`."""

    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[PATH_VARIABLE])

    def secrets(self) -> dict[str, str]:
        """Everything stored, keyed "service|username"."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def _write(self, data: dict[str, str]) -> None:
        temp = self.path.with_suffix(".tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        temp.replace(self.path)

    @property
    def lock_path(self) -> Path:
        return self.path.with_suffix(".locked")

    def lock(self) -> None:
        """Refuse every read and write from now on, as a locked keyring whose unlock prompt
        was dismissed does (GNOME Keyring: `KeyringLocked`)."""
        self.lock_path.touch()

    def _unlocked(self) -> None:
        if self.lock_path.exists():
            raise KeyringLocked("Failed to unlock the collection!")

    def get_password(self, service: str, username: str) -> str | None:
        self._unlocked()
        return self.secrets().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._unlocked()
        data = self.secrets()
        data[f"{service}|{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        self._unlocked()
        data = self.secrets()
        if data.pop(f"{service}|{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(data)


def use_file_keyring(monkeypatch: pytest.MonkeyPatch, path: Path) -> FileKeyring:
    """Make this process and every subprocess use a `FileKeyring` at `path`."""
    monkeypatch.setenv(PATH_VARIABLE, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
    repo = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")]))
    )
    backend = FileKeyring()
    keyring.set_keyring(backend)  # the autouse memory keyring is restored after the test
    return backend


def use_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process and every subprocess see no usable keyring."""
    from keyring.backends import fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(fail.Keyring())
