"""About Timo: its version, where it keeps its data and log, and those details to copy
for a support request."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop import __version__
from timo_desktop.paths import Paths
from timo_desktop.ui.open_folder import open_in_file_manager
from timo_desktop.ui.plain import PlainLabel


class AboutDialog(QDialog):
    """Timo's version and folders, each folder with a button that opens it."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Timo")
        self._paths = paths
        heading = QLabel(f"<b>Timo {__version__}</b>")
        heading.setObjectName("aboutHeading")  # the one label written as HTML, by Timo
        heading.setAccessibleName(f"Timo {__version__}")
        blurb = PlainLabel("Time tracking for Vmoox: a timer in the tray, kept on this computer.")
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.folders: dict[str, QLineEdit] = {}
        for label, folder in (
            ("&Data", paths.data),
            ("&Settings", paths.config),
            ("&Log", paths.logs),
        ):
            name = label.replace("&", "")
            shown = QLineEdit(str(folder), readOnly=True)
            shown.setAccessibleName(f"{name} folder")
            shown.setCursorPosition(0)
            opener = QPushButton("Open")
            opener.setAccessibleName(f"Open the {name.lower()} folder")
            opener.clicked.connect(lambda _=False, f=folder: self.open_folder(f))
            row = QHBoxLayout()
            row.addWidget(shown, 1)
            row.addWidget(opener)
            named = PlainLabel(label)
            named.setBuddy(shown)  # Alt and its letter go to the folder
            form.addRow(named, row)
            self.folders[name] = shown
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setAccessibleName("Copy the version and folders, for a support request")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

    def details(self) -> str:
        """The version, what Timo runs on, and its folders, as plain lines."""
        return "\n".join(
            (
                f"Timo {__version__}",
                f"Python {platform.python_version()}, PySide6 {pyside_version}, Qt {qVersion()}",
                f"{platform.platform()} ({sys.platform})",
                f"Data: {self._paths.data}",
                f"Settings: {self._paths.config}",
                f"Log: {self._paths.log_file}",
            )
        )

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details())
        self.copy_button.setText("&Copied")

    def open_folder(self, folder: Path) -> None:
        """Show `folder` in the system's file manager."""
        open_in_file_manager(folder)
