# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""A whole request has a deadline: an answer trickled a few bytes at a time, which no
read timeout ever trips, is abandoned at it as an answer that never came, against the
real sandbox over loopback. Each trickle here is finite (~10 s): without the deadline
the request ends in success, not in the error asked for."""

from __future__ import annotations

import httpx
import pytest

from tests.support.sandbox import SandboxHandle, sandbox, sandbox_server  # noqa: F401
from tests.vmoox.test_client_sandbox import new_entry, past
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import NetworkError
from timo_desktop.vmoox.tokens import StaticToken

# Each piece arrives well within any read timeout; the whole answer takes ~10 s or more.
TRICKLE = {"piece_bytes": 32, "pause_ms": 500, "times": 1}


@pytest.fixture
def api(sandbox: SandboxHandle) -> VmooxClient:
    """A client whose requests may take 1.5 s in all, each read up to 1 s."""
    timeout = httpx.Timeout(5.0, read=1.0)
    with VmooxClient(
        sandbox.base_url, StaticToken(sandbox.token), timeout=timeout, deadline=1.5
    ) as client:
        yield client  # type: ignore[misc]


def test_a_trickled_read_ends_as_a_read_timeout_does(
    api: VmooxClient, sandbox: SandboxHandle
) -> None:
    sandbox.add_fault("/v1/me", "trickle", method="GET", **TRICKLE)
    with pytest.raises(NetworkError) as trickled:
        api.me()
    sandbox.add_fault("/v1/me", "latency", latency_ms=2000, times=1)
    with pytest.raises(NetworkError) as timed_out:
        api.me()  # silent for longer than the read timeout
    assert (
        str(trickled.value)
        == str(timed_out.value)
        == ("no answer from 127.0.0.1: it did not answer in time")
    )
    assert trickled.value.maybe_committed is timed_out.value.maybe_committed is True
    assert api.me().value.user.id == sandbox.user_id  # the next request goes as usual


def test_a_trickled_create_may_have_been_committed_and_its_replay_settles_it(
    api: VmooxClient, sandbox: SandboxHandle
) -> None:
    ws = sandbox.workspace_id
    sandbox.add_fault(f"/v1/workspaces/{ws}/time-entries", "trickle", method="POST", **TRICKLE)
    body = new_entry(past(3), past(2))
    with pytest.raises(NetworkError) as trickled:
        api.create_time_entry(ws, body, idempotency_key="trickled-1")
    assert trickled.value.maybe_committed
    replay = api.create_time_entry(ws, body, idempotency_key="trickled-1")
    assert replay.meta.replayed
    assert [e.id for e in api.list_time_entries(ws, client_ref=body.client_ref).value.data] == [
        replay.value.id
    ]


def test_an_answer_coming_at_a_working_pace_is_read_whole_past_the_deadline(
    api: VmooxClient, sandbox: SandboxHandle
) -> None:
    """A slow but steady link (here 1.28 KiB/s) brings a page whole, though it takes longer
    than the deadline: a first sync over it had ended every round at the first page."""
    ws = sandbox.workspace_id
    pace = {"piece_bytes": 512, "pause_ms": 400, "times": 1}
    sandbox.add_fault(f"/v1/workspaces/{ws}/projects", "trickle", method="GET", **pace)
    projects = api.list_projects(ws).value.data
    assert {p.id for p in projects} == {p.id for p in api.list_projects(ws).value.data}
    assert sandbox.faults()[0]["fired"] == 1  # it came trickled, over more than 1.5 s
