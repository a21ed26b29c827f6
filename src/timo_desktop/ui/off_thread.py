"""Work done off the GUI thread for a window that may be closed before the answer comes.

The thread never touches Qt: it leaves its outcome in a `Future`, and a timer owned by
`owner` collects it in the GUI thread. Closing (deleting) `owner` deletes the timer,
so a late answer is dropped rather than delivered to a deleted object; a signal
emitted from a thread on a deleted QObject crashed a test run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer

T = TypeVar("T")
POLL_MS = 50  # how often the GUI thread looks for the answer, only while one is awaited


def run_off_thread(
    owner: QObject,
    work: Callable[[], T],
    done: Callable[[T | None, BaseException | None], object],
    *,
    name: str,
) -> None:
    """Run `work()` on a thread called `name`; then, in the GUI thread and only while
    `owner` exists, `done(result, None)` or `done(None, error)`."""
    outcome: Future[T] = Future()

    def run() -> None:
        try:
            outcome.set_result(work())
        except BaseException as error:  # handed to `done`, which says what went wrong
            outcome.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    poll = QTimer(owner, interval=POLL_MS)

    def collect() -> None:
        if not outcome.done():
            return
        poll.stop()  # and goes with `owner`: deleted from its own slot, PySide crashed
        error = outcome.exception()
        done(None if error else outcome.result(), error)

    poll.timeout.connect(collect)
    poll.start()
