"""A private D-Bus daemon for tests, and a tiny service living on it.

Lets the D-Bus clients (GNOME idle monitor, logind signals) talk to a real bus;
only the far end — GNOME Shell or logind, which cannot run here — is played
by the test.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jeepney import HeaderFields, Message, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

Handler = Callable[[Message], tuple[str, tuple[Any, ...]]]


@contextmanager
def private_bus(folder: Path) -> Iterator[str]:
    """Start `dbus-daemon --session` on a socket in `folder`; yield its address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (apt-get install -y dbus-daemon)")
    folder.mkdir(parents=True, exist_ok=True)
    address = f"unix:path={folder / 'bus'}"
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            f"--address={address}",
            "--print-address",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert daemon.stdout is not None
        daemon.stdout.readline()  # printed once the bus listens
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=5)


class Service:
    """Owns a bus name and answers method calls with `handler`, on its own thread."""

    def __init__(self, address: str, name: str, handler: Handler) -> None:
        self.connection: DBusConnection = open_dbus_connection(bus=address)
        reply = self.connection.send_and_get_reply(message_bus.RequestName(name))
        assert reply.body == (1,), f"could not own {name}"
        self._handler = handler
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                message = self.connection.receive()
            except OSError:
                return
            if message.header.message_type != MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            try:
                signature, body = self._handler(message)
                self.connection.send(new_method_return(message, signature, body))
            except LookupError:
                self.connection.send(
                    new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (member,))
                )

    def emit(self, signal: Message) -> None:
        """Send a signal from this service's connection."""
        self.connection.send(signal)

    def close(self) -> None:
        self.connection.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
        self.connection.close()
