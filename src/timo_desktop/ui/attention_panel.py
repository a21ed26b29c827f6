""" "Needs attention" in the window: each entry sync could not settle, why, and the fix.

The fixes are `SyncEngine` decisions run on the sync worker's thread through
`SyncBridge.run`; a button shows "Working…" until the answer comes back, so a
slow server never holds up the window. Delete here and Change the date are changes
the window makes itself, as its list does (Delete here is undone by its Undo). Restore
my value (and a stopped timer's Restore my end) first asks, as Add time does, about an
overlap the values put back would make: Keep both where the workspace allows it, else
it is refused, naming what it would overlap. Of an entry Vmoox keeps read-only (a
locked period, invoiced: `Attention.read_only`), the fixes that would change it there
(Restore, Restore my value, Delete anyway) are not offered, since Vmoox would refuse
them; a "Read-only because …" line says why, beside the fix that lets the question go.
One clicked before the panel showed a lock the worker had just pulled is refused by the
decision itself, nothing queued, and the row, shown again as read-only, says so.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.sync.words import plural
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.target_picker import TargetChoice, TargetPicker

if TYPE_CHECKING:
    from timo_desktop.core.entry import Entry
    from timo_desktop.core.validation import ReadOnly
    from timo_desktop.sync.attention import Attention
    from timo_desktop.sync.engine import SyncEngine
    from timo_desktop.ui.date_field import DateField

Job = Callable[["SyncEngine"], Any]
Runner = Callable[[Job, Callable[[Any, BaseException | None], None]], None]
# Moves an entry to another day, its times of day kept (`TimoError` when refused).
Mover = Callable[[str, date], object]
# Deletes an entry as one undoable step, as the list does (`TimoError` when refused).
Deleter = Callable[[str], object]
PANEL_HEIGHT = 240
# The fixes that change the entry on Vmoox: not offered of one it keeps read-only.
CHANGING = ("restore", "anyway")


class AttentionRow(QFrame):
    """One item: what it is, the reason in plain words, and the buttons that fix it."""

    def __init__(self, panel: AttentionPanel, item: Attention) -> None:
        super().__init__()
        self.setObjectName("attentionItem")
        self.item = item
        self.busy = False
        self._panel = panel
        self._export_to: Path | None = None
        what = (
            panel.describe(item.entry)
            if item.entry is not None
            else f"{plural(item.count, 'entry')} held"
        )
        self.title = PlainLabel(what)
        self.title.setObjectName("attentionTitle")
        # A long description wraps: on one line it widened the panel past the window, and
        # the reason and its buttons scrolled off to the side.
        self.title.setWordWrap(True)
        self.reason = PlainLabel(item.message)
        self.reason.setWordWrap(True)
        self.reason.set_about("Why sync needs you")
        self.read_only = PlainLabel(item.read_only_words)
        self.read_only.setWordWrap(True)
        self.read_only.setVisible(item.read_only is not None)
        self.buttons: dict[str, QPushButton] = {}
        self.picker: TargetPicker | None = None
        self.day: DateField | None = None  # Change the date's field, once asked for
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        self._actions = actions
        made_here = {"delete": self._delete, "date": self._ask_day, "restore": self._restore}
        if item.kind == "target":  # the fix most need, first: Retry now comes after it
            self.picker = TargetPicker()
            self.picker.setText("Choose a new project…")
            self.picker.setAccessibleName(f"New project or record for: {what}")
            if panel.catalog is not None:
                self.picker.set_catalog(panel.catalog)
            self.picker.changed.connect(self._retarget)
            actions.addWidget(self.picker)
        fixes = self._fixes()
        if item.read_only is not None:
            fixes = {name: fix for name, fix in fixes.items() if name not in CHANGING}
        for name, (text, job) in fixes.items():
            button = QPushButton(text)
            button.setAccessibleName(f"{text}: {what}")
            if job is None:
                button.clicked.connect(made_here[name])
            else:
                button.clicked.connect(lambda _=False, j=job: self._fix(j))
            actions.addWidget(button)
            self.buttons[name] = button
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.read_only)
        layout.addLayout(actions)

    def _fixes(self) -> dict[str, tuple[str, Job | None]]:
        """The buttons for this kind of item: name → (label, engine call, or None for a
        change the window makes itself: Delete here, Change the date)."""
        ref = self.item.client_ref or ""
        kind = self.item.kind
        if kind == "conflict":
            return {
                "restore": ("Restore my value", None),
                "keep": ("Keep server's", lambda e: e.dismiss_conflicts(ref)),
            }
        if kind == "stopped":
            return {
                "restore": ("Restore my end", None),
                "keep": ("OK", lambda e: e.dismiss_conflicts(ref)),
            }
        if kind == "stopped-running":  # nothing of the person's to put back: read, OK
            return {"keep": ("OK", lambda e: e.dismiss_conflicts(ref))}
        if kind == "deleted-running":  # its time is gone from here too, unless brought back
            return {
                "restore": ("Restore", lambda e: e.restore_deleted(ref)),
                "keep": ("OK", lambda e: e.dismiss_conflicts(ref)),
            }
        if kind == "stopped-early":  # the time it ran on here is gone too, unless added
            add = f"Add {self.item.ran_on} as an entry"
            return {
                "restore": (add, lambda e: e.add_time_ran_here(ref)),
                "keep": ("Keep Vmoox's stop", lambda e: e.dismiss_conflicts(ref)),
            }
        if kind in ("deleted-there", "shortened-there"):  # Vmoox keeps it so: read, OK
            return {"keep": ("OK", lambda e: e.dismiss_conflicts(ref))}
        if kind == "changed-since-deleted":
            return {
                "anyway": ("Delete anyway", lambda e: e.delete_anyway(ref)),
                "keep": ("Keep their version", lambda e: e.keep_their_edit(ref)),
            }
        if kind == "deleted":
            return {
                "restore": ("Restore", lambda e: e.restore_deleted(ref)),
                "discard": ("Discard", lambda e: e.discard_deleted(ref)),
            }
        if kind == "locked":
            # Not "OK": it drops the values kept here, which would go once unlocked.
            return {"acknowledge": ("Keep server's", lambda e: e.acknowledge(ref))}
        if kind == "kept-running":  # its stop goes by itself once unlocked; this tries now
            return {"retry": ("Retry now", lambda e: e.retry_now(ref))}
        if kind == "locked-new":
            # Vmoox never had it: it goes away here, to a day the lock leaves open, or
            # again (sent by itself too, once the lock no longer covers it).
            fixes: dict[str, tuple[str, Job | None]] = {}
            if self._panel.delete_here is not None:
                fixes["delete"] = ("Delete here", None)
            if self._panel.move_to_day is not None:
                fixes["date"] = ("Change the date…", None)
            fixes["retry"] = ("Retry now", lambda e: e.retry_now(ref))
            return fixes
        if kind == "frozen":
            return {"export": ("Export entries…", self._export_job())}
        if kind == "target":  # a new project (the picker below), or again as it is
            return {"retry": ("Retry now", lambda e: e.retry_now(ref))}
        return {"retry": ("Retry now", lambda e: e.retry_now(ref))}

    def _export_job(self) -> Job:
        workspace = self.item.workspace_id or ""

        def job(engine: SyncEngine) -> Path | None:
            path = self._export_to
            if path is not None:
                write_export(path, engine.export_workspace(workspace))
            return path

        return job

    def _fix(self, job: Job) -> None:
        if self.item.kind == "frozen":
            chosen = self._panel.ask_path(f"timo-{self.item.workspace_id}.csv")
            if not chosen:
                return
            self._export_to = Path(chosen)
        self._panel.run_fix(self, job)

    def _restore(self) -> None:
        """Put the user's values back, on the worker; values that would overlap another
        entry are asked about first (Keep both, or Cancel), or refused where the
        workspace does not allow overlapping time."""
        from timo_desktop.core.errors import sentence

        ref = self.item.client_ref or ""

        def restore(engine: SyncEngine) -> None:
            engine.restore_local_value(ref)

        overlap = self.item.overlap
        if overlap is None:
            self._fix(restore)
            return
        assert self.item.entry is not None  # an overlap is an entry's
        refusal = self._panel.overlap_refusal(self.item.entry, overlap.others)
        if refusal is not None:
            refused = f"{sentence(str(overlap))}, {refusal}"
            self.reason.setText(f"{self.item.message}\nThat did not work: {refused}.")
            return
        from timo_desktop.ui.manual_entry import OverlapOffer, ask_about_overlap

        offer = OverlapOffer(overlap.others, False, True, overlap.words, "")

        def answered(choice: str) -> None:
            if choice == "keep":
                self._fix(restore)

        what = sentence(overlap.what)
        ask_about_overlap(self.window(), what, offer, answered, back_label="&Cancel")

    def _ask_day(self) -> None:
        """Change the date: a date field and Move beside the buttons, the field focused."""
        from timo_desktop.ui.date_field import DateField

        if self.day is None:
            self.day = DateField(self._panel.today)
            self.day.setAccessibleName(f"New date for: {self.title.text()}")
            move = QPushButton("Move")
            move.setAccessibleName(f"Move to that date: {self.title.text()}")
            move.clicked.connect(self._move)
            at = self._actions.indexOf(self.buttons["date"]) + 1
            self._actions.insertWidget(at, self.day)
            self._actions.insertWidget(at + 1, move)
            self.buttons["move"] = move
            self.day.show()  # added to a row already on screen
            move.show()
        self.day.setFocus()

    def _move(self) -> None:
        """Move the entry to the chosen day; a refusal (still locked, an overlap) is said
        beside the reason, and the field keeps the day."""
        mover, day = self._panel.move_to_day, self.day
        if mover is None or day is None:
            return

        def move(ref: str) -> object:
            if day.problem is not None:  # what is typed there is no date
                from timo_desktop.core.errors import InvalidInput

                raise InvalidInput(day.problem)
            return mover(ref, day.date().toPython())

        self._change_here(move)

    def _delete(self) -> None:
        """Delete here: the entry goes as the list's Delete takes it, with the window's Undo."""
        if self._panel.delete_here is not None:
            self._change_here(self._panel.delete_here)

    def _change_here(self, change: Callable[[str], object]) -> None:
        """Make a change to the entry in the window (not on the worker); a refusal is said
        beside the reason."""
        from timo_desktop.core.errors import TimoError

        if self.item.client_ref is None:
            return
        try:
            change(self.item.client_ref)
        except TimoError as error:
            self.reason.setText(f"{self.item.message}\nThat did not work: {error}")
            return
        self._panel.fixed.emit()

    def _retarget(self, choice: TargetChoice | None) -> None:
        from timo_desktop.core.entry import Target

        if choice is None or self.item.client_ref is None:
            return
        target = Target(
            project_id=choice.project_id, task_id=choice.task_id, record_id=choice.record_id
        )
        ref = self.item.client_ref
        self._panel.run_fix(self, lambda e: e.retarget(ref, target))

    def update_item(self, item: Attention) -> None:
        """The same question read again: new words replace the old (and any outcome note)."""
        if item.message != self.item.message:
            self.reason.setText(item.message)
        self.item = item
        if item.entry is not None:
            self.title.setText(self._panel.describe(item.entry))

    def set_busy(self, busy: bool) -> None:
        """While a fix runs: buttons off, "Working…" beside the reason."""
        self.busy = busy
        for button in self.buttons.values():
            button.setEnabled(not busy)
        if self.picker is not None:
            self.picker.setEnabled(not busy)
        if busy:
            self.reason.setText(f"{self.item.message}\nWorking…")

    def done(self, result: Any, error: BaseException | None) -> None:
        """The fix's answer: an error is shown in plain words and the buttons come back."""
        self.set_busy(False)
        if error is not None:
            self.reason.setText(f"{self.item.message}\nThat did not work: {error}")
        elif isinstance(result, Path):
            self.reason.setText(f"{self.item.message}\nSaved to {result}.")
        else:
            self.reason.setText(self.item.message)


class AttentionPanel(QFrame):
    """The list of sync items waiting for the user; hidden while there are none."""

    fixed = Signal()  # a fix finished: read the items again

    def __init__(
        self,
        run: Runner,
        describe: Callable[[Entry], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attentionPanel")
        self.setAccessibleName("Sync needs attention")
        self.run = run
        self.describe = describe
        self.catalog: QStandardItemModel | None = None
        # Asks where to save an export (a file dialog; tests give a path).
        self.ask_path: Callable[[str], str] = self._ask_path
        # Change the date of a new entry Vmoox refused for a locked period (offered only
        # when given), and the day its date field starts from.
        self.move_to_day: Mover | None = None
        # Delete here for such an entry (offered only when given).
        self.delete_here: Deleter | None = None
        # Why an entry's workspace refuses it overlapping others (`Tracker.overlap_refusal`;
        # None: it allows it, and Restore my value asks to keep both), read when asked.
        self.overlap_refusal: Callable[[Entry, Sequence[Entry]], str | None] = (
            lambda _entry, _others: "which this workspace does not allow"
        )
        self.today: Callable[[], date] = date.today
        self.rows: list[AttentionRow] = []
        self.heading = PlainLabel("Sync needs your decision")
        self.heading.setObjectName("attentionHeading")
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(self._list)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setMaximumHeight(PANEL_HEIGHT)
        # No tab stop of its own (it was one, nameless): Tab goes straight to the fixes.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.heading)
        layout.addWidget(scroll)
        self.hide()

    def set_catalog(self, model: QStandardItemModel) -> None:
        """The tree the "new project" pickers offer."""
        self.catalog = model
        for row in self.rows:
            if row.picker is not None:
                row.picker.set_catalog(model)

    def show_items(self, items: list[Attention]) -> None:
        """Show these items: rows still wanted (or being fixed) stay, others go."""
        wanted = {_key(item): item for item in items}
        kept = []
        for row in self.rows:
            key = _key(row.item)
            if row.busy or key in wanted:
                if not row.busy:
                    row.update_item(wanted[key])
                kept.append(row)
            else:
                self._list.removeWidget(row)
                row.deleteLater()
        self.rows = kept
        keys = {_key(r.item) for r in self.rows}
        for item in items:
            if _key(item) not in keys:
                row = AttentionRow(self, item)
                self._list.addWidget(row)
                self.rows.append(row)
        count = len(self.rows)
        self.heading.setText(
            "1 entry needs your decision" if count == 1 else f"{count} need your decision"
        )
        self.setVisible(bool(self.rows))

    def row_for(self, client_ref: str | None = None, kind: str | None = None) -> AttentionRow:
        """The row of an entry (or of a kind); `LookupError` when there is none."""
        for row in self.rows:
            if (client_ref is None or row.item.client_ref == client_ref) and (
                kind is None or row.item.kind == kind
            ):
                return row
        raise LookupError(f"no attention row for {client_ref or kind}")

    def run_fix(self, row: AttentionRow, job: Job) -> None:
        """Run a fix on the worker thread; the row waits for the answer."""
        row.set_busy(True)

        def done(result: Any, error: BaseException | None) -> None:
            row.done(result, error)
            self.fixed.emit()
            if error is not None and row not in self.rows:
                # Read again, the question is a row of its own now (a lock pulled since it
                # was shown, which refused the fix): the refusal is said there.
                question = (row.item.kind, row.item.client_ref)
                for again in self.rows:
                    if (again.item.kind, again.item.client_ref) == question:
                        again.done(None, error)

        self.run(job, done)

    def _ask_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export entries", str(Path.home() / suggested), "CSV (*.csv);;JSON (*.json)"
        )
        return path


def _key(item: Attention) -> tuple[str, str | None, str | None, ReadOnly | None]:
    # A lock lifted (or made) since offers other fixes: a row of its own.
    return (item.kind, item.client_ref, item.workspace_id, item.read_only)


def write_export(path: Path, entries: list[dict[str, Any]]) -> None:
    """Save exported entries as JSON (`.json`) or CSV (anything else), its text cells safe
    for a spreadsheet as `timo export`'s are. The file appears whole or not at all (as
    `timo export -o` writes): a failure leaves a file it was replacing as it was."""
    from timo_desktop.files import write_whole
    from timo_desktop.reports.formats import spreadsheet_text

    if path.suffix.lower() == ".json":
        write_whole(path, json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
        return
    columns = ["client_ref", "start", "end", "description", "target", "tags", "billable"]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([*columns, "timezone"])
    for entry in entries:
        target = entry.get("target") or {}
        writer.writerow(
            [
                entry["client_ref"],
                entry.get("start"),
                entry.get("end") or "",
                spreadsheet_text(entry.get("description") or ""),
                "/".join(str(v) for v in (target.get("id"), target.get("task_id")) if v),
                spreadsheet_text(";".join(entry.get("tags") or [])),
                "yes" if entry.get("billable") else "no",
                entry.get("timezone") or "",
            ]
        )
    write_whole(path, out.getvalue())
