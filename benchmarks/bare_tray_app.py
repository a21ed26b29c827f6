"""The baseline for bench_gui: the least a PySide6 tray app can do (a window and a tray icon).

With `--qt-types`, it also touches the Qt types any window with an item view, keys and
events uses from Python: the `Qt` namespace, QStyle and QEvent. PySide6 turns each type's
C++ enums into Python `enum` classes the first time Python sees the type (1,940 members
for these three), which is the floor under any real PySide6 window's start-up.

With `--sync-libraries` (for bench_gui_signed_in), it also holds what any app syncing as
Timo does needs: httpx with a client (its TLS context included) and a pydantic model that
has validated one object, both imported before PySide6 (imported after it, PySide's import
hook keeps every module's source in memory).
"""

from __future__ import annotations

import sys


def main() -> int:
    held: list[object] = []  # what the options load stays alive while the app runs
    if "--sync-libraries" in sys.argv:
        import httpx
        import pydantic

        class Entry(pydantic.BaseModel):
            id: str
            minutes: int

        held += [
            httpx.Client(base_url="http://127.0.0.1"),
            Entry.model_validate({"id": "e1", "minutes": 5}),
        ]
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

    if "--qt-types" in sys.argv:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtWidgets import QStyle

        held += [Qt.AlignmentFlag.AlignCenter, QEvent.Type.Paint, QStyle.StateFlag.State_None]
    app = QApplication(sys.argv[:1])
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
