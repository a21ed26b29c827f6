"""The timer line: typing, picking a target, Enter starts, Esc clears, Stop/Switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.heard import listening
from timo_desktop.core.entry import parse_tags
from timo_desktop.ui.target_picker import (
    WIDEST,
    CatalogProject,
    TargetChoice,
    build_catalog_model,
)
from timo_desktop.ui.timer_bar import TimerBar, TimerDraft

WEBSITE = TargetChoice("Website", project_id="p1", billable_default=True)
HOMEPAGE = TargetChoice("Website › Homepage", project_id="p1", task_id="t1", billable_default=True)
INTERNAL = TargetChoice("Internal", project_id="p2", billable_default=False)
ACME = TargetChoice("Acme GmbH", record_id="r1")


def make_bar(qtbot: QtBot) -> TimerBar:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.target.set_catalog(
        build_catalog_model([CatalogProject(WEBSITE, [HOMEPAGE]), CatalogProject(INTERNAL)], [ACME])
    )
    bar.show()
    return bar


def test_typing_picking_and_enter_start_a_timer(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    qtbot.keyClicks(bar.description, "Homepage layout")
    bar.target.click()
    popup = bar.target.popup
    assert popup.isVisible()
    qtbot.keyClicks(popup.search, "web home")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert bar.target.text() == "Website › Homepage"
    assert bar.billable.isChecked()  # follows the project's default
    qtbot.keyClicks(bar.tags, "design, design, client")
    with qtbot.waitSignal(bar.start_requested) as started:
        qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    assert started.args == [TimerDraft("Homepage layout", HOMEPAGE, True, ("design", "client"))]


def test_arrows_in_the_picker_keep_the_keyboard_in_its_search_and_read_the_item(
    qtbot: QtBot,
) -> None:
    """The keyboard went to the list and back at each arrow: a screen reader read the
    search line, the item, then the search line again. Now it reads the item alone."""
    bar = make_bar(qtbot)
    bar.target.setFocus()
    qtbot.keyClick(bar.target, Qt.Key.Key_Space)
    popup = bar.target.popup
    qtbot.waitUntil(lambda: QApplication.focusWidget() is popup.search)
    moved: list[QWidget | None] = []

    def focus_moved(_old: QWidget | None, new: QWidget | None) -> None:
        moved.append(new)

    focus_changed = QApplication.instance().focusChanged  # type: ignore[union-attr]
    focus_changed.connect(focus_moved)
    read = []
    for key, item in (
        (Qt.Key.Key_Down, "Website"),
        (Qt.Key.Key_Down, "Homepage"),
        (Qt.Key.Key_Up, "Website"),
        (Qt.Key.Key_PageDown, "Acme GmbH"),  # the last, as in the list itself
    ):
        with listening() as heard:
            qtbot.keyClick(popup.search, key)
        assert popup.tree.currentIndex().data() == item
        read.append([h.name for h in heard if h.kind == QAccessible.Event.Focus])
    focus_changed.disconnect(focus_moved)
    assert moved == []  # the keyboard stayed in the search line
    assert read == [["Website"], ["Homepage"], ["Website"], ["Acme GmbH"]]
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)  # and Enter picks the item read
    assert bar.target.text() == "Acme GmbH"


def test_typing_in_the_picker_is_read_as_the_search_line_not_as_the_item_it_finds(
    qtbot: QtBot,
) -> None:
    """Each letter that made another item current (the first match, for Enter) moved the
    screen reader to it, which then read neither what was typed nor what was deleted;
    with nothing matching it stayed on an item no longer listed. Up and Down still move it."""
    bar = make_bar(qtbot)
    bar.target.setFocus()
    qtbot.keyClick(bar.target, Qt.Key.Key_Space)
    popup = bar.target.popup
    qtbot.waitUntil(lambda: QApplication.focusWidget() is popup.search)
    with listening() as heard:
        qtbot.keyClicks(popup.search, "hom")
        assert popup.tree.currentIndex().data() == "Homepage"  # for Enter
        qtbot.keyClicks(popup.search, "xyz")
        for _ in "homxyz":
            qtbot.keyClick(popup.search, Qt.Key.Key_Backspace)
        qtbot.keyClicks(popup.search, "web")
    assert [h for h in heard if h.kind == QAccessible.Event.Focus] == []
    assert popup.tree.currentIndex().data() == "Website"
    with listening() as heard:
        qtbot.keyClick(popup.search, Qt.Key.Key_Down)
    assert [h.name for h in heard if h.kind == QAccessible.Event.Focus] == ["Homepage"]
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert bar.target.choice() == HOMEPAGE


def test_records_can_be_found_and_a_non_billable_project_turns_billable_off(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    bar.billable.setChecked(True)
    bar.target.click()
    qtbot.keyClicks(bar.target.popup.search, "inter")
    qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
    assert bar.target.choice() == INTERNAL
    assert not bar.billable.isChecked()
    bar.target.click()
    qtbot.keyClicks(bar.target.popup.search, "acme")
    qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
    assert bar.target.choice() == ACME


def test_escape_clears_the_line(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    qtbot.keyClicks(bar.description, "Something")
    bar.target.set_choice(WEBSITE)
    qtbot.keyClick(bar.description, Qt.Key.Key_Escape)
    assert bar.draft() == TimerDraft("", None, False, ())


def test_button_stops_when_running_and_switches_when_something_new_is_typed(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    assert bar.button.text() == "Start"
    bar.show_running("Homepage layout · Website", 65)
    assert bar.elapsed.text() == "0:01:05"
    with qtbot.waitSignal(bar.stop_requested):
        qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.description, "Call with Acme")
    assert bar.button.text() == "Switch"
    with qtbot.waitSignal(bar.start_requested) as switched:
        qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert switched.args[0].description == "Call with Acme"


def test_completer_offers_past_descriptions(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    bar.set_suggestions(["Homepage layout", "Design review"])
    completer = bar.description.completer()
    completer.setCompletionPrefix("page")
    assert completer.currentCompletion() == "Homepage layout"


def test_parse_tags() -> None:
    assert parse_tags(" a, b ,, a,c ") == ("a", "b", "c")


def test_a_long_target_keeps_its_task_readable_and_is_told_in_full(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    bar.resize(640, bar.height())
    long = TargetChoice(
        "Website relaunch for Acme Industrial › Homepage layout",
        project_id="p9",
        task_id="t9",
    )
    bar.target.set_choice(long)
    qtbot.waitUntil(lambda: bar.target.width() == bar.target.sizeHint().width())
    assert bar.target.width() == WIDEST  # no wider: the line keeps its room for typing
    shown = bar.target.shown_text()
    # The project's name gives way; the task, which tells the project's entries apart, stays.
    assert shown.startswith("Website") and shown.endswith("… › Homepage layout")
    assert bar.target.text() == long.label  # whole for screen readers
    assert long.label in bar.target.toolTip()  # and on hover
    assert bar.target.choice() == long
    bar.target.set_choice(HOMEPAGE)
    assert bar.target.shown_text() == "Website › Homepage"  # short names stay whole


def test_tab_to_no_project_shows_where_the_keyboard_is(qtbot: QtBot) -> None:
    """Tab from the search goes to "No project", a flat button, which Fusion drew the same
    with the keyboard on it as without: Tab seemed to go nowhere."""
    bar = make_bar(qtbot)
    bar.target.click()
    popup = bar.target.popup
    button = popup.no_project
    qtbot.waitUntil(popup.search.hasFocus)
    before = button.grab().toImage()
    qtbot.keyClick(popup.search, Qt.Key.Key_Tab)
    qtbot.waitUntil(button.hasFocus)
    assert button.grab().toImage() != before
    qtbot.keyClick(button, Qt.Key.Key_Space)  # and it picks, as a click does
    assert not popup.isVisible() and bar.target.choice() is None
