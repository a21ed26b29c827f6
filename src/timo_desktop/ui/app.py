"""The desktop app's entry point: `timo` with no subcommand."""

from __future__ import annotations

import argparse
import os
import sys


def parse_gui_args(args: list[str]) -> argparse.Namespace:
    """Parse the flags the desktop app understands (`--background`, `--home DIR`)."""
    parser = argparse.ArgumentParser(prog="timo", description="Timo, the desktop time tracker.")
    parser.add_argument(
        "--background", action="store_true", help="start in the tray without opening the window"
    )
    parser.add_argument("--home", metavar="DIR", help="keep all of Timo's files under DIR")
    return parser.parse_args(args)


def run_app(args: list[str]) -> int:
    """Run the desktop app until the user quits; return the process exit code."""
    options = parse_gui_args(args)
    if options.home:
        # Everything below (store, settings, logs, lock) resolves its paths from TIMO_HOME.
        os.environ["TIMO_HOME"] = os.path.abspath(options.home)

    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Timo")
    window = QLabel("Timo")
    window.setWindowTitle("Timo")
    window.resize(480, 320)
    if not options.background:
        window.show()
    return app.exec()
