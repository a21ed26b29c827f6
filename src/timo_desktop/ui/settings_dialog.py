"""Settings: each change (a number or a time once typed: on Enter, leaving its field or
closing) is checked by the settings model and saved at once, or refused beside its field,
where the refusal stays until the field is fixed or put back."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.durations import MINUTE
from timo_desktop.core.errors import InvalidInput, TimoError, sentence
from timo_desktop.core.local_time import MIDNIGHT, clock_text, parse_clock
from timo_desktop.settings import (
    LEAST_AWAY,
    Settings,
    away_typed,
    decimals_words,
    format_value,
    get,
    number_rule,
    save_value,
)
from timo_desktop.ui import style
from timo_desktop.ui.fit import fitted_size
from timo_desktop.ui.plain import PlainLabel

if TYPE_CHECKING:
    from timo_desktop.platform.autostart import Autostart

WORKSPACE_NAME = "Entries without a project go to"
NEXT_DAY = "ends the next day"  # beside working hours ending before they start
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The usual tops of the settings the model leaves open above; a larger value set elsewhere
# (`timo config set`, the file) raises the top so that it shows as it is.
AWAY_TOP = 240 * 60  # seconds
NOT_TRACKING_TOP = 480  # minutes
F = TypeVar("F", bound=QWidget)
# A number being typed in a number field, whatever its range or decimals.
_TYPED_NUMBER = re.compile(r"-?\d*[.,]?\d*")


def _typed_number(spin: QAbstractSpinBox, text: str) -> bool:
    """Whether `text` in `spin` is a number being typed, whatever its range or decimals."""
    bare = text.removeprefix(spin.prefix()).removesuffix(spin.suffix()).strip()  # type: ignore[attr-defined]
    return bool(_TYPED_NUMBER.fullmatch(bare))


class _FinishesTyping:
    """For a field typed in, a number or a time (listed before its Qt class): what is typed
    is taken once finished, on Enter, on leaving the field, or as the dialog closes
    (`finish`), and only then saved or refused. Each value on the way was saved and acted
    on by the running app ("1", "10" and "100" on the way to "1000"; 19:30 on the way from
    17:30 to 19:45), and a start typed past the end (18:00 before 17:30) was refused while
    still being typed. The arrows step to a value at once.

    Text the field cannot take (`can_take`) is not taken: `refused` (each class's own
    signal) carries it, to be said beside the field (`refusal`), and it stays in the field,
    to fix, as a time the settings model refuses does (the field went back to its value
    before, and with Close clicked the refusal was never seen). Text taken (`take`) emits
    `typed` (each class's own), whether or not it changed the field's value: typed over a
    value saved elsewhere meanwhile, which the field did not show yet, it is the later
    change even where it equals the value shown."""

    refused: Signal
    typed: Signal

    def event(self, event: QEvent) -> bool:
        entered = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if not (entered or event.type() == QEvent.Type.FocusOut):
            return bool(super().event(event))  # type: ignore[misc]
        text = self.text()  # type: ignore[attr-defined]
        taken = self.finish()
        handled = bool(super().event(event))  # type: ignore[misc]
        edit = _editor(cast(QWidget, self))
        if not taken and edit is not None and edit.text() != text:
            edit.setText(text)  # a spin box put its value back over the refused text
        return handled

    def finish(self) -> bool:
        """Take what is typed as finished: its value when the field takes it (a changed one
        is saved, or refused by the settings model beside the field), or else `refused`
        with the text; whether it was taken."""
        text = self.text()  # type: ignore[attr-defined]
        if not self.can_take(text):
            self.refused.emit(text.strip())
            return False
        edit = _editor(cast(QWidget, self))
        assert edit is not None  # every such field is typed in
        typed = edit.isModified()
        edit.setModified(False)  # told once: Enter, then leaving the field, tell nothing new
        self.take(text)
        if typed:
            self.typed.emit()
        return True

    def can_take(self, text: str) -> bool:
        """Whether `text` is a value this field takes."""
        raise NotImplementedError

    def take(self, text: str) -> None:
        """Show the value of `text`, which the field takes (`can_take`)."""
        raise NotImplementedError

    def refusal(self, typed: str) -> str:
        """What is said beside the field when `typed` is refused."""
        raise NotImplementedError


class _KeepsTyping(_FinishesTyping):
    """For a spin box (listed before it as a base): a number typed stays as typed, and one
    the field cannot take is said.

    Qt drops a keystroke that would leave a spin box's range or decimals: "500" in a
    field up to 168 became 50, "150" % 15 % and "37.25" h 37.2 h, each saved without a
    word. Here a number stays as typed until finished; where it cannot be taken it is not
    saved, and is said (`refused`)."""

    def __init__(self, suffix: str = "") -> None:
        super().__init__(suffix=suffix)  # type: ignore[call-arg]
        self.setKeyboardTracking(False)  # type: ignore[attr-defined]

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state, text, pos = super().validate(text, pos)  # type: ignore[misc]
        # Whatever is typed for the number stays ("1e3" became 13): what the field cannot
        # take is said once it is left. Only its unit (" h a week") is kept whole.
        typed_in = text.startswith(self.prefix()) and text.endswith(self.suffix())  # type: ignore[attr-defined]
        if state is QValidator.State.Invalid and typed_in:
            state = QValidator.State.Intermediate
        return state, text, pos

    def can_take(self, text: str) -> bool:
        """Whether `text` is a number within the field's range and decimals."""
        return self.validate(text, 0)[0] is QValidator.State.Acceptable

    def take(self, text: str) -> None:
        """Read `text` as the field's value."""
        self.interpretText()  # type: ignore[attr-defined]

    def refusal(self, typed: str) -> str:
        """What was typed, and what the field takes."""
        return f"{typed or 'nothing'} — this takes {self.takes(typed)}"

    def takes(self, typed: str) -> str:
        """What this field takes, said when `typed` is refused: its range, whatever was typed
        (`a number from 1 to 480 min`)."""
        low = self.textFromValue(self.minimum())  # type: ignore[attr-defined]
        high = self.textFromValue(self.maximum())  # type: ignore[attr-defined]
        suffix = self.suffix()  # type: ignore[attr-defined]
        return f"a number from {low}{suffix} to {high}{suffix}".replace(
            f" {suffix.strip()} to", " to"
        )


class NumberSpin(_KeepsTyping, QSpinBox):
    """A whole number that keeps what is typed, and says what it cannot take."""

    refused = Signal(str)
    typed = Signal()


class DecimalSpin(_KeepsTyping, QDoubleSpinBox):
    """A decimal number that keeps what is typed, and says what it cannot take; typed with
    a decimal comma or point, whichever the locale's is not (`37,5` as `37.5`). It takes
    as many decimals as it has (`setDecimals`), and shows those a value needs, but at
    least `least` (`40.0 h` and `36.25 h`; with 0, `75 %` and `7.5 %`)."""

    refused = Signal(str)
    typed = Signal()

    def __init__(self, suffix: str = "", *, least: int = 1) -> None:
        self._least = least  # before the base, which shows the first value
        super().__init__(suffix)

    def _with_point(self, text: str) -> str:
        point = self.locale().decimalPoint()
        other = "," if point == "." else "."
        return text if point in text else text.replace(other, point)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state, _read, _at = super().validate(self._with_point(text), pos)
        return state, text, pos  # as typed: the comma stays until the field is left

    def valueFromText(self, text: str) -> float:
        return float(super().valueFromText(self._with_point(text)))

    def textFromValue(self, value: float) -> str:
        text = super().textFromValue(value)
        whole, point, decimals = text.partition(self.locale().decimalPoint())
        decimals = decimals.rstrip("0").ljust(self._least, "0")
        return f"{whole}{point}{decimals}" if decimals else whole

    def takes(self, typed: str) -> str:
        """The range; for a number within it, the decimals this field has."""
        if _typed_number(self, typed):
            bare = typed.removesuffix(self.suffix()).strip().replace(",", ".")
            if bare not in ("", "-", ".") and self.minimum() <= float(bare) <= self.maximum():
                return decimals_words(self.decimals())
        return super().takes(typed)


def away_seconds(text: str) -> float | None:
    """The time away typed in Settings, in seconds, a bare number being minutes, as the field
    shows them; None for what is no time away."""
    return away_typed(text, bare=MINUTE)


def _clock_typed(text: str) -> time | str:
    """The time of day `text` is, or why it is none."""
    try:
        return parse_clock(text, bare_hour=True)
    except InvalidInput as error:
        return str(error)


class TimeField(_FinishesTyping, QLineEdit):
    """A time of day, typed whole and read as the app's other time fields read one
    (`parse_clock`, a bare hour being on the hour): `22:00`, `10:00 PM`, `10pm`, `6`; on a
    12-hour clock one that could be either half of the day asks for AM or PM. Shown on the
    computer's clock (`clock_text`); Up and Down step an hour at once.

    Qt's time field was typed section by section, keeping the sections not typed over and
    reading digits again: on a 12-hour clock `22:00` saved 14:00 and `10:00 PM`, typed as
    shown, put back the time before without a word; `25:00` saved 02:30."""

    refused = Signal(str)
    typed = Signal()
    valueChanged = Signal(object)  # the `datetime.time` now shown

    def __init__(self) -> None:
        super().__init__()
        self._value = MIDNIGHT
        self.setText(clock_text(self._value))

    def value(self) -> time:
        """The time shown, by the name the number fields give theirs."""
        return self._value

    def setValue(self, value: time) -> None:
        """Show `value` (over what was typed), told by `valueChanged` when it changed."""
        self.setText(clock_text(value))
        if self.hasFocus():
            self.selectAll()  # to type over, as on arriving
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def can_take(self, text: str) -> bool:
        """Whether `text` is a time of day."""
        return isinstance(_clock_typed(text), time)

    def take(self, text: str) -> None:
        """Show the time `text` is, as this clock shows it (`1930` as 19:30)."""
        self.setValue(cast(time, _clock_typed(text)))

    def refusal(self, typed: str) -> str:
        """Why `typed` is no time, in the words the app's other time fields use."""
        if not typed:
            return f"this needs a time, such as {clock_text(time(9, 0))}"
        return str(_clock_typed(typed))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if steps is None:
            super().keyPressEvent(event)
            return
        self.setValue(self._value.replace(hour=(self._value.hour + steps) % 24))

    def sizeHint(self) -> QSize:
        # Wide enough for the times it shows (`10:00 PM`), not the 17 letters of a line.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        text = metrics.horizontalAdvance(clock_text(time(22, 0)) + "  ")
        return QSize(hint.width() - 17 * metrics.horizontalAdvance("x") + text, hint.height())


class AwaySpin(NumberSpin):
    """The time without input before Timo asks, in seconds, shown as people read it: "Off",
    "5 min", "1 min 30 s" — a value set elsewhere in seconds reads as it is saved. Typed,
    a bare number is minutes; the arrows step to the next whole minute."""

    def __init__(self) -> None:
        super().__init__()
        self.setSingleStep(60)

    def textFromValue(self, value: int) -> str:
        minutes, seconds = divmod(value, 60)
        parts = ([f"{minutes} min"] if minutes else []) + ([f"{seconds} s"] if seconds else [])
        return " ".join(parts) or "Off"

    def valueFromText(self, text: str) -> int:
        seconds = away_seconds(text)
        return round(seconds) if seconds is not None and self._takes(seconds) else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        seconds = away_seconds(text)
        if seconds is not None and self._takes(seconds):
            return QValidator.State.Acceptable, text, pos
        # Never Invalid, which drops the keystroke: "2 days" became "2 ", saved as 2 s.
        # What cannot be taken is said once the field is left (`takes`).
        return QValidator.State.Intermediate, text, pos

    def _takes(self, seconds: float) -> bool:
        return seconds == 0 or LEAST_AWAY <= seconds <= self.maximum()

    def takes(self, typed: str) -> str:
        """What this field takes, said when `typed` is refused: the range, or for text it
        cannot read, how to type a time."""
        if away_seconds(typed) is None:
            return "a time such as 5 (minutes), 90 min or 1h 30m, or 0 for off"
        return (
            f"0 (off) or from {self.textFromValue(LEAST_AWAY)} to"
            f" {self.textFromValue(self.maximum())}"
        )

    def stepBy(self, steps: int) -> None:
        minutes, seconds = divmod(self.value(), 60)
        if seconds and steps < 0:
            steps += 1  # 1 min 30 s goes down to 1 min
        self.setValue((minutes + steps) * 60)

    def sizeHint(self) -> QSize:
        # Qt sizes a spin box for its lowest and highest values ("240 min"); a minute and
        # seconds below the top is the widest text it shows.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = self.textFromValue(self.maximum() // 60 * 60 - 1)
        wider = metrics.horizontalAdvance(widest) - metrics.horizontalAdvance(
            self.textFromValue(self.maximum())
        )
        return QSize(hint.width() + max(wider, 0), hint.height())


class SettingsDialog(QDialog):
    """Working time, reminders, targets, start at login and the account, saved as you go:
    each change only its own setting, so one saved elsewhere meanwhile is kept (and shown
    here, by `show_settings`).

    A refused change stays in its field with the reason beside it and is not saved; a
    later change in another field that makes it fit (the other end of the working hours)
    saves it too. The dialog does not close on a refused change unsaid: it asks to fix it or
    put back what is saved."""

    changed = Signal(object)  # the Settings just saved
    sign_in_requested = Signal()
    sign_out_requested = Signal()
    workspace_chosen = Signal(str, str)  # id and name of the new default workspace

    def __init__(
        self,
        settings: Settings,
        settings_file: Path,
        *,
        autostart: Autostart | None,
        account: str | None,
        idle_status: Callable[[], str] | None = None,
        workspace_capacity: float | None = None,
        workspace_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`workspace_capacity`: the Vmoox workspace's weekly hours, which reports use
        while the capacity is not set here (and which show here until it is), and
        `workspace_name` the name of that workspace, where known."""
        super().__init__(parent)
        self.setWindowTitle("Timo Settings")
        self.settings = settings
        self._workspace_capacity = workspace_capacity
        self._file = settings_file
        self._autostart = autostart
        self._signed_in = False
        self._sign_in_refused = False  # sync needs a new sign-in of the one shown
        self._workspaces: tuple[tuple[tuple[str, str], ...], str | None, str | None] | None = None
        self._showing_saved = False  # widgets being set to the saved values: nothing to save
        self._names: dict[str, str] = {}  # what a refusal calls each setting
        self._shows: dict[str, Callable[[], None]] = {}  # puts a setting's saved value back
        self._beside: dict[str, tuple[QWidget, ...]] = {}  # the fields a problem is shown by
        self.errors: dict[str, QLabel] = {}  # the problem beside each setting's fields
        # Setting → the refused text still in its fields; None for text its field cannot
        # take, which no other change makes fit (`show_settings`).
        self._refused: dict[str, str | None] = {}
        self._stale: set[str] = set()  # saved elsewhere while typed in: shown once left

        # Working time ------------------------------------------------------------------
        self.days = {day: QCheckBox(day) for day in DAYS}
        days_row = QHBoxLayout()
        for day, box in self.days.items():
            box.setAccessibleName(f"Work on {day}")
            box.toggled.connect(self._days_changed)
            days_row.addWidget(box)
        self._bind("schedule.working_days", "Working days", self._show_days, *self.days.values())
        self.work_start = self._time("schedule.start", "Working hours start")
        self.work_end = self._time("schedule.end", "Working hours end")
        # Hours ending before they start are a night shift, ending the next morning: said
        # beside them while the fields show such hours.
        self.next_day = PlainLabel(NEXT_DAY)
        self.next_day.set_about("Working hours end")
        self.next_day.setEnabled(False)  # a quiet note, as placeholder text is
        for field in (self.work_start, self.work_end):
            field.valueChanged.connect(self._show_next_day)
        self._show_next_day()
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.work_start)
        hours_row.addWidget(PlainLabel("to"))
        hours_row.addWidget(self.work_end)
        hours_row.addWidget(self.next_day)
        hours_row.addStretch(1)
        self.week_starts = self._weekday("schedule.week_starts", "Week starts on")
        self.start_of_day = self._time("day.start_of_day", "A new day starts at")
        self.time_zone = self._zone("day.time_zone", "Time zone")
        self.idle = self._whole(
            "idle.threshold_seconds", "Ask when away for (minutes, 0 is off)", AWAY_TOP, AwaySpin()
        )
        work = self._group(
            "&Working time",
            [
                ("Working &days", days_row),
                ("Working &hours", hours_row),
                ("Week &starts on", self.week_starts),
                ("New da&y starts at", self.start_of_day),
                ("Time &zone", self.time_zone),
                ("Ask when &away for", self.idle),
                ("Idle time", self._idle_reading(idle_status)),
            ],
        )

        # Reminders -----------------------------------------------------------------------
        self.remind_idle = self._bool(
            "reminders.not_tracking.enabled", "Remind me when nothing is tracked"
        )
        self.remind_idle_minutes = self._whole(
            "reminders.not_tracking.minutes",
            "Remind when nothing is tracked after (minutes)",
            NOT_TRACKING_TOP,
            NumberSpin(" min"),
        )
        self.remind_end = self._bool("reminders.end_of_day.enabled", "Sum up my day when work ends")
        self.remind_long = self._bool("reminders.long_timer.enabled", "Ask about very long timers")
        self.remind_long_hours = self._number(
            "reminders.long_timer.hours", "Ask about timers longer than (hours)", " h"
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
            "Re&minders",
            [
                ("Not &tracking", idle_row),
                ("&End of day", self.remind_end),
                ("&Long timer", long_row),
            ],
        )

        # Targets -------------------------------------------------------------------------
        self.capacity = self._number(
            "capacity.hours_per_week", "Weekly capacity in hours", " h a week"
        )
        # Under the field, where the hours shown come from while none are set here.
        self.capacity_source = PlainLabel(_capacity_source(workspace_capacity, workspace_name))
        self.capacity_source.setEnabled(False)  # a quiet note, as placeholder text is
        self.capacity_source.setWordWrap(True)
        # Once hours are set here, the way back to the workspace's (`config set … ""`).
        self.capacity_back = QPushButton(_capacity_back(workspace_capacity, workspace_name))
        self.capacity_back.clicked.connect(lambda: self._apply("capacity.hours_per_week", ""))
        self._show_capacity_source()
        capacity_row = QVBoxLayout()
        capacity_row.addWidget(self.capacity, 0, Qt.AlignmentFlag.AlignLeft)
        capacity_row.addWidget(self.capacity_source)
        capacity_row.addWidget(self.capacity_back, 0, Qt.AlignmentFlag.AlignLeft)
        self.billable_target = self._number(
            "targets.billable_ratio", "Billable ratio target", " %", scale=100
        )
        self.utilization_target = self._number(
            "targets.utilization", "Utilization target", " %", scale=100
        )
        self.long_entry = self._number(
            "entries.long_entry_hours", "Entries longer than this need a look", " h"
        )
        targets = self._group(
            "Wee&k",
            [
                ("&Capacity", capacity_row),
                ("&Billable ratio", self.billable_target),
                ("&Utilization", self.utilization_target),
                ("Lon&g entry", self.long_entry),
            ],
        )

        # Start at login and account --------------------------------------------------------
        self.start_at_login = QCheckBox("Sta&rt Timo when I log in")
        self.start_at_login.setAccessibleName("Start Timo when I log in")
        if autostart is None:
            self.start_at_login.setEnabled(False)
        else:
            self.start_at_login.setChecked(autostart.is_enabled())
        self.start_at_login.toggled.connect(self._autostart_changed)
        self.errors["autostart"] = style.problem_label("Problem with Start Timo when I log in")
        self._beside["autostart"] = (self.start_at_login,)
        self.server = QLineEdit(placeholderText="https://vmoox.example.com")
        self.server.setAccessibleName("Server address")
        self._bind(
            "account.server_url",
            "Server address",
            lambda: self.server.setText(self.settings.account.server_url or ""),
            self.server,
        )
        self.server.editingFinished.connect(
            lambda: self._apply("account.server_url", self.server.text().strip() or "null")
        )
        self.account = PlainLabel()
        self.account.set_about("Account")
        # Where the sign-in is kept, when not in the keyring: a row of its own, where a
        # wrapped line gets the height it needs (beside the button it was cut off).
        self.account_note = PlainLabel()
        self.account_note.setWordWrap(True)
        self.account_note.set_about("Where the sign-in is kept")
        self.account_button = QPushButton()
        # Enter in the dialog must never sign out: only a deliberate click or Space does
        # (and then Sign out asks first).
        self.account_button.setAutoDefault(False)
        self.account_button.clicked.connect(self._account_clicked)
        # Signed in through VMOOX_TOKEN: what Sign out can (and cannot) end.
        self.sign_out_note = PlainLabel()
        self.sign_out_note.setWordWrap(True)
        self.sign_out_note.set_about("About signing out")
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        account_row.addWidget(self.account_button)
        self.workspace = QComboBox()
        self.workspace.setAccessibleName(WORKSPACE_NAME)
        self.workspace.currentIndexChanged.connect(self._workspace_changed)
        self.errors["workspace"] = style.problem_label(f"Problem with {WORKSPACE_NAME}")
        self._beside["workspace"] = (self.workspace,)
        account_box = self._group(
            "Accou&nt",
            [
                ("Ser&ver", self.server),
                ("", account_row),
                ("", self.account_note),
                ("", self.sign_out_note),
                ("Entries without a pro&ject go to", self.workspace),
                ("", self.start_at_login),
            ],
        )
        self._account_form = cast(QFormLayout, account_box.layout())
        self.show_account(account)
        self.show_workspaces((), None, None)

        # Closing with a refused change still shown: say so, and offer the way out.
        self.unsaved = style.problem_label("Changes not saved")
        self.unsaved.show()  # shown with the row that holds it
        self.put_back_button = QPushButton("&Put back the saved values and close")
        self.put_back_button.clicked.connect(self._put_back_and_close)
        self.closing = QWidget()
        closing_row = QHBoxLayout(self.closing)
        closing_row.setContentsMargins(0, 0, 0, 0)
        closing_row.addWidget(self.unsaved, 1)
        closing_row.addWidget(self.put_back_button)
        self.closing.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        # Under the sections, which scroll when the screen is too short for them all,
        # the question on closing and Close stay in view.
        self.sections = Sections(work, reminders, targets, account_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.closing)
        layout.addWidget(buttons)
        # Enter closes, as Esc does (`keyPressEvent`). Set once the button is in the dialog,
        # which otherwise makes its first button, Sign out, the default.
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._focus_moved)
        # The keyboard starts in the first field, not on the first button (Sign out).
        self.days[DAYS[0]].setFocus()

    def fit_to(self, area: QRect) -> None:
        """Take the height the sections ask for (or keep a taller one, made so by hand),
        within `area` (the screen's available geometry) with the window's frame; what
        does not fit scrolls above Close."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # a problem just shown
        self.sections.updateGeometry()
        layout = self.layout()
        shown = self.isVisible()
        width = self.width() if shown else self.sizeHint().width()
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        wanted = QSize(width, max(height, self.height()) if shown else height)
        self.resize(fitted_size(self, wanted, area))

    def _fit(self) -> None:
        screen = self.screen()
        if screen is not None:
            self.fit_to(screen.availableGeometry())

    def showEvent(self, event: QShowEvent) -> None:
        """Sized for its screen as it opens (before Qt places it there)."""
        if not event.spontaneous():
            self._fit()
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter closes (Close is the default: every change is saved already), except in
        a field typed in, where it sets what was typed (the field did) and stays."""
        focus = QApplication.focusWidget()
        typing = focus is not None and _takes_typing(focus)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and typing:
            event.accept()
            return
        super().keyPressEvent(event)

    def _idle_reading(self, status: Callable[[], str] | None) -> QLabel:
        """The idle backend in use and its reading (or why there is none), kept current."""
        label = PlainLabel(status() if status else "Not checked yet")
        label.set_about("Idle time backend and reading")
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
    def _time(self, key: str, name: str) -> TimeField:
        edit = _own_width(TimeField(), name)
        self._bind(
            key, name, lambda: edit.setValue(time.fromisoformat(str(get(self.settings, key)))), edit
        )
        edit.valueChanged.connect(lambda value: self._apply_new(key, f"{value:%H:%M}"))
        edit.typed.connect(lambda: self._typing_finished(key, f"{edit.value():%H:%M}"))
        edit.refused.connect(lambda typed: self._not_taken(key, edit, typed))
        return edit

    def _zone(self, key: str, name: str) -> QComboBox:
        """The zone days and times are in: this computer's first (followed as it travels),
        then every IANA zone, to pick, or to type (any part of a name offers it)."""
        from zoneinfo import available_timezones

        from timo_desktop.platform.zone import local_zone_name

        combo = _own_width(QComboBox(editable=True), name)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typo is refused, not listed
        combo.addItem(f"This computer's ({local_zone_name()})", "")
        for zone in sorted(available_timezones()):
            combo.addItem(zone, zone)
        completer = combo.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        def show() -> None:
            saved = get(self.settings, key) or ""
            index = combo.findData(saved)  # -1 for a name not listed here, shown as it is
            combo.setCurrentIndex(index)
            combo.setEditText(combo.itemText(index) if index >= 0 else saved)  # over a typo

        def chosen() -> None:
            text = combo.currentText().strip()
            self._apply_new(key, "null" if text in ("", combo.itemText(0)) else text)

        self._bind(key, name, show, combo)
        combo.activated.connect(chosen)
        combo.lineEdit().editingFinished.connect(chosen)
        return combo

    def _weekday(self, key: str, name: str) -> QComboBox:
        combo = _own_width(QComboBox(), name)
        for day, full in zip(DAYS, DAY_NAMES, strict=True):
            combo.addItem(full, day)
        self._bind(
            key, name, lambda: combo.setCurrentIndex(combo.findData(get(self.settings, key))), combo
        )
        combo.currentIndexChanged.connect(lambda _index: self._apply(key, combo.currentData()))
        return combo

    def _whole(self, key: str, name: str, top: int, spin: NumberSpin) -> NumberSpin:
        """A whole number in `spin`, within the model's bounds; where the model sets no
        top, `top`, raised to a larger value saved so that it shows as it is."""
        _own_width(spin, name)
        rule = number_rule(key)
        spin.setMinimum(int(rule.least or 0))

        def show() -> None:
            saved = int(get(self.settings, key))
            spin.setMaximum(int(rule.most) if rule.most is not None else max(top, saved))
            spin.setValue(saved)

        self._bind(key, name, show, spin)
        spin.valueChanged.connect(lambda value: self._apply(key, str(value)))
        spin.typed.connect(lambda: self._typing_finished(key, str(spin.value())))
        spin.refused.connect(lambda typed: self._not_taken(key, spin, typed))
        return spin

    def _number(self, key: str, name: str, suffix: str, scale: int = 1) -> DecimalSpin:
        """A number shown times `scale` (100 for a percentage), taking what the model takes:
        its bounds and decimals (36.25 h, as `timo config set` does; shown as a percentage,
        a share's 3 decimals are 1)."""
        spin = _own_width(DecimalSpin(suffix, least=0 if scale > 1 else 1), name)
        rule = number_rule(key)
        assert rule.least is not None and rule.most is not None and rule.places is not None
        spin.setDecimals(rule.places - round(math.log10(scale)))
        spin.setRange(rule.least * scale, rule.most * scale)

        def show() -> None:
            spin.setValue(self._in_use(key) * scale)

        self._bind(key, name, show, spin)
        spin.valueChanged.connect(lambda value: self._apply(key, f"{value / scale:g}"))
        spin.typed.connect(lambda: self._typing_finished(key, f"{spin.value() / scale:g}"))
        spin.refused.connect(lambda typed: self._not_taken(key, spin, typed))
        return spin

    def _not_taken(self, key: str, field: NumberSpin | DecimalSpin | TimeField, typed: str) -> None:
        """What was typed in a number or time field that it cannot take, said beside it, where
        it stays to fix (`_FinishesTyping`): a refused change, which closing asks about, and
        the words say what the field takes (`refusal`)."""
        self._refused[key] = None
        self._show_problem(key, f"Not saved: {field.refusal(typed)}")

    def _in_use(self, key: str) -> float:
        """The number in use for `key`: the saved one, but for a weekly capacity never set
        here the workspace's, which reports then use (40 h was shown though 32 h applied)."""
        if key == "capacity.hours_per_week" and not self._own_capacity():
            return self._workspace_capacity or float(get(self.settings, key))
        return float(get(self.settings, key))

    def _own_capacity(self) -> bool:
        from timo_desktop.services.reports import own_capacity

        return self._workspace_capacity is None or own_capacity(self.settings)

    def _show_next_day(self) -> None:
        """The note that working hours end the next day, while the end shown is before the
        start shown."""
        self.next_day.setHidden(self.work_end.value() >= self.work_start.value())

    def _show_capacity_source(self) -> None:
        """Whose capacity is in use: the workspace's said under the field, or, with one
        set here, the button that goes back to the workspace's."""
        own = self._own_capacity()
        self.capacity_source.setVisible(not own)
        self.capacity_back.setVisible(own and self._workspace_capacity is not None)

    def _bool(self, key: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(text)
        self._bind(key, text, lambda: box.setChecked(bool(get(self.settings, key))), box)
        box.toggled.connect(lambda on: self._apply(key, format_value(on)))
        return box

    def _bind(self, key: str, name: str, show: Callable[[], None], *fields: QWidget) -> None:
        """Tie `fields` to setting `key`: `name` is what a refusal calls it, `show` puts the
        saved value in them (at once, and again when a refused change is put back)."""
        self._names[key] = name
        self._shows[key] = show
        self._beside[key] = fields
        self.errors[key] = style.problem_label(f"Problem with {name}")
        self._show_saved(key)

    def _show_saved(self, key: str) -> None:
        self._showing_saved = True
        try:
            self._shows[key]()
        finally:
            self._showing_saved = False

    def _show_days(self) -> None:
        for day, box in self.days.items():
            box.setChecked(day in self.settings.schedule.working_days)

    def _group(self, title: str, rows: list[tuple[str, QWidget | QLayout]]) -> QGroupBox:
        """A titled section: each row's label takes Alt+its letter to the row's first field,
        and under the row, the problem with any of its settings (hidden while none)."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        for text, item in rows:
            widgets = _widgets_in(item)
            label = PlainLabel(text)
            focusable = [w for w in widgets if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
            if text and focusable:
                label.setBuddy(focusable[0])
            form.addRow(label, item)
            for key, fields in self._beside.items():
                if any(field in widgets for field in fields):
                    form.setWidget(
                        form.rowCount(), QFormLayout.ItemRole.FieldRole, self.errors[key]
                    )
        return box

    # Saving -----------------------------------------------------------------------------
    def _days_changed(self) -> None:
        chosen = [day for day, box in self.days.items() if box.isChecked()]
        self._apply("schedule.working_days", ",".join(chosen))

    def _apply(self, key: str, text: str) -> None:
        """Save `key = text`, or refuse it beside its field. A change saved may make an
        earlier refusal fit (the other end of the working hours): that one is saved too
        (`show_settings`)."""
        if not self._showing_saved:
            self._save(key, text)

    def _apply_new(self, key: str, text: str) -> None:
        """`_apply`, unless `text` is what is saved and shown already: a zone chosen again,
        or Enter in a time field, which Qt reads again and says as changed."""
        if key in self._refused or text != format_value(get(self.settings, key)):
            self._apply(key, text)

    def _typing_finished(self, key: str, text: str) -> None:
        """Typing in `key`'s field finished as `text`. Saved elsewhere while it was typed,
        the field still showed the value before: `text` equal to that one changed nothing
        in the field and was not saved, and once left, the field showed the other value.
        Typed over text the field refused, it is the fix even where it equals the value
        the field held (`75.55 %` refused, then `75 %` typed over it)."""
        if key in self._stale or key in self._refused:
            self._apply_new(key, text)

    def _save(self, key: str, text: str) -> bool:
        """Check `key = text` with the settings model and save it at once, that one setting
        on the file as it is now; or show why not beside its field, where the text stays
        (not saved)."""
        try:
            updated = save_value(self._file, key, text, name=self._names.get(key))
        except TimoError as error:
            self._refused[key] = text
            self._show_problem(key, f"Not saved: {error}")
            return False
        self.show_settings(updated)  # with what was saved elsewhere meanwhile
        self._settled(key)
        # As saved now: a refusal `updated` made fit was saved after it, and told first.
        self.changed.emit(self.settings)
        return True

    def show_settings(self, settings: Settings) -> None:
        """Show `settings`, as saved now (here, or elsewhere: `timo config set`, an editor,
        a sign-in). A refused change stays in its fields until fixed or put back, and a
        field being typed in keeps what is typed; it shows the saved value once left. A
        refused change the new settings make fit is saved now (working hours refused for
        ending as they start, their start moved earlier by `timo config set`: the
        refusal stayed, and Close put back the saved end)."""
        if settings is self.settings:
            return
        self.settings = settings
        self._show_capacity_source()
        for key in self._shows:
            if self._typing_in(key):
                self._stale.add(key)
            elif key not in self._refused:
                self._show_saved(key)
        for key, typed in list(self._refused.items()):
            if typed is not None and key in self._refused and not self._typing_in(key):
                del self._refused[key]  # refused again, it is back (`_save`)
                self._save(key, typed)

    def _typing_in(self, key: str) -> bool:
        """Whether the keyboard is in a field of `key` with text typed in it and not yet
        taken (a number, a time, text), which a value put in would undo. A field only
        holding the keyboard shows a value saved elsewhere at once: Enter there put back
        the value it showed before (a time), and one typed was compared with that."""
        focus = QApplication.focusWidget()
        return focus is not None and any(
            _typed_in(field) and (field is focus or field.isAncestorOf(focus))
            for field in self._beside[key]
        )

    def _focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        for key in [key for key in self._stale if not self._typing_in(key)]:
            self._stale.discard(key)
            if key not in self._refused:
                self._show_saved(key)

    def _show_problem(self, key: str, text: str) -> None:
        label = self.errors[key]
        label.setText(sentence(text))
        if label.isHidden():
            label.show()
            self._fit()

    def _settled(self, key: str) -> None:
        """`key` shows what is saved again: its problem goes, and with the last one, the
        question asked on closing."""
        self._refused.pop(key, None)
        self._stale.discard(key)
        self.errors[key].hide()
        if not self._refused:
            self.closing.hide()

    def reject(self) -> None:
        """Esc, Close or the window's close button: closes, unless a refused change is
        still shown; then it says which and offers to put back what is saved, so what the
        fields show never silently differs from what is kept. A number or time still being
        typed is taken first, as leaving its field would; one the field cannot take, or the
        settings model refuses, is a refused change like any other (the field is left
        already when Close is clicked)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, _FinishesTyping) and self.isAncestorOf(focus):
            focus.finish()
        if not self._refused:
            super().reject()
            return
        names = [self._names[key] for key in self._refused]
        which = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        one = len(names) == 1
        self.unsaved.setText(
            f"{which} {'is' if one else 'are'} not saved (see beside {'it' if one else 'them'})."
            f" Fix {'it' if one else 'them'}, or put back the saved {'value' if one else 'values'}."
        )
        self.closing.show()
        self.put_back_button.setFocus()
        self._fit()

    def _put_back_and_close(self) -> None:
        for key in list(self._refused):
            self._show_saved(key)
            self._settled(key)
        self.close()

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
            self._show_problem(
                "autostart", f"Could not change start at login: {error.strerror or error}"
            )
            # The box shows what is so, not what was asked.
            self.start_at_login.blockSignals(True)
            self.start_at_login.setChecked(self._autostart.is_enabled())
            self.start_at_login.blockSignals(False)
        else:
            self.errors["autostart"].hide()

    def _account_clicked(self) -> None:
        signing_out = self._signed_in and not self._sign_in_refused
        (self.sign_out_requested if signing_out else self.sign_in_requested).emit()

    def show_account(
        self,
        account: str | None,
        *,
        through_env: bool = False,
        saved: str | None = None,
        refused: bool = False,
    ) -> None:
        """Show `account` (who on which server, then any note on its lines below); also a
        sign-in or sign-out made while the dialog is open. `through_env`: the sign-in in
        use is `VMOOX_TOKEN`, which no Sign out ends; Sign out is offered only for the
        saved sign-in of `saved` (who, or None), saying that is what it signs out.
        `refused`: sync needs a new sign-in (`account` says why), which the button offers."""
        who, _, note = (account or "Not signed in").partition("\n")
        self._signed_in = account is not None
        self._sign_in_refused = refused
        self.account.setText(who)
        self.account_note.setText(note)
        self.account_note.setVisible(bool(note))
        signing_out = self._signed_in and not refused
        self.account_button.setText("Sign &out" if signing_out else "Sign &in…")
        self.account_button.setAccessibleName("Sign out" if signing_out else "Sign in…")
        self.account_button.setVisible(not through_env or saved is not None)
        # The server is the sign-in's: while signed in, another one typed here changed
        # nothing (sync stays with the sign-in's) and said nothing.
        self.server.setReadOnly(self._signed_in)
        self.server.setToolTip("Sign out to sign in to another server" if self._signed_in else "")
        if through_env and saved is not None:
            self.sign_out_note.setText(
                f"Sign out signs out {saved}, the sign-in saved for when Timo starts without"
                " VMOOX_TOKEN; VMOOX_TOKEN stays in use while it is set."
            )
        elif through_env:
            self.sign_out_note.setText("To sign out, start Timo without VMOOX_TOKEN.")
        self.sign_out_note.setVisible(through_env)

    def show_workspaces(
        self,
        workspaces: Sequence[tuple[str, str]],
        default_id: str | None,
        default_name: str | None,
    ) -> None:
        """Offer `workspaces` (id, name: those the account can track time in) as where
        entries without a project go, `default_id` (saved as `default_name`) chosen; with
        none chosen, sync takes the first. Shown only when there is a choice: more than
        one, or one besides a default the account may no longer track time in; once
        shown, it stays while signed in (a choice just made, or a round that took one
        away, does not pull it from under the pointer)."""
        shown = (tuple(workspaces), default_id, default_name)
        if shown == self._workspaces:
            return  # each sync round asks again: a list left open stays open
        self._workspaces = shown
        ids = [ws for ws, _name in workspaces]
        self.workspace.blockSignals(True)
        self.workspace.clear()
        for ws, name in workspaces:
            self.workspace.addItem(name, ws)
        current = ids.index(default_id) if default_id in ids else 0 if default_id is None else -1
        self.workspace.setCurrentIndex(current)
        # A default whose access was removed is not offered, but is where entries go now.
        gone = f"{default_name or default_id} (you cannot track time there now)"
        self.workspace.setPlaceholderText(gone if current < 0 else "")
        self.workspace.blockSignals(False)
        self.errors["workspace"].hide()
        choice = len(ids) > 1 or current < 0 or not self.workspace.isHidden()
        self._account_form.setRowVisible(self.workspace, bool(ids) and choice)

    def _workspace_changed(self, index: int) -> None:
        if index >= 0:
            self.errors["workspace"].hide()
            self.workspace_chosen.emit(
                self.workspace.itemData(index), self.workspace.itemText(index)
            )

    def workspace_not_saved(self, reason: str) -> None:
        """The choice of workspace could not be saved: say why beside it, and show the
        saved one again."""
        if self._workspaces is not None:
            workspaces, default_id, default_name = self._workspaces
            self._workspaces = None
            self.show_workspaces(workspaces, default_id, default_name)
        self._show_problem("workspace", reason)


class Sections(QScrollArea):
    """`sections`, one under the other, scrolled where the screen is too short for them
    all: it asks for their whole height (a scroll area asks for some 24 lines at most),
    is as wide as they need, adds no stop of its own to the keyboard's way through them,
    and brings each field into view as it takes the focus (by Tab, Alt+letter, a click)."""

    def __init__(self, *sections: QWidget) -> None:
        super().__init__()
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for section in sections:
            layout.addWidget(section)
        layout.addStretch(1)  # made taller by hand, the sections stay at the top
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)  # each section has its own frame
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._show_focused)

    def sizeHint(self) -> QSize:
        column = self.widget()
        hint = column.sizeHint()
        # At the width they have once shown: wrapped lines take the height they need there.
        width = self.viewport().width() if self.isVisible() else hint.width()
        height = column.heightForWidth(width) if column.hasHeightForWidth() else -1
        return QSize(
            max(hint.width(), self.minimumSizeHint().width()),
            (height if height > 0 else hint.height()) + 2 * self.frameWidth(),
        )

    def minimumSizeHint(self) -> QSize:
        # Room for the scroll bar beside the sections' narrowest: nothing is cut off at the
        # side when the screen is short.
        bar = self.verticalScrollBar().sizeHint().width()
        width = self.widget().minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(width, super().minimumSizeHint().height())

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new)


def ask_sign_out(
    parent: QWidget, question: str, sign_out: Callable[[], None], *, unsent: bool = True
) -> QMessageBox:
    """Before signing out (the token is revoked: signing in again takes a new one):
    `question` says what it leaves behind, with `unsent` entries how many and as whom to
    sign in again; "Sign out" calls `sign_out`, "Cancel" (the default, and Esc) leaves
    everything as it is. Modal to `parent` only, without a loop of its own, so the rest of
    Timo keeps running while it waits."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
    box.setWindowTitle("Sign out")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(question)
    box.setAccessibleName("Sign out with entries not sent?" if unsent else "Sign out?")
    box.setAccessibleDescription(question)
    confirm = box.addButton("&Sign out", QMessageBox.ButtonRole.DestructiveRole)
    confirm.setAccessibleName("Sign out")
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    cancel.setAccessibleName("Cancel")
    # Enter and Esc both keep the sign-in: signing out takes a deliberate choice.
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is confirm:
            sign_out()

    box.finished.connect(answered)
    box.open()
    cancel.setFocus()
    return box


def _capacity_source(hours: float | None, workspace: str | None) -> str:
    """Under the weekly capacity while none is set here: whose the hours shown are, and that
    one set here goes before them (`Northwind Agency's 20 h a week, set on Vmoox: …`)."""
    if hours is None:
        return ""
    from timo_desktop.services.reports import WorkspaceCapacity

    whose = sentence(WorkspaceCapacity(hours, workspace).words())
    return f"{whose}: reports use it until you set your own here."


def _capacity_back(hours: float | None, workspace: str | None) -> str:
    """`Use Northwind Agency's 20 h instead`: the button giving the capacity back to the
    workspace's ("" without one)."""
    if hours is None:
        return ""
    whose = f"{workspace}'s" if workspace else "your workspace's"
    return f"Use {whose} {hours:g} h instead"


def _own_width(field: F, name: str) -> F:
    """`field`, named `name` for screen readers, keeping its own width (a number, a time)
    instead of stretching across the form."""
    field.setAccessibleName(name)
    field.setSizePolicy(QSizePolicy.Policy.Fixed, field.sizePolicy().verticalPolicy())
    return field


def _takes_typing(field: QWidget) -> bool:
    """Whether `field` is typed in (a number, a time, text), not only clicked or toggled."""
    return isinstance(field, QAbstractSpinBox | QLineEdit) or (
        isinstance(field, QComboBox) and field.isEditable()
    )


def _editor(field: QWidget) -> QLineEdit | None:
    """The line `field` is typed in (a number, a time, text), if any."""
    if isinstance(field, QAbstractSpinBox | QComboBox):
        return field.lineEdit()
    return field if isinstance(field, QLineEdit) else None


def _typed_in(field: QWidget) -> bool:
    """Whether `field` holds text typed in it (a number, a time, text) since it last showed
    a value or took what was typed."""
    edit = _editor(field)
    return edit is not None and edit.isModified()


def _widgets_in(item: QWidget | QLayout) -> list[QWidget]:
    """`item`, or the widgets laid out in it."""
    if isinstance(item, QWidget):
        return [item]
    laid_out = (item.itemAt(index) for index in range(item.count()))
    return [
        widget for entry in laid_out if entry is not None and (widget := entry.widget()) is not None
    ]
