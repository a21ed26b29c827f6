"""The baseline for bench_gui: the least a PySide6 tray app can do (a window and a tray icon)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon


def main() -> int:
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(32, 32)
    pixmap.fill()
    tray = QSystemTrayIcon(QIcon(pixmap))
    tray.show()
    window = QLabel("Bare")
    window.setWindowTitle("Bare")
    window.resize(480, 320)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
