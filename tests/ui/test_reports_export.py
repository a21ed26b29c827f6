"""Exporting from the Reports window as a person does it: the save dialog opens where they
keep files and adds the suffix, success reads as news (not as an error) with the folder a
click away and stays said through refreshes, refusals read alike for CSV and PDF, and an
empty range offers nothing to export."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.test_reports_states import EMPTY_WEEK
from tests.ui.test_reports_view import active_view
from tests.ui.workday import ALT, CTRL, back_to, press, type_text
from timo_desktop.core.reports import GroupBy, Preset
from timo_desktop.ui.reports_view import ReportsView
from timo_desktop.ui.style import RED


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder (no XDG names: the default)."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


@pytest.fixture
def view(qtbot: QtBot, home: Path) -> Iterator[ReportsView]:
    with active_view(qtbot) as shown:
        yield shown


@pytest.fixture(autouse=True)
def no_stray_dialogs() -> Iterator[None]:
    """A dialog nobody answers is closed after a few seconds: a test fails, never hangs."""
    open_for = [0]

    def close_strays() -> None:
        dialog = QApplication.activeModalWidget()
        open_for[0] = open_for[0] + 1 if dialog is not None else 0
        if dialog is not None and open_for[0] > 150:
            dialog.reject()

    poll = QTimer(interval=20)
    poll.timeout.connect(close_strays)
    poll.start()
    yield
    poll.stop()


@contextmanager
def save_dialog(qtbot: QtBot, name: str) -> Iterator[dict[str, str]]:
    """Answer the save dialog the block opens by typing `name` and Enter; yields what the
    dialog showed (`folder`, the `suggested` name). The dialog is modal (its own event
    loop), so a timer running inside that loop does the typing."""
    seen: dict[str, str] = {}
    polls_since = [0]

    def answer_if_asked() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):  # a question the test did not expect: no hang
            seen["asked"] = dialog.text()
            dialog.reject()
            return
        if not isinstance(dialog, QFileDialog):
            return
        if seen:  # still open after the answer: close it, or the test would hang
            polls_since[0] += 1
            if polls_since[0] > 250:
                dialog.reject()
            return
        widget = QApplication.focusWidget()
        if dialog.isAncestorOf(widget) and isinstance(widget, QLineEdit):  # the name field
            seen["folder"] = dialog.directory().absolutePath()
            seen["suggested"] = widget.text()
            press(qtbot, Qt.Key.Key_A, CTRL)
            type_text(qtbot, name)
            # Enter from the event loop, not from here: a question it raises (replace the
            # file?) runs a loop of its own, in which this poll must be free to answer.
            QTimer.singleShot(0, lambda: press(qtbot, Qt.Key.Key_Return))

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_asked)
    poll.start()
    try:
        yield seen
        qtbot.waitUntil(lambda: bool(seen))  # a button's Alt+key clicks a moment later
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    finally:
        poll.stop()


def export(qtbot: QtBot, view: ReportsView, key: Qt.Key, name: str) -> dict[str, str]:
    """Alt+C or Alt+P, then `name` typed in the save dialog; what the dialog showed."""
    said = view.message.text()
    with save_dialog(qtbot, name) as seen:
        press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: view.message.text() != said and view.message.isVisible())
    back_to(qtbot, view)  # the window manager's part once the dialog has closed
    return seen


def red_pixels(view: ReportsView) -> int:
    """How many pixels of the message line are drawn in the error red."""
    image: QImage = view.message.grab().toImage()
    red = QImage(1, 1, QImage.Format.Format_RGB32)
    red.fill(RED)
    wanted = red.pixelColor(0, 0)
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) == wanted
    )


def test_a_csv_lands_in_documents_with_its_suffix_and_says_so_plainly(
    qtbot: QtBot, view: ReportsView, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = export(qtbot, view, Qt.Key.Key_C, "invoice")  # typed without ".csv"
    assert seen == {
        "folder": str(home / "Documents"),  # not wherever the app was started from
        "suggested": "timo-2026-11-23-2026-11-29.csv",
    }
    saved = home / "Documents" / "invoice.csv"
    assert saved.read_text(encoding="utf-8").startswith("client,project,")
    assert view.message.text() == f"Saved 16 entries to {saved}."
    assert red_pixels(view) == 0  # good news is not written in the error red
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert view.open_folder.isVisibleTo(view)
    press(qtbot, Qt.Key.Key_F, ALT)  # Open &folder
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == [QUrl.fromLocalFile(str(home / "Documents"))]

    # The next export starts where this one went, a PDF gets ".pdf".
    (home / "invoices").mkdir()
    export(qtbot, view, Qt.Key.Key_C, str(home / "invoices" / "november"))
    seen = export(qtbot, view, Qt.Key.Key_P, "week")
    assert seen["folder"] == str(home / "invoices")
    assert seen["suggested"] == "timo-report-2026-11-23-2026-11-29.pdf"
    assert (home / "invoices" / "week.pdf").read_bytes().startswith(b"%PDF")
    assert view.message.text() == f"Saved the report to {home / 'invoices' / 'week.pdf'}."


def test_without_documents_the_dialog_starts_at_home(
    qtbot: QtBot, view: ReportsView, home: Path
) -> None:
    (home / "Documents").rmdir()
    seen = export(qtbot, view, Qt.Key.Key_C, "week.csv")
    assert seen["folder"] == str(home)
    assert (home / "week.csv").is_file()


def test_saying_it_was_saved_outlasts_refreshes_until_the_next_step(
    qtbot: QtBot, view: ReportsView, home: Path
) -> None:
    export(qtbot, view, Qt.Key.Key_C, "week")
    said = view.message.text()
    clock = view.reports.tracker.clock
    clock.now += timedelta(minutes=1)  # type: ignore[attr-defined]
    view.ticker.timeout.emit()  # the minute's refresh
    view.refresh()  # and one after a change to entries
    assert view.message.isVisibleTo(view) and view.message.text() == said
    assert view.open_folder.isVisibleTo(view)
    view.set_group_by(GroupBy.CLIENT)  # the next step: the news is old
    assert not view.message.isVisibleTo(view) and not view.open_folder.isVisibleTo(view)


def test_csv_and_pdf_refusals_read_alike_in_plain_words(
    qtbot: QtBot, view: ReportsView, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt's own dialog walks into a folder typed as the name; a platform's dialog (or a
    # folder made meanwhile) can still hand one back, and writing it must say why not.
    answer: list[str] = []
    monkeypatch.setattr(QFileDialog, "exec", lambda _dialog: 1)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _dialog: answer)
    for suffix, key in (("csv", Qt.Key.Key_C), ("pdf", Qt.Key.Key_P)):
        taken = home / "Documents" / f"taken.{suffix}"
        taken.mkdir()  # a folder where the file would go
        answer[:] = [str(taken)]
        press(qtbot, key, ALT)
        qtbot.waitUntil(lambda taken=taken: str(taken) in view.message.text())
        assert view.message.text() == f"Export failed: cannot write {taken}: it is a folder"
        assert red_pixels(view) > 0  # this one is a problem
        assert not view.open_folder.isVisibleTo(view)


def test_an_empty_range_offers_nothing_to_export(view: ReportsView) -> None:
    view.set_range(EMPTY_WEEK)
    assert view.nothing.text() == "No time tracked from Mon 05 Jan to Sun 11 Jan 2026."
    for button in (view.csv_button, view.pdf_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Nothing to export: no time tracked in this range"
    view.set_range(Preset.THIS_WEEK)
    assert view.csv_button.isEnabled() and view.pdf_button.isEnabled()
    assert view.csv_button.toolTip() == "Export invoice inputs as CSV (Alt+C)"


def test_a_rounding_picked_turns_the_pdf_off_saying_why(view: ReportsView) -> None:
    """As `timo export --round --format pdf` is refused: a PDF of exact times exported with
    "to 15 min" picked would read as rounded."""
    view.rounding.setCurrentIndex(view.rounding.findData(15))
    assert view.csv_button.isEnabled() and not view.pdf_button.isEnabled()
    assert view.pdf_button.toolTip() == (
        "The PDF shows time as tracked; rounding is for the CSV export (pick No rounding for a PDF)"
    )
    view.refresh()  # a minute's refresh keeps it off
    assert not view.pdf_button.isEnabled()
    view.set_range(EMPTY_WEEK)  # nothing to export says so first
    assert view.pdf_button.toolTip() == "Nothing to export: no time tracked in this range"
    view.set_range(Preset.THIS_WEEK)
    view.rounding.setCurrentIndex(0)  # No rounding
    assert view.pdf_button.isEnabled()
    assert view.pdf_button.toolTip() == "Export the report as PDF (Alt+P)"


def test_while_it_saves_the_line_and_the_pointer_say_so(
    qtbot: QtBot, view: ReportsView, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year of entries takes seconds to write: the window said nothing meanwhile."""
    seen: list[tuple[object, str]] = []

    def writing(path: Path) -> int:
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, view.message.text()))
        return 3

    monkeypatch.setattr(view, "export_csv", writing)
    export(qtbot, view, Qt.Key.Key_C, "year")
    assert seen == [(Qt.CursorShape.WaitCursor, "Saving year.csv…")]
    assert QApplication.overrideCursor() is None
    assert view.message.text() == f"Saved 3 entries to {home / 'Documents' / 'year.csv'}."
