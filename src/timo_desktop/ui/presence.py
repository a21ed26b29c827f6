"""Away from the keyboard in the desktop app: the monitor, the one dialog, the answer applied.

`Presence` runs the platform `PresenceMonitor` with the threshold from
Settings (`idle.threshold_seconds`, 0 = off: no away periods) for as long as
the app runs, passes on its `resumed` signal, and hands each away period to
`AwayFlow`, which shows at most one `AwayDialog`. A second away period of the
same timer while it is open is added to the question (the time worked between
stays on the timer, whatever the answer); one of another timer is asked once
the open question is answered. Whether the timer still holds the time away —
running, or stopped after the return, started before it left — is checked when
the question is shown, whenever the entries change while it is open (it follows
an edited start or a stop, or closes) and again when it is answered: a start
moved into the time away leaves the rest of it asked about. A change of
the threshold (away detection turned off too) leaves it open: only time away to
come follows it. Should Timo be told to stop with the question
unanswered, no time away is billed unasked: the running timer's earliest away
start is recorded for the next start to offer, and an entry stopped since the
return loses the time away (see the controller's `quit_without_asking`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from timo_desktop.core.entry import Source
from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.presence import (
    Away,
    AwayChoice,
    PresenceConfig,
    Remove,
    RunningEntry,
    away_for_entry,
    merged,
    ran_through,
    resolve_away,
)
from timo_desktop.ui.away_dialog import AwayDialog, timer_words
from timo_desktop.ui.target_picker import TargetChoice

if TYPE_CHECKING:
    from timo_desktop.core.entry import Entry
    from timo_desktop.platform.idle import IdleSource, Unsupported
    from timo_desktop.platform.presence_monitor import PresenceMonitor
    from timo_desktop.settings import Settings
    from timo_desktop.ui.controller import TimoApp

log = logging.getLogger(__name__)

# What the undo bar says an answer did: to a running timer, to one stopped since.
_SAID = {
    AwayChoice.DISCARD: (
        "Discarded the time away; the timer stopped when you left.",
        "Discarded the time away; the entry ends when you left.",
    ),
    AwayChoice.DISCARD_AND_CONTINUE: (
        "Discarded the time away; the timer goes on from your return.",
        "Discarded the time away; the entry keeps the time from your return.",
    ),
    AwayChoice.ASSIGN: (
        "Booked the time away separately; the timer goes on.",
        "Booked the time away separately; the entry keeps the rest.",
    ),
}

# When the time away began with the entry: nothing of it was worked, so none of it is kept.
_REMOVED = "Discarded the time away; the entry began as you left, so none of it was kept."


@dataclass(frozen=True)
class _Question:
    """What the dialog asks: the away periods (the parts on the timer) of one timer, named
    as `timer`."""

    entry: RunningEntry
    aways: tuple[Away, ...]
    timer: str


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

    # True when the away question opens, False once it is done with (reminders wait).
    asking = Signal(bool)

    def __init__(self, app: TimoApp) -> None:
        super().__init__(app)
        self._app = app
        self.dialog: AwayDialog | None = None
        self._periods: list[tuple[str, Away]] = []  # not yet answered, with the timer then
        self._shown: _Question | None = None
        app.changed.connect(self._recheck)

    def on_away(self, away: Away) -> None:
        """The person came back after `away`: ask about it, unless there is nothing to ask."""
        entry = self._timer_over(away)
        if entry is not None:
            # A period reported again, or overlapping one still asked, is asked as one.
            ref = entry.client_ref
            joined = [(ref, a) for a in merged([*(a for r, a in self._periods if r == ref), away])]
            first = next((i for i, (r, _) in enumerate(self._periods) if r == ref), None)
            others = [(r, a) for r, a in self._periods if r != ref]
            at = len(others) if first is None else first  # the timers keep their order
            self._periods = others[:at] + joined + others[at:]
        self._ask(to_front=True)

    def _timer_over(self, away: Away) -> Entry | None:
        """The entry the timer was on all through `away`: the running one, or else one made
        here and stopped or switched since the return (noticed at the next poll, seconds
        late: a timer stopped in those seconds still holds the whole time away).

        Another entry over the time away (overlaps allowed, or one from another device) is
        not the timer: asked about, the running timer kept the time away unasked and an
        answer cut that entry instead."""
        tracker = self._app.tracker
        running = tracker.running()
        if running is not None and ran_through(away, _seen(running)):
            return running
        return next(
            (
                entry
                for entry in reversed(tracker.between(away.start, away.end))
                if not entry.is_running
                and entry.source != Source.SERVER
                and ran_through(away, _seen(entry))
            ),
            None,
        )

    def _ask(self, *, to_front: bool) -> None:
        """Show the question still worth asking (brought to the front when `to_front`), or
        close it when none is."""
        question = self._question()
        if question is None:
            self._close()
            return
        if self.dialog is None:
            self.dialog = AwayDialog(self._app.catalog)
            self.dialog.answered.connect(self._on_answer)
            self.dialog.finished.connect(self._forget)
            to_front = True
            self.asking.emit(True)
        self._shown = question
        self.dialog.show_away(
            question.aways, question.timer, self._app.tracker.zone, question.entry.end
        )
        if to_front:
            self.dialog.show()
            self.dialog.raise_()

    def unanswered_since(self) -> datetime | None:
        """The earliest start of the time away still unanswered on the running timer, or
        None: Timo going unasked records it, and the next start offers to stop the timer
        then, as for a person still away when Timo went."""
        return next(
            (parts[0].start for entry, parts in self._unanswered().values() if entry.is_running),
            None,
        )

    def discard_unanswered_on_stopped(self) -> None:
        """Timo is going unasked (told to stop, the session ends) with time away unanswered
        on an entry stopped since the return: no question will reach it, so the time away
        leaves it as "Discard and continue" would (the time worked either side stays)
        rather than being billed unasked. The running timer's is the next start's to ask."""
        from timo_desktop.services.presence import apply_away

        for entry, parts in self._unanswered().values():
            if entry.is_running:
                continue
            try:
                apply_away(
                    self._app.tracker,
                    resolve_away(AwayChoice.DISCARD_AND_CONTINUE, parts, _seen(entry)),
                )
            except TimoError as error:  # it stays as it was; the person can still edit it
                log.warning("time away left on an entry: %s", error)

    def _question(self) -> _Question | None:
        """The first timer's away periods as they stand now."""
        asked = self._unanswered()
        if not asked:
            return None
        entry, parts = next(iter(asked.values()))
        return _Question(
            _seen(entry),
            tuple(parts),
            timer_words(entry, self._app.target_label),
        )

    def _unanswered(self) -> dict[str, tuple[Entry, list[Away]]]:
        """Each timer's entry and away periods (the parts on it, in time order) still worth
        asking about, timers in the order asked. Periods no longer worth asking about (the
        timer deleted, stopped before the return, its start moved past them) are dropped for
        good."""
        entries: dict[str, Entry | None] = {}
        found: dict[str, tuple[Entry, list[Away]]] = {}
        kept: list[tuple[str, Away]] = []
        for ref, away in self._periods:
            if ref not in entries:
                entries[ref] = self._entry(ref)
            entry = entries[ref]
            part = away_for_entry(away, None if entry is None else _seen(entry))
            if entry is not None and part is not None:
                kept.append((ref, away))
                found.setdefault(ref, (entry, []))[1].append(part)
        self._periods = kept
        return found

    def _entry(self, ref: str) -> Entry | None:
        try:
            return self._app.tracker.get(ref)
        except TimoError:  # deleted meanwhile
            return None

    def _recheck(self) -> None:
        """The entries changed: the question follows its timer (an edited start, a stop after
        the return) or closes when nothing is left to ask."""
        if self.dialog is not None:
            self._ask(to_front=False)

    def _on_answer(self, choice: AwayChoice, picked: TargetChoice | None, what: str) -> None:
        """Carry out the answer; the question closes once it is done, and the next timer's
        (if any) is asked. A refusal (an overlap, a description too long…) is shown in the
        question, which stays with all that was picked and typed, until an answer succeeds or
        another is chosen."""
        from timo_desktop.services.presence import apply_away, undo_away
        from timo_desktop.ui.controller import target_of

        shown, dialog = self._shown, self.dialog
        if shown is None or dialog is None or choice is AwayChoice.KEEP:
            self._close()
            self._ask(to_front=True)
            return
        if self._question() != shown:  # changed unnoticed: answer only what was read
            self._ask(to_front=False)
            if self.dialog is None:
                self._app.say("The timer changed meanwhile; nothing was changed.")
            else:
                dialog.refuse("The timer changed meanwhile: read the question again.")
            return
        tracker = self._app.tracker
        entry = shown.entry
        before = tracker.get(str(entry.ref))
        edits = resolve_away(choice, shown.aways, entry, target_of(picked), what)
        try:
            with tracker.batch() as settled:
                written = [apply_away(tracker, edits)]
        except TimoError as error:
            log.info("away answer refused: %s", error)
            dialog.refuse(sentence(str(error)))
            return
        self._close()
        self._ask(to_front=True)

        # Redo brings back the entries the answer made (undo deleted them), as they were.
        def redo() -> None:
            written[0] = apply_away(tracker, edits, again=written[0])

        said = _SAID[choice][0 if entry.end is None else 1]
        if any(isinstance(edit, Remove) for edit in edits):
            said = _REMOVED  # no stopped timer or entry is left to speak of
        self._app.made_undoable(
            "Answer “You were away”",
            redo,
            lambda: undo_away(tracker, before, written[0]),
            said,
            settled,
        )
        self._app.reload()

    def _close(self) -> None:
        dialog = self.dialog
        self._forget()
        if dialog is not None:
            dialog.dismiss()

    def _forget(self) -> None:
        """The question is done with (answered, kept, or gone): its periods with it."""
        dialog = self.dialog
        if dialog is not None:
            dialog.finished.disconnect(self._forget)
            dialog.deleteLater()
        if self._shown is not None:
            asked = self._shown.entry.ref
            self._periods = [(ref, away) for ref, away in self._periods if ref != asked]
        self.dialog, self._shown = None, None
        if dialog is not None:
            self.asking.emit(False)


def _seen(entry: Entry) -> RunningEntry:
    """`entry` as the away question sees it."""
    return RunningEntry(entry.client_ref, entry.start, entry.end)


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
        """Follow `idle.threshold_seconds`: a new threshold at once, 0 stops asking. Only
        time away to come follows it: a question open stays, its time away being past (a 0
        typed on the way to 05 closed it, the time away kept on the timer unasked).

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
