"""A notification server (Plasma's, for one) played on a private D-Bus: it answers
whether notifications are inhibited and, when given capabilities, shows notifications
(recording each call) and sends the signals a person's click or a timeout would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageFlag, new_signal

from timo_desktop.platform.quiet.freedesktop import BUS_NAME, OBJECT_PATH, PROPERTY


@dataclass(frozen=True)
class Shown:
    """One `Notify` call, as the server received it."""

    sender: str  # the caller's unique name, for signals sent only to it
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, tuple[str, Any]]
    expire_timeout: int


class NotificationServer:
    """Answers `Get(Notifications, Inhibited)`; with `inhibited=None` it knows no such
    property. With `capabilities`, also `GetCapabilities`, `Notify` and `CloseNotification`."""

    def __init__(self, inhibited: bool | None, capabilities: Sequence[str] | None = None) -> None:
        self.inhibited = inhibited
        self.capabilities = capabilities
        self.requests: list[tuple[str, str, str, tuple[object, ...], bool]] = []
        self.shown: list[Shown] = []
        self.closed: list[int] = []
        self.ids: list[int] = []  # what each `Notify` returned
        self._next_id = 41

    def __call__(self, message: Message) -> tuple[str, tuple[object, ...]]:
        fields = message.header.fields
        member = fields[HeaderFields.member]
        self.requests.append(
            (
                fields[HeaderFields.path],
                fields[HeaderFields.interface],
                member,
                message.body,
                bool(message.header.flags & MessageFlag.no_auto_start),
            )
        )
        if member == "Get" and self.inhibited is not None and message.body == (BUS_NAME, PROPERTY):
            return "v", (("b", self.inhibited),)
        if self.capabilities is None:
            raise LookupError
        if member == "GetCapabilities":
            return "as", (list(self.capabilities),)
        if member == "Notify":
            shown = Shown(fields[HeaderFields.sender], *message.body)
            self.shown.append(shown)
            if shown.replaces_id:  # the spec: a replaced notification keeps its id
                self.ids.append(shown.replaces_id)
            else:
                self._next_id += 1
                self.ids.append(self._next_id)
            return "u", (self.ids[-1],)
        if member == "CloseNotification":
            self.closed.append(message.body[0])
            return "", ()
        raise LookupError


def action_invoked(notification: int, key: str, to: str | None = None) -> Message:
    """The signal for a click on `key`; `to` sends it only to that connection (as some
    servers do) rather than to everyone listening."""
    return _signal("ActionInvoked", "us", (notification, key), to)


def notification_closed(notification: int, reason: int, to: str | None = None) -> Message:
    """The signal for a notification gone (1 expired, 2 dismissed, 3 closed by a call)."""
    return _signal("NotificationClosed", "uu", (notification, reason), to)


def _signal(member: str, signature: str, body: tuple[Any, ...], to: str | None) -> Message:
    message = new_signal(DBusAddress(OBJECT_PATH, interface=BUS_NAME), member, signature, body)
    if to is not None:
        message.header.fields[HeaderFields.destination] = to
    return message
