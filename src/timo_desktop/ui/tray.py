"""The tray icon (menu bar item on macOS) and its menu, rebuilt each time it opens."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from timo_desktop.ui.icons import tray_icon
from timo_desktop.ui.plain import tip
from timo_desktop.ui.sync_status import SyncSummary

MENU_TEXT_WIDTH = 400  # px; a long description would stretch the menu across the screen
MESSAGE_MS = 15_000  # how long a message by the icon asks to stay


@dataclass(frozen=True)
class RecentItem:
    """An earlier entry offered in the menu to continue."""

    client_ref: str
    label: str  # "Homepage layout — Website"


@dataclass(frozen=True)
class TrayState:
    """Everything the menu and tooltip show."""

    running: str | None  # "Homepage layout — Website", or None when stopped
    elapsed: str  # "0:12"
    recent: Sequence[RecentItem]
    sync: SyncSummary | None
    stop_waiting: bool = False  # the running timer's stop waits for the database


class Tray(QObject):
    """Owns the QSystemTrayIcon; every choice in the menu comes out as a signal."""

    start_requested = Signal()
    stop_requested = Signal()
    cancel_stop_requested = Signal()  # the stop waiting for the database is not wanted now
    continue_requested = Signal(str)  # client_ref
    add_manually_requested = Signal()
    open_requested = Signal()
    attention_requested = Signal()  # the sync line, while entries wait for a decision
    sync_now_requested = Signal()
    sign_in_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, state: Callable[[], TrayState], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.icon = QSystemTrayIcon(tray_icon(False), self)
        self.menu = QMenu()
        self.menu.setAccessibleName("Timo menu")
        self.menu.setToolTipsVisible(True)  # a shortened item's whole text on hover
        self.menu.aboutToShow.connect(self._rebuild)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._on_message_click: Callable[[], object] | None = None
        self.icon.messageClicked.connect(self._message_clicked)
        self._rebuild()

    @staticmethod
    def available() -> bool:
        """True when the desktop has a tray (stock GNOME does not)."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()
        self.refresh()  # Windows 11 drops a tooltip set before show()

    def hide(self) -> None:
        self.icon.hide()

    def refresh(self) -> None:
        """Re-read the state into the icon and tooltip (the menu is rebuilt when opened)."""
        state = self._state()
        self.icon.setIcon(tray_icon(state.running is not None))
        if state.running is not None:
            self.icon.setToolTip(icon_tip(state.running, state.elapsed))
        else:
            self.icon.setToolTip("Timo — no timer running")

    def tell(self, title: str, body: str, clicked: Callable[[], object] | None = None) -> bool:
        """Show a message by the icon; a click on it calls `clicked`. False where the desktop
        shows no such messages. A message replaces the one before it, and so does what a
        click does: a click always acts on the message it was shown with."""
        if not QSystemTrayIcon.supportsMessages():
            return False
        self._on_message_click = clicked
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        return True

    def _message_clicked(self) -> None:
        clicked, self._on_message_click = self._on_message_click, None
        if clicked is not None:
            clicked()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the window on Windows and Linux; on macOS the click opens the menu.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            self.open_requested.emit()

    def _rebuild(self) -> None:
        state = self._state()
        menu = self.menu
        menu.clear()
        if state.running is not None:
            # An item that does something (opens the window), not a disabled one: those
            # are drawn greyed out, as if the timer were not running.
            self._item(f"● {state.running}", self.open_requested.emit, after=f"  {state.elapsed}")
            if state.stop_waiting:
                # Stop again tries the waiting stop at once, at the time first asked for.
                self._item("Try the stop again", self.stop_requested.emit)
                self._item("Cancel stop", self.cancel_stop_requested.emit)
            else:
                self._item("Stop", self.stop_requested.emit)
        else:
            self._item("Start timer", self.start_requested.emit)
        if state.recent:
            if sys.platform in ("win32", "darwin"):
                # Windows' own style and the macOS menu bar draw a section as a bare line;
                # their own menus head a group with a greyed item, so Timo does too.
                menu.addSeparator()
                self._add("Continue").setEnabled(False)
            else:
                # Fusion draws a section's title as a heading (a disabled item reads
                # as greyed out there).
                menu.addSection("Continue")
            for item in state.recent:
                self._item(
                    item.label,
                    lambda _=False, ref=item.client_ref: self.continue_requested.emit(ref),
                )
        menu.addSeparator()
        self._item("Add time manually…", self.add_manually_requested.emit)
        self._item("Open Timo", self.open_requested.emit)
        if state.sync is not None:
            menu.addSeparator()
            # Opens what fixes it, like the running timer: Needs attention while entries
            # wait for a decision, else the window with its sync status.
            chosen = self.attention_requested if state.sync.needs_you else self.open_requested
            self._item(state.sync.text, chosen.emit).setToolTip(tip(_hover_words(state.sync)))
            if state.sync.needs_sign_in:
                self._item("Sign in to sync…", self.sign_in_requested.emit)
            elif state.sync.can_sync_now:
                self._item("Sync now", self.sync_now_requested.emit)
        menu.addSeparator()
        self._item("Settings…", self.settings_requested.emit)
        self._item("Quit Timo", self.quit_requested.emit)

    def _item(self, text: str, slot: Callable[..., object], *, after: str = "") -> QAction:
        action = self._add(text, after)
        action.triggered.connect(slot)
        return action

    def _add(self, text: str, after: str = "") -> QAction:
        """An item showing `text` as typed ("R&D" is no mnemonic), shortened at the end
        when long, then `after` (the elapsed time) whole; the whole text is its tooltip."""
        metrics = self.menu.fontMetrics()
        room = MENU_TEXT_WIDTH - metrics.horizontalAdvance(after)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) + after
        action = self.menu.addAction(shown.replace("&", "&&"))
        action.setToolTip(tip(text + after))
        return action


WINDOWS_TIP = 127  # characters a Windows tray tooltip holds (NOTIFYICONDATAW.szTip)


def icon_tip(running: str, elapsed: str) -> str:
    """The tray icon's tooltip: what runs, then for how long. Linux trays draw it as Qt
    or HTML does (`plain.tip`); Windows and macOS show plain text, where HTML would be
    seen as written, and Windows keeps 127 characters, which cut the time off a long
    description (so the description is shortened there)."""
    if sys.platform == "win32" and len(running) + len(elapsed) + 1 > WINDOWS_TIP:
        running = running[: WINDOWS_TIP - len(elapsed) - 2] + "…"
    text = f"{running}\n{elapsed}"
    return tip(text) if sys.platform.startswith("linux") else text


def _hover_words(sync: SyncSummary) -> str:
    """The sync line's tooltip: the window's (the whole sentence, the last sync, the last
    problem), led by the line as shown when that says more than the sentence."""
    sentence = sync.detail.split("\n", 1)[0]
    return sync.detail if sync.text.startswith(sentence) else f"{sync.text}\n{sync.detail}"
