"""A real Secret Service (GNOME Keyring) on a private D-Bus, unlocked, for tests and benchmarks.

`keyring` finds it as a Linux desktop's keyring would be found: through
`DBUS_SESSION_BUS_ADDRESS` in the environment `secret_service()` yields.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from tests.platform.dbus_support import private_bus

DAEMON = "gnome-keyring-daemon"
NAME = "org.freedesktop.secrets"
STARTUP_TIMEOUT = 15.0


def available() -> bool:
    """True when GNOME Keyring and dbus-daemon are installed."""
    return bool(shutil.which(DAEMON) and shutil.which("dbus-daemon"))


@contextmanager
def secret_service(folder: Path) -> Iterator[dict[str, str]]:
    """Start a bus and an unlocked GNOME Keyring on it, keeping its files in `folder`;
    yield the environment that reaches it."""
    folder.mkdir(parents=True, exist_ok=True)
    with private_bus(folder / "bus") as address:
        env = {
            **os.environ,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "HOME": str(folder),  # the login keyring is created under it
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_RUNTIME_DIR": str(folder),
        }
        daemon = subprocess.Popen(
            [DAEMON, "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            assert daemon.stdin is not None
            daemon.stdin.write(b"test password")  # creates and unlocks the login keyring
            daemon.stdin.close()
            _wait_for_name(address, daemon)
            yield env
        finally:
            daemon.terminate()
            daemon.wait(timeout=5)


def _wait_for_name(address: str, daemon: subprocess.Popen[bytes]) -> None:
    with open_dbus_connection(bus=address) as bus:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            reply = bus.send_and_get_reply(message_bus.NameHasOwner(NAME))
            if reply.body[0]:
                return
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{DAEMON} did not take {NAME} on the bus")
            time.sleep(0.05)
