"""Shared pieces of the sync tests: fake waiting, a request log, and `assert_in_agreement`."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.support.sandbox import SandboxHandle
from timo_desktop.core.entry import Entry, Source, Target
from timo_desktop.services import Tracker
from timo_desktop.store.database import Store
from timo_desktop.sync.backoff import Backoff, CircuitBreaker
from timo_desktop.sync.engine import SyncEngine, SyncReport
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.deadline import hold_to_deadlines
from timo_desktop.vmoox.tokens import StaticToken, TokenSource
from timo_desktop.vmoox.transport import DEFAULT_DEADLINE

PROJECT = Target(project_id="prj_1", task_id="tsk_2")
OTHER_PROJECT = Target(project_id="prj_3", task_id="tsk_6")
ZONE = "Europe/Berlin"
LONGEST_BACKOFF = 2.0  # seconds: the longest wait `make_timo`'s engines draw before a resend


class FakeTime:
    """A clock that runs with real time and jumps forward when asked to sleep."""

    def __init__(self) -> None:
        self.slept = 0.0
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.slept)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.slept += seconds


@dataclass
class Sent:
    """One request as it left Timo."""

    method: str
    path: str
    at: datetime
    status: int | None
    headers: dict[str, str]
    body: bytes


@dataclass
class Recorder(httpx.BaseTransport):
    """A real HTTP transport that logs each request with the engine's (fake) time."""

    clock: FakeTime
    # Held to each request's deadline as the transports Timo makes itself are.
    inner: httpx.HTTPTransport = field(
        default_factory=lambda: hold_to_deadlines(httpx.HTTPTransport())
    )
    sent: list[Sent] = field(default_factory=list)
    after: list[Any] = field(default_factory=list)  # hooks: fn(request, response | None)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        record = Sent(
            request.method,
            request.url.path,
            self.clock.now(),
            None,
            dict(request.headers),
            request.read(),
        )
        self.sent.append(record)
        try:
            response = self.inner.handle_request(request)
        except Exception:
            for hook in self.after:
                hook(request, None)
            raise
        record.status = response.status_code
        for hook in self.after:
            hook(request, response)
        return response

    def close(self) -> None:
        self.inner.close()

    def writes(self, suffix: str = "") -> list[Sent]:
        """Requests that change entries (POST, PATCH, DELETE on time-entries)."""
        return [
            s
            for s in self.sent
            if s.method != "GET" and "/time-entries" in s.path and s.path.endswith(suffix)
        ]


@dataclass
class Timo:
    """One Timo installation under test: its tracker, store, engine and request log."""

    tracker: Tracker
    engine: SyncEngine
    recorder: Recorder
    client: VmooxClient
    time: FakeTime

    @property
    def store(self) -> Store:
        return self.tracker.store

    def close(self) -> None:
        self.client.close()
        self.engine.store.close()
        self.tracker.close()


def make_timo(
    sandbox: SandboxHandle,
    database: Path,
    time: FakeTime,
    *,
    tokens: TokenSource | None = None,
    server_url: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    **options: Any,
) -> Timo:
    """A Tracker and a SyncEngine (each with its own connection) on `database`; each
    request of the engine's may take `deadline` seconds in all."""
    tracker = Tracker.open(database, zone=ZONE, source=Source.DESKTOP)
    recorder = Recorder(time)
    client = VmooxClient(
        server_url or sandbox.base_url,
        tokens or StaticToken(sandbox.token),
        transport=recorder,
        timeout=httpx.Timeout(5.0, read=10.0),
        deadline=deadline,
    )
    engine = SyncEngine(
        Store.open(database),
        client,
        default_workspace=sandbox.workspace_id,
        clock=time.now,
        sleep=time.sleep,
        backoff=Backoff(base=0.05, cap=LONGEST_BACKOFF, rng=random.Random(7)),
        breaker=CircuitBreaker(threshold=4, cooldown=5.0, clock=lambda: time.now().timestamp()),
        **options,
    )
    return Timo(tracker, engine, recorder, client, time)


def slot(index: int, minutes: int = 15, days_ago: int = 30) -> tuple[datetime, datetime]:
    """A finished, non-overlapping time slot well before the seeded history."""
    day = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start = day - timedelta(days=days_ago + index // 60) + timedelta(minutes=20 * (index % 60))
    return start, start + timedelta(minutes=minutes)


def sync_past_backoff(timo: Timo) -> list[SyncReport]:
    """A round, and one more past the longest backoff: a resend after a lost answer waits
    a few milliseconds, kept to whole seconds, so it goes in the first round or, when that
    wait reaches the next second, in the second (after Vmoox asks for a pause in the
    first, the second waits as asked and sends nothing)."""
    first = timo.engine.sync()
    timo.time.sleep(LONGEST_BACKOFF)
    return [first, timo.engine.sync()]


def add(timo: Timo, index: int, description: str = "", target: Target = PROJECT) -> Entry:
    """A finished entry in slot `index`."""
    start, end = slot(index)
    return timo.tracker.add(description or f"work {index}", start, end, target=target)


# -- agreement ----------------------------------------------------------------------------


def _target(value: Any) -> Any:
    if not value:
        return None
    if value["type"] == "record":
        return ("record", value["id"], None)
    return ("project", value["id"], value.get("task_id"))


def server_entries(sandbox: SandboxHandle, workspace_id: str | None = None) -> list[dict[str, Any]]:
    """Every live entry of the demo user on the server, read without Timo's client."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": "500", **({"cursor": cursor} if cursor else {})}
        path = sandbox.entries_path(workspace_id=workspace_id)
        response = sandbox.client.get(path, params=params)
        response.raise_for_status()
        body = response.json()
        found.extend(body["data"])
        cursor = body["next_cursor"]
        if not cursor:
            return found


def server_entry(sandbox: SandboxHandle, client_ref: str) -> dict[str, Any]:
    """The server's live entry with this `client_ref`."""
    response = sandbox.client.get(sandbox.entries_path(), params={"client_ref": client_ref})
    response.raise_for_status()
    [entry] = response.json()["data"]
    return entry


def _server_view(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (
        _target(entry["target"]),
        entry["description"],
        tuple(entry["tags"]),
        entry["billable"],
        entry["start"],
        entry["end"],
        entry["timezone"],
    )


def _local_view(entry: Entry) -> tuple[Any, ...]:
    from timo_desktop.core.local_time import to_text

    target = entry.target
    if target.record_id:
        shaped: Any = ("record", target.record_id, None)
    elif target.project_id:
        shaped = ("project", target.project_id, target.task_id)
    else:
        shaped = None
    return (
        shaped,
        entry.description,
        entry.tags,
        entry.billable,
        to_text(entry.start),
        to_text(entry.end) if entry.end else None,
        entry.zone,
    )


def local_entries(store: Store, workspace_id: str) -> list[Entry]:
    """Live local entries that belong to `workspace_id`."""
    rows = store.connection.execute(
        "SELECT client_ref FROM entries WHERE deleted_at IS NULL AND workspace_id = ?",
        (workspace_id,),
    ).fetchall()
    # One held for a workspace it cannot be sent to is placed only once it can be.
    unassigned = store.connection.execute(
        "SELECT count(*) FROM entries e WHERE deleted_at IS NULL AND workspace_id IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.client_ref = e.client_ref"
        " AND o.state != 'done')"
    ).fetchone()[0]
    assert unassigned == 0, f"{unassigned} local entries never reached any workspace"
    found = [store.get(r[0]) for r in rows]
    return [e for e in found if e is not None]


def assert_in_agreement(
    store: Store,
    sandbox: SandboxHandle,
    workspace_id: str = "ws_1",
    *,
    waiting: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Server and local database hold the same entries with the same fields: nothing
    missing on either side, nothing twice, nothing left in the queue.

    `waiting` names entries that are expected to wait for the user (they must then
    be marked for attention, and are left out of the comparison).
    """
    server = server_entries(sandbox, workspace_id)
    refs = Counter(e["client_ref"] for e in server)
    twice = [ref for ref, count in refs.items() if count > 1]
    assert not twice, f"entries twice on the server: {twice}"
    contents = Counter((_server_view(e)[4], _server_view(e)[5], e["description"]) for e in server)
    doubled = [c for c, count in contents.items() if count > 1]
    assert not doubled, f"the same work is on the server more than once: {doubled}"
    local = {e.client_ref: e for e in local_entries(store, workspace_id)}
    remote = {e["client_ref"]: e for e in server}
    missing_on_server = sorted(set(local) - set(remote) - waiting)
    missing_here = sorted(set(remote) - set(local) - waiting)
    assert not missing_on_server, f"local entries missing on the server: {missing_on_server}"
    assert not missing_here, f"server entries missing locally: {missing_here}"
    for ref in sorted((set(local) & set(remote)) - waiting):
        assert _local_view(local[ref]) == _server_view(remote[ref]), f"fields differ for {ref}"
    open_ops = store.connection.execute(
        "SELECT o.client_ref, o.op, o.state FROM outbox o JOIN entries e USING (client_ref)"
        " WHERE o.state != 'done' AND e.workspace_id = ?",
        (workspace_id,),
    ).fetchall()
    left = [tuple(r) for r in open_ops if r[0] not in waiting]
    assert not left, f"operations left in the queue: {left}"
    for ref in waiting:
        entry = store.get(ref)
        assert entry is not None and entry.sync_state.value == "attention", ref


def post_on_server(
    sandbox: SandboxHandle,
    description: str,
    start: datetime,
    end: datetime | None = None,
    *,
    running: bool = False,
) -> str:
    """Create an entry directly on the server (as the web app would); returns its client_ref.

    `end` defaults to half an hour after `start`; a `running` entry has none.
    """
    ref = str(uuid.uuid4())
    response = sandbox.client.post(
        sandbox.entries_path(),
        json={
            "client_ref": ref,
            "target": {"type": "project", "id": "prj_1", "task_id": "tsk_2"},
            "description": description,
            "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": None
            if running
            else (end or start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "timezone": "Europe/Berlin",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return ref


def edit_on_server(sandbox: SandboxHandle, client_ref: str, body: dict[str, Any]) -> None:
    """Change an entry on the server as the web app would (a merge patch at its version)."""
    entry = server_entry(sandbox, client_ref)
    response = sandbox.client.patch(
        sandbox.entries_path(f"/{entry['id']}"),
        json=body,
        headers={
            "If-Match": f'"{entry["version"]}"',
            "Content-Type": "application/merge-patch+json",
        },
    )
    assert response.status_code == 200, response.text


def delete_on_server(sandbox: SandboxHandle, client_ref: str) -> None:
    """Delete an entry on the server as the web app would."""
    entry = server_entry(sandbox, client_ref)
    response = sandbox.client.delete(
        sandbox.entries_path(f"/{entry['id']}"), headers={"If-Match": f'"{entry["version"]}"'}
    )
    assert response.status_code == 204
