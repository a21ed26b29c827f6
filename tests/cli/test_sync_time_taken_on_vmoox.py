"""`timo sync` after an entry was deleted and another shortened on Vmoox (an admin, or on
the web): it said only "Sent 0, received 2. All synced", the time gone from `timo log`
unseen. It now counts them, names which, each with `timo keep-theirs`, which lets it go.
Real `timo` processes against the real sandbox."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.cli.test_timers_on_two_computers import _ok, _on_server, _words
from tests.support.sandbox import SandboxHandle
from tests.sync.support import delete_on_server, edit_on_server
from timo_desktop.core.local_time import from_text, to_text

DAY = "2026-03-03"


def test_timo_sync_says_which_entries_vmoox_deleted_or_shortened(
    timo_home: Path, sandbox: SandboxHandle
) -> None:
    _ok(timo_home, "sync", server=sandbox)  # the projects, by name
    for description, start in (("Design", "09:00"), ("Call", "11:00")):
        _ok(timo_home, "add", description, "--date", DAY, "--start", start, "--duration", "1h")
    _ok(timo_home, "sync", server=sandbox)
    design, call = _on_server(sandbox, "Design"), _on_server(sandbox, "Call")
    delete_on_server(sandbox, str(design["client_ref"]))
    shortened = from_text(str(call["end"])) - timedelta(minutes=30)
    edit_on_server(sandbox, str(call["client_ref"]), {"end": to_text(shortened)})

    synced = _words(_ok(timo_home, "sync", server=sandbox))

    assert synced.startswith(
        "Sent 0, received 2. All synced — 1 entry deleted and 1 shortened on Vmoox"
    )
    refs = [str(e["client_ref"])[:8] for e in (design, call)]
    assert "“Design” was deleted on Vmoox." in synced
    assert "“Call” was shortened on Vmoox to 11:00–11:30 (it was 11:00–12:00)." in synced
    for ref in refs:
        assert f"timo keep-theirs {ref}" in synced

    for ref in refs:
        assert _words(_ok(timo_home, "keep-theirs", ref)).endswith("stays as Vmoox has it")
    assert _words(_ok(timo_home, "sync", server=sandbox)) == "Sent 0, received 0. All synced"
