"""Notifications with buttons through `org.freedesktop.Notifications` over a real D-Bus daemon.

The notification server is played by the test on a private bus; Timo's side is
the real client, with its listening thread.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import (
    NotificationServer,
    action_invoked,
    notification_closed,
)
from timo_desktop.platform.notify import (
    MACOS_REASON,
    WINDOWS_REASON,
    NotifyUnavailable,
    Unsupported,
    detect,
)
from timo_desktop.platform.notify.freedesktop import BUS_NAME, OBJECT_PATH, FreedesktopNotifier

PATIENCE = 20.0  # seconds to wait for a signal to come through; the machine is shared
BUTTONS = [("default", "Open"), ("start", "Start timer"), ("snooze-hour", "Snooze 1 hour")]


class Answers:
    """The keys the notifier reports, from its thread, in order."""

    def __init__(self) -> None:
        self.keys: queue.Queue[str] = queue.Queue()

    def __call__(self, key: str) -> None:
        self.keys.put(key)

    def next(self) -> str:
        return self.keys.get(timeout=PATIENCE)


@pytest.fixture
def server() -> NotificationServer:
    return NotificationServer(inhibited=None, capabilities=["actions", "body"])


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    with private_bus(tmp_path) as address:
        yield address


@pytest.fixture
def service(bus: str, server: NotificationServer) -> Iterator[Service]:
    running = Service(bus, BUS_NAME, server)
    yield running
    running.close()


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def notifier(bus: str, service: Service, answers: Answers) -> Iterator[FreedesktopNotifier]:
    found = detect(answers, {"DBUS_SESSION_BUS_ADDRESS": bus}, "linux")
    assert isinstance(found, FreedesktopNotifier)
    yield found
    found.close()


def test_shows_one_notification_with_buttons_and_replaces_it(
    notifier: FreedesktopNotifier, server: NotificationServer
) -> None:
    notifier.show("Nothing is being tracked", "No timer since 09:12.", BUTTONS)
    notifier.show("Nothing is being tracked", "No timer since 10:30.", BUTTONS)
    first, second = server.shown
    assert (first.app_name, first.replaces_id, first.app_icon) == ("Timo", 0, "timo")
    assert (first.summary, first.body) == ("Nothing is being tracked", "No timer since 09:12.")
    assert first.actions == [
        *("default", "Open"),
        *("start", "Start timer"),
        *("snooze-hour", "Snooze 1 hour"),
    ]
    assert first.hints == {"desktop-entry": ("s", "timo"), "urgency": ("y", 1)}
    assert first.expire_timeout == -1
    assert second.replaces_id == 42 and second.body == "No timer since 10:30."  # not stacked
    asked = [(path, member, no_auto_start) for path, _, member, _, no_auto_start in server.requests]
    assert asked == [
        (OBJECT_PATH, "GetCapabilities", True),
        (OBJECT_PATH, "Notify", True),
        (OBJECT_PATH, "Notify", True),
    ]


def test_reports_the_buttons_chosen_on_its_own_notification_only(
    notifier: FreedesktopNotifier,
    server: NotificationServer,
    service: Service,
    answers: Answers,
) -> None:
    notifier.show("Nothing is being tracked", "No timer since 09:12.", BUTTONS)
    ours = server.shown[0].sender
    service.emit(action_invoked(7, "start"))  # another app's notification
    service.emit(action_invoked(42, "snooze-hour", to=ours))  # sent only to Timo (GNOME-like)
    service.emit(action_invoked(42, "default"))  # sent to everyone listening
    assert [answers.next(), answers.next()] == ["snooze-hour", "default"]


def test_an_action_after_the_notification_closed_is_not_reported(
    notifier: FreedesktopNotifier,
    server: NotificationServer,
    service: Service,
    answers: Answers,
) -> None:
    notifier.show("Nothing is being tracked", "No timer since 09:12.", BUTTONS)
    service.emit(notification_closed(42, 1))  # expired
    service.emit(action_invoked(42, "start"))  # stale: the id may belong to another now
    # The next notification's reply comes after both signals on the same connection, so an
    # action on it, once reported, proves the stale one was read and dropped.
    notifier.show("Nothing is being tracked", "No timer since 10:30.", BUTTONS)
    service.emit(action_invoked(server.ids[-1], "snooze-hour"))
    assert answers.next() == "snooze-hour"
    assert answers.keys.empty()


def test_dismiss_and_close_close_the_notification_once(
    notifier: FreedesktopNotifier, server: NotificationServer
) -> None:
    notifier.dismiss()  # nothing shown yet: nothing to close
    notifier.show("Nothing is being tracked", "No timer since 09:12.", BUTTONS)
    notifier.dismiss()
    notifier.dismiss()
    assert server.closed == [42]
    notifier.show("Nothing is being tracked", "No timer since 10:30.", BUTTONS)
    assert server.shown[-1].replaces_id == 0  # the dismissed one is not replaced
    notifier.close()
    assert server.closed == [42, 43]


def test_a_lost_bus_fails_at_once_so_the_caller_can_fall_back(
    tmp_path: Path, server: NotificationServer
) -> None:
    with private_bus(tmp_path / "gone") as address:
        service = Service(address, BUS_NAME, server)
        notifier = FreedesktopNotifier(address, Answers())
        service.close()
    try:
        with pytest.raises(NotifyUnavailable):
            notifier.show("Nothing is being tracked", "No timer since 09:12.", BUTTONS)
    finally:
        notifier.close()


def test_a_server_without_buttons_is_unsupported(bus: str) -> None:
    service = Service(bus, BUS_NAME, NotificationServer(inhibited=None, capabilities=["body"]))
    try:
        found = detect(Answers(), {"DBUS_SESSION_BUS_ADDRESS": bus}, "linux")
    finally:
        service.close()
    assert found == Unsupported("the notification server shows no buttons")


def test_no_notification_server_is_unsupported(bus: str) -> None:
    found = detect(Answers(), {"DBUS_SESSION_BUS_ADDRESS": bus}, "linux")
    assert isinstance(found, Unsupported)
    assert found.reason.startswith("no notification server answered")


def test_other_systems_and_no_session_bus_are_unsupported(tmp_path: Path) -> None:
    assert detect(Answers(), {}, "win32") == Unsupported(WINDOWS_REASON)
    assert detect(Answers(), {}, "darwin") == Unsupported(MACOS_REASON)
    assert detect(Answers(), {}, "linux") == Unsupported(
        "no session D-Bus to reach a notification server"
    )
    unreachable = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'none'}"}
    found = detect(Answers(), unreachable, "linux")
    assert isinstance(found, Unsupported) and "session D-Bus" in found.reason


@pytest.mark.parametrize(
    ("markup", "sent"), [(True, "Call &lt;b&gt;R&amp;D&lt;/b&gt;"), (False, "Call <b>R&D</b>")]
)
def test_a_server_that_reads_markup_gets_the_words_escaped(
    bus: str, answers: Answers, markup: bool, sent: str
) -> None:
    """A description "<b>…" or "R&D" in a reminder was read as markup by such servers."""
    capabilities = ["actions", "body", *(["body-markup"] if markup else [])]
    server = NotificationServer(inhibited=None, capabilities=capabilities)
    running = Service(bus, BUS_NAME, server)
    try:
        found = detect(answers, {"DBUS_SESSION_BUS_ADDRESS": bus}, "linux")
        assert isinstance(found, FreedesktopNotifier)
        try:
            found.show("Still running", "Call <b>R&D</b>", BUTTONS)
        finally:
            found.close()
    finally:
        running.close()
    assert server.shown[0].body == sent
