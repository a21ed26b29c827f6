"""A pulled page mirrors the server and is not flushed to disk at once; a page that carries
a running timer may stop the local one, and is. Seen in the statements SQLite runs."""

from __future__ import annotations

from datetime import timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, post_on_server, slot
from timo_desktop.core.local_time import utc_now


def entry_writes(statements: list[str]) -> list[str]:
    """For each write to the entries table: "mirror" or "durable", by the connection's
    `synchronous` setting when it ran."""
    mode, seen = "durable", []
    for statement in statements:
        if statement == "PRAGMA synchronous=NORMAL":
            mode = "mirror"
        elif statement == "PRAGMA synchronous=FULL":
            mode = "durable"
        elif statement.startswith("INSERT INTO entries"):
            seen.append(mode)
    return seen


def test_pages_mirror_the_server_unless_they_carry_a_running_timer(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    statements: list[str] = []
    timo.engine.store.connection.set_trace_callback(statements.append)

    finished = post_on_server(sandbox, "Finished elsewhere", *slot(1))
    timo.engine.sync(push=False)
    assert timo.store.get(finished) is not None
    assert set(entry_writes(statements)) == {"mirror"}  # the seeded history came too

    statements.clear()
    running = post_on_server(
        sandbox, "Running elsewhere", utc_now() - timedelta(minutes=5), running=True
    )
    timo.engine.sync(push=False)
    pulled = timo.store.get(running)
    assert pulled is not None and pulled.is_running
    assert set(entry_writes(statements)) == {"durable"}
