"""A notification server (Plasma's, for one) played on a private D-Bus: it answers
whether notifications are inhibited."""

from __future__ import annotations

from jeepney import HeaderFields, Message, MessageFlag

from timo_desktop.platform.quiet.freedesktop import BUS_NAME, PROPERTY


class NotificationServer:
    """Answers `Get(Notifications, Inhibited)`; with `inhibited=None` it knows no such property."""

    def __init__(self, inhibited: bool | None) -> None:
        self.inhibited = inhibited
        self.requests: list[tuple[str, str, str, tuple[object, ...], bool]] = []

    def __call__(self, message: Message) -> tuple[str, tuple[object, ...]]:
        fields = message.header.fields
        self.requests.append(
            (
                fields[HeaderFields.path],
                fields[HeaderFields.interface],
                fields[HeaderFields.member],
                message.body,
                bool(message.header.flags & MessageFlag.no_auto_start),
            )
        )
        if self.inhibited is None or message.body != (BUS_NAME, PROPERTY):
            raise LookupError
        return "v", (("b", self.inhibited),)
