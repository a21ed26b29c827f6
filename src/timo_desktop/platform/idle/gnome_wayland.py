"""GNOME on Wayland: `org.gnome.Mutter.IdleMonitor.GetIdletime` on the session bus.

Wayland gives apps no idle time of their own; GNOME's compositor offers it
over D-Bus. Uses `jeepney` (pure Python, no event loop); one connection,
opened once.
"""

from __future__ import annotations

from timo_desktop.platform.idle import IdleUnavailable

BUS_NAME = "org.gnome.Mutter.IdleMonitor"
OBJECT_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
REPLY_TIMEOUT = 2.0  # seconds; a hung compositor must not hang Timo's poll


class GnomeWaylandIdle:
    """Idle seconds from Mutter's idle monitor."""

    name = "gnome-wayland"

    def __init__(self, bus_address: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        if not bus_address:
            raise IdleUnavailable("no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        try:
            self._connection = open_dbus_connection(bus=bus_address)
        except (OSError, KeyError, RuntimeError) as exc:
            raise IdleUnavailable(f"cannot reach the session D-Bus: {exc}") from exc
        self._address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        try:
            self.seconds_since_input()  # fail now, in detect(), if Mutter does not answer
        except IdleUnavailable:
            self._connection.close()
            raise

    def seconds_since_input(self) -> float:
        """Seconds since GNOME last saw input."""
        from jeepney import DBusErrorResponse, new_method_call
        from jeepney.wrappers import unwrap_msg

        try:
            reply = self._connection.send_and_get_reply(
                new_method_call(self._address, "GetIdletime"), timeout=REPLY_TIMEOUT
            )
            (milliseconds,) = unwrap_msg(reply)
        except (DBusErrorResponse, OSError, TimeoutError, ValueError) as exc:
            raise IdleUnavailable(f"GNOME's idle monitor did not answer: {exc}") from exc
        return float(milliseconds) / 1000.0

    def close(self) -> None:
        """Close the D-Bus connection."""
        self._connection.close()
