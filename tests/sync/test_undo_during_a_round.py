"""An Undo of a delete that lands in the middle of a sync round (the window, or `timo undo`,
in another program while `timo sync` or the app's worker runs) brings the entry back on
Vmoox too. A round retires the operations of a deleted entry that need not go (a create
never sent, a delete of what Vmoox never had) from what it read a moment before: an Undo
in that moment left the entry here, marked synced, and never sent, while every later
round said "All synced"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, assert_in_agreement, server_entries
from timo_desktop.core.entry import SyncState
from timo_desktop.sync import engine, requests
from timo_desktop.sync.engine import SyncEngine


def undo_on(
    monkeypatch: pytest.MonkeyPatch, timo: Timo, ref: str, *, plan: int | None = None
) -> list[str]:
    """Undo `ref`'s delete through the tracker (its own connection, as another program's)
    at the moment the round decides it need not send an operation (`plan` None), or as it
    plans for the `plan`th time; returns a list that says when it did."""
    done: list[str] = []

    def undo() -> None:
        if not done:
            timo.tracker.undo_delete(ref)
            done.append(ref)

    if plan is None:
        built = requests.build

        def build(*args: Any) -> Any:
            request = built(*args)
            if request is None:
                undo()
            return request

        monkeypatch.setattr(engine.requests, "build", build)
    else:
        planned = SyncEngine._plan
        calls: list[int] = []

        def plan_again(self: SyncEngine, *args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            if len(calls) == plan:
                undo()
            return planned(self, *args, **kwargs)

        monkeypatch.setattr(SyncEngine, "_plan", plan_again)
    return done


def on_server(sandbox: SandboxHandle, description: str) -> int:
    return sum(e["description"] == description for e in server_entries(sandbox))


def synced(timo: Timo, ref: str, sandbox: SandboxHandle, description: str) -> None:
    """Everything sent: the entry live here and on Vmoox, once."""
    timo.engine.sync_until_done(timeout=60)
    back = timo.tracker.get(ref)
    assert not back.is_deleted and back.sync_state is SyncState.SYNCED
    assert on_server(sandbox, description) == 1
    assert_in_agreement(timo.store, sandbox)


def test_an_undo_as_the_round_finds_the_create_needless_sends_it(
    monkeypatch: pytest.MonkeyPatch, timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1, "never lost")
    timo.tracker.delete(entry.client_ref)
    done = undo_on(monkeypatch, timo, entry.client_ref)
    timo.engine.sync()
    assert done
    synced(timo, entry.client_ref, sandbox, "never lost")


def test_an_undo_after_the_round_retired_the_create_sends_it(
    monkeypatch: pytest.MonkeyPatch, timo: Timo, sandbox: SandboxHandle
) -> None:
    """The create retired, the delete not yet: the Undo takes back the delete alone."""
    entry = add(timo, 1, "never lost")
    timo.tracker.delete(entry.client_ref)
    done = undo_on(monkeypatch, timo, entry.client_ref, plan=2)
    timo.engine.sync()
    assert done
    synced(timo, entry.client_ref, sandbox, "never lost")


def test_an_undo_after_an_edit_went_as_the_delete_brings_it_back_on_vmoox(
    monkeypatch: pytest.MonkeyPatch, timo: Timo, sandbox: SandboxHandle
) -> None:
    """A synced entry edited, then deleted: the edit goes as the delete, and the Undo comes
    before the round reaches the delete queued after it."""
    entry = add(timo, 1, "on vmoox")
    timo.engine.sync_until_done(timeout=60)
    timo.tracker.edit(entry.client_ref, description="on vmoox still")
    timo.tracker.delete(entry.client_ref)
    done = undo_on(monkeypatch, timo, entry.client_ref, plan=2)
    timo.engine.sync()
    assert done
    timo.engine.sync_until_done(timeout=60)
    assert on_server(sandbox, "on vmoox still") == 1
    assert_in_agreement(timo.store, sandbox)
