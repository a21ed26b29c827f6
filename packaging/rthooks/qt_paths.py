"""Point Qt at the bundle's plugins without importing Qt (a PyInstaller run-time hook).

It replaces PyInstaller's PySide6 hook, which imports QtCore on every start
to register a qt.conf that PySide6's PyPI wheels already provide: 40 ms and
more on each `timo` command, which must stay free of Qt. Only the environment
that hook sets and Timo needs is kept (no QML here).
"""

import os
import sys


def _point_qt_at_bundle() -> None:
    base = sys._MEIPASS  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    qt = os.path.join(base, "PySide6")
    if sys.platform != "win32":
        qt = os.path.join(qt, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        # QtNetwork finds the OpenSSL DLLs collected beside the executable.
        os.environ["PATH"] = os.pathsep.join(p for p in (base, os.environ.get("PATH")) if p)


_point_qt_at_bundle()
del _point_qt_at_bundle
