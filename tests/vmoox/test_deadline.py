"""A whole request has a deadline: an answer trickled a few bytes at a time, which no
read timeout ever trips, is abandoned at it as an answer that never came, against the
real sandbox over loopback. Each trickle here is finite (~10 s): without the deadline
the request ends in success, not in the error asked for. The deadline holds at every
wait, the status line and headers included: a request ends at it, not at the next piece
of the answer after it (the sandbox counts the pieces it sent before the client left)."""

from __future__ import annotations

import httpx
import pytest

from tests.support.sandbox import SandboxHandle
from tests.vmoox.test_client_sandbox import new_entry, past
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import NetworkError
from timo_desktop.vmoox.tokens import StaticToken
from timo_desktop.vmoox.transport import new_http_client, send

# Each piece arrives well within any read timeout; the whole answer takes ~10 s or more.
TRICKLE = {"piece_bytes": 32, "pause_ms": 500, "times": 1}
# The head a piece at a time: its status line and headers take 10 pieces or more (5 s).
TRICKLED_HEAD = {"head": True, "piece_bytes": 8, "pause_ms": 500, "times": 1}
HEAD_PIECES = 10
NO_ANSWER = "no answer from 127.0.0.1: it did not answer in time"


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


def test_a_body_trickled_past_the_deadline_ends_at_it_not_at_the_next_piece(
    sandbox: SandboxHandle,
) -> None:
    """Each piece comes well within the read timeout (30 s); the deadline (4 s) falls
    between the first piece (at 3 s) and the second (at 6 s): the request ends there.
    Before, it waited for the second piece: past the deadline by up to a read's wait (with
    the 60 s deadline and 30 s read timeout a sync round has, up to 90 s in all)."""
    with VmooxClient(
        sandbox.base_url,
        StaticToken(sandbox.token),
        timeout=httpx.Timeout(5.0, read=30.0),
        deadline=4.0,
    ) as api:
        pace = {"piece_bytes": 64, "pause_ms": 3000, "times": 1}
        sandbox.add_fault("/v1/me", "trickle", method="GET", **pace)
        with pytest.raises(NetworkError) as late:
            api.me()
    assert (str(late.value), late.value.maybe_committed) == (NO_ANSWER, True)
    assert sandbox.faults()[0]["pieces_sent"] == 1  # it ended before the second piece


def _me(http: httpx.Client, sandbox: SandboxHandle, events: list[str]) -> httpx.Request:
    """`GET /v1/me`, noting httpcore's steps as it goes (a connection made is one)."""
    return http.build_request(
        "GET",
        "/v1/me",
        headers={"Authorization": f"Bearer {sandbox.token}"},
        extensions={"trace": lambda name, info: events.append(name)},
    )


def _connected(events: list[str]) -> bool:
    return "connection.connect_tcp.complete" in events


def test_a_status_line_and_headers_trickled_end_at_the_deadline(sandbox: SandboxHandle) -> None:
    """On the connection the last request left open, as a sync round sends its requests,
    which the request cut off does not go back to. Before, only each read's own timeout
    bounded the head, which a byte at a time never trips: a request (and so a round, and
    the database's sync turn) was held for as long as the server or a proxy pleased."""
    with new_http_client(sandbox.base_url, timeout=httpx.Timeout(5.0, read=30.0)) as http:
        first: list[str] = []
        send(http, _me(http, sandbox, first), deadline=2.0)
        sandbox.add_fault("/v1/me", "trickle", method="GET", **TRICKLED_HEAD)
        trickled: list[str] = []
        with pytest.raises(NetworkError) as late:
            send(http, _me(http, sandbox, trickled), deadline=2.0)
        after: list[str] = []
        answer = send(http, _me(http, sandbox, after), deadline=2.0)
    assert (str(late.value), late.value.maybe_committed) == (NO_ANSWER, True)
    assert sandbox.faults()[0]["pieces_sent"] < HEAD_PIECES  # before its head was through
    assert (_connected(first), _connected(trickled)) == (True, False)  # kept alive
    assert answer.status_code == 200 and _connected(after)  # not the connection cut off


def test_a_request_on_a_connection_kept_alive_takes_the_same_connection(
    sandbox: SandboxHandle,
) -> None:
    """Holding the deadline changes nothing on the usual way: answers that come in time
    leave their connection open for the next request."""
    steps: list[list[str]] = [[], [], []]
    with new_http_client(sandbox.base_url) as http:
        # The address and port this side of each answer's connection.
        ends = [
            send(http, _me(http, sandbox, events))
            .extensions["network_stream"]
            .get_extra_info("client_addr")
            for events in steps
        ]
    assert [_connected(events) for events in steps] == [True, False, False]
    assert ends[0] == ends[1] == ends[2]


def test_a_create_whose_head_is_trickled_is_ended_at_the_deadline_and_settled_by_its_replay(
    api: VmooxClient, sandbox: SandboxHandle
) -> None:
    """Vmoox took the entry, then its answer's head came a byte at a time: "maybe
    committed", and the replay under the same key finds it; one entry, never two."""
    ws = sandbox.workspace_id
    path = f"/v1/workspaces/{ws}/time-entries"
    sandbox.add_fault(path, "trickle", method="POST", **TRICKLED_HEAD)
    body = new_entry(past(3), past(2))
    with pytest.raises(NetworkError) as late:
        api.create_time_entry(ws, body, idempotency_key="head-trickled-1")
    assert (str(late.value), late.value.maybe_committed) == (NO_ANSWER, True)
    assert sandbox.faults()[0]["pieces_sent"] < HEAD_PIECES
    replay = api.create_time_entry(ws, body, idempotency_key="head-trickled-1")
    assert replay.meta.replayed
    assert [e.id for e in api.list_time_entries(ws, client_ref=body.client_ref).value.data] == [
        replay.value.id
    ]
