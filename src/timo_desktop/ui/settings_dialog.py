"""Settings: each change is checked by the settings model and saved at once, or explained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.local_time import twelve_hour_clock
from timo_desktop.settings import Settings, format_value, get, save, with_value
from timo_desktop.ui import style

if TYPE_CHECKING:
    from timo_desktop.platform.autostart import Autostart

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SettingsDialog(QDialog):
    """Working time, reminders, targets, start at login and the account, saved as you go."""

    changed = Signal(object)  # the Settings just saved
    sign_in_requested = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        settings_file: Path,
        *,
        autostart: Autostart | None,
        account: str | None,
        idle_status: Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Timo Settings")
        self.setMinimumWidth(480)
        self.settings = settings
        self._file = settings_file
        self._autostart = autostart
        self._loading = True
        self._names: dict[str, str] = {  # what a refusal calls each setting
            "schedule.working_days": "Working days",
            "account.server_url": "Server address",
        }
        self.problem = QLabel()
        self.problem.setStyleSheet(style.FIELD_ERROR)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with a setting")
        self.problem.hide()

        # Working time ------------------------------------------------------------------
        self.days = {day: QCheckBox(day) for day in DAYS}
        days_row = QHBoxLayout()
        for day, box in self.days.items():
            box.setAccessibleName(f"Work on {day}")
            box.setChecked(day in settings.schedule.working_days)
            box.toggled.connect(self._days_changed)
            days_row.addWidget(box)
        self.work_start = self._time("schedule.start", "Working hours start")
        self.work_end = self._time("schedule.end", "Working hours end")
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.work_start)
        hours_row.addWidget(QLabel("to"))
        hours_row.addWidget(self.work_end)
        hours_row.addStretch(1)
        self.week_starts = self._weekday("schedule.week_starts", "Week starts on")
        self.start_of_day = self._time("day.start_of_day", "A new day starts at")
        self.idle = self._int(
            "idle.threshold_seconds", "Ask when away for (minutes, 0 is off)", 0, 240, 60, " min"
        )
        self.idle.setSpecialValueText("Off")  # 0: never ask
        work = self._group(
            "Working time",
            [
                ("Working days", days_row),
                ("Working hours", hours_row),
                ("Week starts on", self.week_starts),
                ("New day starts at", self.start_of_day),
                ("Ask when away for", self.idle),
                ("Idle time", self._idle_reading(idle_status)),
            ],
        )

        # Reminders -----------------------------------------------------------------------
        self.remind_idle = self._bool(
            "reminders.not_tracking.enabled", "Remind me when nothing is tracked"
        )
        self.remind_idle_minutes = self._int(
            "reminders.not_tracking.minutes", "after (minutes)", 1, 480, suffix=" min"
        )
        self.remind_end = self._bool("reminders.end_of_day.enabled", "Sum up my day when work ends")
        self.remind_long = self._bool("reminders.long_timer.enabled", "Ask about very long timers")
        self.remind_long_hours = self._float(
            "reminders.long_timer.hours", "longer than (hours)", 0.5, 72, " h"
        )
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.remind_idle)
        idle_row.addWidget(self.remind_idle_minutes)
        idle_row.addStretch(1)
        long_row = QHBoxLayout()
        long_row.addWidget(self.remind_long)
        long_row.addWidget(self.remind_long_hours)
        long_row.addStretch(1)
        reminders = self._group(
            "Reminders",
            [("Not tracking", idle_row), ("End of day", self.remind_end), ("Long timer", long_row)],
        )

        # Targets -------------------------------------------------------------------------
        self.capacity = self._float(
            "capacity.hours_per_week", "Weekly capacity in hours", 1, 168, " h a week"
        )
        self.billable_target = self._percent("targets.billable_ratio", "Billable ratio target")
        self.utilization_target = self._percent("targets.utilization", "Utilization target")
        self.long_entry = self._float(
            "entries.long_entry_hours", "Entries longer than this need a look", 0.5, 72, " h"
        )
        targets = self._group(
            "Week",
            [
                ("Capacity", self.capacity),
                ("Billable ratio", self.billable_target),
                ("Utilization", self.utilization_target),
                ("Long entry", self.long_entry),
            ],
        )

        # Start at login and account --------------------------------------------------------
        self.start_at_login = QCheckBox("Start Timo when I log in")
        self.start_at_login.setAccessibleName("Start Timo when I log in")
        if autostart is None:
            self.start_at_login.setEnabled(False)
        else:
            self.start_at_login.setChecked(autostart.is_enabled())
        self.start_at_login.toggled.connect(self._autostart_changed)
        self.server = QLineEdit(
            settings.account.server_url or "", placeholderText="https://vmoox.example.com"
        )
        self.server.setAccessibleName("Server address")
        self.server.editingFinished.connect(
            lambda: self._apply("account.server_url", self.server.text().strip() or "null")
        )
        self.account = QLabel()
        self.account.setAccessibleName("Account")
        # Where the sign-in is kept, when not in the keyring: a row of its own, where a
        # wrapped line gets the height it needs (beside the button it was cut off).
        self.account_note = QLabel()
        self.account_note.setWordWrap(True)
        self.account_note.setAccessibleName("Where the sign-in is kept")
        self.account_button = QPushButton()
        self.account_button.clicked.connect(self._account_clicked)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        account_row.addWidget(self.account_button)
        account_box = self._group(
            "Account",
            [
                ("Server", self.server),
                ("", account_row),
                ("", self.account_note),
                ("", self.start_at_login),
            ],
        )
        self.show_account(account)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        for box in (work, reminders, targets, account_box):
            layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._loading = False

    def _idle_reading(self, status: Callable[[], str] | None) -> QLabel:
        """The idle backend in use and its reading (or why there is none), kept current."""
        label = QLabel(status() if status else "Not checked yet")
        label.setAccessibleName("Idle time backend and reading")
        if status is not None:
            ticker = QTimer(self, interval=1000)  # only while the dialog is shown

            def refresh() -> None:
                if self.isVisible():
                    label.setText(status())
                else:
                    ticker.stop()

            ticker.timeout.connect(refresh)
            ticker.start()
        return label

    # Controls bound to a settings key ---------------------------------------------------
    def _time(self, key: str, name: str) -> QTimeEdit:
        edit = QTimeEdit(QTime.fromString(str(get(self.settings, key)), "HH:mm"))
        edit.setDisplayFormat("h:mm AP" if twelve_hour_clock() else "HH:mm")
        self._bind(edit, key, name)
        edit.timeChanged.connect(lambda value: self._apply(key, value.toString("HH:mm")))
        return edit

    def _weekday(self, key: str, name: str) -> QComboBox:
        combo = QComboBox()
        for day, full in zip(DAYS, DAY_NAMES, strict=True):
            combo.addItem(full, day)
        combo.setCurrentIndex(combo.findData(get(self.settings, key)))
        self._bind(combo, key, name)
        combo.currentIndexChanged.connect(lambda _index: self._apply(key, combo.currentData()))
        return combo

    def _int(
        self, key: str, name: str, low: int, high: int, scale: int = 1, suffix: str = ""
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(int(get(self.settings, key)) // scale)
        self._bind(spin, key, name)
        spin.valueChanged.connect(lambda value: self._apply(key, str(value * scale)))
        return spin

    def _float(self, key: str, name: str, low: float, high: float, suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSuffix(suffix)
        spin.setValue(float(get(self.settings, key)))
        self._bind(spin, key, name)
        spin.valueChanged.connect(lambda value: self._apply(key, f"{value:g}"))
        return spin

    def _percent(self, key: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 100)
        spin.setSuffix(" %")
        spin.setValue(round(float(get(self.settings, key)) * 100))
        self._bind(spin, key, name)
        spin.valueChanged.connect(lambda value: self._apply(key, f"{value / 100:g}"))
        return spin

    def _bind(self, field: QWidget, key: str, name: str) -> None:
        """`name` is what screen readers and any refusal call the field; a number or a
        time keeps its own width instead of stretching across the form."""
        field.setAccessibleName(name)
        self._names[key] = name
        field.setSizePolicy(QSizePolicy.Policy.Fixed, field.sizePolicy().verticalPolicy())

    def _bool(self, key: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(bool(get(self.settings, key)))
        box.setAccessibleName(text)
        box.toggled.connect(lambda on: self._apply(key, format_value(on)))
        return box

    def _group(self, title: str, rows: list[tuple[str, QWidget | QHBoxLayout]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, item in rows:
            form.addRow(label, item)
        return box

    # Saving -----------------------------------------------------------------------------
    def _days_changed(self) -> None:
        chosen = [day for day, box in self.days.items() if box.isChecked()]
        self._apply("schedule.working_days", ",".join(chosen))

    def _apply(self, key: str, text: str) -> None:
        """Check `key = text` with the settings model; save at once or say what is wrong."""
        if self._loading:
            return
        try:
            updated = with_value(self.settings, key, text, name=self._names.get(key))
            save(updated, self._file)
        except TimoError as error:
            self.problem.setText(sentence(str(error)))
            self.problem.show()
            return
        self.problem.hide()
        self.settings = updated
        self.changed.emit(updated)

    def _autostart_changed(self, on: bool) -> None:
        from timo_desktop.platform.autostart import launch_command

        if self._autostart is None:
            return
        try:
            if on:
                self._autostart.enable(launch_command())
            else:
                self._autostart.disable()
        except OSError as error:
            self.problem.setText(f"Could not change start at login: {error.strerror or error}")
            self.problem.show()

    def _account_clicked(self) -> None:
        signal = (
            self.sign_out_requested
            if self.account_button.text() == "Sign out"
            else self.sign_in_requested
        )
        signal.emit()

    def show_account(self, account: str | None) -> None:
        """Show `account` (who on which server, then any note on its lines below); also a
        sign-in or sign-out made while the dialog is open."""
        who, _, note = (account or "Not signed in").partition("\n")
        self.account.setText(who)
        self.account_note.setText(note)
        self.account_note.setVisible(bool(note))
        self.account_button.setText("Sign out" if account else "Sign in…")
        self.account_button.setAccessibleName(self.account_button.text())
