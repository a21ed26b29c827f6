"""Linux desktops: the notification server's `Inhibited` property (Desktop Notifications 1.2+).

KDE Plasma and other notification servers set `org.freedesktop.Notifications`
`Inhibited` while Do Not Disturb is on. A server that is not running or does
not know the property tells nothing, so this source answers "not quiet". The
server is not started just to be asked (no auto-start). Uses `jeepney`; one
connection, opened once.
"""

from __future__ import annotations

import logging

from timo_desktop.platform.quiet import QuietUnavailable

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
PROPERTY = "Inhibited"
REPLY_TIMEOUT = 1.0  # seconds; a hung notification server must not hold up the Qt thread


class NotificationsInhibited:
    """Quiet while the session's notification server says notifications are inhibited."""

    name = "freedesktop"

    def __init__(self, bus_address: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        try:
            self._connection = open_dbus_connection(bus=bus_address)
        except (OSError, KeyError, RuntimeError, ValueError) as exc:
            raise QuietUnavailable(f"cannot reach the session D-Bus: {exc}") from exc
        self._address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        self._complained = False

    def is_quiet(self) -> bool:
        """True while the notification server reports `Inhibited`."""
        from jeepney import DBusErrorResponse, MessageFlag, Properties
        from jeepney.wrappers import unwrap_msg

        message = Properties(self._address).get(PROPERTY)
        message.header.flags |= MessageFlag.no_auto_start
        try:
            reply = self._connection.send_and_get_reply(message, timeout=REPLY_TIMEOUT)
            ((signature, value),) = unwrap_msg(reply)
        except DBusErrorResponse:
            return False  # no server running, or one without the property
        except (OSError, TimeoutError, ValueError) as exc:
            if not self._complained:  # once per run; the check repeats every minute
                self._complained = True
                log.warning("the notification server did not answer: %s", exc)
            return False
        return signature == "b" and bool(value)

    def close(self) -> None:
        """Close the D-Bus connection."""
        self._connection.close()
