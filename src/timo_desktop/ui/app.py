"""The desktop app's entry point: `timo` with no subcommand.

Order matters for start-up time: the database is opened before PySide6 is
imported, imports after it are given back their plain cost (`plain_imports`),
the window is shown next, and settings, sign-in, sync and anything else the
first screen does not need load after the first paint.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from timo_desktop.invocation import AppOptions

log = logging.getLogger("timo.ui")
MIGRATE_TIMEOUT = 600.0  # seconds; a large history on a slow disk, but never hang the start
NO_DISPLAY = 2  # exit status: the window was asked for where none can be shown (as bad usage)


def run_app(options: AppOptions) -> int:
    """Run the desktop app until the user quits; return the process exit code."""
    if (missing := no_display()) is not None:
        sys.stderr.write(f"timo: {missing}\n")
        return NO_DISPLAY
    if options.home:
        # Everything below (store, settings, logs, lock) resolves its paths from TIMO_HOME.
        os.environ["TIMO_HOME"] = os.path.abspath(options.home)

    from timo_desktop.core.entry import Source
    from timo_desktop.core.errors import TimoError
    from timo_desktop.paths import NotAFolder, resolve
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.ui.crash_guard import ExceptionHook, install_logging, open_log_file

    paths = resolve()
    install_logging()
    from timo_desktop.platform.zone import tz_problem

    if unknown_tz := tz_problem():
        log.warning("%s", unknown_tz)
    tracker: Tracker | None = None
    problem: str | None = None
    try:
        paths.ensure()
        prepare_database(paths.database)
        tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    except NotAFolder as error:  # a file where a folder goes: named, with what to do
        problem = str(error)
        log.error("cannot make Timo's folders: %s", error)
    except OSError as error:  # a read-only or full disk under the home folder
        problem = f"cannot create the folder {error.filename}: {error.strerror or error}"
        log.error("cannot make Timo's folders: %s", error)
    except TimoError as error:  # locked, corrupt, too new, read-only: say so, touch nothing
        problem = str(error)
        log.error("cannot open the database: %s", error)

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    plain_imports()

    from timo_desktop.core.bidi import use_isolates
    from timo_desktop.core.local_time import clock_text, use_twelve_hour_clock
    from timo_desktop.ui import style
    from timo_desktop.ui.formatting import english_names, twelve_hour
    from timo_desktop.ui.icons import app_icon
    from timo_desktop.ui.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(style.qt_arguments(sys.argv[0]))
    assert isinstance(app, QApplication)
    app.setApplicationName("Timo")
    app.setApplicationDisplayName("Timo")
    app.setDesktopFileName("timo")
    app.setQuitOnLastWindowClosed(False)
    style.apply(app)
    english_names()
    use_twelve_hour_clock(twelve_hour(QLocale.system()))  # before any time is shown
    use_isolates(True)  # Qt lays a right-to-left name out apart from Timo's words around it
    log.info("times of day show as %s", clock_text(time(14, 30)))

    instance = SingleInstance(paths.lock_file)
    # A second `--background` launch (autostart firing twice) leaves the window as it is.
    if not instance.acquire(background=options.background):
        open_log_file(paths.log_file)
        if tracker is not None:
            tracker.close()
        if not instance.answered:  # it holds the lock, yet does not answer: hung, or stuck
            said = (
                "Timo is already running but does not answer, so it cannot show its window."
                " Quit it (in the tray, or end the process), then start Timo again."
            )
            log.warning("%s Its lock: %s", said, paths.lock_file)
            if not options.background:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(None, "Timo", said)
            return 1
        asked = "to stay as it is" if options.background else "to show its window"
        log.info("Timo is already running; asked it %s", asked)
        return 0
    if tracker is None:
        return cannot_open(problem, paths.log_file, instance.release)
    ExceptionHook(paths.log_file).install()

    from timo_desktop.auth.credentials import reach_keyring_apart
    from timo_desktop.ui.controller import TimoApp

    reach_keyring_apart()  # the keyring's client libraries stay out of the app (Linux)

    try:
        timo = TimoApp(tracker, paths)  # settings, sign-in and sync load after the first paint
    except TimoError as error:  # the file opened, but its first read failed (damaged)
        log.error("cannot read the database: %s", error)
        tracker.close()
        return cannot_open(str(error), paths.log_file, instance.release)
    instance.activated.connect(timo.window.bring_forward)
    timo.closing.connect(instance.stop_answering)  # a launch meanwhile waits, then runs
    timo.quit_requested.connect(app.quit)
    # What the window does not need waits until it is painted.
    timo.first_screen_shown.connect(lambda: app.setWindowIcon(app_icon()))
    timo.first_screen_shown.connect(instance.listen)
    timo.first_screen_shown.connect(lambda: open_log_file(paths.log_file))
    if os.name == "posix":  # Windows sends no such signals (see `quit_on_signal`)
        from timo_desktop.ui.quit_on_signal import QuitOnSignal

        told_to_stop = QuitOnSignal(app)
        told_to_stop.received.connect(timo.quit_without_asking)
        # exit(), not quit(): it ends every loop, a question's too, and closes no window
        # that could refuse; nothing may hold up a session that is going away.
        told_to_stop.received.connect(lambda: app.exit(0))
    timo.start(background=options.background)
    try:
        return app.exec()
    finally:
        instance.release()
        tracker.close()
        if timo.restart_after_quit:  # once the lock is let go, or the new Timo wakes this one
            import subprocess

            from timo_desktop.command import timo_command

            subprocess.Popen(timo_command(), start_new_session=True)


def cannot_open(problem: str | None, log_file: Path, release: Callable[[], None]) -> int:
    """Say that Timo cannot open its data and why, in a box, then end: exit status 1."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from timo_desktop.ui.crash_guard import open_log_file
    from timo_desktop.ui.icons import app_icon

    open_log_file(log_file)
    QApplication.setWindowIcon(app_icon())
    QMessageBox.critical(None, "Timo", f"Timo cannot open its data: {problem}.")
    release()
    return 1


def no_display() -> str | None:
    """Why the window cannot open here, or None when it may: on Linux, a session with no
    X or Wayland display (over SSH, a console), where Qt would abort with its platform
    plugin's dump. Read from the environment, before Qt is imported; a platform Qt was
    told to use (QT_QPA_PLATFORM=offscreen, vnc…) is its own to judge."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "the Timo window needs a graphical session (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set); `timo --help` lists the commands that work here"
    )


def prepare_database(database: Path) -> None:
    """Upgrade the database in a short-lived `timo migrate` process, if it needs it.

    Migrating loads SQLAlchemy and Alembic (~30 MiB), which the app, running all day,
    would otherwise keep from its first start and after every upgrade. Should that
    process fail, `Tracker.open` migrates here and reports any problem itself.
    """
    from timo_desktop.store.connection import schema_of
    from timo_desktop.store.version import SCHEMA_VERSION

    found = schema_of(database)
    if found is None or found >= SCHEMA_VERSION:
        return  # current, unreadable or too new: opening it says what is wrong
    if found == 0:
        return  # new: built from the shipped schema (`store.fresh`), which loads neither
    import subprocess

    from timo_desktop.command import timo_command

    hidden = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
    try:
        done = subprocess.run(
            timo_command("migrate"),
            capture_output=True,
            # `timo` writes UTF-8 to a pipe (`cli`); the code page would fail on the
            # database's path under a profile named "Łukasz" or "李".
            encoding="utf-8",
            errors="replace",
            timeout=MIGRATE_TIMEOUT,
            creationflags=hidden,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("could not migrate the database in a separate process: %s", error)
        return
    if done.returncode:
        log.warning("migrating the database apart failed: %s", done.stderr.strip())
    else:
        log.info("migrated the database from schema %d in a separate process", found)


def plain_imports() -> None:
    """Import every module from here on at Python's own cost.

    PySide6 wraps `__import__` to read the source of each module imported after it
    (`inspect.getsource`, kept in `linecache` for good), looking for its optional
    `from __feature__ import ...` switches. Timo uses none of them, and the reading
    costs ~16 MiB and ~70 ms once sync loads httpx and pydantic. The wrapper keeps
    the import it wraps (PySide's own lazy import of Qt types) as
    `builtins.__orig_import__`; this puts that back. Modules imported afterwards are
    treated as ones that use no switches, as all are in the frozen app, which has no
    source to read. A PySide6 without the wrapper is left as it is.
    """
    import builtins

    wrapped = getattr(builtins, "__orig_import__", None)
    if wrapped is not None and builtins.__import__ is getattr(builtins, "__feature_import__", None):
        builtins.__import__ = wrapped
