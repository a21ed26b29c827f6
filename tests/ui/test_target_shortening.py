"""A project's task name stays readable where "Project › Task" has too little room: the
project's name gives way first, down to a start that names it, then the end of the task's;
a record's name is shortened at its end. The whole name is in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.target_picker import WIDEST, shorten_target

ACME = "Acme website relaunch › Homepage layout"


def test_the_timer_line_shows_which_task_is_chosen(qtbot: QtBot, timo: TimoApp) -> None:
    timo.window.resize(1000, 600)
    bar = timo.window.timer_bar
    for task in ("Homepage layout", "Checkout flow"):
        bar.target.click()
        qtbot.keyClicks(bar.target.popup.search, f"relaunch {task}")
        qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
        label = f"Website relaunch › {task}"
        assert bar.target.text() == label  # whole for screen readers
        assert bar.target.toolTip().startswith(f"{label}\n")  # and on hover
        qtbot.waitUntil(lambda: bar.target.width() == WIDEST)  # as wide as it gets
        shown = bar.target.shown_text()
        assert shown.endswith(f" › {task}") and shown.startswith("Website")


@pytest.fixture
def metrics(qapp: QApplication) -> QFontMetricsF:
    return QFontMetricsF(qapp.font())


def test_the_project_gives_way_before_the_task(metrics: QFontMetricsF) -> None:
    task = metrics.horizontalAdvance(" › Homepage layout")
    whole = metrics.horizontalAdvance(ACME)
    assert shorten_target(ACME, metrics, whole) == ACME
    shown = shorten_target(ACME, metrics, whole - 1)
    assert shown.startswith("Acme website") and shown.endswith("… › Homepage layout")
    assert metrics.horizontalAdvance(shown) <= whole - 1
    # Too narrow for the whole task after the project's first letters: the project keeps
    # a start that names it, and the task's end gives way ("… › Homepage la…" named none).
    narrow = task + metrics.horizontalAdvance("Acme…") - 1
    shown = shorten_target(ACME, metrics, narrow)
    head, between, tail = shown.partition(" › ")
    assert between and head.startswith("Acme") and head.endswith("…")
    assert tail.startswith("Home") and tail.endswith("…")
    assert metrics.horizontalAdvance(shown) <= narrow


def test_a_record_is_shortened_at_its_end(metrics: QFontMetricsF) -> None:
    record = "Acme GmbH, framework agreement 2026"
    width = metrics.horizontalAdvance("Acme GmbH, framework")
    shown = shorten_target(record, metrics, width)
    assert shown.startswith("Acme GmbH") and shown.endswith("…")
    assert metrics.horizontalAdvance(shown) <= width


def test_two_long_names_each_keep_a_start(metrics: QFontMetricsF) -> None:
    """A 113-character project with a 79-character task read "… › Copywriting for
    long-form la…" in the list: which project, nobody could tell."""
    label = (
        "Green Fields Sustainable Agriculture Cooperative – Regional Awareness Campaign"
        " Spring/Summer Season Deliverables › Copywriting for long-form landing pages,"
        " newsletters and partner press releases"
    )
    width = metrics.horizontalAdvance("x" * 40)
    shown = shorten_target(label, metrics, width)
    head, between, tail = shown.partition(" › ")
    assert between and head.startswith("Green") and tail.startswith("Copy")
    assert metrics.horizontalAdvance(shown) <= width
