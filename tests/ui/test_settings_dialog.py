"""Settings are checked by the settings model and saved at once; a bad value is explained."""

from __future__ import annotations

import json
from datetime import time, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.registry import stand_in_winreg
from timo_desktop.auth.credentials import StoreKind
from timo_desktop.core.entry import Target
from timo_desktop.paths import Paths
from timo_desktop.platform.autostart import Autostart
from timo_desktop.platform.autostart.linux import XdgAutostart
from timo_desktop.platform.autostart.windows import APPROVED_KEY, RunKeyAutostart
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Day, Settings, load, save
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ATTENTION_ROLE
from timo_desktop.ui.settings_dialog import SettingsDialog


def make(qtbot: QtBot, paths: Paths, autostart: Autostart | None = None) -> SettingsDialog:
    dialog = SettingsDialog(Settings(), paths.settings_file, autostart=autostart, account=None)
    qtbot.addWidget(dialog)
    return dialog


def test_round_trip_every_change_is_saved_at_once(qtbot: QtBot, paths: Paths) -> None:
    dialog = make(qtbot, paths)
    dialog.days["Fri"].setChecked(False)
    dialog.days["Sat"].setChecked(True)
    dialog.idle.setValue(600)
    dialog.start_of_day.setValue(time(4, 0))
    dialog.remind_end.setChecked(False)
    dialog.billable_target.setValue(80)
    dialog.capacity.setValue(32)
    saved = load(paths.settings_file)
    assert saved.schedule.working_days == ["Mon", "Tue", "Wed", "Thu", "Sat"]
    assert saved.idle.threshold_seconds == 600
    assert saved.day.start_of_day == "04:00"
    assert not saved.reminders.end_of_day.enabled
    assert saved.targets.billable_ratio == 0.8
    assert saved.capacity.hours_per_week == 32
    again = SettingsDialog(saved, paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(again)
    assert not again.days["Fri"].isChecked() and again.idle.text() == "10 min"


def test_a_bad_value_is_explained_beside_its_field_and_not_saved(
    qtbot: QtBot, paths: Paths
) -> None:
    dialog = make(qtbot, paths)
    dialog.work_end.setValue(time(9, 0))
    said = dialog.errors["schedule.end"]
    assert not said.isHidden()
    assert said.text() == "Not saved: " + (
        "working hours cannot start and end at the same time (09:00 to 09:00):"
        " set the end to when work stops (an end before the start is the next morning)"
    )
    assert not paths.settings_file.exists()
    dialog.server.setText("vmoox.example.com")
    dialog.server.editingFinished.emit()
    refused = dialog.errors["account.server_url"].text()
    assert refused.startswith("Not saved: ") and "'vmoox.example.com'" in refused
    assert not said.isHidden()  # each refusal stays beside its own field
    dialog.work_end.setValue(time(18, 0))
    assert said.isHidden()
    assert load(paths.settings_file).schedule.end == "18:00"


def numbers_shown(dialog: SettingsDialog) -> dict[str, str]:
    """What each number field reads, by what it counts."""
    return {
        name: field.text()
        for name, field in (
            ("away", dialog.idle),
            ("not tracking", dialog.remind_idle_minutes),
            ("long timer", dialog.remind_long_hours),
            ("capacity", dialog.capacity),
            ("billable", dialog.billable_target),
            ("long entry", dialog.long_entry),
        )
    }


def test_every_number_says_what_it_counts(qtbot: QtBot, paths: Paths) -> None:
    dialog = make(qtbot, paths)
    assert numbers_shown(dialog) == {
        "away": "5 min",
        "not tracking": "15 min",
        "long timer": "10.0 h",
        "capacity": "40.0 h a week",
        "billable": "75 %",
        "long entry": "10.0 h",
    }
    dialog.idle.setValue(0)
    assert dialog.idle.text() == "Off"
    assert load(paths.settings_file).idle.threshold_seconds == 0


def test_start_at_login(qtbot: QtBot, paths: Paths, tmp_path: Path) -> None:
    autostart = XdgAutostart(config_home=tmp_path / "xdg")
    dialog = make(qtbot, paths, autostart)
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    assert autostart.is_enabled()
    assert "--background" in autostart.path.read_text()
    dialog.start_at_login.setChecked(False)
    assert not autostart.is_enabled()


def test_start_at_login_turned_off_in_task_manager(qtbot: QtBot, paths: Paths) -> None:
    """Turned off in Windows' Startup apps, the box still said Timo starts at sign-in;
    ticking it (already ticked) could not turn it on again."""
    registry, hive = stand_in_winreg()
    autostart = RunKeyAutostart(registry)  # type: ignore[arg-type]
    autostart.enable([r"C:\Timo\timow.exe", "--background"])
    hive[APPROVED_KEY] = {"Timo": (bytes.fromhex("03000000d40d438dc83bd901"), 3)}
    dialog = make(qtbot, paths, autostart)
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    assert autostart.is_enabled() and hive[APPROVED_KEY] == {}


def test_the_app_applies_a_new_start_of_day(qtbot: QtBot, timo: TimoApp) -> None:
    dialog = timo.open_settings()
    qtbot.addWidget(dialog)
    dialog.start_of_day.setValue(time(5, 0))
    assert timo.tracker.start_of_day.hour == 5
    assert timo.settings.day.start_of_day == "05:00"


def test_the_app_applies_a_refusal_that_a_later_change_makes_fit(
    qtbot: QtBot, timo: TimoApp
) -> None:
    """Both saved, the app was told of the end alone last: it went on with the old start,
    and the dialog showed it again though 18:00 was saved."""
    dialog = timo.open_settings()
    qtbot.addWidget(dialog)
    dialog.work_start.setValue(time(18, 0))  # after the end, 17:30: refused
    dialog.work_end.setValue(time(19, 0))  # now it fits, and is saved too
    assert load(timo.paths.settings_file).schedule.start == "18:00"
    assert timo.settings is not None
    assert (timo.settings.schedule.start, timo.settings.schedule.end) == ("18:00", "19:00")
    assert dialog.work_start.text() == "18:00"


def test_settings_load_after_the_first_paint(qtbot: QtBot, tracker: Tracker, paths: Paths) -> None:
    save(Settings().model_copy(update={"day": Day(start_of_day="04:00")}), paths.settings_file)
    app = TimoApp(tracker, paths, use_tray=False)
    try:
        app.start(background=False)
        assert app.settings is None  # not yet: the window comes first
        qtbot.waitUntil(lambda: app.settings is not None)
        assert app.tracker.start_of_day.hour == 4
    finally:
        app.shutdown()
        app.window.deleteLater()
        app.deleteLater()


def test_without_a_settings_file_attention_uses_the_defaults(
    qtbot: QtBot, tracker: Tracker, paths: Paths
) -> None:
    yesterday = tracker.today() - timedelta(days=1)
    loose = tracker.days(yesterday, yesterday)[0]
    tracker.edit(loose.client_ref, target=Target())
    app = TimoApp(tracker, paths, use_tray=False)
    try:
        app.start(background=False)
        model = app.window.model
        qtbot.waitUntil(lambda: bool(model.data(model.index_of(loose.client_ref), ATTENTION_ROLE)))
        assert app.settings is None  # the settings model was never loaded
    finally:
        app.shutdown()
        app.window.deleteLater()
        app.deleteLater()


def test_the_account_says_where_a_sign_in_outside_the_keyring_is_kept(
    qtbot: QtBot, timo: TimoApp, paths: Paths
) -> None:
    """The command line warns at every use of a file-kept sign-in; the app said nothing."""
    from timo_desktop.auth.account import Account, AccountFile
    from timo_desktop.auth.credentials import session_store

    def signed_in(store: StoreKind) -> str:
        account = Account(
            "https://vmoox.example", "usr_1", "Dana Demo", None, None, None, "pat", store
        )
        AccountFile(paths.config).save(account)
        if store == "session":  # such a sign-in is one only where its secret is held
            session_store().save(account.key, "pat-in-memory")
        dialog = timo.open_settings()
        qtbot.addWidget(dialog)
        if dialog.account_note.isHidden():
            return dialog.account.text()
        # Read whole: in its own row it gets the height its wrapped lines need.
        note = dialog.account_note
        qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()) > 0)
        return f"{dialog.account.text()}\n{note.text()}"

    assert signed_in("keyring") == "Dana Demo on https://vmoox.example"
    assert signed_in("file") == (
        "Dana Demo on https://vmoox.example\n"
        "No keyring here: the sign-in is kept in a file only you can read"
    )
    assert signed_in("session").endswith("the sign-in lasts until Timo quits")


def test_the_workspace_s_capacity_shows_until_one_is_set_here(qtbot: QtBot, paths: Paths) -> None:
    """Reports use the workspace's weekly hours while none is set here; the dialog had
    shown 40 h all the same."""
    dialog = SettingsDialog(
        Settings(), paths.settings_file, autostart=None, account=None, workspace_capacity=32
    )
    qtbot.addWidget(dialog)
    assert dialog.capacity.value() == 32
    assert not dialog.capacity_source.isHidden()
    assert not paths.settings_file.exists()  # showing it saved nothing
    dialog.billable_target.setValue(80)  # another setting leaves it the workspace's
    assert "capacity" not in json.loads(paths.settings_file.read_text())
    dialog.capacity.setValue(35)
    assert load(paths.settings_file).capacity.hours_per_week == 35
    assert dialog.capacity_source.isHidden()
    # Set here, it stays this person's whatever the workspace says.
    mine = SettingsDialog(
        load(paths.settings_file),
        paths.settings_file,
        autostart=None,
        account=None,
        workspace_capacity=30,
    )
    qtbot.addWidget(mine)
    assert mine.capacity.value() == 35 and mine.capacity_source.isHidden()


def test_the_server_is_the_sign_ins_while_signed_in(qtbot: QtBot, paths: Paths) -> None:
    """Another server typed while signed in was saved without a word, and changed nothing:
    sync stayed with the sign-in's server."""
    from timo_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(), paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(dialog)
    assert not dialog.server.isReadOnly()
    dialog.show_account("Sam Okafor on http://127.0.0.1:8901")
    assert dialog.server.isReadOnly()
    assert dialog.server.toolTip() == "Sign out to sign in to another server"
    dialog.show_account(None)
    assert not dialog.server.isReadOnly()
