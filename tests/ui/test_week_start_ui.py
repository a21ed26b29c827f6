"""The first day of the week in the app: set in Settings (or on disk), followed at once by an
open Reports window's "This week" and "Last week"."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from timo_desktop.core.local_time import week_start
from timo_desktop.core.reports import Preset
from timo_desktop.paths import Paths
from timo_desktop.settings import Settings, load, save, with_value
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reports_view import ReportsView
from timo_desktop.ui.settings_dialog import SettingsDialog

SETTLE_MS = 30_000  # only guards against a hang


def test_week_starts_round_trip_in_the_settings_dialog(qtbot: QtBot, paths: Paths) -> None:
    dialog = SettingsDialog(Settings(), paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(dialog)
    combo = dialog.week_starts
    assert combo.accessibleName() == "Week starts on"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert combo.currentText() == "Monday"
    with qtbot.waitSignal(dialog.changed) as saved_signal:
        combo.setCurrentText("Sunday")
    assert saved_signal.args[0].schedule.week_starts == "Sun"
    saved = load(paths.settings_file)  # saved at once, no OK button
    assert saved.schedule.week_starts == "Sun" and saved.first_weekday == 6
    assert all(said.isHidden() for said in dialog.errors.values())

    again = SettingsDialog(saved, paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(again)
    assert again.week_starts.currentText() == "Sunday"
    again.week_starts.setCurrentText("Saturday")
    assert load(paths.settings_file).schedule.week_starts == "Sat"


def _reports(qtbot: QtBot, timo: TimoApp) -> ReportsView:
    view = timo.open_reports()
    assert isinstance(view, ReportsView)
    qtbot.waitExposed(view)
    return view


def _shows_week_from(view: ReportsView, first_weekday: int) -> bool:
    """The view's range, its date fields and its title all start on that weekday's week."""
    today = view.reports.tracker.today()
    first = week_start(today, first_weekday)
    span = view.span()
    return (
        (span.first, span.last) == (first, first + timedelta(days=6))
        and view.first_date.date().toPython() == first
        and view.last_date.date().toPython() == first + timedelta(days=6)
        and view.title.text().startswith(span.label)
    )


def test_this_week_in_an_open_reports_window_follows_the_dialog(
    qtbot: QtBot, timo: TimoApp
) -> None:
    view = _reports(qtbot, timo)
    assert view.range_picker.currentText() == Preset.THIS_WEEK.value
    assert _shows_week_from(view, 0)
    assert "-W" in view.title.text()  # an ISO week

    dialog = timo.open_settings()
    qtbot.addWidget(dialog)
    dialog.week_starts.setCurrentText("Sunday")
    assert timo.settings is not None and timo.settings.first_weekday == 6
    assert _shows_week_from(view, 6)
    assert view.title.text().startswith("Week of Sun ")

    view.set_range(Preset.LAST_WEEK)
    first = week_start(timo.tracker.today(), 6) - timedelta(days=7)
    assert (view.span().first, view.span().last) == (first, first + timedelta(days=6))


def test_this_week_follows_a_change_made_on_disk(qtbot: QtBot, timo: TimoApp, paths: Paths) -> None:
    view = _reports(qtbot, timo)
    qtbot.waitUntil(lambda: timo.presence is not None, timeout=SETTLE_MS)  # the watch is on
    save(with_value(Settings(), "schedule.week_starts", "Sat"), paths.settings_file)
    qtbot.waitUntil(lambda: _shows_week_from(view, 5), timeout=SETTLE_MS)
    assert view.title.text().startswith("Week of Sat ")
