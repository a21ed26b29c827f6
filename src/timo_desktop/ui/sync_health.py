"""The sync health page: the last 14 days here and on Vmoox side by side, with fixes.

The comparison (`SyncEngine.health`, which reads the server's entries) and
every fix run on the sync worker's thread; the page shows a busy bar
meanwhile and stays responsive.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.entry import described
from timo_desktop.core.local_time import day_and_time, from_text, local
from timo_desktop.ui.attention_panel import Job, Runner
from timo_desktop.ui.plain import PlainLabel

if TYPE_CHECKING:
    from timo_desktop.sync.health import HealthReport

# What each finding means, and whether the entry is here and on the server.
_KINDS = {
    "missing_on_server": ("Only here", True, False),
    "missing_here": ("Only on Vmoox", False, True),
    "differs": ("Different on Vmoox", True, True),
    "likely_duplicate": ("Likely duplicate", True, True),
    "waiting": ("Waiting to sync", True, False),
}
_ACTIONS = {
    "resend": "Send again",
    "download": "Download",
    "take_server_copy": "Take Vmoox's version",
    "send_mine": "Keep mine",
    "delete_copy": "Delete duplicate",
    "sync": "Sync now",
}
COLUMNS = ("When", "Description", "Here", "On Vmoox", "What is wrong", "")
DESCRIPTION, WHAT = 1, 4


def action_job(action: str, refs: tuple[str, ...]) -> Job | None:
    """The engine call behind a finding's action (None: decided under Needs attention)."""
    if action == "resend":
        return lambda e: e.resend(refs[0])
    if action in ("download", "take_server_copy"):
        return lambda e: e.download(refs[0])
    if action == "send_mine":
        return lambda e: e.send_mine(refs[0])
    if action == "delete_copy":
        return lambda e: e.delete_copies(refs)
    if action == "sync":
        return lambda e: e.retry_now(refs[0])
    return None


class SyncHealthPage(QWidget):
    """A window listing what does not match between this computer and Vmoox."""

    checked = Signal(object)  # HealthReport, after each comparison
    failed = Signal(str)

    def __init__(self, run: Runner, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync health — Timo")
        self.setAccessibleName("Sync health")
        self.run = run
        self.zone = zone
        self.report: HealthReport | None = None
        self.summary = PlainLabel("Comparing the last 14 days with Vmoox…")
        self.summary.setWordWrap(True)
        self.summary.set_about("Sync health summary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the server answers page by page
        self.progress.setAccessibleName("Comparing with Vmoox")
        self.progress.setTextVisible(False)
        self.check_button = QPushButton("Check again")
        self.check_button.setAccessibleName("Compare with Vmoox again")
        self.check_button.clicked.connect(self.check)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Entries that do not match")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # One tab stop (arrows move between cells); Tab goes on to each row's fixes, which
        # Tab moving from cell to cell never reached, round and round.
        self.table.setTabKeyNavigation(False)
        # The description and what is wrong share what the dates, ticks and buttons leave
        # and wrap there (rows grow to fit): sized to their text, a long description pushed
        # the action buttons out of sight behind a sideways scroll.
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            fill = column in (DESCRIPTION, WHAT)
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch if fill else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.hide()  # until there is something to list
        self.buttons: list[QPushButton] = []
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        closing = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)  # Ctrl+W and kin
        for keys in (*closing, QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self, self.close)
        self._refocus_row: int | None = None  # a fix's row, whose next fix gets the keyboard
        self.resize(820, 420)

    def check(self) -> None:
        """Compare again (on the worker thread)."""
        self._busy(True, "Comparing the last 14 days with Vmoox…")
        self.run(lambda engine: engine.health(), self._checked)

    def _busy(self, busy: bool, text: str | None = None) -> None:
        self.progress.setVisible(busy)
        self.check_button.setEnabled(not busy)
        for button in self.buttons:
            button.setEnabled(not busy)
        if text is not None:
            self.summary.setText(text)

    def _checked(self, report: HealthReport | None, error: BaseException | None) -> None:
        if error is not None or report is None:
            from timo_desktop.sync.worker import SignedOut

            message = (
                "Timo is not signed in to Vmoox: sign in (☰ › Sign in…) to compare with it."
                if isinstance(error, SignedOut)
                else f"Could not compare with Vmoox: {error}"
            )
            self._busy(False, message)
            self.failed.emit(message)
            return
        self.report = report
        self._busy(False, _summary(report))
        self._fill(report)
        self.checked.emit(report)

    def _fill(self, report: HealthReport) -> None:
        self.table.setRowCount(0)
        self.buttons = []
        for finding in report.findings:
            row = self.table.rowCount()
            self.table.insertRow(row)
            what, here, there = _KINDS.get(finding.kind, (finding.kind, True, True))
            cells = (
                self._when(finding.start),
                described(finding.description),
                "✓" if here else "—",
                "✓" if there else "—",
                "\n".join(
                    [f"{what}: {finding.advice}"]
                    + [d.words(self.zone) for d in finding.differences]
                ),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    # Not "check mark" and "em dash"
                    cell.setData(Qt.ItemDataRole.AccessibleTextRole, "yes" if text == "✓" else "no")
                self.table.setItem(row, column, cell)
            actions = QWidget()
            # Several fixes side by side (an entry that differs can be settled either way).
            row_buttons = QHBoxLayout(actions)
            row_buttons.setContentsMargins(0, 0, 0, 0)
            for action in (finding.action, finding.other_action):
                job = action_job(action, finding.client_refs) if action else None
                if job is None:
                    continue
                button = QPushButton(_ACTIONS[action])
                button.setAccessibleName(f"{_ACTIONS[action]}: {finding.description}")
                button.setProperty("action", action)
                button.clicked.connect(lambda _=False, j=job: self.act(j))
                row_buttons.addWidget(button)
                self.buttons.append(button)
            if row_buttons.count():
                self.table.setCellWidget(row, len(COLUMNS) - 1, actions)
        self.table.setVisible(bool(report.findings))  # all matching: the summary says it all
        # Tab from the table visits the fixes row by row, then goes round to Check again.
        order = [self.table, *self.buttons, self.check_button]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        self._refocus()

    def _refocus(self) -> None:
        """After a fix run by keyboard, the keyboard goes to the first fix of the row that
        now stands where it stood (the next finding), or to Check again when none is left:
        the button it was on is gone with the old rows."""
        row, self._refocus_row = self._refocus_row, None
        if row is None:
            return
        rows = self._row_fixes()
        if rows:
            rows[min(row, len(rows) - 1)][0].setFocus()
        else:
            self.check_button.setFocus()

    def _row_fixes(self) -> list[list[QPushButton]]:
        """Each finding's fix buttons, row by row (a row without any left out)."""
        return [fixes for row in range(self.table.rowCount()) if (fixes := self._fixes_in(row))]

    def _fixes_in(self, row: int) -> list[QPushButton]:
        cell = self.table.cellWidget(row, len(COLUMNS) - 1)
        return [] if cell is None else cell.findChildren(QPushButton)

    def act(self, job: Job) -> None:
        """Run one fix, then compare again."""
        focused = QApplication.focusWidget()
        if focused in self.buttons:
            rows = self._row_fixes()
            self._refocus_row = next(n for n, fixes in enumerate(rows) if focused in fixes)
        self._busy(True, "Fixing…")

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self._busy(False, f"That did not work: {error}")
                self._refocus()  # back to the row's fixes, enabled again
                return
            self.check()

        self.run(job, done)

    def button_for(self, action: str, description: str) -> QPushButton:
        """The action button of a finding (for keyboard users' tests and screenshots)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is None or item.text() != description:
                continue
            for button in self._fixes_in(row):
                if button.property("action") == action:
                    return button
        raise LookupError(f"no {action} button for {description!r}")

    def _when(self, text: str) -> str:
        if not text:
            return ""
        return day_and_time(local(from_text(text), self.zone))


def _summary(report: HealthReport) -> str:
    side = f"Here: {report.local} entries · On Vmoox: {report.server} entries."
    if report.healthy:
        return f"All entries of the last {report.days} days match Vmoox. {side}"
    count = len(report.findings)
    things = "1 thing" if count == 1 else f"{count} things"
    return f"{things} to look at in the last {report.days} days. {side}"


def open_page(run: Runner, zone: str) -> SyncHealthPage:
    """A health page that starts comparing as soon as it is shown."""
    page = SyncHealthPage(run, zone)
    page.check()
    return page
