"""`VmooxClient`: one typed method per endpoint of the Vmoox API v1.

Synchronous (the sync engine runs it in a worker thread). Each call returns
a `Result` with the parsed body and the `ResponseMeta` (version, server
`Date`, `Idempotent-Replayed`, rate limit), or raises a `VmooxError`. The
only retry it does on its own is one token refresh after a 401
`invalid_token`; every other retry decision belongs to the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter

from timo_desktop.vmoox.errors import Unauthorized
from timo_desktop.vmoox.meta import ResponseMeta, Result
from timo_desktop.vmoox.models import (
    BatchOperation,
    BatchResult,
    Changes,
    Me,
    NewTimeEntry,
    Page,
    Project,
    Record,
    RequestBody,
    Task,
    TimeEntry,
    TimeEntryPatch,
    WorkspaceSettings,
)
from timo_desktop.vmoox.tokens import TokenSource
from timo_desktop.vmoox.transport import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    meta_of,
    new_http_client,
    parse,
    raise_for_problem,
    send,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

MAX_PAGE_SIZE = 500
MAX_BATCH_SIZE = 100


def _seg(value: str) -> str:
    """One path segment, escaped so an id can never change the path."""
    return quote(value, safe="")


def _if_match(version: int) -> str:
    return f'"{version}"'


def _time(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _params(**values: object) -> dict[str, str]:
    """Query parameters without the unset ones."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, datetime):
            out[key] = _time(value) or ""
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        else:
            out[key] = str(value)
    return out


def iter_pages(fetch: Callable[[str | None], Result[Page[T]]]) -> Iterator[T]:
    """Every item of a cursor-paged list, fetching pages lazily."""
    cursor: str | None = None
    while True:
        page = fetch(cursor).value
        yield from page.data
        if not page.next_cursor:
            return
        cursor = page.next_cursor


class VmooxClient:
    """A typed, thread-safe client for one Vmoox server.

    `server_url` must be https, or http to a loopback address. `tokens`
    supplies the bearer token (see `timo_desktop.vmoox.tokens`). `timeout`
    bounds each wait of a request, `deadline` (seconds) the whole of it.
    """

    def __init__(
        self,
        server_url: str,
        tokens: TokenSource,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = new_http_client(server_url, timeout=timeout, transport=transport)
        self._deadline = deadline
        self._tokens = tokens
        self.server_url = str(self._http.base_url).rstrip("/")

    def __repr__(self) -> str:
        return f"VmooxClient({self.server_url!r})"

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> VmooxClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- plumbing ------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        idempotency_key: str | None = None,
        if_match: int | None = None,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if if_match is not None:
            headers["If-Match"] = _if_match(if_match)
        if method == "PATCH":
            headers["Content-Type"] = "application/merge-patch+json"
        token = self._tokens.access_token()
        response = self._send(method, path, params, body, headers, token)
        if response.status_code == 401 and _token_invalid(response):
            response.close()
            token = self._tokens.refresh(token)
            response = self._send(method, path, params, body, headers, token)
            if response.status_code == 401:
                response.read()
                raise Unauthorized("the server refused the renewed access token", meta_of(response))
        raise_for_problem(response)
        return response

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Any,
        headers: dict[str, str],
        token: str,
    ) -> httpx.Response:
        request = self._http.build_request(
            method,
            path,
            params=params,
            json=body,
            headers={**headers, "Authorization": f"Bearer {token}"},
        )
        return send(self._http, request, deadline=self._deadline)

    def _get(self, model: type[M], path: str, **params: object) -> Result[M]:
        response = self._request("GET", path, params=_params(**params))
        return Result(parse(model, response), meta_of(response))

    def _entry_result(self, response: httpx.Response) -> Result[TimeEntry]:
        return Result(parse(TimeEntry, response), meta_of(response))

    @staticmethod
    def _ws(workspace_id: str) -> str:
        return f"/v1/workspaces/{_seg(workspace_id)}"

    # --- server and account --------------------------------------------------

    def status(self) -> Result[dict[str, Any]]:
        """`GET /v1/status`: whether the server is up (no sign-in needed)."""
        request = self._http.build_request("GET", "/v1/status")
        response = send(self._http, request, deadline=self._deadline)
        raise_for_problem(response)
        return Result(parse(_JSON_OBJECT, response), meta_of(response))

    def me(self) -> Result[Me]:
        """The signed-in user, their memberships and the server time."""
        return self._get(Me, "/v1/me")

    def workspace(self, workspace_id: str) -> Result[WorkspaceSettings]:
        """The workspace's settings: zone, lock date, overlap and length rules."""
        return self._get(WorkspaceSettings, self._ws(workspace_id))

    # --- records -------------------------------------------------------------

    def search_records(
        self,
        workspace_id: str,
        q: str | None = None,
        *,
        type: str | None = None,
        status: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Result[Page[Record]]:
        """One page of records matching the search."""
        return self._get(
            Page[Record],
            f"{self._ws(workspace_id)}/records",
            q=q,
            type=type,
            status=status,
            cursor=cursor,
            limit=limit,
        )

    def get_record(self, workspace_id: str, record_id: str) -> Result[Record]:
        """One record by id."""
        return self._get(Record, f"{self._ws(workspace_id)}/records/{_seg(record_id)}")

    def batch_get_records(self, workspace_id: str, ids: Sequence[str]) -> Result[list[Record]]:
        """The records with these ids (missing ones are left out)."""
        response = self._request(
            "POST", f"{self._ws(workspace_id)}/records:batchGet", body={"ids": list(ids)}
        )
        page = parse(Page[Record], response)
        return Result(page.data, meta_of(response))

    # --- projects and tasks --------------------------------------------------

    def list_projects(
        self,
        workspace_id: str,
        *,
        status: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Result[Page[Project]]:
        """One page of projects."""
        return self._get(
            Page[Project],
            f"{self._ws(workspace_id)}/projects",
            status=status,
            cursor=cursor,
            limit=limit,
        )

    def iter_projects(self, workspace_id: str, *, status: str | None = None) -> Iterator[Project]:
        """Every project, all pages."""
        return iter_pages(
            lambda cursor: self.list_projects(
                workspace_id, status=status, cursor=cursor, limit=MAX_PAGE_SIZE
            )
        )

    def project_changes(
        self, workspace_id: str, sync_token: str | None = None, *, limit: int | None = None
    ) -> Result[Changes[Project]]:
        """Projects changed since `sync_token` (all of them without one)."""
        return self._get(
            Changes[Project],
            f"{self._ws(workspace_id)}/projects/changes",
            sync_token=sync_token,
            limit=limit,
        )

    def list_tasks(
        self, workspace_id: str, project_id: str, *, cursor: str | None = None
    ) -> Result[Page[Task]]:
        """One page of a project's tasks."""
        return self._get(
            Page[Task],
            f"{self._ws(workspace_id)}/projects/{_seg(project_id)}/tasks",
            cursor=cursor,
        )

    def iter_tasks(self, workspace_id: str, project_id: str) -> Iterator[Task]:
        """Every task of a project, all pages."""
        return iter_pages(lambda cursor: self.list_tasks(workspace_id, project_id, cursor=cursor))

    # --- time entries --------------------------------------------------------

    def _entries(self, workspace_id: str) -> str:
        return f"{self._ws(workspace_id)}/time-entries"

    def create_time_entry(
        self,
        workspace_id: str,
        entry: NewTimeEntry | Mapping[str, Any],
        *,
        idempotency_key: str,
    ) -> Result[TimeEntry]:
        """Create an entry (201), or get the replayed/existing one (`meta.replayed`, 200)."""
        response = self._request(
            "POST",
            self._entries(workspace_id),
            body=_body(entry),
            idempotency_key=idempotency_key,
        )
        return self._entry_result(response)

    def get_time_entry(self, workspace_id: str, entry_id: str) -> Result[TimeEntry]:
        """One entry with its version."""
        return self._get(TimeEntry, f"{self._entries(workspace_id)}/{_seg(entry_id)}")

    def update_time_entry(
        self,
        workspace_id: str,
        entry_id: str,
        patch: TimeEntryPatch | Mapping[str, Any],
        *,
        if_match: int,
        idempotency_key: str | None = None,
    ) -> Result[TimeEntry]:
        """Merge-patch an entry at version `if_match` (raises `VersionMismatch` when stale)."""
        response = self._request(
            "PATCH",
            f"{self._entries(workspace_id)}/{_seg(entry_id)}",
            body=_body(patch),
            idempotency_key=idempotency_key,
            if_match=if_match,
        )
        return self._entry_result(response)

    def delete_time_entry(
        self,
        workspace_id: str,
        entry_id: str,
        *,
        if_match: int,
        idempotency_key: str | None = None,
    ) -> ResponseMeta:
        """Delete an entry at version `if_match`; deleting a deleted entry succeeds too."""
        response = self._request(
            "DELETE",
            f"{self._entries(workspace_id)}/{_seg(entry_id)}",
            idempotency_key=idempotency_key,
            if_match=if_match,
        )
        return meta_of(response)

    def stop_time_entry(
        self,
        workspace_id: str,
        entry_id: str,
        end: datetime,
        *,
        idempotency_key: str | None = None,
    ) -> Result[TimeEntry]:
        """Stop a running entry at `end`; stopping a stopped entry returns it unchanged."""
        response = self._request(
            "POST",
            f"{self._entries(workspace_id)}/{_seg(entry_id)}/stop",
            body={"end": _time(end)},
            idempotency_key=idempotency_key,
        )
        return self._entry_result(response)

    def current_time_entry(self, workspace_id: str) -> Result[TimeEntry | None]:
        """The user's running entry, or None (204)."""
        response = self._request("GET", f"{self._ws(workspace_id)}/me/time-entries/current")
        value = parse(TimeEntry, response) if response.content else None
        return Result(value, meta_of(response))

    def list_time_entries(
        self,
        workspace_id: str,
        *,
        start_from: datetime | None = None,
        start_to: datetime | None = None,
        client_ref: str | None = None,
        user: str = "me",
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Result[Page[TimeEntry]]:
        """One page of entries filtered by start time and/or `client_ref`."""
        return self._get(
            Page[TimeEntry],
            self._entries(workspace_id),
            user=user,
            start_from=start_from,
            start_to=start_to,
            client_ref=client_ref,
            cursor=cursor,
            limit=limit,
        )

    def iter_time_entries(
        self,
        workspace_id: str,
        *,
        start_from: datetime | None = None,
        start_to: datetime | None = None,
        client_ref: str | None = None,
    ) -> Iterator[TimeEntry]:
        """Every matching entry, all pages."""
        return iter_pages(
            lambda cursor: self.list_time_entries(
                workspace_id,
                start_from=start_from,
                start_to=start_to,
                client_ref=client_ref,
                cursor=cursor,
                limit=MAX_PAGE_SIZE,
            )
        )

    def time_entry_changes(
        self, workspace_id: str, sync_token: str | None = None, *, limit: int | None = None
    ) -> Result[Changes[TimeEntry]]:
        """Entries changed since `sync_token`, tombstones included; none → full snapshot.

        Raises `SyncTokenExpired` when the token is too old.
        """
        return self._get(
            Changes[TimeEntry],
            f"{self._entries(workspace_id)}/changes",
            sync_token=sync_token,
            limit=limit,
        )

    def batch_time_entries(
        self,
        workspace_id: str,
        operations: Sequence[BatchOperation | Mapping[str, Any]],
        *,
        idempotency_key: str,
    ) -> Result[BatchResult]:
        """Up to 100 creates/updates/deletes in one request; not atomic, one result each."""
        if not 0 < len(operations) <= MAX_BATCH_SIZE:
            raise ValueError(
                f"a batch holds 1 to {MAX_BATCH_SIZE} operations, not {len(operations)}"
            )
        response = self._request(
            "POST",
            f"{self._entries(workspace_id)}:batch",
            body={"operations": [_body(op) for op in operations]},
            idempotency_key=idempotency_key,
        )
        return Result(parse(BatchResult, response), meta_of(response))


_JSON_OBJECT: TypeAdapter[dict[str, Any]] = TypeAdapter(dict[str, Any])


def _body(value: RequestBody | Mapping[str, Any]) -> dict[str, Any]:
    return value.to_json() if isinstance(value, RequestBody) else dict(value)


def _token_invalid(response: httpx.Response) -> bool:
    """A 401 that a fresh access token may cure (expired or revoked access token)."""
    challenge = response.headers.get("www-authenticate", "")
    return "invalid_token" in challenge or not challenge
