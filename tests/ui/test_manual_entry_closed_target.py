"""Add time manually (and the list's Duplicate, which opens it) where the earlier entry's
project takes no time any more (archived or deleted on Vmoox, as sync keeps the catalog):
a picked description or a Duplicate fills the rest but not that project, saying why beside
the picker; a form still on it (the project archived while the form was open) is refused
at Add beside the picker, everything typed kept, and goes in once another project is
picked."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.ui.seed import MOBILE
from tests.ui.test_continue_closed_target import HOMEPAGE_TARGET, archive_website
from tests.ui.test_description_picks import add_yesterday, focus, pick
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog


def late_yesterday(dialog: ManualEntryDialog, tracker: Tracker) -> None:
    """Yesterday 23:00–23:30, clear of the seeded entries and of `add_yesterday`'s."""
    day = tracker.today() - timedelta(days=1)
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    dialog.start.setText("23:00")
    dialog.end.setText("23:30")
    dialog.duration.clear()


def late_yesterday_targets(tracker: Tracker) -> list[Target]:
    """The targets of the entries from 22:00 yesterday to midnight, in order."""
    late = at_local(tracker.today() - timedelta(days=1), time(22, 0), tracker.zone)
    entries = sorted(tracker.between(late, late + timedelta(hours=2)), key=lambda e: e.start)
    return [entry.target for entry in entries]


def test_a_picked_description_leaves_an_archived_project_out_and_says_why(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, billable=True, tags=("design",))
    archive_website(timo)
    dialog = timo.add_manually()
    late_yesterday(dialog, tracker)
    focus(qtbot, dialog.description)
    pick(qtbot, dialog.description, "Homepage lay")
    assert dialog.description.text() == "Homepage layout"
    assert dialog.target.choice() is None
    assert dialog.tags.text() == "design" and dialog.billable.isChecked()
    assert not dialog.target_note.isHidden()
    assert dialog.target_note.text() == (
        "Project 'Website relaunch' is archived: pick another, or add without one."
    )

    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)  # Add, without it
    assert not dialog.isVisible()
    assert late_yesterday_targets(tracker) == [HOMEPAGE_TARGET, NO_TARGET]


def test_a_duplicate_leaves_an_archived_project_out_and_says_why(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    earlier = add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, tags=("design",))
    archive_website(timo)
    dialog = timo.duplicate_entry(earlier.client_ref)
    assert dialog is not None
    assert dialog.target.choice() is None
    assert not dialog.target_note.isHidden()
    assert dialog.target_note.text() == (
        "Project 'Website relaunch' is archived: pick another, or add without one."
    )
    assert (dialog.description.text(), dialog.tags.text()) == ("Homepage layout", "design")
    late_yesterday(dialog, tracker)
    dialog.submit()
    assert not dialog.isVisible()
    assert late_yesterday_targets(tracker) == [HOMEPAGE_TARGET, NO_TARGET]


def test_a_project_archived_while_duplicating_is_refused_beside_the_picker_until_another(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    earlier = add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, tags=("design",))
    dialog = timo.duplicate_entry(earlier.client_ref)
    assert dialog is not None
    assert dialog.target.choice() is not None  # still open when the form was filled
    archive_website(timo)
    late_yesterday(dialog, tracker)
    dialog.submit()
    problem = dialog.errors["target"]
    assert not problem.isHidden()
    assert problem.text() == (
        "Project 'Website relaunch' is archived: add 'Homepage layout' without it,"
        " or with another project"
    )
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    assert (dialog.description.text(), dialog.tags.text()) == ("Homepage layout", "design")
    assert (dialog.start.text(), dialog.end.text()) == ("23:00", "23:30")
    assert late_yesterday_targets(tracker) == [HOMEPAGE_TARGET]

    dialog.target.click()
    qtbot.keyClicks(dialog.target.popup.search, "mobile")
    qtbot.keyClick(dialog.target.popup.search, Qt.Key.Key_Return)
    assert problem.isHidden() and dialog.save_button.isEnabled()
    dialog.submit()
    assert not dialog.isVisible()
    assert late_yesterday_targets(tracker) == [HOMEPAGE_TARGET, Target(project_id=MOBILE.id)]
