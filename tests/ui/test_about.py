"""☰ › About Timo…: the version, where the data, settings and log are (each opens in the
file manager), and those details copied for a support request."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from timo_desktop import __version__
from timo_desktop.paths import Paths
from timo_desktop.ui.about import AboutDialog
from timo_desktop.ui.controller import TimoApp


def test_about_names_the_version_and_the_folders(
    qtbot: QtBot, timo: TimoApp, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    [item] = [a for a in timo.window.more_menu.actions() if a.text() == "About Timo…"]
    item.trigger()
    dialog = next(w for w in timo.window.findChildren(AboutDialog) if w.isVisible())
    assert {name: shown.text() for name, shown in dialog.folders.items()} == {
        "Data": str(paths.data),
        "Settings": str(paths.config),
        "Log": str(paths.logs),
    }
    opened: list[QUrl] = []
    # The system's file manager, which this test has none of.
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", opened.append)
    [open_log] = [
        b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Open the log folder"
    ]
    open_log.click()
    assert [url.toLocalFile() for url in opened] == [str(paths.logs)]
    dialog.copy_button.click()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == f"Timo {__version__}"
    assert f"Log: {paths.log_file}" in copied
    dialog.reject()
