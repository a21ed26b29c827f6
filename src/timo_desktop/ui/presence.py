"""Away from the keyboard in the desktop app: the monitor, the one dialog, the answer applied.

`Presence` runs the platform `PresenceMonitor` with the threshold from
Settings (`idle.threshold_seconds`, 0 = off: no away periods) for as long as
the app runs, passes on its `resumed` signal, and hands each away period to
`AwayFlow`, which shows at most one `AwayDialog`: a second away period while
it is open extends the question instead of stacking another. Whether the
timer still runs is checked when the question is shown, whenever the entries
change while it is open, and again when it is answered.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.presence import (
    Away,
    AwayChoice,
    PresenceConfig,
    RunningEntry,
    away_for_entry,
    resolve_away,
)
from timo_desktop.ui.away_dialog import AwayDialog, timer_words
from timo_desktop.ui.target_picker import TargetChoice

if TYPE_CHECKING:
    from timo_desktop.platform.idle import IdleSource, Unsupported
    from timo_desktop.platform.presence_monitor import PresenceMonitor
    from timo_desktop.settings import Settings
    from timo_desktop.ui.controller import TimoApp

log = logging.getLogger(__name__)

_SAID = {
    AwayChoice.DISCARD: "Discarded the time away; the timer stopped when you left.",
    AwayChoice.DISCARD_AND_CONTINUE: "Discarded the time away; the timer goes on from your return.",
    AwayChoice.ASSIGN: "Booked the time away separately; the timer goes on.",
}


def presence_config(settings: Settings | None) -> PresenceConfig:
    """The presence machine's tuning from Settings: `idle.threshold_seconds`, 0 is off.

    No settings (no settings file yet) means the defaults, which the core shares.
    """
    if settings is None:
        return PresenceConfig()
    seconds = settings.idle.threshold_seconds
    return PresenceConfig(threshold=timedelta(seconds=seconds) if seconds else None)


class AwayFlow(QObject):
    """Turns away periods into at most one question and its answer into Tracker edits."""

    def __init__(self, app: TimoApp) -> None:
        super().__init__(app)
        self._app = app
        self.dialog: AwayDialog | None = None
        self._away: Away | None = None
        self._entry: RunningEntry | None = None
        app.changed.connect(self._recheck)

    def on_away(self, away: Away) -> None:
        """The person came back after `away`: ask about it, unless there is nothing to ask."""
        if self.dialog is not None and self._away is not None:
            away = Away(
                min(self._away.start, away.start), max(self._away.end, away.end), self._away.cause
            )
        running = self._app.tracker.running()
        entry = None if running is None else RunningEntry(running.client_ref, running.start)
        asked = away_for_entry(away, entry)
        if asked is None or running is None:
            self._close()
            return
        self._away, self._entry = asked, entry
        if self.dialog is None:
            self.dialog = AwayDialog(self._app.catalog)
            self.dialog.answered.connect(self._on_answer)
            self.dialog.finished.connect(self._forget)
        self.dialog.show_away(
            asked, timer_words(running, self._app.target_label), self._app.tracker.zone
        )
        self.dialog.show()
        self.dialog.raise_()

    def _runs(self, entry: RunningEntry | None) -> bool:
        running = self._app.tracker.running()
        return running is not None and entry is not None and running.client_ref == entry.ref

    def _recheck(self) -> None:
        if self.dialog is not None and not self._runs(self._entry):
            self._close()  # stopped elsewhere meanwhile: the question has no subject any more

    def _on_answer(self, choice: AwayChoice, picked: TargetChoice | None, what: str) -> None:
        """Carry out the answer; the question closes once it is done. A refusal (an overlap,
        a description too long…) is shown in the question, which stays with all that was
        picked and typed, until an answer succeeds or another is chosen."""
        from timo_desktop.services.presence import apply_away, undo_away
        from timo_desktop.ui.controller import target_of

        away, entry, dialog = self._away, self._entry, self.dialog
        if away is None or entry is None or dialog is None or choice is AwayChoice.KEEP:
            self._close()
            return
        if not self._runs(entry):
            self._close()
            self._app.window.undo_bar.say("The timer was stopped meanwhile; nothing was changed.")
            return
        tracker = self._app.tracker
        before = tracker.get(str(entry.ref))
        edits = resolve_away(choice, away, entry, target_of(picked), what)
        try:
            written = [apply_away(tracker, edits)]
        except TimoError as error:
            log.info("away answer refused: %s", error)
            dialog.refuse(sentence(str(error)))
            return
        self._close()

        # Redo writes new entries (a new copy, a new booking); undo takes back the latest.
        def redo() -> None:
            written[0] = apply_away(tracker, edits)

        self._app.made_undoable(
            "Answer “You were away”",
            redo,
            lambda: undo_away(tracker, before, written[0]),
            _SAID[choice],
        )
        self._app.reload()

    def _close(self) -> None:
        dialog = self.dialog
        self._forget()
        if dialog is not None:
            dialog.dismiss()

    def _forget(self) -> None:
        if self.dialog is not None:
            self.dialog.finished.disconnect(self._forget)
            self.dialog.deleteLater()
        self.dialog, self._away, self._entry = None, None, None


class Presence(QObject):
    """Runs the presence monitor and routes its findings: away periods to the dialog,
    `resumed()` when the computer wakes (whether or not away detection is on)."""

    resumed = Signal()

    def __init__(
        self, app: TimoApp, settings: Settings | None, idle: IdleSource | Unsupported | None = None
    ) -> None:
        """`idle=None` detects this session's idle backend."""
        from timo_desktop.platform.idle import detect

        super().__init__(app)
        self.flow = AwayFlow(app)
        self.idle = detect() if idle is None else idle
        self.monitor: PresenceMonitor | None = None
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings | None) -> None:
        """Follow `idle.threshold_seconds`: a new threshold at once, 0 stops asking.

        The monitor runs either way (one 5 s poll): resume is found by the same
        power events and clock check that away detection uses."""
        from timo_desktop.platform.presence_monitor import PresenceMonitor

        config = presence_config(settings)
        if self.monitor is not None:
            self.monitor.set_config(config)
        else:
            self.monitor = PresenceMonitor(self.idle, config, parent=self)
            self.monitor.away.connect(self.flow.on_away)
            self.monitor.resumed.connect(self.resumed)
            self.monitor.start()

    def stop(self) -> None:
        """Stop polling and the power sources (at quit)."""
        if self.monitor is not None:
            self.monitor.stop()
            self.monitor.deleteLater()
            self.monitor = None

    def idle_status(self) -> str:
        """`x11: 3 s since the last input`, or `unsupported: <why>` — as `timo doctor` says it."""
        from timo_desktop.platform.idle import IdleUnavailable, Unsupported
        from timo_desktop.platform.idle.doctor import describe_idle

        report: dict[str, object] = {"backend": self.idle.name, "seconds": None}
        if isinstance(self.idle, Unsupported):
            report["reason"] = self.idle.reason
        else:
            try:
                report["seconds"] = round(self.idle.seconds_since_input())
            except IdleUnavailable as error:
                report["reason"] = str(error)
        return describe_idle(report)[1]
