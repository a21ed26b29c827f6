"""Searching the entry list: words against description, target and tags, every word in any of
them; with "Needs attention"; day totals of what matches; the empty state; the keyboard; the
narrowest window."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionFrame, QToolButton
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.entries import finished
from tests.ui.workday import CTRL, focused, press, type_text
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.local_time import utc_now
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import (
    DAY_ROLE,
    Column,
    DayGroup,
    EntryFilter,
    EntryListModel,
    ListContext,
)
from timo_desktop.ui.formatting import day_label, hours_minutes
from timo_desktop.ui.main_window import MINIMUM_WIDTH

MON, TUE = date(2026, 11, 23), date(2026, 11, 24)
ACME = Target(record_id="r-acme")
WEB = Target(project_id="p-web", task_id="t-home")
LABELS = {ACME: "Acme GmbH", WEB: "Website › Homepage"}


def context(clock: Clock | None = None, reasons: dict[str, str] | None = None) -> ListContext:
    return ListContext(
        zone="UTC",
        start_of_day=time(0, 0),
        today=TUE if clock is None else clock.now.date(),
        target_label=LABELS.__getitem__,
        reasons=reasons or {},
        clock=utc_now if clock is None else clock,
    )


def tagged(entry: Entry, *tags: str) -> Entry:
    return replace(entry, tags=tags)


def shown(proxy: EntryFilter) -> dict[str, list[str]]:
    """What the list shows: each day's header words and its entries' descriptions."""
    days = {}
    for row in range(proxy.rowCount()):
        day = proxy.index(row, 0)
        names = [proxy.index(r, 0, day).data() for r in range(proxy.rowCount(day))]
        days[day.data()] = names
    return days


def searched(entries: list[Entry], reasons: dict[str, str] | None = None) -> EntryFilter:
    model = EntryListModel()
    model.set_entries(entries, context(reasons=reasons))
    return EntryFilter(model, model)


WEEK = [
    tagged(finished(MON, "09:00", 15, "Standup"), "meeting"),
    finished(MON, "10:00", 60, "Call with the client", target=ACME, billable=True),
    tagged(finished(TUE, "09:00", 15, "Daily standup", target=WEB), "meeting"),
    finished(TUE, "10:00", 90, "Homepage layout", target=WEB, billable=True),
    tagged(finished(TUE, "13:00", 45, "Contract review", target=ACME), "Legal"),
]


# The filter alone ------------------------------------------------------------------------
def test_a_word_finds_entries_by_description_target_or_tag_in_any_case() -> None:
    proxy = searched(WEEK)
    proxy.set_search("ACME")  # the target's label, typed in capitals
    assert [names for names in shown(proxy).values()] == [
        ["Contract review"],
        ["Call with the client"],
    ]
    proxy.set_search("Meeting")  # a tag
    assert [names for names in shown(proxy).values()] == [["Daily standup"], ["Standup"]]
    proxy.set_search("homepage")  # description and target of one entry, the target of another
    assert [names for names in shown(proxy).values()] == [["Homepage layout", "Daily standup"]]
    proxy.set_search("  ")
    assert sum(len(names) for names in shown(proxy).values()) == len(WEEK)


def test_every_word_must_match_each_in_any_field() -> None:
    proxy = searched(WEEK)
    proxy.set_search("acme legal")  # target and tag of the same entry
    assert list(shown(proxy).values()) == [["Contract review"]]
    proxy.set_search("standup website")  # description and target
    assert list(shown(proxy).values()) == [["Daily standup"]]
    proxy.set_search("acme meeting")  # each word matches, but never on one entry
    assert shown(proxy) == {}


def test_a_search_narrows_needs_attention_and_days_without_a_match_are_hidden() -> None:
    reasons = {WEEK[0].client_ref: "No project", WEEK[4].client_ref: "Not synced"}
    proxy = searched(WEEK, reasons)
    proxy.set_enabled(True)
    proxy.set_search("standup")
    assert list(shown(proxy).values()) == [["Standup"]]  # Tuesday's standup is fine: no Tuesday
    proxy.set_enabled(False)
    assert list(shown(proxy).values()) == [["Daily standup"], ["Standup"]]
    proxy.set_search("layout")
    assert len(shown(proxy)) == 1  # Monday holds no layout work


def test_under_a_search_a_day_totals_its_matches_of_the_whole_day() -> None:
    proxy = searched(WEEK, {WEEK[4].client_ref: "Not synced"})
    proxy.set_search("acme")
    headers = list(shown(proxy))
    assert headers == [
        "Today — 0:45 of 2:30 total, 0:00 billable",
        "Yesterday — 1:00 of 1:15 total, 1:00 billable",
    ]
    group = proxy.index(0, 0).data(DAY_ROLE)
    assert isinstance(group, DayGroup)
    assert group.total_text() == "0:45 of 2:30"  # what the header paints at its right
    proxy.set_search("")
    assert next(iter(shown(proxy))) == "Today — 2:30 total, 1:30 billable"
    proxy.set_enabled(True)  # "Needs attention" alone totals what it shows by the same rule
    assert next(iter(shown(proxy))) == "Today — 0:45 of 2:30 total, 0:00 billable"
    assert proxy.index(0, 0).data(DAY_ROLE).total_text() == "0:45 of 2:30"


def test_under_a_search_the_running_day_repaints_when_its_matches_turn_a_minute(
    qtbot: QtBot,
) -> None:
    """The matches' total turns a minute at other seconds than the whole day's does: 30 s
    past the minute here, the whole day and the timer at 45 and 0."""
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    sketch = finished(TUE, "08:00", 30, "Homepage sketch", target=WEB)
    sketch = replace(sketch, end=sketch.start + timedelta(minutes=30, seconds=30))
    email = finished(TUE, "09:00", 10, "Email")
    email = replace(email, end=email.start + timedelta(minutes=10, seconds=45))
    running = replace(finished(TUE, "10:00", 1, "Homepage layout", target=WEB), end=None)
    model = EntryListModel()
    model.set_entries([sketch, email, running], context(clock))
    proxy = EntryFilter(model, model)
    proxy.set_search("homepage")
    header = proxy.index(0, 0)
    assert header.data() == "Today — 2:30 of 2:41 total, 0:00 billable"
    repainted: list[tuple[int, int]] = []
    proxy.dataChanged.connect(
        lambda first, _last, _roles=(): repainted.append((first.parent().row(), first.row()))
    )
    model.tick()  # the first tick after a search counts where it stands
    repainted.clear()

    clock.now += timedelta(seconds=29)
    model.tick()
    assert repainted == []
    clock.now += timedelta(seconds=1)  # 12:00:30: only the matches' minute turns
    model.tick()
    assert (-1, 0) in repainted  # the day's header, in the view's own rows
    header = proxy.index(0, 0)  # fetched afresh after the change
    assert header.data() == "Today — 2:31 of 2:41 total, 0:00 billable"
    running_row = proxy.mapFromSource(model.running_index(Column.DURATION))
    assert running_row.isValid() and running_row.data() == "2:00"


# In the window ---------------------------------------------------------------------------
def the_list(timo: TimoApp) -> dict[str, list[str]]:
    return shown(timo.window.attention)


def test_ctrl_f_finds_typing_filters_and_esc_brings_everything_back(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window = timo.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    everything = the_list(timo)
    entries = sum(len(group.entries) for group in window.model.days())
    window.entries.setFocus()
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is window.search  # the key the ☰ menu shows: test_keys_shown

    type_text(qtbot, "ACME")
    qtbot.waitUntil(lambda: window.attention.words() == ("acme",))  # once typing pauses
    assert list(the_list(timo).values()) == [["Call with Acme"], ["Call with Acme"]]
    yesterday = window.attention.index(0, 0).data()
    assert yesterday.startswith("Yesterday — 1:00 of 6:45 total, ")
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Delete)  # edits the search, not the list (Delete deletes entries)
    assert window.search.text() == "CME"
    qtbot.waitUntil(lambda: window.attention.words() == ("cme",))
    assert sum(len(group.entries) for group in window.model.days()) == entries

    press(qtbot, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert the_list(timo) == everything  # at once, not after the typing pause
    assert focused() is window.entries


def test_nothing_matching_says_so_and_how_far_back_it_looked(qtbot: QtBot, timo: TimoApp) -> None:
    window = timo.window
    window.focus_search()
    type_text(qtbot, "xyz")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty)
    oldest = day_label(timo.tracker.today() - timedelta(days=2), timo.tracker.today())
    assert window.empty.text() == f"No entries match “xyz”.\nThe list goes back to {oldest}."
    window.attention_button.click()
    assert window.empty.text().startswith("No entries that need attention match “xyz”.")
    window.search.clear()
    window.attention_button.click()
    assert window.stack.currentWidget() is window.entries


def test_at_the_narrowest_window_the_search_and_its_day_totals_fit(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window = timo.window
    window.resize(300, 500)
    qtbot.waitUntil(lambda: window.width() == MINIMUM_WIDTH)
    search = window.search
    qtbot.waitUntil(lambda: search.x() > window.attention_button.geometry().right())
    assert search.geometry().right() < window.more_button.x()
    # The placeholder reads whole between the field's left edge and its clear button, which
    # comes with the first text typed (`clear_button_when_typed`) and stays.
    assert not search.isClearButtonEnabled()
    search.setText("e")
    search.clear()
    assert search.isClearButtonEnabled()
    option = QStyleOptionFrame()
    search.initStyleOption(option)
    text = search.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, search)
    clear = search.findChildren(QToolButton)[0]
    room = min(text.right(), clear.x()) - text.left()
    assert search.fontMetrics().horizontalAdvance(search.placeholderText()) < room

    # The longest header a search gives: a weekday's name, its share of the day, billable.
    search.setText("e")
    qtbot.waitUntil(lambda: window.attention.words() == ("e",))
    view = window.entries
    bold = QFont(view.font())
    bold.setBold(True)
    wide, plain = QFontMetrics(bold), view.fontMetrics()
    assert window.attention.rowCount() == 2
    for row in range(window.attention.rowCount()):
        group = window.attention.index(row, 0).data(DAY_ROLE)
        label = group.day.strftime("%a %d %b %Y")  # longer than the header's own words
        billable = f"$ {hours_minutes(group.billable.total_seconds())}"
        used = (
            wide.horizontalAdvance(label)
            + wide.horizontalAdvance(group.total_text())
            + 16
            + plain.horizontalAdvance(billable)
            + 22  # the header's margins
            + 16  # a gap between the day and the totals
        )
        assert " of " in group.total_text()
        assert used <= view.viewport().width()


def test_a_word_finds_its_entries_however_its_accent_was_typed() -> None:
    """An é as one character finds a description holding an e and a combining accent
    (as pasted from macOS), and the other way round."""
    cafe = finished(TUE, "09:00", 30, "Cafe\u0301 meeting")
    proxy = searched([cafe, finished(TUE, "11:00", 30, "Lunch")])
    proxy.set_search("caf\u00e9")
    assert [names for names in shown(proxy).values()] == [["Cafe\u0301 meeting"]]
