"""A narrow window still reads: the description keeps room, nothing scrolls sideways."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.main_window import MINIMUM_WIDTH
from timo_desktop.ui.plain import OneLineLabel


def test_at_its_narrowest_every_column_fits_and_the_description_has_room(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window = timo.window
    window.resize(300, 500)
    qtbot.waitUntil(lambda: window.width() == MINIMUM_WIDTH)  # it will not go narrower
    view = window.entries
    header = view.header()
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())
    assert not view.horizontalScrollBar().isVisible()  # nothing hides off to the side
    assert header.sectionSize(Column.DESCRIPTION) >= 100
    assert header.sectionSize(Column.DESCRIPTION) > header.sectionSize(Column.TARGET)


def test_a_wide_window_gives_the_target_the_width_of_its_longest_name(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window = timo.window
    window.resize(1100, 600)
    view = window.entries
    header = view.header()
    model = view.model()
    days = [model.index(day, 0) for day in range(model.rowCount())]
    targets = [
        model.index(r, Column.TARGET, day) for day in days for r in range(model.rowCount(day))
    ]
    widest = max(view.sizeHintForIndex(index).width() for index in targets)
    qtbot.waitUntil(lambda: header.sectionSize(Column.TARGET) == widest)  # no wider
    assert header.length() <= view.viewport().width()


def test_a_long_description_shortens_with_an_ellipsis_and_never_widens_the_window(
    qtbot: QtBot, timo: TimoApp
) -> None:
    """The running timer's line and the undo bar showed a long description cut off
    mid-word, and the window could be made no narrower than it (20,000 px for 3,000
    letters)."""
    words = ("Reconcile the open invoices of the quarter with the client " * 50).strip()
    timo.tracker.start(words)
    timo.reload()
    done = timo.tracker.days(timo.tracker.today(), timo.tracker.today())[-1]
    timo.tracker.edit(done.client_ref, description=words)
    timo.reload()
    timo.delete_entry(done.client_ref)  # the undo bar names it too
    window = timo.window
    window.resize(300, 500)
    qtbot.waitUntil(lambda: window.width() == MINIMUM_WIDTH)
    for label in (window.timer_bar.running_label, window.undo_bar.message):
        assert words in label.text()  # its words whole, as screen readers read them
        assert label.minimumSizeHint().width() < MINIMUM_WIDTH
        shown = label.shown_text()
        assert shown.endswith("…") and len(shown) < len(label.text())
        assert label.width() >= label.fontMetrics().horizontalAdvance(shown)
        assert words in label.toolTip()  # and on hover


def test_cut_right_to_left_words_stay_at_the_right_and_end_at_the_left(qtbot: QtBot) -> None:
    """Cut, they were drawn left to right: they jumped to the left, the "…" where a reader
    of Hebrew begins."""
    words = "● עבודה על דף הבית של הלקוח החדש · אתר"
    inked = {}
    for width in (400, 200):
        label = OneLineLabel(words)
        qtbot.addWidget(label)
        label.setStyleSheet("background: white; color: black")
        label.resize(width, 30)
        image = label.grab().toImage()
        dark = [
            x
            for x in range(image.width())
            if any(image.pixelColor(x, y).lightness() < 128 for y in range(image.height()))
        ]
        inked[width] = (dark[0], dark[-1], label.shown_text())
    assert inked[400][2] == words  # whole
    assert inked[200][2].endswith("…")  # cut: the ellipsis ends it, drawn at its left
    assert inked[200][1] >= 200 - 8 and inked[400][1] >= 400 - 8  # at the right, both
