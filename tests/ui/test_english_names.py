"""Under a German (or any other) system language the window wrote "Mi 25 Nov" beside
"Today", and Add time "Fr. 27 Nov. 2026": Qt had the C library follow the system, and its
date fields their own style. Day and month names are English, as all of Timo's words."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from timo_desktop.ui.formatting import day_label, english_names

WEDNESDAY = date(2026, 11, 25)


@pytest.fixture
def german_system() -> Iterator[None]:
    """The C library's dates in German, as Qt leaves them on a German desktop."""
    before, qt_default = locale.setlocale(locale.LC_TIME), QLocale()
    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("the de_DE.UTF-8 locale is not installed here (locale-gen de_DE.UTF-8)")
    assert f"{WEDNESDAY:%a}" == "Mi"  # what the window showed
    try:
        yield
    finally:
        locale.setlocale(locale.LC_TIME, before)
        QLocale.setDefault(qt_default)


def test_days_and_months_read_in_english(qtbot: QtBot, german_system: None) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    english_names()
    assert day_label(WEDNESDAY, date(2026, 11, 27)) == "Wed 25 Nov"
    field = QDateEdit(QDate(2026, 11, 27))
    qtbot.addWidget(field)
    field.setDisplayFormat("ddd d MMM yyyy")  # Add time's
    assert field.text() == "Fri 27 Nov 2026"
