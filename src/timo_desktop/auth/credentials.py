"""Where the one long-lived secret (refresh token or personal access token) is kept.

`KeyringStore` (the OS keyring, the default), `FileStore` (opt-in when no
keyring works: an owner-only file, with a warning where its user is told of it) and
`SessionStore` (memory only, gone when Timo quits). Access tokens are never
stored by any of them. The desktop app on Linux reaches the keyring through
`ApartKeyringStore` instead of `KeyringStore` (`reach_keyring_apart`).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from timo_desktop.auth import KEYRING_APART
from timo_desktop.auth.errors import KeyringUnavailable

if TYPE_CHECKING:
    import subprocess

SERVICE = "timo-desktop"

StoreKind = Literal["keyring", "file", "session"]

log = logging.getLogger(__name__)


class CredentialStore(Protocol):
    """Keeps one secret per account key."""

    kind: StoreKind

    def load(self, key: str) -> str | None:
        """The secret stored under `key`, or None."""
        ...

    def save(self, key: str, secret: str) -> None:
        """Store `secret` under `key`, replacing any previous one."""
        ...

    def delete(self, key: str) -> None:
        """Forget the secret under `key` (no error if there is none)."""
        ...


def keyring_problem() -> str | None:
    """Why the OS keyring cannot be used, or None when it can."""
    return ApartKeyringStore.problem() if _apart else local_keyring_problem()


def keyring_store() -> CredentialStore:
    """The OS keyring, reached in this process or apart (see `reach_keyring_apart`);
    raises `KeyringUnavailable` when it cannot be used from here."""
    return ApartKeyringStore() if _apart else KeyringStore()


def reach_keyring_apart() -> None:
    """From now on, reach the keyring from this process through `ApartKeyringStore`,
    where Timo does so (`KEYRING_APART`). The desktop app calls this at start."""
    global _apart
    _apart = KEYRING_APART


_apart = False


def local_keyring_problem() -> str | None:
    """Why the OS keyring cannot be used from this process, or None when it can."""
    import keyring
    from keyring.backends import chainer, fail, null

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # keyring raises assorted errors while choosing a backend
        return f"the keyring could not be opened ({type(exc).__name__})"
    if isinstance(backend, fail.Keyring | null.Keyring):
        return (
            "this system has no keyring service (such as GNOME Keyring, KWallet, "
            "macOS Keychain or Windows Credential Manager)"
        )
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "no keyring service is running"
    return None


class KeyringStore:
    """The OS keyring through `keyring`: service "timo-desktop", one entry per account."""

    kind: StoreKind = "keyring"

    def __init__(self) -> None:
        problem = local_keyring_problem()
        if problem:
            raise KeyringUnavailable(problem)

    def __repr__(self) -> str:
        return "KeyringStore()"

    def load(self, key: str) -> str | None:
        """The secret from the keyring, or None."""
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, key)
        except KeyringError as exc:
            raise KeyringUnavailable(_keyring_reason(exc)) from None

    def save(self, key: str, secret: str) -> None:
        """Write the secret to the keyring."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, key, secret)
        except KeyringError as exc:
            raise KeyringUnavailable(_keyring_reason(exc)) from None

    def delete(self, key: str) -> None:
        """Remove the keyring entry if there is one."""
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, key)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            raise KeyringUnavailable(_keyring_reason(exc)) from None


# How `timo keyring` answers (`cli.account`): 0 done, else one of these.
NONE_STORED = 4  # `get`: there is no secret under that key
UNAVAILABLE = 3  # the keyring cannot be used; the reason is on stderr
APART_TIMEOUT = 300.0  # seconds; the keyring may be asking the user to unlock it


class ApartKeyringStore:
    """The OS keyring, each call made by a short-lived `timo keyring` process.

    On Linux, `keyring` reaches the Secret Service through secretstorage, jeepney and
    cryptography: ~11 MiB the desktop app, running all day, would hold for a read at
    start and a write when a token is renewed, and ~260 ms spent choosing a backend.
    The child runs `KeyringStore` and exits. Any program of the user can read the
    Secret Service's items, so the command opens no new way in; macOS, whose Keychain
    trusts the app that stored an item, has no such command (`KEYRING_APART`).
    """

    kind: StoreKind = "keyring"

    def __repr__(self) -> str:
        return "ApartKeyringStore()"

    @staticmethod
    def problem() -> str | None:
        """Why the keyring cannot be used, asked of a child, or None when it can."""
        try:
            _ask_apart("check")
        except KeyringUnavailable as error:
            return error.reason
        return None

    def load(self, key: str) -> str | None:
        """The secret from the keyring, or None."""
        done = _ask_apart("get", key, answers=(0, NONE_STORED))
        return None if done.returncode == NONE_STORED else done.stdout

    def save(self, key: str, secret: str) -> None:
        """Write the secret to the keyring."""
        _ask_apart("set", key, secret=secret)

    def delete(self, key: str) -> None:
        """Remove the keyring entry if there is one."""
        _ask_apart("delete", key)


def _ask_apart(
    *args: str, secret: str = "", answers: tuple[int, ...] = (0,)
) -> subprocess.CompletedProcess[str]:
    """Run `timo keyring ARGS`, the secret (if any) on its stdin; any status but
    `answers` is `KeyringUnavailable` with the reason."""
    import subprocess

    from timo_desktop.command import timo_command

    try:
        done = subprocess.run(
            timo_command("keyring", *args),
            input=secret,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=APART_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise KeyringUnavailable(f"the keyring could not be reached ({error})") from None
    if done.returncode not in answers:
        raise KeyringUnavailable(_apart_reason(done.returncode, done.stderr))
    return done


def _apart_reason(status: int, stderr: str) -> str:
    if status == UNAVAILABLE and stderr.strip():
        return stderr.strip()
    log.warning("timo keyring ended with status %d: %s", status, stderr.strip()[-2000:])
    return f"the keyring could not be reached (timo keyring ended with status {status})"


def _keyring_reason(exc: Exception) -> str:
    from keyring.errors import KeyringLocked

    if isinstance(exc, KeyringLocked):  # its unlock prompt dismissed, or none could show
        return "the keyring is locked; unlock it and try again"
    # The backend's own message may quote what was being stored; name the kind only.
    return f"the keyring refused the request: {type(exc).__name__}"


# What keeping the sign-in in a file means, wherever that is said.
FILE_STORE_RISK = "anyone who can read your files can use it; run `timo logout` to remove it"


def file_store_warning(path: Path) -> str:
    """The warning that the sign-in is kept in the file store at `path`."""
    return (
        f"Warning: your Vmoox sign-in is kept in {path} (readable only by you) because no "
        f"keyring is available. {FILE_STORE_RISK[0].upper()}{FILE_STORE_RISK[1:]}."
    )


_LOGGED: set[Path] = set()  # file stores whose warning this process has logged


class FileStore:
    """Opt-in fallback: a JSON file, mode 0600, in the config folder."""

    kind: StoreKind = "file"
    FILE_NAME = "credentials.json"

    def __init__(self, config_dir: Path, *, warn: Callable[[str], None] | None = None) -> None:
        """`warn` is given the warning whenever the store is used, once per store (a command
        may load and then save): the command line prints it where the person is to be told
        (`timo login`, `timo whoami`), and passes it over where a command only uses the
        sign-in (`cli.common.told_at_login`). Without it the warning goes to the log, once a
        run: the app, which says it in Settings, would otherwise log it at every sync."""
        self.path = config_dir / self.FILE_NAME
        self._warn = warn
        self._warned = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FileStore({str(self.path)!r})"

    def _announce(self) -> None:
        message = file_store_warning(self.path)
        if self._warn is None:
            if self.path not in _LOGGED:
                _LOGGED.add(self.path)
                log.warning("%s", message)
        elif not self._warned:
            self._warned = True
            self._warn(message)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("the credentials file %s is unreadable; ignoring it", self.path)
            return {}
        return (
            {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        )

    def _write(self, data: dict[str, str]) -> None:
        if not data:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = self.path.with_suffix(".tmp")
        # Created owner-only from the first byte; never widened by a umask.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, self.path)

    def load(self, key: str) -> str | None:
        """The secret from the file (with the warning)."""
        with self._lock:
            secret = self._read().get(key)
        if secret is not None:
            self._announce()
        return secret

    def save(self, key: str, secret: str) -> None:
        """Write the secret to the file (with the warning)."""
        with self._lock:
            data = self._read()
            data[key] = secret
            self._write(data)
        self._announce()

    def delete(self, key: str) -> None:
        """Remove the secret; the file goes when it holds nothing."""
        with self._lock:
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)


class SessionStore:
    """Memory only: Timo stays signed in until it quits."""

    kind: StoreKind = "session"

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "SessionStore()"

    def load(self, key: str) -> str | None:
        """The secret held in memory."""
        with self._lock:
            return self._secrets.get(key)

    def save(self, key: str, secret: str) -> None:
        """Hold the secret in memory."""
        with self._lock:
            self._secrets[key] = secret

    def delete(self, key: str) -> None:
        """Forget the secret."""
        with self._lock:
            self._secrets.pop(key, None)


_THIS_RUN = SessionStore()


def session_store() -> SessionStore:
    """This process's memory store: a sign-in kept "until Timo quits" must reach the sync
    engine made after it (and the window's account line), not only the dialog's session."""
    return _THIS_RUN
