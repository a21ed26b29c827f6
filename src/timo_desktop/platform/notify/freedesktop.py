"""Linux desktops: `org.freedesktop.Notifications` on the session D-Bus, with buttons.

Usable only when the server lists "actions" in `GetCapabilities`. Timo's
notification replaces its previous one (`replaces_id`) rather than stacking.
The answer comes back as `ActionInvoked(id, key)`; `NotificationClosed(id, …)`
means it is gone unanswered.

One connection both calls and listens: some servers send those signals only to
the connection that called `Notify`. A background thread owns every read from
it — it blocks in `recv` (no periodic wake-ups), hands method replies to the
caller waiting for them and reports our ids' actions through `on_action` — so
the caller's (Qt) thread never reads the socket and waits for a reply at most
`REPLY_TIMEOUT`. The server is not started just to be asked (no auto-start).
"""

from __future__ import annotations

import contextlib
import html
import logging
import socket
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from timo_desktop.platform.notify import NotifyUnavailable, OnAction

if TYPE_CHECKING:
    from jeepney import Message

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
REPLY_TIMEOUT = 1.0  # seconds; a hung notification server must not hold up the Qt thread
APP_NAME = "Timo"
APP_ICON = "timo"  # the icon theme name packaging/linux/install.sh installs
DESKTOP_ENTRY = "timo"  # timo.desktop, so the server groups and themes it as Timo's
URGENCY_NORMAL = 1
EXPIRE_DEFAULT = -1  # the server's own timeout: it knows its desktop's habits
SIGNALS = ("ActionInvoked", "NotificationClosed")


class FreedesktopNotifier:
    """Shows Timo's one notification with buttons and reports the button chosen."""

    name = "freedesktop"

    def __init__(self, bus_address: str, on_action: OnAction) -> None:
        from jeepney import DBusAddress, MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        try:
            self._connection = open_dbus_connection(bus=bus_address)
        except (OSError, KeyError, RuntimeError, ValueError) as exc:
            raise NotifyUnavailable(f"cannot reach the session D-Bus: {exc}") from exc
        self._address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        try:
            # Asked before the listening thread starts, so read here directly.
            reply = self._connection.send_and_get_reply(
                self._method("GetCapabilities", "", ()), timeout=REPLY_TIMEOUT
            )
            (capabilities,) = unwrap_msg(reply)
            if "actions" not in capabilities:
                raise NotifyUnavailable("the notification server shows no buttons")
            # Such a server reads the body as markup: a description or project name is
            # escaped to show as written ("<b>", "&" in "R&D"), as the spec asks.
            self._markup = "body-markup" in capabilities
            for member in SIGNALS:
                rule = MatchRule(type="signal", interface=BUS_NAME, path=OBJECT_PATH, member=member)
                unwrap_msg(
                    self._connection.send_and_get_reply(
                        message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT
                    )
                )
        except DBusErrorResponse as exc:
            self._connection.close()
            raise NotifyUnavailable(f"no notification server answered: {exc}") from exc
        except (OSError, TimeoutError, ValueError) as exc:
            self._connection.close()
            raise NotifyUnavailable(f"the notification server did not answer: {exc}") from exc
        except NotifyUnavailable:
            self._connection.close()
            raise
        self._on_action = on_action
        self._lock = threading.Lock()  # guards the fields below, shared with the thread
        self._waiting: tuple[int, str] | None = None  # (serial, member) of the call awaited
        self._reply: Message | None = None
        self._replied = threading.Event()
        self._shown = 0  # the server's id of our notification on screen; 0: none
        self._lost = False
        self._thread = threading.Thread(target=self._listen, name="timo-notify", daemon=True)
        self._thread.start()

    def show(self, title: str, body: str, actions: Sequence[tuple[str, str]]) -> None:
        """Show the notification, replacing ours if it is still on screen."""
        with self._lock:
            replaces = self._shown
        flat = [part for action in actions for part in action]
        hints = {"desktop-entry": ("s", DESKTOP_ENTRY), "urgency": ("y", URGENCY_NORMAL)}
        if self._markup:
            body = html.escape(body, quote=False)
        self._call(
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, replaces, APP_ICON, title, body, flat, hints, EXPIRE_DEFAULT),
        )

    def dismiss(self) -> None:
        """Close our notification if the server still shows it."""
        with self._lock:
            shown, self._shown = self._shown, 0
        if not shown:
            return
        try:
            self._call("CloseNotification", "u", (shown,))
        except NotifyUnavailable as exc:  # gone with the server, or already closed
            log.info("could not close the notification: %s", exc)

    def close(self) -> None:
        """Dismiss, stop listening and close the connection."""
        self.dismiss()
        with contextlib.suppress(OSError):  # the bus may have closed it already
            self._connection.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
        self._connection.close()

    # The caller's thread -----------------------------------------------------------------
    def _method(self, member: str, signature: str, body: tuple[Any, ...]) -> Message:
        from jeepney import MessageFlag, new_method_call

        message = new_method_call(self._address, member, signature, body)
        message.header.flags |= MessageFlag.no_auto_start
        return message

    def _call(self, member: str, signature: str, body: tuple[Any, ...]) -> tuple[Any, ...]:
        """Send a call and wait (at most `REPLY_TIMEOUT`) for the thread to hand over its reply."""
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        message = self._method(member, signature, body)
        serial = next(self._connection.outgoing_serial)
        with self._lock:
            if self._lost:
                raise NotifyUnavailable("the session D-Bus connection was lost")
            self._waiting, self._reply = (serial, member), None
            self._replied.clear()
        try:
            self._connection.send(message, serial=serial)
        except OSError as exc:
            raise NotifyUnavailable(f"cannot reach the session D-Bus: {exc}") from exc
        answered = self._replied.wait(REPLY_TIMEOUT)
        with self._lock:
            reply, self._waiting = self._reply, None
        if not answered:
            raise NotifyUnavailable("the notification server did not answer in time")
        if reply is None:
            raise NotifyUnavailable("the session D-Bus connection was lost")
        try:
            return unwrap_msg(reply)
        except DBusErrorResponse as exc:
            raise NotifyUnavailable(f"the notification server refused: {exc}") from exc

    # The listening thread ----------------------------------------------------------------
    def _listen(self) -> None:
        from jeepney import HeaderFields, MessageType

        while True:
            try:
                message = self._connection.receive()
            except (OSError, ValueError):  # close() shut the socket, or the bus went away
                with self._lock:
                    self._lost = True
                self._replied.set()  # a caller waiting for a reply learns it now
                return
            header = message.header
            if header.message_type is MessageType.signal:
                if header.fields.get(HeaderFields.interface) == BUS_NAME:
                    self._on_signal(header.fields.get(HeaderFields.member, ""), message.body)
                continue
            with self._lock:
                waiting = self._waiting
                if waiting is None or header.fields.get(HeaderFields.reply_serial) != waiting[0]:
                    continue
                if waiting[1] == "Notify" and header.message_type is MessageType.method_return:
                    # Recorded here, before any later signal is read, so an action on
                    # this notification can never arrive before its id is known.
                    (self._shown,) = message.body
                self._reply = message
                self._replied.set()

    def _on_signal(self, member: str, body: tuple[Any, ...]) -> None:
        if member not in SIGNALS or len(body) != 2:
            return
        notification, detail = body
        with self._lock:
            ours = notification != 0 and notification == self._shown
            if ours and member == "NotificationClosed":
                self._shown = 0  # gone (expired, dismissed or answered): nothing to close
        if ours and member == "ActionInvoked":
            self._on_action(detail)
