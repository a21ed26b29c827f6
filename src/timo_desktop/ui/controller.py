"""The desktop app's brain: turns clicks into Tracker calls and Tracker state into what is shown."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QStandardItemModel, QUndoCommand, QUndoStack

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import entry_length
from timo_desktop.core.entry import NO_TARGET, Entry, Target, described, parse_tags
from timo_desktop.core.errors import NotFound, NothingRunning, TimoError, sentence
from timo_desktop.core.local_time import (
    at_local,
    clock_time,
    local,
    local_day,
    overnight_end,
    range_parts,
    typed_time_in_day,
    typed_time_on,
)
from timo_desktop.core.timer import Draft, Transition
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Recovery, TargetClosed, Tracker
from timo_desktop.store.database import FileLost
from timo_desktop.store.errors import DatabaseLocked, StoreError, but_what_stands
from timo_desktop.sync.words import plural, taken_words
from timo_desktop.ui.entry_model import (
    ACTION_KEYS,
    EDIT_KEYS,
    Column,
    ListContext,
    running_start,
)
from timo_desktop.ui.formatting import day_label, example_range, hours_minutes, time_range
from timo_desktop.ui.like_earlier import PickedDescription, fill_unset, without_target
from timo_desktop.ui.main_window import (
    ADD_KEYS,
    ATTENTION_KEYS,
    SEARCH_KEYS,
    SIGN_IN_KEYS,
    SYNC_KEYS,
    MainWindow,
)
from timo_desktop.ui.sync_bridge import SyncBridge
from timo_desktop.ui.tag_completer import Suggestions
from timo_desktop.ui.target_picker import CatalogProject, TargetChoice, build_catalog_model
from timo_desktop.ui.timer_bar import (
    BILLABLE_KEYS,
    CHOOSE_KEYS,
    DESCRIPTION_KEYS,
    START_KEYS,
    TAGS_KEYS,
    TimerDraft,
)
from timo_desktop.ui.tray import RecentItem, Tray, TrayState

# What the first screen does not need is imported when first used (start-up budget).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from timo_desktop.auth.session import AuthSession
    from timo_desktop.core.catalog import Project, Record
    from timo_desktop.services.reports import Reports
    from timo_desktop.settings import Settings
    from timo_desktop.sync.fields import Settled
    from timo_desktop.sync.status import SyncStatus
    from timo_desktop.ui.attention_panel import AttentionPanel
    from timo_desktop.ui.manual_entry import ManualEntry, ManualEntryDialog, OverlapOffer
    from timo_desktop.ui.presence import Presence
    from timo_desktop.ui.reminders import Reminders
    from timo_desktop.ui.reports_view import ReportsView
    from timo_desktop.ui.settings_dialog import SettingsDialog
    from timo_desktop.ui.settings_watch import SettingsWatch
    from timo_desktop.ui.sign_in import SignInDialog
    from timo_desktop.ui.sync_health import SyncHealthPage
    from timo_desktop.ui.sync_status import SyncSummary

log = logging.getLogger(__name__)
# Said beside the account, as the command line warns on every use: a sign-in outside the
# keyring is readable by whoever reads this user's files, or gone when Timo quits.
_KEPT = {
    "file": "No keyring here: the sign-in is kept in a file only you can read",
    "session": "No keyring here: the sign-in lasts until Timo quits",
}

_FROM_ENV = "Set where Timo was started: start it without VMOOX_TOKEN to use another sign-in"

HISTORY_DAYS = 400  # the list shows a year and a bit; older entries stay in the CLI and reports
FIRST_SCREEN_DAYS = 14  # until the rest loads: a year of entries took ~90 ms before the window
HEARTBEAT_MS = 60_000
WATCH_DEBOUNCE_MS = 250
OUTSIDE_CHANGES_MS = 1000  # how often PRAGMA data_version is read for the CLI's writes
RECOVERY_GRACE = timedelta(minutes=2)  # a heartbeat this fresh means Timo was not gone
DEFERRED_MS = 400  # settings, attention marks and sync load once the window and icon are up
TRAY_RECHECK_MS = 3000  # a tray host still starting up gets this long before the notice stays
# While there is no tray, how often to look for one (Qt has no signal for a tray appearing).
TRAY_WATCH_MS = 10_000
# A stop the database refused (another program writing, a full disk) is tried again this
# often until it is saved, at the instant asked for. Each try waits for the write lock only
# briefly, not the busy timeout: the window answers meanwhile. The first press waits
# longer, past a write of Timo's own (a sync round's batch), which is no reason to keep the
# stop for later, yet not so long that the window seems to hang.
STOP_RETRY_MS = 3000
STOP_RETRY_WAIT_MS = 50
STOP_FIRST_WAIT_MS = 1000
NO_TRAY_NOTICE = (
    "No system tray was found on this desktop, so Timo lives in this window. "
    "Minimise it to keep it out of the way; closing it quits Timo."
)


# How the undo bar names the field an edit in place changed.
_FIELD_WORDS = {
    Column.DESCRIPTION: "the description",
    Column.TARGET: "the project",
    Column.TAGS: "the tags",
    Column.BILLABLE: "the billable mark",
    Column.TIMES: "the times",
    Column.DURATION: "the duration",
}


# The Tracker field a selection's bar changes, and the column that shows it.
_COLUMN_OF = {
    "description": Column.DESCRIPTION,
    "target": Column.TARGET,
    "tags": Column.TAGS,
    "billable": Column.BILLABLE,
}


def _times_typed(entry: Entry, new: dict[str, object]) -> tuple[datetime, datetime | None]:
    """`entry`'s start and end once changed by Tracker fields `new`, as typed."""
    start, end = new.get("start", entry.start), new.get("end", entry.end)
    assert isinstance(start, datetime) and (end is None or isinstance(end, datetime))
    return start, end


def _as_shown(typed: datetime, kept: datetime | None) -> datetime:
    """`typed`, or `kept` where `typed` is the minute `kept` is listed as: times are shown
    without their seconds, so a time typed back as shown is left as it was (a timer
    switched at 10:00:37 keeps that start when only its end is changed), not moved."""
    if kept is not None and typed <= kept < typed + timedelta(minutes=1):
        return kept
    return typed


def _trimmed_words(trimmed: Sequence[Entry]) -> str:
    """` and trimmed “Planning” and “Build”`, to follow what was done; empty for none."""
    from timo_desktop.core.validation import joined

    if not trimmed:
        return ""
    return " and trimmed " + joined(
        [f"“{isolated(described(other.description))}”" for other in trimmed]
    )


@dataclass(frozen=True)
class _PendingStop:
    """A stop the database refused, saved as soon as it takes writes again."""

    ref: str  # the timer's `client_ref`
    name: str  # its description, as said
    at: datetime  # the end asked for
    why: str  # why the database refused it, the last time


def _why_refused(error: StoreError) -> str:
    """Why the database refused a write, in a few words: another program holds it, or what
    the error says (a full disk, a read-only file)."""
    if isinstance(error, DatabaseLocked):  # its own words say to try again, as Timo does
        return "another program is writing to it"
    return but_what_stands(error)


def target_of(choice: TargetChoice | None) -> Target:
    """The core target for a picker choice."""
    if choice is None:
        return NO_TARGET
    return Target(project_id=choice.project_id, task_id=choice.task_id, record_id=choice.record_id)


class _Applied(QUndoCommand):
    """An undoable change that has already been made once (redo runs only on Redo).

    Undo and Redo make the change first (`take_back`, `make_again`) and move the stack
    only once it is made: QUndoStack moves its index whatever the command does, so a
    refused undo (the entry deleted since by `timo`) left the history a step off, and the
    next presses took back or brought back the wrong changes.

    The sync questions the change settled (`Tracker.batch`) ride with it: its Undo asks
    them again (`Tracker.taking_back`), its Redo settles them again."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        tracker: Tracker,
        settled: Sequence[Settled],
    ) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._tracker, self._settled = tracker, list(settled)
        # Made already, so the stack's next redo() or undo() only moves its index: push()
        # calls redo() on a change made, and `take_back` and `make_again` make it first.
        self._made = True

    def take_back(self) -> None:
        """Undo the change (raising what refuses it); the stack's undo() then only moves."""
        self._take_back()
        self._made = True

    def make_again(self) -> None:
        """Redo the change (raising what refuses it); the stack's redo() then only moves."""
        self._make_again()
        self._made = True

    def redo(self) -> None:
        if not self._skip():
            self._make_again()

    def undo(self) -> None:
        if not self._skip():
            self._take_back()

    def _take_back(self) -> None:
        with self._tracker.taking_back(self._settled):
            self._undo()

    def _make_again(self) -> None:
        with self._tracker.batch() as settled:
            self._redo()
        self._settled = settled

    def _skip(self) -> bool:
        made, self._made = self._made, False
        return made


class TimoApp(QObject):
    """Owns the window, the tray and the Tracker; nothing else in the UI calls the Tracker."""

    changed = Signal()
    quit_requested = Signal()
    closing = Signal()  # shutting down: later launches must not take this for a running Timo
    first_screen_shown = Signal()  # the window is painted (or Timo started in the tray)

    def __init__(
        self,
        tracker: Tracker,
        paths: Paths,
        settings: Settings | None = None,
        *,
        use_tray: bool = True,
    ) -> None:
        """`settings=None` loads them from the settings file after the window is shown."""
        super().__init__()
        self.tracker = tracker
        self.paths = paths
        self.settings = settings
        self._deferred_done = settings is not None  # given settings: nothing to wait for
        # The first screen lists two weeks; the rest of the history loads after the paint.
        self._history_days = HISTORY_DAYS if self._deferred_done else FIRST_SCREEN_DAYS
        self._closed = False  # after shutdown, late news (a queued sync status) is dropped
        self._copy_refused = False  # the data file went, and writing it out was refused
        self.restart_after_quit = False  # run Timo again once this one has let go of all
        # Until this run's first heartbeat the earlier run's last one is unread: going
        # before then records nothing over it, and the next start still asks about it.
        self._earlier_run_read = False
        self._session_ended = False  # the session manager said so (commitDataRequest)
        self._quit_when_answered = False  # Quit waits for "You were away" to be answered
        self._reports_view: ReportsView | None = None
        self._attention_panel: AttentionPanel | None = None  # made when sync first needs it
        self._health_page: SyncHealthPage | None = None
        self._settings_dialog: SettingsDialog | None = None  # the one open, if any
        self._adding: ManualEntryDialog | None = None  # Add time manually, while open
        self._settings_account: str | None = None  # the key of the account it shows
        self.presence: Presence | None = None  # away detection, started after the first paint
        self.reminders: Reminders | None = None  # likewise
        self._settings_watch: SettingsWatch | None = None  # likewise
        self.window = MainWindow()
        self.undo = QUndoStack(self)
        self.sync: SyncStatus | None = None
        self._tried_from: str | None = None  # the sync line when Sync now was asked for
        # Read on the worker's thread when sync says a time: a plain attribute.
        self.sync_bridge = SyncBridge(paths, lambda: self.tracker.zone, self)
        self.sync_bridge.status_changed.connect(self.update_sync)
        tracker.on_change(self._changed_here)
        self._labels: dict[Target, str] = {}
        self._entries: list[Entry] = []
        self._shown_day: date | None = None  # the working day the list was filled for
        self._running: Entry | None = None
        self.catalog: QStandardItemModel = QStandardItemModel(self)
        self._catalog_shown: tuple[list[CatalogProject], list[TargetChoice]] | None = None
        self._choices: dict[Target, TargetChoice] = {}
        # Project and record id → the workspace named beside them (`Tracker.workspaces_named`).
        self._workspaces_named: dict[str, str] = {}
        self.descriptions = Suggestions(self)
        self.descriptions.setCaseSensitivity(
            self.window.timer_bar.description.completer().caseSensitivity()
        )
        self.descriptions.setFilterMode(self.window.timer_bar.description.completer().filterMode())
        self.descriptions.setModel(self.window.timer_bar.descriptions)
        self.window.entries.delegate.known_tags = self.window.timer_bar.known_tags

        # The icon is made even when no tray is there yet: Qt embeds it once a tray appears
        # (a panel starting after Timo at login). Until then the window is the way in.
        self.tray: Tray | None = None
        if use_tray:
            self.tray = Tray(self.tray_state, self)
            self._connect_tray(self.tray)
        self._check_tray()

        self._tick = QTimer(self, interval=1000)  # only while the window is visible
        self._tick.timeout.connect(self._on_tick)
        self._minute = QTimer(self, interval=60_000)  # tray tooltip while hidden
        self._minute.timeout.connect(self._refresh_running_text)
        self._heartbeat = QTimer(self, interval=HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self._first_paint = QTimer(self, singleShot=True, interval=0)
        self._first_paint.timeout.connect(self._after_first_paint)
        self._deferred = QTimer(self, singleShot=True, interval=DEFERRED_MS)
        self._deferred.timeout.connect(self._load_the_rest)
        self._reload_soon = QTimer(self, singleShot=True, interval=WATCH_DEBOUNCE_MS)
        self._reload_soon.timeout.connect(self.reload)
        self._reload_after_edit = False
        self._pending_stop: _PendingStop | None = None  # refused by the database, tried again
        self._stop_retry = QTimer(self)
        self._stop_retry.timeout.connect(self._carry_out_pending_stop)
        # Timers sync stopped for a newer one elsewhere, already said in the message bar.
        self._stops_said: set[str] = set()
        # Said by the view once it has finished closing the editor (and before Tab opens
        # the next field's, which shows the change just saved).
        self.window.entries.editor_closed.connect(self._editor_closed)
        # Other processes' commits (the CLI, the sync worker) change PRAGMA data_version;
        # reading it is a few microseconds and works alike on every OS, unlike file watches.
        self._outside = QTimer(self, interval=OUTSIDE_CHANGES_MS)
        self._outside.setTimerType(Qt.TimerType.CoarseTimer)
        self._outside.timeout.connect(self._check_outside_changes)
        self._seen = (tracker.data_version(), tracker.queued_version())

        self._connect_window()
        self._install_shortcuts()
        if self._deferred_done:  # otherwise the pickers' catalog fills after the first paint
            self.reload_catalog()
        self.reload()

    # Start-up ------------------------------------------------------------------------
    def has_tray(self) -> bool:
        """True when the icon can be seen in a tray (otherwise only the window reaches Timo)."""
        return self.tray is not None and Tray.available()

    # Made by `_check_tray` the first time it finds no tray; None while one has always been.
    _tray_watch: QTimer | None = None

    def _check_tray(self) -> None:
        """Say so while there is no tray, and look for one every few seconds meanwhile: a
        panel started after Timo, or a tray extension turned on. Once one is there the
        notice goes, and closing the window hides it to the tray again (`_on_close`)."""
        if self._closed:  # a late look (start's one-off) after quitting: the window is gone
            return
        tray = self.has_tray()
        self.window.show_notice(None if tray else NO_TRAY_NOTICE)
        if tray or self.tray is None:  # no icon made: none will ever show
            if self._tray_watch is not None:
                self._tray_watch.stop()
            return
        if self._tray_watch is None:
            self._tray_watch = QTimer(self, interval=TRAY_WATCH_MS)
            self._tray_watch.setTimerType(Qt.TimerType.VeryCoarseTimer)
            self._tray_watch.timeout.connect(self._check_tray)
        if not self._tray_watch.isActive():
            self._tray_watch.start()

    def start(self, *, background: bool) -> None:
        """Show the tray (and the window unless `background`), then do the slower things
        once the window is painted: until then every millisecond is one more of waiting."""
        if self.tray is not None:
            self.tray.show()
            QTimer.singleShot(TRAY_RECHECK_MS, self._check_tray)
        if not background or not self.has_tray():
            self.window.first_painted.connect(self._first_paint.start)
            self.window.bring_forward()
        else:
            self._first_paint.start()
        self._heartbeat.start()
        self._minute.start()
        self._outside.start()

    def _after_first_paint(self) -> None:
        # The timer an earlier run left behind is read before this run's first heartbeat
        # replaces that run's last one; from then on, this run's going is recorded.
        left_running = self.tracker.recover()
        self._beat()
        self._earlier_run_read = True
        self._watch_the_session()
        self.first_screen_shown.emit()
        if not self._deferred_done:
            self.reload_catalog()
        self._ask_about_left_running(left_running)
        self._deferred.start()

    def _load_the_rest(self) -> None:
        self._deferred_done = True
        self._history_days = HISTORY_DAYS  # the reload below brings the older entries in
        if self.settings is None and self.paths.settings_file.exists():
            self.apply_settings(self._read_settings())
        else:
            self.reload()  # attention marks, by the core's default rules
        self.sync_bridge.start()
        from timo_desktop.ui.presence import Presence

        self.presence = Presence(self, self.settings)
        self.presence.flow.asking.connect(self._away_asked)
        self.presence.resumed.connect(self.sync_bridge.resumed)
        self.presence.resumed.connect(self.follow_the_clock)
        from timo_desktop.ui.reminders import Reminders

        self.reminders = Reminders(self, self.settings)
        from timo_desktop.ui.settings_watch import SettingsWatch

        # `timo config set` and hand edits take effect as the Settings dialog's do.
        self._settings_watch = SettingsWatch(self.paths.settings_file, lambda: self.settings, self)
        self._settings_watch.changed.connect(self.apply_settings)
        self._follow_start_at_login()

    def _follow_start_at_login(self) -> None:
        """Start at login on, but for a Timo moved or installed elsewhere since: point it
        here, or nothing would start at the next login (`autostart.refresh`)."""
        from timo_desktop.platform.autostart import for_this_os, launch_command, refresh

        try:
            refresh(for_this_os(), launch_command())
        except OSError as error:  # a read-only folder or registry key: it stays as it was
            log.warning("start at login not pointed at this Timo: %s", error)

    def _away_asked(self, open_now: bool) -> None:
        """ "You were away" opened or was done with: a quit waiting for its answer goes on
        (asking about the timer, as Quit does), once the answer has been carried out."""
        if not open_now and self._quit_when_answered:
            self._quit_when_answered = False
            QTimer.singleShot(0, self.request_quit)

    def _read_settings(self) -> Settings:
        # Only when a settings file exists: the settings model (pydantic) costs ~20 MiB, and
        # without a file every value is its default, which the core's rules share.
        from timo_desktop.core.errors import InvalidInput
        from timo_desktop.settings import Settings, load

        try:
            return load(self.paths.settings_file)
        except InvalidInput as error:  # a broken file is left alone; defaults until fixed
            log.error("%s", error)
            self.window.show_notice(f"{sentence(str(error))}. Timo uses its defaults for now.")
            return Settings()

    def _watch_the_session(self) -> None:
        """Record the moment the session ends, or Qt quits unasked, as when Timo was last
        running: not a clean exit, for the person was not asked about a running timer,
        and the next start asks (see `quit_without_asking`)."""
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance()
        if app is None:
            return
        app.aboutToQuit.connect(self._quit_with_session)
        if isinstance(app, QGuiApplication):
            # Logging out or shutting down, the session manager asks apps to save first
            # (Windows; X11 where Qt is built with XSMP, which PySide6's wheels are not:
            # there systemd's SIGTERM comes instead). Qt 6 closes no window here (Qt 5's
            # "fallback session management" did, and a window refusing cancelled the
            # logout), so the window hiding to the tray holds nothing up. Should the
            # logout be cancelled, the next heartbeat, within a minute, replaces the record.
            app.commitDataRequest.connect(self._session_ending)

    def _ask_about_left_running(self, found: Recovery | None) -> None:
        from timo_desktop.ui.prompts import RecoveryChoice, ask_recovery, when_last_seen

        if found is None or found.last_alive is None:
            return
        now = self.tracker.clock()
        away = found.away_since
        if now - found.last_alive < RECOVERY_GRACE and away is None:
            # Back at once (a restart): nothing to ask, but for time away left unanswered,
            # which running on would bill unasked.
            return
        zone = self.tracker.zone
        choice = ask_recovery(
            self.window,
            self._summary(found.entry),
            when_last_seen(found.last_alive, zone, now),
            session_ended=found.session_ended,
            away=None if away is None else when_last_seen(away, zone, now),
        )
        stop_at = {
            RecoveryChoice.STOP_AT_LAST_SEEN: found.last_alive,
            RecoveryChoice.STOP_WHEN_AWAY: away,
        }.get(choice)
        running = self.tracker.running()
        # Only the timer asked about: one switched to meanwhile (`timo start`) runs on.
        if (
            stop_at is not None
            and running is not None
            and running.client_ref == found.entry.client_ref
        ):
            self.stop_earlier(stop_at)

    def _quit_with_session(self) -> None:
        """Qt quits without Quit being chosen (the session ends, the OS asks)."""
        if not self._closed:  # Quit, or a signal, has recorded how Timo went already
            self._last_try_to_stop()
            self._discard_unanswered_away()
            self._record_last_seen()

    def _session_ending(self, _manager: object) -> None:  # the QSessionManager
        self._session_ended = True
        self._record_last_seen()

    def _record_clean_exit(self) -> None:
        try:
            self.tracker.record_clean_exit()
        except TimoError as error:  # the next start may ask about the timer; no worse
            log.warning("clean exit not recorded: %s", error)

    def _record_last_seen(self) -> None:
        if not self._earlier_run_read:
            return
        try:
            self.tracker.record_last_seen(
                session_ended=self._session_ended, away_since=self.away_since()
            )
        except TimoError as error:  # the last minute's heartbeat stands instead
            log.warning("the moment Timo went was not recorded: %s", error)

    def _discard_unanswered_away(self) -> None:
        """Timo goes for good, unasked: time away that "You were away" still asks about
        on a stopped entry is not billed (the running timer's is the next start's to ask)."""
        if self.presence is not None:
            self.presence.flow.discard_unanswered_on_stopped()

    def away_since(self) -> datetime | None:
        """When the person was last at the computer, for all they have said: the earliest
        time away "You were away" still asks about on the running timer, else the presence
        machine's `away_at` now; None while they are here, or when away detection is off."""
        if self.presence is None:
            return None
        unanswered = self.presence.flow.unanswered_since()
        if unanswered is not None:
            return unanswered
        monitor = self.presence.monitor
        return None if monitor is None else monitor.machine.away_at(self.tracker.clock())

    # Reading the Tracker ---------------------------------------------------------------
    def reload(self) -> None:
        """Re-read entries and the running timer; refresh every view of them.

        The timer line, the title, the tray and the list's totals always show what is true.
        While an entry is being edited in the list, only a change that would add, remove or
        move rows waits for the editor to close: refilling the list would throw away what
        is being typed."""
        today = self.tracker.today()
        self._shown_day = today
        first = self._first_listed(today)
        self._labels.clear()
        self._entries = self.tracker.days(first, today)
        self._running = self.tracker.running()
        context = ListContext(
            zone=self.tracker.zone,
            start_of_day=self.tracker.start_of_day,
            today=today,
            target_label=self.target_label,
            clock=self.tracker.clock,
            **self._attention(first, today),
        )
        # Rows that are still the same entries in the same places (a timer stopped, an entry
        # changed elsewhere) change where they stand: no refill, whose layout of a year of
        # entries costs more than the change. A refill waits while a cell is edited, the
        # days' totals shown as they now are meanwhile.
        editing = self.window.entries.is_editing()
        changed = self.window.model.update_entries(self._entries, context, keep_rows=editing)
        self._reload_after_edit = not changed and editing
        if not changed and not self._reload_after_edit:
            self.window.model.set_entries(self._entries, context)
        if not self._reload_after_edit:
            self.window.entries.delegate.today = today
        if self._deferred_done:  # a full pass over the history: not before the first paint
            self.window.timer_bar.set_suggestions(
                self.tracker.descriptions(limit=200), self.tracker.tags(limit=200)
            )
        self._refresh_running_text()
        self._show_sync_attention()
        self.changed.emit()

    def _first_listed(self, today: date) -> date:
        """The oldest day the list shows (two weeks until the rest of the history loads)."""
        return today - timedelta(days=self._history_days)

    def _editor_closed(self) -> None:
        if not self.window.entries.is_editing():  # not opened again, refused
            self.window.undo_bar.typing_let_go()
        if self._reload_after_edit:
            self.reload()

    def _show_sync_attention(self) -> None:
        """Sync's open questions above the list, each with its fix (once sync has started)."""
        if not self._deferred_done:
            return
        items = self.tracker.sync_attention()
        if self._attention_panel is None:
            if not items:
                return
            from timo_desktop.ui.attention_panel import AttentionPanel

            self._attention_panel = AttentionPanel(self.sync_bridge.run, self._entry_words)
            self._attention_panel.move_to_day = self._move_to_day
            self._attention_panel.delete_here = self._delete_undoably
            self._attention_panel.today = self.tracker.today
            self._attention_panel.overlap_refusal = self.tracker.overlap_refusal
            self._attention_panel.set_catalog(self.catalog)
            self._attention_panel.fixed.connect(self.reload)
            self.window.add_panel(self._attention_panel)
        self._attention_panel.show_items(items)
        self.window.tab_through_panel()
        # A timer running here that a round stopped or found deleted: said once, the first
        # time it is seen, by the tray too while the window is out of sight (Needs attention
        # keeps it, with Restore or Add for the time it ran here, until OK).
        # Entries Vmoox deleted or shortened: counted once, Needs attention naming them.
        told = ("stopped-running", "deleted-running", "stopped-early")
        taken = ("deleted-there", "shortened-there")
        stops = [i for i in items if i.kind in (*told, *taken) and i.client_ref]
        news = [i for i in stops if i.client_ref not in self._stops_said]
        self._stops_said.update(i.client_ref or "" for i in stops)
        said = [i.message for i in news if i.kind in told]
        counted = Counter(i.kind for i in news if i.kind in taken)
        if counted:
            how_many = taken_words(*(counted[kind] for kind in taken))
            said.append(f"{how_many} since you last synced.")
        if said:
            self.say(" ".join(said))

    def _move_to_day(self, ref: str, day: date) -> None:
        """Needs attention's Change the date: the entry's times of day on `day`."""
        entry, zone = self.tracker.get(ref), self.tracker.zone
        start = at_local(day, local(entry.start, zone).time(), zone)
        end = None if entry.end is None else start + (entry.end - entry.start)
        self.tracker.edit(ref, start=start, end=end)

    def _entry_words(self, entry: Entry) -> str:
        day = day_label(self.tracker.day_of(entry), self.tracker.today())
        when = time_range(entry.start, entry.end, self.tracker.zone)
        return f"{self._summary(entry)} · {day} {when}"

    def reload_catalog(self) -> None:
        """Rebuild the target pickers' tree from the cached catalog: by workspace where it
        spans more than one."""
        from timo_desktop.sync.status import workspace_names

        catalog = self.tracker.catalog()
        named = self.tracker.workspaces_named()
        workspaces = workspace_names(self.tracker.store)
        order = {workspace: at for at, workspace in enumerate(workspaces)}
        found = {item.workspace_id for item in (*catalog.projects, *catalog.records)} - {None}

        def workspace(of: Project | Record) -> str | None:
            if len(found) < 2 or not of.workspace_id:
                return None
            return workspaces.get(of.workspace_id, of.workspace_id)

        def in_order(of: Project | Record) -> int:
            return order.get(of.workspace_id or "", len(order))

        choices: dict[Target, TargetChoice] = {}
        tree: list[CatalogProject] = []
        for project in sorted(catalog.projects, key=in_order):
            tasks = catalog.tasks.get(project.id, ())
            parent = TargetChoice(
                project.name,
                project_id=project.id,
                billable_default=project.billable_default,
                workspace=workspace(project),
                name_elsewhere=project.id in named,
            )
            choices[target_of(parent)] = parent
            children = []
            for task in tasks:
                child = replace(parent, label=f"{project.name} › {task.name}", task_id=task.id)
                choices[target_of(child)] = child
                children.append(child)
            tree.append(CatalogProject(parent, children))
        record_choices = [
            TargetChoice(
                r.display_name,
                record_id=r.id,
                workspace=workspace(r),
                name_elsewhere=r.id in named,
            )
            for r in sorted(catalog.records, key=in_order)
        ]
        choices.update({target_of(c): c for c in record_choices})
        self._choices = choices
        # One model, refilled when the catalog changed: a new one after every sync round,
        # each kept by the app, grew it by ~40 KB a round all day.
        if (tree, record_choices) != self._catalog_shown:
            self._catalog_shown = (tree, record_choices)
            build_catalog_model(tree, record_choices, into=self.catalog)
        self.window.timer_bar.target.set_catalog(self.catalog)
        self.window.entries.delegate.catalog_model = self.catalog
        self.window.selection_bar.set_catalog(self.catalog)
        self.window.entries.delegate.descriptions = self.descriptions
        if self._attention_panel is not None:
            self._attention_panel.set_catalog(self.catalog)
        if named != self._workspaces_named:
            self._workspaces_named = named
            if self._shown_day is not None:  # names shown already: again, told apart
                self.reload()

    def _attention(self, first: date, last: date) -> dict[str, Any]:
        """Why entries need a look, by the same rules as the Reports view and `timo attention`;
        which of them have more than "not synced yet" against them. Empty until the settings
        are loaded (just after start-up)."""
        if not self._deferred_done:
            return {}
        from timo_desktop.core.attention import Concern
        from timo_desktop.core.reports import Span

        items = self.reports().attention(Span(first, last), self._entries)
        return {
            "reasons": {item.entry.client_ref: "\n".join(item.advice()) for item in items},
            "warned": frozenset(
                item.entry.client_ref
                for item in items
                if any(flag.concern != Concern.NOT_SYNCED for flag in item.flags)
            ),
        }

    def target_label(self, target: Target) -> str:
        """`Website › Homepage` or `Acme GmbH`, naming the workspace where another has a
        project or record of that name: `Admin (Side Studio)` (cached per reload: the list
        paints often)."""
        label = self._labels.get(target)
        if label is None:
            names = self.tracker.names(target)
            workspace = self._workspaces_named.get(target.record_id or target.project_id or "")
            label = replace(names, workspace=workspace).label() or "Unknown project"
            self._labels[target] = label
        return label

    def choice_for(self, target: Target) -> TargetChoice | None:
        if target.is_empty:
            return None
        return self._choices.get(target) or TargetChoice(
            self.target_label(target), target.project_id, target.task_id, target.record_id
        )

    def fill_like_earlier(self, description: str) -> None:
        """A description picked from the timer line's suggestions brings back the target,
        billable and tags of its newest entry. A target that takes no time any more
        (archived, deleted on Vmoox) is left out, and the line says why beside the picker:
        one pick and Enter start it, never a timer Vmoox would refuse."""
        earlier = self.tracker.latest_described(description)
        if earlier is None:
            return
        bar = self.window.timer_bar
        closed = self.tracker.closed_target(earlier.target)
        target = None if closed else self.choice_for(earlier.target)
        bar.fill(target, earlier.billable, earlier.tags)
        bar.explain_target(None if closed is None else without_target(closed))

    def _fill_dialog_like_earlier(self, dialog: ManualEntryDialog, description: str) -> None:
        """The same for the Add time manually dialog, where only what is unset is filled."""
        earlier = self.tracker.latest_described(description)
        if earlier is not None:
            closed = self.tracker.closed_target(earlier.target)
            dialog.fill_like_earlier(earlier, self.choice_for(earlier.target), closed)

    def _summary(self, entry: Entry) -> str:
        """`Homepage layout — Website`: how the tray, the timer line and questions name an
        entry, each name isolated."""
        what = isolated(described(entry.description))
        if entry.target.is_empty:
            return what
        return f"{what} — {isolated(self.target_label(entry.target))}"

    def _elapsed(self) -> float:
        if self._running is None:
            return 0.0
        return self._running.duration(self.tracker.clock()).total_seconds()

    def _refresh_running_text(self) -> None:
        running = self._running
        bar = self.window.timer_bar
        if running is None:
            self.window.setWindowTitle("Timo")
            bar.show_running(None, 0)
            self._tick.stop()
        else:
            elapsed = self._elapsed()
            what = running.description or (
                self.target_label(running.target)
                if not running.target.is_empty
                else described(running.description)
            )
            # Isolated, or a Hebrew name made the title read right to left (taskbars and
            # window lists take its direction from its first letter), the time at its end.
            self.window.setWindowTitle(f"{hours_minutes(elapsed)} · {isolated(what)} — Timo")
            values = TimerDraft(
                running.description,
                self.choice_for(running.target),
                running.billable,
                running.tags,
            )
            bar.show_running(self._summary(running).replace(" — ", " · "), elapsed, values)
            if self.window.isVisible():
                self._tick.start()
        if self.tray is not None:
            self.tray.refresh()

    def _on_tick(self) -> None:
        if self._running is None or not self.window.isVisible():
            self._tick.stop()
            return
        elapsed = self._elapsed()
        self.window.timer_bar.tick(elapsed)
        self.window.model.tick()  # the running row and its day's totals
        title = self.window.windowTitle()
        minutes = hours_minutes(elapsed)
        if not title.startswith(minutes + " "):
            self._refresh_running_text()

    def tray_state(self) -> TrayState:
        """What the tray menu and tooltip show right now."""
        running = None if self._running is None else self._summary(self._running)
        pending = None if running is None else self._pending_stop
        if running is not None and pending is not None:
            at = clock_time(pending.at, self.tracker.zone)
            running += f" (stopping at {at}: waiting for the database)"
        # Five to continue (ux.md), so one more is read in case the running timer is among
        # them; it also stands for its earlier twins (same description and target).
        recent = [
            RecentItem(entry.client_ref, self._summary(entry))
            for entry in self.tracker.recent(6, to_continue=True)
            if not entry.is_running
        ][:5]
        summary = None if self.sync is None else self._sync_summary()
        elapsed = hours_minutes(self._elapsed())
        return TrayState(running, elapsed, recent, summary, stop_waiting=pending is not None)

    # Noticing changes made elsewhere (the CLI, the sync worker) -------------------------
    def _check_outside_changes(self) -> None:
        lost = self.tracker.file_lost()
        if lost is not None:
            self._data_file_lost(lost)
            return
        seen = (self.tracker.data_version(), self.tracker.queued_version())
        if seen == self._seen:
            return
        if seen[1] != self._seen[1]:
            self._changed_here()  # the CLI queued changes; the worker's own don't
        self._seen = seen
        self._reload_soon.start()

    def _data_file_lost(self, how: FileLost) -> None:
        """The database file was deleted or emptied, or another put in its place, while Timo
        held it open: writing on, everything would be gone at the next start. All Timo holds
        is written out (back in its place, or beside the new file), Timo says so, and starts
        again on the file in its place; the timer runs on. A copy that cannot be written
        is said once and tried again at each check, Timo running on meanwhile. A stop
        waiting for the database is made in the file Timo starts again on
        (`_carry_over_pending_stop`)."""
        path = self.tracker.store.path
        stamp = self.tracker.clock().strftime("%Y%m%dT%H%M%SZ")
        # Deleted or emptied, the file in its place holds nothing: what Timo holds goes there.
        back = how is not FileLost.REPLACED
        kept = path if back else path.with_name(f"{path.name}.kept-{stamp}")
        self._record_clean_exit()  # the timer runs on, picked up by the next start unasked
        try:
            self.tracker.save_copy(kept)
        except TimoError as error:
            log.error("the data file was %s; no copy written: %s", how.value, error)
            if not self._copy_refused:
                self._copy_refused = True
                self.window.undo_bar.say(
                    f"Timo's data file {path} was {how.value} while Timo was running, and Timo "
                    f"cannot write it out: {sentence(str(error))} Keep Timo open until it can."
                )
            return
        log.warning("the data file was %s; all Timo held is in %s", how.value, kept)
        if back:
            said = (
                f"Timo's data file {path} was {how.value} while Timo was running. Timo has put "
                "back everything it held, and starts again with it."
            )
        else:
            said = (
                f"Timo's data file {path} was replaced or moved while Timo was running. "
                f"Everything Timo held is kept in {kept}; Timo starts again with the file now "
                f"at {path}."
            )
        self.shutdown()
        self.restart_after_quit = True
        # Let go of the file that went first, and of its log of changes beside the path: the
        # file in its place is then read as it is, here and by the Timo started next.
        self.tracker.close_lost()
        said += self._carry_over_pending_stop()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "Timo", said)
        self.quit_requested.emit()

    def _carry_over_pending_stop(self) -> str:
        """The data file went while a stop waited for the database: the stop is the person's
        to keep, so it is made in the file now in place, on the same timer if it runs
        there, at the instant asked for. What became of it, in a sentence to add to what
        Timo says about the file (empty with no stop waiting). Only once Timo has shut
        down and let go of the file that went."""
        pending, self._pending_stop = self._pending_stop, None
        if pending is None:
            return ""
        at = clock_time(pending.at, self.tracker.zone)
        told = f"Your stop of “{pending.name}” at {at} was still waiting for the database"
        other = None
        try:
            other = Tracker.open(
                self.tracker.store.path,
                zone=self.tracker.zone,
                clock=self.tracker.clock,
                source=self.tracker.source,
            )
            other.stop(at=pending.at, ref=pending.ref)
        except NothingRunning:
            log.warning("a waiting stop was not carried over: its timer is not running there")
            return (
                f" {told} and could not be saved: that timer is not running in the file Timo"
                f" starts again with. Check your time around {at} in the list."
            )
        except TimoError as error:
            log.warning("a waiting stop was not carried over: %s", error)
            why = _why_refused(error) if isinstance(error, StoreError) else str(error)
            return (
                f" {told} and could not be saved ({why}): once Timo is open again, stop the"
                f" timer and correct its end to {at} in the list."
            )
        finally:
            if other is not None:
                other.close()
        return f" {told}, and is now saved."

    def _beat(self) -> None:
        # Nothing shown changes: no reload (one would close an editor the user is typing in).
        try:
            self.tracker.beat()
        except TimoError as error:
            log.info("heartbeat not written: %s", error)
        self.follow_the_clock()

    def follow_the_clock(self) -> None:
        """Show the list as of now after a new working day began or the computer moved
        to another time zone (every minute and on waking; a running app sees both)."""
        moved = self.tracker.follow_local_zone()
        if moved:
            log.info("the computer's time zone is now %s", self.tracker.zone)
            self.window.undo_bar.say(
                f"Times now show in {self.tracker.zone.replace('_', ' ')} time, "
                "where this computer is now."
            )
        if moved or self.tracker.today() != self._shown_day:
            self.reload()  # waits for an open editor, as every reload does

    # Doing things ----------------------------------------------------------------------
    def _attempt(
        self, action: Callable[[], object], say: Callable[[str], object] | None = None
    ) -> bool:
        """Run a Tracker call; a refusal is said in plain words (by `say`, default `TimoApp.say`)
        and nothing else changes."""
        try:
            action()
        except TimoError as error:
            (say or self.say)(sentence(str(error)))
            log.info("refused: %s", error)
            return False
        self.reload()
        return True

    def say(self, words: str) -> None:
        """Say why something was refused, or what it needs of the person, in the window's
        message bar, and by the tray icon while the window is out of sight (`_tell_unseen`)."""
        self.window.undo_bar.say(words)
        self._tell_unseen(words)

    def _out_of_sight(self) -> bool:
        """Whether the window is hidden to the tray (or minimized) while the tray icon can be
        seen: a person acting from the tray menu or a reminder is looking there, not at it."""
        return self.has_tray() and (not self.window.isVisible() or self.window.isMinimized())

    def _tell_unseen(self, words: str) -> None:
        """Tell `words`, which the window says, by the tray icon while the window is out of
        sight; a click on the message opens the window. Where the icon shows no messages,
        the window comes forward to say them. With the window in sight it says them alone,
        and where there is no tray the window is the way in anyway."""
        tray = self.tray
        if (
            tray is not None
            and self._out_of_sight()
            and not tray.tell("Timo", words, self.window.bring_forward)
        ):
            self.window.bring_forward()

    def start_timer(self, draft: TimerDraft) -> None:
        """Start (or switch to) what the timer line says; a blank line starts a blank timer."""
        if not self._shown_runs():
            return
        started = self._start_undoably(
            ("Start", "Started"),
            lambda: self.tracker.start(
                draft.description,
                target=target_of(draft.target),
                billable=draft.billable,
                tags=draft.tags,
            ),
        )
        if started:
            self.window.timer_bar.started()

    def _start_undoably(self, verbs: tuple[str, str], start: Callable[[], Transition]) -> bool:
        """Start a timer by `start` (a switch when one runs) as one undoable step: Undo
        discards the new timer and runs the one it stopped again from its own start; Redo
        stops that one at the same instant again and brings the new one back. `verbs` name
        the step and what was done when nothing was stopped (`Start`, `Started`).

        A stop waiting for the database is saved first, at its own instant; while the
        database still refuses it, nothing is started (that would stop the timer now)."""
        if self._pending_stop is not None and not self._carry_out_pending_stop():
            if self._pending_stop is not None:  # else why it went is said already
                at = clock_time(self._pending_stop.at, self.tracker.zone)
                self.say(
                    f"Nothing was started: the stop at {at} is still waiting for the database"
                    f" ({self._pending_stop.why}). Start again once it is saved, or cancel it."
                )
            return False
        made: list[Transition] = []
        settled: list[Settled] = []  # by the timer it stops

        def starting() -> None:
            try:
                with self.tracker.batch() as settling:
                    made.append(start())
                settled[:] = settling
            except TargetClosed as closed:  # not refused: offered without that target
                self._offer_without_target(closed.draft, closed.why)

        if not self._attempt(starting) or not made:
            return False
        started, stopped = made[0].started, made[0].stopped
        assert started is not None
        ref, name = started.client_ref, isolated(described(started.description))

        def undo() -> None:
            with self.tracker.batch():
                self.tracker.delete(ref)
                if stopped is not None:
                    self.tracker.reopen(stopped.client_ref)

        def redo() -> None:
            with self.tracker.batch():
                if stopped is not None:
                    self.tracker.stop(at=stopped.end)
                self.tracker.undo_delete(ref)

        if stopped is None:
            step, done = verbs
            self.made_undoable(f"{step} “{name}”", redo, undo, f"{done} “{name}”.", settled)
        else:
            before = isolated(described(stopped.description))
            said = f"Switched from “{before}” to “{name}”."
            self.made_undoable(f"Switch to “{name}”", redo, undo, said, settled)
        return True

    def _offer_without_target(self, draft: Draft, why: str) -> None:
        """The timer line holding `draft` (Continue's, or what was typed) but for its target,
        which takes no time any more, with `why` beside the picker, the keyboard on it."""
        bar = self.window.timer_bar
        bar.description.setText(draft.description)  # first: a new one blanks the line
        bar.fill(None, draft.billable, draft.tags)
        bar.explain_target(without_target(why))
        self.window.bring_forward()  # Continue from the tray: where the choice is made
        bar.target.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop_timer(self) -> None:
        """Stop the running timer the window shows (the timer line's Stop, the tray's)."""
        if self._running is not None and self._shown_runs():
            self.stop_earlier(None)

    def _shown_runs(self) -> bool:
        """Whether the timer the window shows running (or none) is what runs now. A Start,
        Stop or Switch is meant for what was shown: when the command line or another device
        changed the timer a moment ago, before the window caught up, the window catches up
        now and says so, and the press does nothing (it would stop another timer than the
        one shown, or switch from one started elsewhere to a blank one)."""
        running, shown = self.tracker.running(), self._running
        if running is None or shown is None:
            same = running is shown  # both None: nothing runs, as shown
        else:  # the same timer, also when sync has brought it back under a new `client_ref`
            same = running.client_ref == shown.client_ref or running.start == shown.start
        if same:
            return True
        self.reload()
        if running is None:
            said = "The timer was stopped meanwhile, from the command line or another device."
        else:
            what = isolated(described(running.description))
            said = f"“{what}” was started meanwhile, from the command line or another device."
        self.say(f"{said} Nothing else was done.")
        return False

    def stop_earlier(
        self,
        at: datetime | None,
        say: Callable[[str], object] | None = None,
        *,
        tell_waiting: bool = True,
    ) -> bool:
        """Stop the running timer at `at` (None: now) with Undo, which runs it on again
        from its own start (Stop, Quit's Stop now, and the crash recovery, end-of-day and
        long-timer questions). A refusal is said by `say` (default: `say`, the window's
        message bar and the tray); False then, else True.

        The database refusing it (another program writing, a full disk), the stop waits,
        shown under the timer (and by the tray, unless not `tell_waiting`: Quit asks
        about it itself), and is saved at the instant asked for once the database
        takes it (`_carry_out_pending_stop`). Asked again meanwhile, it is tried at once:
        at the instant first asked for (Stop pressed again), or at `at` when a time is
        given (a question answered since)."""
        running = self.tracker.running()
        if running is None:
            return True
        if self._pending_stop is not None:
            if at is not None:
                self._pending_stop = replace(self._pending_stop, at=at)
            self._carry_out_pending_stop()
            return True
        # The instant asked for, kept should the database refuse: the end meant, however
        # late the stop is saved.
        waiting = _PendingStop(
            running.client_ref,
            isolated(described(running.description)),
            self.tracker.clock() if at is None else at,
            why="",
        )
        stopped: list[Entry] = []
        settled: list[Settled] = []

        def stop() -> None:
            try:
                # Not the busy timeout: held by another program, the window would hang
                # that long before the stop is kept for later.
                with self.tracker.batch(STOP_FIRST_WAIT_MS) as settling:
                    stopped.append(self.tracker.stop(at=at))
                settled[:] = settling
            except StoreError as error:
                self._wait_to_stop(waiting, error, tell_unseen=tell_waiting)

        if not self._attempt(stop, say):
            return False
        if stopped:
            self._stopped_undoably(stopped[0], settled)
        return True

    def _stopped_undoably(self, stopped: Entry, settled: list[Settled]) -> None:
        """Offer Undo of the stop of `stopped`, just saved (Redo stops it there again), which
        asks again the sync questions the stop `settled`."""
        ref, name, end = stopped.client_ref, isolated(described(stopped.description)), stopped.end
        assert end is not None
        self.made_undoable(
            f"Stop “{name}”",
            lambda: self.tracker.stop(at=end),
            lambda: self.tracker.reopen(ref),
            f"Stopped “{name}” at {clock_time(end, self.tracker.zone)}.",
            settled,
        )

    def _wait_to_stop(
        self, pending: _PendingStop, error: StoreError, *, tell_unseen: bool = True
    ) -> None:
        """The database refused stop `pending`: it waits, said under the timer with Cancel
        stop (and by the tray while the window is out of sight, `tell_unseen`), and is
        tried again every few seconds."""
        first = self._pending_stop is None
        self._pending_stop = pending = replace(pending, why=_why_refused(error))
        at = clock_time(pending.at, self.tracker.zone)
        words = (
            f"Stopping at {at} — waiting for the database ({pending.why}). Timo tries again"
            f" every few seconds, and the entry ends at {at}."
        )
        self.window.timer_bar.show_stopping(words)
        if first:  # once, not at every try
            from timo_desktop.ui.prompts import announce

            log.info("stop refused, tried again until saved: %s", error)
            announce(self.window.timer_bar.stopping, words)
            if tell_unseen:
                self._tell_unseen(words)
        if self.tray is not None:
            self.tray.refresh()
        if not self._stop_retry.isActive():
            self._stop_retry.start(STOP_RETRY_MS)

    def _carry_out_pending_stop(self, *, patient: bool = False) -> bool:
        """Save the stop waiting for the database, at its instant; True once saved. Refused
        by the database again, it waits on. It goes when its timer no longer runs (stopped
        meanwhile, here or elsewhere: that end stands, no second one is made) or when it is
        refused for another reason (the timer runs on), which is said. `patient`: waiting
        for the write lock as any write does (quitting), not briefly (the retries)."""
        pending = self._pending_stop
        if pending is None:
            return False
        if self.tracker.file_lost() is not None:  # saved there, it would go with that file
            return False  # the next look for outside changes carries it over
        try:
            with self.tracker.batch(None if patient else STOP_RETRY_WAIT_MS) as settled:
                stopped = self.tracker.stop(at=pending.at, ref=pending.ref)
        except StoreError as error:
            self._wait_to_stop(pending, error)
            return False
        except TimoError as error:
            self._forget_pending_stop()
            at = clock_time(pending.at, self.tracker.zone)
            if isinstance(error, NothingRunning):
                said = (
                    f"“{pending.name}” was stopped meanwhile, so its stop at {at}, which was"
                    " waiting for the database, was not saved."
                )
            else:
                said = f"“{pending.name}” was not stopped at {at}, and runs on: {error}."
            self.reload()
            self.say(said)
            return False
        self._forget_pending_stop()
        self.reload()
        self._stopped_undoably(stopped, settled)
        return True

    def cancel_pending_stop(self) -> None:
        """Cancel stop: the stop waiting for the database is not made; the timer runs on."""
        pending = self._pending_stop
        if pending is None:
            return
        self._forget_pending_stop()
        at = clock_time(pending.at, self.tracker.zone)
        self.window.undo_bar.say(f"The stop at {at} was cancelled: “{pending.name}” runs on.")

    def _forget_pending_stop(self) -> None:
        self._pending_stop = None
        self._stop_retry.stop()
        self.window.timer_bar.show_stopping(None)
        if self.tray is not None:
            self.tray.refresh()

    def toggle_timer(self) -> None:
        """Ctrl+Enter: whatever the big button shows (Stop, Start or Switch). In a cell of
        the list being edited it saves the cell, as Enter does: it started a blank timer
        from the timer line out of the keyboard's way, and left the words typed unsaved."""
        entries = self.window.entries
        if entries.is_editing():
            entries.end_editing()
            return
        self.window.timer_bar.press()

    def continue_entry(self, ref: str | None = None) -> None:
        """Start a timer like entry `ref` (None: the latest entry), undoably."""
        self._start_undoably(("Continue", "Continued"), lambda: self.tracker.continue_entry(ref))

    def duplicate_entry(self, ref: str) -> ManualEntryDialog | None:
        """Duplicate ("I did this again"): the Add time manually dialog filled in like entry
        `ref`, on the free time `Tracker.duplicate_slot` picks; the user adjusts and adds it
        there (overlaps are refused, so a copy right after the original rarely fits)."""
        try:
            original, slot = self.tracker.duplicate_slot(ref)
        except TimoError as error:
            self.window.undo_bar.say(sentence(str(error)))
            return None
        dialog = self._manual_dialog()  # a copy of its own, beside any Add time open
        closed = self.tracker.closed_target(original.target)
        dialog.fill_like(original, self.choice_for(original.target), slot, closed)
        return dialog

    def delete_entry(self, ref: str) -> None:
        """The list's Delete: entry `ref` goes, undoably (a refusal is said)."""
        self._attempt(lambda: self._delete_undoably(ref))

    def _delete_undoably(self, ref: str) -> None:
        """Delete entry `ref` as one undoable step (the list's Delete and Needs attention's
        Delete here, on the one undo stack); `TimoError` when refused. Redo and Undo reach
        the entry also after sync brought it back under a new `client_ref`."""
        name = isolated(described(self.tracker.delete(ref).description))
        self.made_undoable(
            f"Delete “{name}”",
            lambda: self.tracker.delete(ref),
            lambda: self.tracker.undo_delete(ref),
            f"Deleted “{name}”.",
        )

    # Several selected entries at once -------------------------------------------------
    def set_selected_target(self, choice: TargetChoice | None) -> None:
        """The selection's Set project…: every selected entry on `choice` (None: no project)."""
        target = target_of(choice)
        label = f"“{isolated(choice.shown)}”" if choice is not None else "no project"
        self._edit_selected(
            "target", lambda _e: target, f"Set {{}} to {label}.", f"on {label} already"
        )

    def set_selected_billable(self, billable: bool) -> None:
        """The selection's Billable and Not billable."""
        mark = "billable" if billable else "not billable"
        self._edit_selected(
            "billable", lambda _e: billable, f"Marked {{}} {mark}.", f"{mark} already"
        )

    def tag_selected(self, text: str) -> None:
        """The selection's Add tag…: the typed tags added to each entry's own."""
        tags = parse_tags(text)
        words = ", ".join(f"“{isolated(tag)}”" for tag in tags)
        self._edit_selected(
            "tags", lambda e: (*e.tags, *tags), f"Tagged {{}} {words}.", f"tagged {words} already"
        )

    def _edit_selected(
        self, field: str, value: Callable[[Entry], object], done: str, already: str
    ) -> None:
        """One field of every selected entry, in one transaction and one undoable step;
        entries that have the value already are left alone (and out of the Undo). `done`
        says what was done to `{}` entries."""
        refs = [entry.client_ref for entry in self.window.entries.selected_entries()]
        settled: list[Settled] = []

        def edit() -> list[tuple[Entry, Entry]]:
            with self.tracker.batch() as settling:
                done = self.tracker.edit_each(refs, lambda e: {field: value(e)})
            settled[:] = settling
            return done

        changed = self._each(edit)
        if changed is None:
            return
        if not changed:
            self.window.undo_bar.say(f"Nothing to change: the {len(refs)} entries are {already}.")
            return
        before = {old.client_ref: getattr(old, field) for old, _new in changed}
        count = plural(len(before), "entry")

        def undo() -> None:
            # Each value in turn (`edit_each` asks in the order given), not looked up by
            # `client_ref`: sync may have brought an entry back under a new one since.
            values = iter(before.values())
            self.tracker.edit_each(before, lambda _e: {field: next(values)})

        self.made_undoable(
            f"Change {_FIELD_WORDS[_COLUMN_OF[field]]} of {count}",
            lambda: self.tracker.edit_each(before, lambda e: {field: value(e)}),
            undo,
            done.format(count),
            settled,
        )

    def delete_selected(self) -> None:
        """Delete every selected entry (a running timer among them is discarded), undoable
        as one."""
        refs = [entry.client_ref for entry in self.window.entries.selected_entries()]
        if self._each(lambda: self.tracker.delete_each(refs)) is None:
            return
        count = plural(len(refs), "entry")
        self.made_undoable(
            f"Delete {count}",
            lambda: self.tracker.delete_each(refs),
            lambda: self.tracker.undo_delete_each(refs),
            f"Deleted {count}.",
        )

    def _each(self, change: Callable[[], list[Any]]) -> list[Any] | None:
        """Make a change to the selection; None when refused, which the selection's bar
        says (which entry and why) while the entries stay selected as they were."""
        try:
            done = change()
        except NotFound:
            # Deleted by the command line or by sync since the list last showed it.
            self.reload()
            self.window.selection_bar.say(
                "Nothing changed: an entry in the selection was deleted meanwhile (from the "
                "command line or another device); the rest is still selected, try again."
            )
            return None
        except TimoError as error:  # a `Refused` names the entry and says why
            self.window.selection_bar.say(f"Nothing changed: {error}.")
            return None
        self.reload()  # the view keeps the selected entries that are still there
        return done

    def made_undoable(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        said: str,
        settled: Sequence[Settled] = (),
    ) -> None:
        """A change just made goes on the undo stack, and the undo bar says `said` with Undo.
        `settled`: the sync questions it settled (`Tracker.batch`), which its Undo asks again."""
        self.undo.push(_Applied(text, redo, undo, self.tracker, settled))
        self.window.undo_bar.offer(said)

    def undo_last(self) -> None:
        self._undoable(redo=False)

    def redo_last(self) -> None:
        self._undoable(redo=True)

    def _undoable(self, *, redo: bool) -> None:
        """Undo (or redo) the last step, saying which; an entry it brings back becomes the
        list's current one. A refused undo (say, the time was taken since) leaves the stack
        where it was."""
        stack = self.undo
        if not (stack.canRedo() if redo else stack.canUndo()):
            self.window.undo_bar.say("Nothing to redo." if redo else "Nothing to undo.")
            return
        what = stack.redoText() if redo else stack.undoText()
        listed = {entry.client_ref for entry in self._entries}
        step = stack.command(stack.index() if redo else stack.index() - 1)
        assert isinstance(step, _Applied)  # the only kind pushed (`_push_undo`)
        try:
            step.make_again() if redo else step.take_back()
        except NotFound:  # its words name the entry by its id alone
            self.window.undo_bar.say(
                f"Could not {'redo' if redo else 'undo'} {what}: its entry was deleted or"
                " brought back meanwhile (from the command line or another device)."
            )
        except TimoError as error:
            self.window.undo_bar.say(f"{sentence(str(error))}.")
        else:
            stack.redo() if redo else stack.undo()  # made already: the stack only moves
            self.window.undo_bar.say(f"{'Redone' if redo else 'Undone'}: {what}.")
        self.reload()
        back = [entry.client_ref for entry in self._entries if entry.client_ref not in listed]
        if back:
            self.window.entries.make_current(back[-1])

    def edit_entry(self, ref: str, column: Column, value: object) -> None:
        """An edit made in the list: turned into Tracker fields, applied, undoable. Times
        that would overlap other entries first get the choice Add time gives: trim them,
        keep both (where the workspace allows), go back to editing what was typed, or
        discard it. Text
        typed in the list that is refused (times that end before they start, say) is not
        lost either: its cell opens again holding it, the reason beside it."""
        entry = self.tracker.get(ref)
        # Typed in the list's editor (open while its edit is saved), not the timer line.
        typed = isinstance(value, str) and self.window.entries.is_editing()
        refuse = self._refuse_typed(ref, column, str(value)) if typed else None
        try:
            new = self._fields(entry, column, value)
        except TimoError as error:
            (refuse or self.window.undo_bar.say)(sentence(str(error)))
            return
        old = {name: getattr(entry, name) for name in new}
        if new == old:  # say, its own description picked again with nothing left to fill
            return
        offer = self._overlap_of(entry, new)
        if offer is None:
            self._change(ref, column, new, refuse=refuse)
            return
        # Asked once the list has let the editor go (and Tab has opened the next one).
        QTimer.singleShot(
            0, self, lambda: self._ask_about_overlap(entry, column, str(value), new, offer)
        )

    def _overlap_of(self, entry: Entry, new: dict[str, object]) -> OverlapOffer | None:
        """What to offer when `entry` changed by `new` would overlap others; None when its
        times stay, overlap nothing, or break a rule the Tracker names anyway."""
        from timo_desktop.core.local_time import FOREVER
        from timo_desktop.core.validation import check_times, find_overlaps
        from timo_desktop.ui.manual_entry import overlap_offer

        if "start" not in new and "end" not in new:
            return None
        start, end = self._times_after(entry, new)
        now, zone, rules = self.tracker.clock(), self.tracker.zone, self.tracker.rules_of(entry)
        try:
            check_times(start, end, now=now, zone=zone, rules=rules)
        except TimoError:
            return None
        nearby = self.tracker.between(start, end or FOREVER)
        others = find_overlaps(start, end, nearby, now=now, exclude=entry.client_ref)
        if not others:
            return None
        fixed = self.tracker.why_unchangeable
        keep = not self.tracker.overlaps_refused(entry, others)
        return overlap_offer(others, start, end, zone=zone, can_keep=keep, unchangeable=fixed)

    def _times_after(
        self, entry: Entry, new: dict[str, object]
    ) -> tuple[datetime, datetime | None]:
        """`entry`'s start and end once changed by Tracker fields `new`, as saved: off a
        neighbour they overlap only within a shared minute (`Tracker.edited_times`)."""
        start, end = _times_typed(entry, new)
        return self.tracker.edited_times(
            entry.client_ref,
            start=start if "start" in new else None,
            end=end if "end" in new else None,
        )

    def _ask_about_overlap(
        self, entry: Entry, column: Column, typed: str, new: dict[str, object], offer: OverlapOffer
    ) -> None:
        from timo_desktop.ui.manual_entry import ask_about_overlap

        span = time_range(*self._times_after(entry, new), self.tracker.zone)
        what = f"“{isolated(described(entry.description))}” {span}"
        trim = offer.others

        def answered(choice: str) -> None:
            ref = entry.client_ref
            if choice == "back":
                self.window.entries.edit_again(ref, column, typed)
            elif choice != "discard":  # discarded: the entry stays as it was
                trimmed = trim if choice == "trim" else ()
                self._change(ref, column, new, trimmed, self._refuse_typed(ref, column, typed))

        ask_about_overlap(self.window, what, offer, answered, discardable=True)

    def _refuse_typed(self, ref: str, column: Column, typed: str) -> Callable[[str], None]:
        """How to say why text typed in entry `ref`'s `column` in the list was refused: in
        the message bar, and beside its cell opened again holding `typed` to put right (as
        "Go back to editing" after an overlap), once the list has let the editor go. While
        it is open, the bar offers to discard it: a click elsewhere only opens it again."""
        bar = self.window.undo_bar

        def open_again(why: str) -> None:
            if self.window.entries.edit_again(ref, column, typed, why):
                bar.refuse_typed(why)

        def refuse(why: str) -> None:
            bar.say(why)
            # After the editor has closed, and Tab has opened the next field's, if it did.
            QTimer.singleShot(0, self, lambda: open_again(why))

        return refuse

    def _discard_typed(self) -> None:
        """Discard my change: the cell refused closes, its entry left as it was."""
        self.window.entries.end_editing(save=False)

    def _change(
        self,
        ref: str,
        column: Column,
        new: dict[str, object],
        trim: Sequence[Entry] = (),
        refuse: Callable[[str], object] | None = None,
    ) -> None:
        """Apply an edit made in the list, the entries in `trim` trimmed clear of its new
        times: one transaction, one undoable step. A refusal is said by `refuse` (default:
        the window's message bar)."""
        from timo_desktop.core.validation import fitted_words

        try:
            entry = self.tracker.get(ref)
        except TimoError as error:  # deleted meanwhile, while the question was open
            self.window.undo_bar.say(sentence(str(error)))
            return
        old = {name: getattr(entry, name) for name in new}
        start, end = self._times_after(entry, new)
        refs = [other.client_ref for other in trim]
        trimmed: list[Entry] = []
        edited: list[Entry] = []
        settled: list[Settled] = []

        def change() -> None:
            with self.tracker.batch() as settling:
                trimmed[:] = self.tracker.trim_around(start, end, refs)
                edited[:] = [self.tracker.edit(ref, **new, typed=True)]
            settled[:] = settling

        if not self._attempt(change, refuse):
            return
        before = list(trimmed)

        def undo() -> None:
            with self.tracker.batch():
                self.tracker.edit(ref, **old)
                self._untrim(before)

        name = isolated(described(entry.description))
        typed = _times_typed(entry, new)
        moved = fitted_words(typed, (edited[0].start, edited[0].end), self.tracker.zone)
        said = f"Changed {_FIELD_WORDS[column]} of “{name}”{_trimmed_words(before)}"
        said += f"; it {moved}." if moved else "."
        step = f"Change {_FIELD_WORDS[column]} of “{name}”"
        self.made_undoable(step, change, undo, said, settled)

    def _untrim(self, trimmed: Sequence[Entry]) -> None:
        """Give entries trimmed by `Tracker.trim_around` their times back (Undo)."""
        for other in trimmed:
            self.tracker.edit(other.client_ref, start=other.start, end=other.end)

    def edit_running(self, column: Column, value: object) -> None:
        """The running timer's project, billable mark or tags changed in the timer line:
        an edit as in the list. The line shows the timer as it is after (also when the
        change was refused)."""
        if self._running is not None:
            self.edit_entry(self._running.client_ref, column, value)
        self._refresh_running_text()

    def _fields(self, entry: Entry, column: Column, value: object) -> dict[str, object]:
        if column == Column.DESCRIPTION and isinstance(value, PickedDescription):
            # Picked from the suggestions: one cell's edit, but an entry still lacking a
            # target (common when backfilling) takes what it lacks from the newest entry
            # with that description — in the same edit, so one Undo takes back both.
            fields: dict[str, object] = {"description": value.text}
            earlier = self.tracker.latest_described(value.text)
            if earlier is not None:
                fields |= fill_unset(
                    earlier,
                    has_target=not entry.target.is_empty,
                    billable=entry.billable,
                    has_tags=bool(entry.tags),
                )
            return fields
        if column == Column.DESCRIPTION:
            return {"description": str(value)}
        if column == Column.TARGET:
            return {"target": target_of(value if isinstance(value, TargetChoice) else None)}
        if column == Column.TAGS:
            return {"tags": parse_tags(str(value))}
        if column == Column.BILLABLE:
            return {"billable": bool(value)}
        if column == Column.DURATION:
            # Read as the Add time dialog and `timo add` read a length: `45` is refused as 45
            # hours ("did you mean 45m?"), not as an end days ahead.
            longest = self.tracker.rules_of(entry).max_duration
            return {"end": entry.start + entry_length(str(value), longest)}
        if column == Column.TIMES and entry.is_running:
            now = self.tracker.clock()  # only its start can change while it runs
            return {"start": running_start(str(value), entry, self.tracker.zone, now)}
        if column == Column.TIMES:
            parts = range_parts(str(value))
            if len(parts) != 2:
                raise TimoError(f"'{value}' is not a time range; use for example {example_range()}")
            # Within the working day it is listed under, as the Add time dialog reads times:
            # with days starting at 04:00, Monday's 01:00 is Tuesday's by the calendar. Only
            # times of day are typed here: `9-10` is 09:00–10:00.
            zone, start_of_day = self.tracker.zone, self.tracker.start_of_day
            start = typed_time_in_day(
                self.tracker.day_of(entry), parts[0], zone, start_of_day, bare_hour=True
            )
            end = overnight_end(start, parts[1], zone, start_of_day, bare_hour=True)  # 22:00–01:00
            day = local(entry.start, zone).date()
            ends_on = local(entry.end, zone).date() if entry.end else day
            if end <= start and ends_on > day:
                # An entry that ran into a later day (10:00 to 09:00 the next morning) keeps
                # its end on that day when the typed end is before the start on this one.
                end = typed_time_on(ends_on, parts[1], zone, bare_hour=True)
            return {"start": _as_shown(start, entry.start), "end": _as_shown(end, entry.end)}
        raise TimoError("this column cannot be changed")

    # Dialogs ---------------------------------------------------------------------------
    def add_manually(self) -> ManualEntryDialog:
        """Open the backfill dialog (non-modal, so the tray keeps working). Asked again while
        it is open (the window's button, the tray, Ctrl+N), the same dialog comes forward,
        holding what was typed, rather than a second one."""
        dialog = self._adding
        if dialog is None:
            dialog = self._adding = self._manual_dialog()
            dialog.finished.connect(self._adding_closed)
        else:
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
        return dialog

    def add_time_on(self, day: date) -> ManualEntryDialog:
        """Add time manually on `day` (a day header's menu in the list): the dialog, as
        `add_manually` opens or brings it forward, set to that date, with the keyboard on
        the start (the day is chosen; typed there, "1h" changed it). One already open
        holding what was typed for another day is left as it is, beside a new one."""
        held = self._adding
        if held is not None and held.date.date().toPython() != day and held.holds_typing():
            dialog = self._manual_dialog()
        else:
            dialog = self.add_manually()
        dialog.date.setDate(QDate(day.year, day.month, day.day))
        dialog.start.setFocus()
        return dialog

    def _adding_closed(self) -> None:
        self._adding = None

    def _manual_dialog(self) -> ManualEntryDialog:
        """A new Add time manually dialog, shown."""
        from timo_desktop.ui.manual_entry import ManualEntryDialog

        dialog = ManualEntryDialog(
            zone=self.tracker.zone,
            rules=lambda choice: self.tracker.rules_of(target_of(choice)),
            refused=lambda choice, others: self.tracker.overlaps_refused(target_of(choice), others),
            neighbours=self.tracker.between,
            unchangeable=self.tracker.why_unchangeable,
            catalog=self.catalog,
            descriptions=self.descriptions,
            known_tags=self.window.timer_bar.known_tags,
            clock=self.tracker.clock,
            start_of_day=self.tracker.start_of_day,
            parent=self.window if self.window.isVisible() else None,
        )
        # One is opened for every backfill and Duplicate all day; closed, it goes.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda entry: self._save_manual(dialog, entry))
        dialog.suggestion_chosen.connect(
            lambda description: self._fill_dialog_like_earlier(dialog, description)
        )
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _save_manual(self, dialog: ManualEntryDialog, entry: ManualEntry) -> None:
        refs = [other.client_ref for other in entry.trim]
        try:
            # The neighbours are trimmed only if the entry is added.
            with self.tracker.batch() as settled:
                trimmed = self.tracker.trim_around(entry.start, entry.end, refs)
                added = self.tracker.add(
                    entry.description,
                    entry.start,
                    entry.end,
                    target=target_of(entry.target),
                    billable=entry.billable,
                    tags=entry.tags,
                )
        except TimoError as error:
            dialog.show_error(str(error))
            return
        self.reload()
        dialog.accept()
        self._added_undoably(added, trimmed, settled)
        if self._out_of_sight():
            self._tell_added(added, trimmed)

    def _tell_added(self, added: Entry, trimmed: Sequence[Entry]) -> None:
        """Say by the tray icon what was added from the tray's Add time with the window
        closed, where the undo bar's words are out of sight; a click shows the entry, or
        its week in Reports when it is older than the list goes back."""
        assert self.tray is not None and added.end is not None
        tracker = self.tracker
        today = tracker.today()
        day = local_day(added.start, tracker.zone, tracker.start_of_day)
        when = f"{day_label(day, today)} {time_range(added.start, added.end, tracker.zone)}"
        length = hours_minutes((added.end - added.start).total_seconds())
        name = isolated(described(added.description))
        said = f"“{name}”, {when} ({length}){_trimmed_words(trimmed)}."
        if day < self._first_listed(today):
            where = "It is older than Timo's list goes back: click to see its week in Reports."
            shown = partial(self._show_week_in_reports, day)
        else:
            where = "Click to see it in Timo."
            shown = partial(
                self.show_entry, added.client_ref, Column.DESCRIPTION, only_attention=False
            )
        self.tray.tell("Time added", f"{said} {where}", shown)

    def _show_week_in_reports(self, day: date) -> None:
        """Reports, on the week holding `day`."""
        from timo_desktop.core.reports import Span

        view = self.open_reports()
        view.set_range(Span.week_of(day, view.reports.config.first_weekday))

    def _added_undoably(
        self, added: Entry, trimmed: Sequence[Entry], settled: Sequence[Settled]
    ) -> None:
        """Offer Undo (and Redo) for a manual entry and the neighbours it trimmed (as they
        were; `settled`: the sync questions trimming them settled), each one transaction."""
        name = isolated(described(added.description))
        refs = [other.client_ref for other in trimmed]

        def undo() -> None:
            with self.tracker.batch():
                self.tracker.delete(added.client_ref)
                self._untrim(trimmed)

        def redo() -> None:
            with self.tracker.batch():
                self.tracker.trim_around(added.start, added.end, refs)
                self.tracker.undo_delete(added.client_ref)

        said = f"Added “{name}”{_trimmed_words(trimmed)}."
        self.made_undoable(f"Add “{name}”", redo, undo, said, settled)

    # Sync and sign-in ---------------------------------------------------------------
    def update_sync(self, status: SyncStatus) -> None:
        """Show a new reading of the sync worker in the window and the menu."""
        from timo_desktop.sync.status import WorkerState
        from timo_desktop.ui.sync_status import Tone, summarize, tried_again

        if self._closed:
            return
        first = self.sync is None
        self.sync = status
        summary = summarize(status, self.tracker.zone)
        self.window.show_sync(summary)
        if status.state is not WorkerState.SYNCING and self._tried_from is not None:
            before, self._tried_from = self._tried_from, None
            if summary.text == before and summary.tone is not Tone.GOOD:
                self.say(tried_again(status))
        # Never synced (no last success) and at it: the first round, a year of entries.
        self.window.show_fetching(status.state is WorkerState.SYNCING and not status.last_success)
        if first or status.state != WorkerState.SYNCING:
            self.reload_catalog()  # sync may have pulled projects, tasks and records
            self._reload_soon.start()  # pulled entries and new sync badges
        # The round may have found workspaces, or lost one; a sign-in refused is said, and
        # no longer once a new one's first round starts.
        self._show_account()

    def _changed_here(self, client_refs: Sequence[str] = ()) -> None:
        """A change saved for sync (here, or queued by `timo`): the worker sends it once
        edits settle, and the status says at once that it waits, as its row does."""
        from timo_desktop.ui.sync_status import summarize, with_local_changes

        self.sync_bridge.local_change(client_refs)
        if self.sync is None or self._closed:  # no word from the worker yet: none to correct
            return
        self.sync = with_local_changes(self.sync, self.tracker.store)
        self.window.show_sync(summarize(self.sync, self.tracker.zone))

    def _sync_summary(self) -> SyncSummary:
        from timo_desktop.ui.sync_status import summarize

        assert self.sync is not None
        return summarize(self.sync, self.tracker.zone)

    def sync_now(self) -> None:
        """ "Sync now": wake the worker, retrying waiting and parked entries. A round that
        ends with the sync line as it was says it tried (`update_sync`): a moment's
        "Syncing…" was all there was to see, as if the click did nothing."""
        self._tried_from = None if self.sync is None else self._sync_summary().text
        self.sync_bridge.sync_now()

    def open_needs_attention(self) -> None:
        """The tray's sync line while entries wait for a decision: the window, the keyboard
        on the first fix in Needs attention (a click on it is all that is left)."""
        self.window.bring_forward()
        self._show_sync_attention()  # as it stands now, not as the last reload saw it
        panel = self._attention_panel
        if panel is None or not panel.rows:
            return
        row = panel.rows[0]
        fix = next(iter(row.buttons.values()), row.picker)
        if fix is not None:
            fix.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_sync_health(self) -> SyncHealthPage:
        """The last 14 days here and on Vmoox side by side, compared on the worker thread."""
        from timo_desktop.ui.sync_health import SyncHealthPage

        if self._health_page is None:
            self._health_page = SyncHealthPage(self.sync_bridge.run, self.tracker.zone)
        self._health_page.zone = self.tracker.zone  # where the computer is now
        self._health_page.show()
        self._health_page.raise_()
        self._health_page.check()
        return self._health_page

    def sign_in(self) -> SignInDialog:
        """Open the sign-in dialog; on success the worker restarts with the new account."""
        from timo_desktop.ui.sign_in import SignInDialog

        dialog = SignInDialog(self.paths, self._server_url(), self.window)
        dialog.signed_in.connect(self._signed_in)
        dialog.show()
        return dialog

    def _signed_in(self, session: AuthSession) -> None:
        """Sync with the new account; signed in over another person's data, their synced
        entries left this computer: the list shows it, and says why."""
        self.sync_bridge.restart()
        if session.handed_over:
            self.reload()
            self.window.undo_bar.say(f"{sentence(session.handed_over)}.")

    def _server_url(self) -> str:
        from timo_desktop.auth.account import AccountFile

        account = AccountFile(self.paths.config).load()
        if account is not None:
            return account.server_url
        # No settings file yet (`settings` None): every value is its default, no server.
        return (self.settings.account.server_url if self.settings else None) or ""

    def account_label(self) -> str | None:
        """`Ada Lovelace on https://vmoox.example.com`, with where the sign-in is kept when
        that is not the keyring; None when signed out. `VMOOX_TOKEN` in Timo's environment
        wins over the saved sign-in, as it does for sync and `timo whoami`; refused by
        Vmoox, the label says so, and how to fix it."""
        from timo_desktop.auth.account import AccountFile
        from timo_desktop.cli.account import env_sign_in
        from timo_desktop.sync.status import refused_sign_in

        env = env_sign_in(self.paths)
        if env is not None:
            return f"{refused_sign_in(None, self.sync) or sentence(env[1])}\n{_FROM_ENV}"
        account = AccountFile(self.paths.config).load()
        if account is None:
            return None
        kept = _KEPT.get(account.store)
        said = refused_sign_in(account.named, self.sync) or account.named
        return said + (f"\n{kept}" if kept else "")

    def sign_in_refused(self) -> str | None:
        """`Vmoox refused the sign-in of dana@example.com — sign in again` while sync needs
        a new sign-in of the one saved (the sync line offers Sign in…), as the ☰ menu says
        it; `Vmoox refused the token in VMOOX_TOKEN — …` when that is the sign-in in use
        and refused (no new sign-in replaces it); None otherwise."""
        from timo_desktop.sync.status import refused_sign_in

        if self.signed_in_through_env():
            return refused_sign_in(None, self.sync)
        who = self.signed_in_as()
        return None if who is None else refused_sign_in(who, self.sync)

    def signed_in_through_env(self) -> bool:
        """Whether `VMOOX_TOKEN` in Timo's environment is the sign-in in use (it wins over
        the saved one, which sign-out alone cannot end)."""
        from timo_desktop.auth.account import ENV_TOKEN

        return bool(os.environ.get(ENV_TOKEN))

    def signed_in_as(self) -> str | None:
        """Who is signed in with the saved sign-in, as sign-out's words name them
        (`dana@example.com`); None when none is saved."""
        from timo_desktop.auth.account import AccountFile
        from timo_desktop.sync.unsent import who

        account = AccountFile(self.paths.config).load()
        return None if account is None else who(account)

    def open_account(self) -> SettingsDialog:
        """Settings, its Account section in view (☰ › "Signed in as …")."""
        dialog = self.open_settings()
        dialog.sections.ensureWidgetVisible(dialog.account)
        return dialog

    def open_settings(self) -> SettingsDialog:
        """The settings dialog; every change is saved once made (a number or a time once
        typed) and applied here. Asked again while it is open, the same dialog comes
        forward rather than a second one."""
        from timo_desktop.platform.autostart import for_this_os
        from timo_desktop.services.reports import workspace_capacity
        from timo_desktop.settings import Settings
        from timo_desktop.ui.settings_dialog import SettingsDialog

        if self._settings_dialog is not None:
            self._show_account()
            self._settings_dialog.raise_()
            self._settings_dialog.activateWindow()
            return self._settings_dialog
        workspace = workspace_capacity(self.tracker)
        dialog = SettingsDialog(
            self.settings or Settings(),
            self.paths.settings_file,
            autostart=for_this_os(),
            account=self.account_label(),
            idle_status=None if self.presence is None else self.presence.idle_status,
            workspace_capacity=workspace.hours if workspace else None,
            workspace_name=workspace.workspace if workspace else None,
            parent=self.window if self.window.isVisible() else None,
        )
        dialog.changed.connect(self.apply_settings)
        dialog.sign_in_requested.connect(
            lambda: self.sign_in().signed_in.connect(lambda _session: self._show_account())
        )
        dialog.sign_out_requested.connect(lambda: self.sign_out(dialog))
        dialog.workspace_chosen.connect(self._choose_workspace)
        # Closed, it goes (it was kept for the rest of the day).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._settings_closed)
        self._settings_dialog = dialog
        self._show_account()
        dialog.show()
        dialog.raise_()
        # The keyboard goes with it, as to Add time and Reports: Esc went to the window below.
        dialog.activateWindow()
        return dialog

    def _settings_closed(self) -> None:
        self._settings_dialog = None

    def _show_account(self) -> None:
        """The account in the Settings dialog, if open, and the workspaces its entries
        without a project may go to: those the last sync round found, so they show
        offline too."""
        from timo_desktop.auth.account import AccountFile
        from timo_desktop.sync.status import trackable_workspaces

        dialog = self._settings_dialog
        if dialog is None:
            return
        dialog.show_account(
            self.account_label(),
            through_env=self.signed_in_through_env(),
            saved=self.signed_in_as(),
            # A new sign-in is what fixes it, unless VMOOX_TOKEN's is the one refused.
            refused=self.sign_in_refused() is not None and not self.signed_in_through_env(),
        )
        account = AccountFile(self.paths.config).load()
        self._settings_account = account.key if account else None
        if account is None:
            dialog.show_workspaces((), None, None)
        else:
            workspaces = trackable_workspaces(self.tracker.store)
            dialog.show_workspaces(workspaces, account.workspace_id, account.workspace_name)

    def _choose_workspace(self, workspace_id: str, name: str) -> None:
        """Settings chose where entries without a project go: saved as `timo workspace`
        saves it, for the account the dialog shows; the next round sends them there (one
        is due soon, for that workspace's rules)."""
        from timo_desktop.auth.service import choose_workspace

        key = self._settings_account
        try:
            chosen = None if key is None else choose_workspace(self.paths, key, workspace_id, name)
        except OSError as error:
            if self._settings_dialog is not None:
                where = f" {error.filename}" if error.filename else ""
                self._settings_dialog.workspace_not_saved(
                    f"Not saved: could not write{where} ({error.strerror or error})"
                )
            return
        self._show_account()  # signed out, or in as someone else, meanwhile: that shows
        if chosen is not None:
            self.sync_bridge.local_change()

    def open_about(self) -> QDialog:
        """Timo's version and folders (where the log is, for a support request)."""
        from timo_desktop.ui.about import AboutDialog

        dialog = AboutDialog(self.paths, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_reports(self) -> ReportsView:
        """The weekly review in its own window (loaded on first use)."""
        from PySide6.QtCore import QSize

        from timo_desktop.ui.fit import fitted_size
        from timo_desktop.ui.reports_view import REPORTS_SIZE, ReportsView

        if self._reports_view is None:
            self._reports_view = view = ReportsView(self.reports())
            view.resize(fitted_size(view, QSize(*REPORTS_SIZE), view.screen().availableGeometry()))
            # It follows every change, here, from the command line or by sync, while shown.
            self.changed.connect(self._refresh_reports)
        self._reports_view.show()
        self._reports_view.raise_()
        self._reports_view.activateWindow()
        return self._reports_view

    def _refresh_reports(self) -> None:
        view = self._reports_view
        if view is not None and view.isVisible():
            view.refresh()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings now: the day boundary and time zone, the attention rules and the
        Reports window's targets and capacity follow them; an open Settings dialog shows
        them (those made elsewhere, `timo config set` or an editor, too)."""
        before, self.settings = self.settings, settings
        if self._settings_dialog is not None:
            self._settings_dialog.show_settings(settings)
        self.tracker.start_of_day = settings.start_of_day
        chosen = settings.day.time_zone
        # A zone changed in the settings; the Tracker's own stays until then.
        if (before is None or before.day.time_zone != chosen) and self.tracker.choose_zone(chosen):
            log.info("days and times are now in %s", self.tracker.zone)
        if self.presence is not None:
            self.presence.apply_settings(settings)
        if self.reminders is not None:
            self.reminders.apply_settings(settings)
        if self._reports_view is not None:
            self._reports_view.reports = self.reports()
            self._reports_view.refresh()
        self.reload()

    def reports(self) -> Reports:
        """Reports as Settings configure them. While signed in, entries not yet synced need
        attention: the list, the end-of-day popup and the Reports window count alike."""
        from timo_desktop.core.attention import AttentionRules
        from timo_desktop.services.reports import Reports
        from timo_desktop.sync.status import WorkerState

        signed_in = self.sync is not None and self.sync.state != WorkerState.SIGNED_OUT
        if self.settings is None:
            rules = AttentionRules(include_unsynced=signed_in)
            return Reports(self.tracker, attention_rules=rules)
        return Reports.from_settings(self.tracker, self.settings, signed_in=signed_in)

    def sign_out(self, dialog: SettingsDialog | None = None) -> None:
        """Revoke and forget the sign-in; entries stay here and wait for the next sign-in.
        It asks first (Cancel by default), from Settings and ☰ alike: the token is gone
        for good, and one click must not leave entries behind unsaid."""
        asked = self._sign_out_question()
        if asked is None:
            self._sign_out_now()
            return
        from timo_desktop.ui.settings_dialog import ask_sign_out

        question, unsent = asked
        parent = dialog if dialog is not None else self.window
        ask_sign_out(parent, question, self._sign_out_now, unsent=unsent)

    def _sign_out_question(self) -> tuple[str, bool] | None:
        """What signing out leaves behind, in words ("3 entries are not sent to Vmoox
        yet…", counted as `timo logout` counts), and whether entries are unsent; None
        when no sign-in is saved."""
        from timo_desktop.auth.account import AccountFile
        from timo_desktop.sync.unsent import kept_until_sign_in, unsent_entries, who

        account = AccountFile(self.paths.config).load()
        if account is None:
            return None
        count = unsent_entries(self.tracker.store)
        if count:
            return kept_until_sign_in(count, account), True
        return (
            f"Sign out {who(account)}? Your entries stay on this computer; Timo syncs them "
            "again once you sign in.",
            False,
        )

    def _sign_out_now(self) -> None:
        from timo_desktop.ui.sign_in import sign_out_in_background

        def done(message: str) -> None:
            self.window.undo_bar.say(message)
            self._show_account()
            self.sync_bridge.restart()

        sign_out_in_background(self.paths, done, self)

    # Quitting --------------------------------------------------------------------------
    def request_quit(self) -> None:
        """Quit; with a timer running, ask whether to keep it running or stop it. The
        answer is about the timer asked about: stopped meanwhile (`timo stop`), Timo just
        quits; another started meanwhile (`timo start`) is asked about in turn. The exit
        is recorded as clean: a timer kept running is not taken for one left by a crash.
        Stop now is the window's Stop: one the database refuses waits at the instant it
        was chosen, and Quit goes on as with any stop waiting (`_quit_past_pending_stop`).

        With "You were away" unanswered, that question comes first (Timo quits once it is
        answered): quitting past it would leave the time away on the timer unasked."""
        from timo_desktop.ui.prompts import AwayFirst, QuitChoice, ask_away_first, ask_quit

        parent = self.window if self.window.isVisible() else None
        away = None if self.presence is None else self.presence.flow.dialog
        if away is not None:
            self._quit_when_answered = ask_away_first(parent) is AwayFirst.ANSWER
            if self._quit_when_answered:
                away.show()
                away.raise_()
                away.activateWindow()
            return
        asked = self.tracker.running()
        while True:
            if self._pending_stop is not None:
                if not self._quit_past_pending_stop(parent):
                    return
                # Quitting with the stop still unsaved, as chosen: the timer runs on.
                asked = None if self._pending_stop is not None else self.tracker.running()
            if asked is None:
                break
            choice = ask_quit(parent, self._summary(asked))
            if choice == QuitChoice.CANCEL:
                return
            running = self.tracker.running()
            if choice == QuitChoice.KEEP_RUNNING or running is None:
                break
            if running.client_ref != asked.client_ref:
                asked = running
                continue
            # As the window's Stop: one the database refuses waits at the instant chosen,
            # and is tried once more above, which asks about it (not the tray as well).
            if not self.stop_earlier(None, tell_waiting=False):
                return
            asked = self.tracker.running()
        self._record_clean_exit()
        self.shutdown(send_changes=True)
        self.quit_requested.emit()

    def _quit_past_pending_stop(self, parent: QWidget | None) -> bool:
        """Quit with a stop waiting for the database: it is tried once more, waiting as any
        write does. Whether to go on quitting: yes once it is saved, or gone (the timer
        stopped meanwhile; or the stop refused, and the timer is asked about as Quit asks);
        still refused, the person is told it is not saved and what to do, and chooses."""
        from timo_desktop.ui.prompts import ask_quit_stop_unsaved

        self._carry_out_pending_stop(patient=True)
        pending = self._pending_stop
        if pending is None:
            return True
        at = clock_time(pending.at, self.tracker.zone)
        return ask_quit_stop_unsaved(parent, pending.name, at, pending.why)

    def quit_without_asking(self) -> None:
        """Go now, asking nothing and waiting for nothing: the system is ending Timo
        (SIGTERM as the session ends or the computer shuts down, Ctrl+C). Not a clean
        exit: this moment is recorded as when Timo was last running, and the next start
        asks about a timer left running. No time away still unanswered is billed unasked:
        the next start offers to stop the running timer when it began, and an entry
        stopped since the return loses it. The caller ends Qt's event loop."""
        if self._closed:
            return
        self._last_try_to_stop()
        self._discard_unanswered_away()
        self._record_last_seen()
        self.shutdown()

    def _last_try_to_stop(self) -> None:
        """Going unasked, a stop waiting for the database is tried once more, briefly; still
        refused, the log says so, and the next start asks about the timer left running."""
        self._carry_out_pending_stop()
        if self._pending_stop is not None:
            log.warning("the stop of a running timer was not saved as Timo went")

    def shutdown(self, *, send_changes: bool = False) -> None:
        """Stop timers, hide the tray, let the window go, stop sync; the caller closes the
        Tracker. `send_changes` (Quit): a change not yet sent, the timer stopped as Timo
        quits say, is sent first, once nothing of Timo shows any more, so that Vmoox and
        the person's other devices do not see it running until Timo starts again. Only
        the first call does anything."""
        if self._closed:
            return
        self._closed = True
        self.closing.emit()
        self.sync_bridge.status_changed.disconnect(self.update_sync)
        if self._settings_watch is not None:
            self._settings_watch.stop()
        if self.presence is not None:
            self.presence.stop()
        if self.reminders is not None:
            self.reminders.stop()
        timers = (self._first_paint, self._deferred, self._reload_soon, self._outside)
        for timer in (self._tick, self._minute, self._heartbeat, self._stop_retry, *timers):
            timer.stop()
        if self._tray_watch is not None:
            self._tray_watch.stop()
        self.window.close_requested.disconnect(self._on_close)
        if self.tray is not None:
            self.tray.hide()
        # The windows have no parent to take them along; left alive, they outlived every
        # app that made them (60 windows after the UI tests).
        for page in (self._health_page, self._reports_view):
            if page is not None:
                page.close()
                page.deleteLater()
        self.window.hide()
        self.window.deleteLater()
        self.sync_bridge.stop(send_changes=send_changes)

    # Wiring ----------------------------------------------------------------------------
    def _connect_window(self) -> None:
        window = self.window
        window.timer_bar.start_requested.connect(self.start_timer)
        window.timer_bar.stop_requested.connect(self.stop_timer)
        window.timer_bar.cancel_stop_requested.connect(self.cancel_pending_stop)
        window.timer_bar.suggestion_chosen.connect(self.fill_like_earlier)
        window.timer_bar.running_edited.connect(self.edit_running)
        window.model.edit_requested.connect(self.edit_entry)
        window.entries.action_requested.connect(self._on_row_action)
        window.entries.add_time_requested.connect(self.add_time_on)
        window.undo_bar.undo_requested.connect(self.undo_last)
        window.undo_bar.discard_requested.connect(self._discard_typed)
        bar = window.selection_bar
        bar.target_chosen.connect(self.set_selected_target)
        bar.billable_chosen.connect(self.set_selected_billable)
        bar.tags_chosen.connect(self.tag_selected)
        bar.delete_requested.connect(self.delete_selected)
        window.add_button.clicked.connect(self.add_manually)
        window.sync_button.clicked.connect(self._on_sync_button)
        window.visibility_changed.connect(self._on_visibility)
        window.close_requested.connect(self._on_close)
        window.account_requested.connect(self.open_account)
        window.sign_out_requested.connect(self.sign_out)

    def start_blank_timer(self) -> None:
        """Start a timer now and open its description in the list, to be typed next (the
        tray's Start timer and the not-tracking reminder's Start: time counts from the
        click). Never a switch: a timer started elsewhere since the menu or question came
        runs on, and Timo says so."""
        if self.tracker.running() is not None:
            self.say("A timer is running already; nothing was started.")
            return
        # A cell open in the list is saved first, as a click elsewhere saves it: its own
        # step, before the start, not saved unseen when the new row's editor opens.
        self.window.entries.end_editing()
        self.start_timer(TimerDraft("", None, False, ()))
        running = self.tracker.running()
        if running is not None:
            self.open_in_editor(running.client_ref, Column.DESCRIPTION)

    def open_in_editor(self, ref: str, column: Column | None = None) -> None:
        """Open an entry for editing in the window: selected, its times (or `column`) in
        an editor."""
        chosen = Column.TIMES if column is None else column  # DESCRIPTION is 0, falsy
        index = self.show_entry(ref, chosen, only_attention=False)
        if index is not None:
            self.window.entries.setFocus()
            self.window.entries.edit(index)

    def show_entry(self, ref: str, column: Column, *, only_attention: bool) -> QModelIndex | None:
        """Show the window with Needs attention on or off and `ref` selected and in view."""
        window = self.window
        window.bring_forward()
        window.attention_button.setChecked(only_attention)

        def shown() -> QModelIndex:
            return window.entries.cell_of(ref, column)

        index = shown()
        if not index.isValid() and window.search.text():
            window.search.clear()  # a search that leaves it out: everything shown again
            index = shown()
        if not index.isValid():
            return None
        window.entries.setCurrentIndex(index)
        window.entries.scrollTo(index)
        return index

    def _connect_tray(self, tray: Tray) -> None:
        tray.start_requested.connect(self.start_blank_timer)
        tray.stop_requested.connect(self.stop_timer)
        tray.cancel_stop_requested.connect(self.cancel_pending_stop)
        tray.continue_requested.connect(self.continue_entry)
        tray.add_manually_requested.connect(self.add_manually)
        tray.open_requested.connect(self.window.bring_forward)
        tray.attention_requested.connect(self.open_needs_attention)
        tray.sync_now_requested.connect(self.sync_now)
        tray.sign_in_requested.connect(self.sign_in)
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.request_quit)

    def _install_shortcuts(self) -> None:
        """The window's keys (each defined beside the control whose tooltip names it). The
        row actions work only while the list has the keyboard, on its current row; in the
        list Ctrl+Shift+Enter continues that row (`EntryListView`), elsewhere the latest."""
        w = self.window
        bar = w.timer_bar
        w.add_action("Start / stop timer", START_KEYS, self.toggle_timer)
        w.add_action(
            "What are you working on?",
            DESCRIPTION_KEYS,
            lambda: (bar.description.setFocus(), bar.description.selectAll()),
        )
        w.add_action("Choose project or record", CHOOSE_KEYS, bar.target.open_popup)
        # A click, as by hand: a running timer's billable mark changes with it.
        w.add_action("Billable", BILLABLE_KEYS, bar.billable.click)
        w.add_action("Tags", TAGS_KEYS, bar.tags.setFocus)
        w.add_action(
            "Continue last entry", ACTION_KEYS["continue"], lambda: self.continue_entry(None)
        )
        row = w.entries
        w.add_action(
            "Duplicate entry",
            ACTION_KEYS["duplicate"],
            lambda: self._on_selected("duplicate"),
            within=row,
        )
        w.add_action(
            "Delete entry",
            ACTION_KEYS["delete"],
            lambda: self._on_selected("delete"),
            within=row,
        )
        w.add_action("Edit entry", EDIT_KEYS, lambda: row.edit(row.currentIndex()), within=row)
        w.add_action("Add time manually…", ADD_KEYS, self.add_manually)
        w.add_action("Reports…", "Ctrl+R", self.open_reports)
        w.add_action("Needs attention", ATTENTION_KEYS, w.attention_button.toggle)
        w.add_action("Search entries", SEARCH_KEYS, w.focus_search)
        w.add_action("Undo", QKeySequence.StandardKey.Undo, self.undo_last)
        w.add_action("Redo", QKeySequence.StandardKey.Redo, self.redo_last)
        # As the header's button: signed out, it is the way to sign in.
        w.add_action("Sync now", SYNC_KEYS, self._on_sync_button)
        w.add_action("Sync health…", "Ctrl+Shift+H", self.open_sync_health)
        w.add_action("Settings…", "Ctrl+,", self.open_settings)
        sign_in = w.add_action("Sign in…", SIGN_IN_KEYS, self.sign_in, in_menu=False)
        w.add_account_items(
            sign_in, self.signed_in_as, self.signed_in_through_env, self.sign_in_refused
        )
        w.more_menu.addAction("About Timo…", self.open_about)
        w.add_action("Close window", QKeySequence.StandardKey.Close, self._on_close)
        # Not StandardKey.Quit: Windows and some Linux desktops define none; Ctrl+Q (⌘Q) is
        # what people press everywhere.
        w.add_action("Quit Timo", "Ctrl+Q", self.request_quit)

    def _on_sync_button(self) -> None:
        """Sync now, or the sign-in it needs first (nothing to sync with signed out)."""
        if self.sync is not None and self._sync_summary().needs_sign_in:
            self.sign_in()
        else:
            self.sync_now()

    def _on_selected(self, action: str) -> None:
        if action == "delete":  # what is highlighted, as the bar's Delete does
            chosen = self.window.entries.selected_entries()
            if len(chosen) > 1:
                self.delete_selected()
            elif chosen:
                self.delete_entry(chosen[0].client_ref)
            return
        ref = self.window.entries.current_ref()
        if ref is not None:
            self._on_row_action(action, ref)

    def _on_row_action(self, action: str, ref: str) -> None:
        {
            "continue": self.continue_entry,
            "duplicate": self.duplicate_entry,
            "delete": self.delete_entry,
        }[action](ref)

    def _on_visibility(self, visible: bool) -> None:
        if visible:  # a hidden window's clock stands still: catch up at once
            self.window.model.tick()
            self._refresh_running_text()
        else:
            self._tick.stop()

    def _on_close(self) -> None:
        if not self.has_tray():
            self.request_quit()
        else:
            self.window.hide()
