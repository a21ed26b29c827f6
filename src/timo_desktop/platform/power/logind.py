"""Linux: logind's sleep and session lock signals, read on a background thread.

Listens on the system bus for `org.freedesktop.login1.Manager.PrepareForSleep`
(true before sleep, false after resume) and, on this session's object, for
`Lock`/`Unlock` and changes of the `LockedHint` property. The thread blocks in
`recv` — no periodic wake-ups — and `stop()` shuts the socket to end it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from datetime import UTC, datetime
from typing import Any

from timo_desktop.platform.power import OnEvent, PowerEvent, PowerEventKind

LOGIN1 = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"


class LogindUnavailable(RuntimeError):
    """logind cannot be reached or does not know this session."""


class LogindListener:
    """Reports suspend, resume, lock and unlock from logind until `stop()`."""

    name = "logind"

    def __init__(self, on_event: OnEvent, bus: str = "SYSTEM", session_path: str | None = None):
        from jeepney import DBusAddress, MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        self._on_event = on_event
        try:
            self._connection = open_dbus_connection(bus=bus)
        except (OSError, KeyError, RuntimeError) as exc:
            raise LogindUnavailable(f"cannot reach the system D-Bus: {exc}") from exc
        try:
            if session_path is None:
                manager = DBusAddress(MANAGER_PATH, bus_name=LOGIN1, interface=MANAGER)
                session_id = os.environ.get("XDG_SESSION_ID")
                call = (
                    new_method_call(manager, "GetSession", "s", (session_id,))
                    if session_id
                    else new_method_call(manager, "GetSessionByPID", "u", (os.getpid(),))
                )
                (session_path,) = unwrap_msg(self._connection.send_and_get_reply(call, timeout=5))
            rules = [
                MatchRule(
                    type="signal", interface=MANAGER, member="PrepareForSleep", path=MANAGER_PATH
                ),
                MatchRule(type="signal", interface=SESSION, path=session_path),
                MatchRule(
                    type="signal",
                    interface=PROPERTIES,
                    member="PropertiesChanged",
                    path=session_path,
                ),
            ]
            for rule in rules:
                unwrap_msg(self._connection.send_and_get_reply(message_bus.AddMatch(rule)))
        except (DBusErrorResponse, OSError, TimeoutError) as exc:
            self._connection.close()
            raise LogindUnavailable(f"logind did not answer: {exc}") from exc
        self.session_path: str = session_path
        self._thread = threading.Thread(target=self._listen, name="timo-logind", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        from jeepney import HeaderFields, MessageType

        while True:
            try:
                message = self._connection.receive()
            except (OSError, ValueError):
                return  # stop() shut the socket
            header = message.header
            if header.message_type != MessageType.signal:
                continue
            event = translate(
                header.fields.get(HeaderFields.interface, ""),
                header.fields.get(HeaderFields.member, ""),
                message.body,
                datetime.now(UTC),
            )
            if event is not None:
                self._on_event(event)

    def stop(self) -> None:
        """Stop listening and close the connection."""
        with contextlib.suppress(OSError):  # the bus may have closed it already
            self._connection.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
        self._connection.close()


def translate(
    interface: str, member: str, body: tuple[Any, ...], at: datetime
) -> PowerEvent | None:
    """The power event a logind signal received at `at` means, or None."""
    if interface == MANAGER and member == "PrepareForSleep":
        return PowerEvent(PowerEventKind.SUSPEND if body[0] else PowerEventKind.RESUME, at)
    if interface == SESSION and member == "Lock":
        # A request to lock: the locker run on it may exit on the password unannounced.
        return PowerEvent(PowerEventKind.LOCK, at, unlock_follows=False)
    if interface == SESSION and member == "Unlock":
        return PowerEvent(PowerEventKind.UNLOCK, at)
    if interface == PROPERTIES and member == "PropertiesChanged" and body[0] == SESSION:
        hint = body[1].get("LockedHint")
        if hint is not None:
            # Set by the screen locker itself (GNOME, KDE), which clears it on unlock.
            return PowerEvent(PowerEventKind.LOCK if hint[1] else PowerEventKind.UNLOCK, at)
    return None
