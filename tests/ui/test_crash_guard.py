"""An unexpected error in the app is logged to the file and shown once; Timo keeps running."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from timo_desktop.core.bidi import FSI, PDI
from timo_desktop.ui.crash_guard import ExceptionHook, install_logging, open_log_file


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_shown_once_and_the_loop_goes_on(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logging: None
) -> None:
    log_file = tmp_path / "logs" / "timo.log"
    install_logging()
    logging.getLogger("timo.ui").info("before the file was open")
    open_log_file(log_file)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    ExceptionHook(log_file).install()

    def broken() -> None:
        raise RuntimeError("painting failed")

    ticks: list[int] = []
    for _ in range(3):  # the same error again and again: one box, not a storm
        QTimer.singleShot(0, broken)
    QTimer.singleShot(20, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # type: ignore[attr-defined]

    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(shown) == 1
    # Plain words, the log named; Python's words only under the box's details.
    assert "painting failed" not in shown[0].text() and str(log_file) in shown[0].informativeText()
    assert shown[0].detailedText() == "RuntimeError: painting failed"
    shown[0].close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    assert "before the file was open" in text  # early records reach the file
    assert text.count("RuntimeError: painting failed") == 3  # every occurrence is logged


def test_before_the_log_file_opens_only_problems_reach_the_terminal(
    tmp_path: Path, root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every start echoed "times of day show as 14:30" to the terminal it was started from;
    a problem still shows there, and all of it reaches the file."""
    install_logging()
    early = logging.getLogger("timo.ui")
    early.info("times of day show as 14:30")
    early.warning("the time zone is not known")
    early.error("cannot open the database")
    said = capsys.readouterr().err
    assert "times of day" not in said
    assert "WARNING timo.ui: the time zone is not known" in said
    assert "ERROR timo.ui: cannot open the database" in said
    log_file = tmp_path / "logs" / "timo.log"
    open_log_file(log_file)
    early.warning("later, in the file only")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert capsys.readouterr().err == ""
    text = log_file.read_text()
    assert "times of day show as 14:30" in text and "cannot open the database" in text
    assert "later, in the file only" in text


def test_the_log_keeps_what_went_wrong_not_every_request(
    tmp_path: Path, root_logging: None
) -> None:
    """Each sync round's requests filled the log (7 lines every five minutes and after
    every change, all day), so the rotating file soon held little but requests."""
    httpx_logger = logging.getLogger("httpx")
    level = httpx_logger.level
    try:
        install_logging()
        log_file = tmp_path / "logs" / "timo.log"
        open_log_file(log_file)
        httpx_logger.info('HTTP Request: GET http://127.0.0.1:8765/v1/me "HTTP/1.1 200 OK"')
        httpx_logger.warning("the server hung up")
        logging.getLogger("timo_desktop.sync").info("round done")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_file.read_text()
    finally:
        httpx_logger.setLevel(level)
    assert "GET http://" not in text
    assert "the server hung up" in text and "round done" in text


@pytest.mark.qt_no_exception_capture
def test_a_log_that_cannot_be_written_is_not_where_the_box_sends_you(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_logging: None
) -> None:
    """A read-only logs folder: opening the log raised into the first paint's slot, and the
    box it brought said "the details are in the log" — the file that could not be written."""
    (tmp_path / "logs").write_text("a file where the logs folder goes")
    log_file = tmp_path / "logs" / "timo.log"
    install_logging()
    open_log_file(log_file)  # says so, and Timo goes on
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    ExceptionHook(log_file).install()
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets())
    )
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert "could not be written" in box.informativeText()
    assert box.detailedText() == "ZeroDivisionError: division by zero"
    box.close()


def test_a_refusal_logged_as_the_window_words_it_names_as_typed(
    tmp_path: Path, root_logging: None
) -> None:
    """The window sets names apart for the screen (`core.bidi`); the log had the marks."""
    install_logging()
    log_file = tmp_path / "logs" / "timo.log"
    logging.getLogger("timo_desktop.ui.controller").info(
        "refused: %s", f"'{FSI}פגישה{PDI}' is already running, since 17:07"
    )
    open_log_file(log_file)  # what was logged before the file opened goes in as well
    logging.getLogger("timo_desktop.ui.controller").info(f"refused: '%s{PDI}'", f"{FSI}עיצוב")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "refused: 'פגישה' is already running, since 17:07" in text
    assert "refused: 'עיצוב'" in text
    assert FSI not in text and PDI not in text
