"""Signed in through a real GNOME Keyring, the desktop app syncs, and the keyring's client
libraries stay out of its process: each keyring call is a `timo keyring` process.

In the app's process, the Secret Service client would show as cryptography's compiled
core mapped into its memory (secretstorage and jeepney beside it are pure Python)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.support import secret_service
from tests.support.cli import TIMO
from tests.support.desktop import Desktop, stop, wait_for
from tests.support.sandbox import SandboxHandle

from timo_desktop.auth import KEYRING_APART
from timo_desktop.store.database import Store
from timo_desktop.sync.status import LAST_SUCCESS

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.skipif(not KEYRING_APART, reason="the keyring is reached apart on Linux"),
    pytest.mark.skipif(
        not secret_service.available(), reason="needs gnome-keyring and dbus-daemon"
    ),
]


def synced(database: Path) -> bool:
    with Store.open(database) as store:
        return bool(store.meta(LAST_SUCCESS))


def test_signed_in_through_the_keyring_the_app_syncs_without_its_libraries(
    desktop: Desktop,
    sandbox: SandboxHandle,
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    database = home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    Store.open(database).close()  # created before the app starts, so only one creates it
    with secret_service.secret_service(tmp_path / "keyring") as service:
        login = subprocess.run(
            [*TIMO, "login", "--server", sandbox.base_url, "--token", sandbox.token],
            env={**service, "TIMO_HOME": str(home)},
            capture_output=True,
            text=True,
        )
        assert login.returncode == 0, login.stderr
        bus = {"DBUS_SESSION_BUS_ADDRESS": service["DBUS_SESSION_BUS_ADDRESS"]}
        with (tmp_path / "timo.log").open("wb") as out:
            app = subprocess.Popen(
                TIMO, env={**desktop.app_env(home), **bus}, stdout=out, stderr=subprocess.STDOUT
            )
        try:
            wait_for(lambda: synced(database), "the first sync round", timeout=60)
            assert app.poll() is None
            mapped = Path(f"/proc/{app.pid}/maps").read_text()
        finally:
            stop(app)
    assert "/cryptography/" not in mapped
