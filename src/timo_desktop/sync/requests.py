"""What to send for one outbox operation, decided from the entry as it is now.

Until its first send an operation is rebuilt from the entry's current state
against what the server last confirmed (`sync_base`), so a create followed by
edits goes out as one create and later operations find nothing left to say.
Once sent, the request is frozen (`store.sync_state.mark_sent`) and every
retry sends exactly it again under the same idempotency key.
"""

from __future__ import annotations

import json
from typing import Any

from timo_desktop import __version__
from timo_desktop.core.entry import Entry
from timo_desktop.store.outbox import Op
from timo_desktop.store.sync_state import RemoteLink
from timo_desktop.sync.fields import changed, local_fields, patch_body

Request = dict[str, Any]


def source(device_id: str) -> dict[str, str]:
    """Which app and device wrote an entry."""
    from timo_desktop.vmoox.transport import os_name

    return {"app": "timo-desktop", "version": __version__, "os": os_name(), "device_id": device_id}


def create_body(entry: Entry, device_id: str) -> dict[str, Any]:
    """The full body of a create (None fields left out, as the client would)."""
    fields = local_fields(entry)
    body: dict[str, Any] = {"client_ref": entry.client_ref, **fields, "source": source(device_id)}
    return {name: value for name, value in body.items() if value is not None}


def build(op: Op, entry: Entry, link: RemoteLink | None, device_id: str) -> Request | None:
    """The request that brings the server to `entry`, or None when there is nothing to
    send under its `client_ref`: the server agrees, or holds it deleted (then the engine,
    marking the operation done, brings a live entry back as a new one).

    `{"kind": "create", "body"}`, `{"kind": "patch", "id", "version", "body"}`,
    `{"kind": "stop", "id", "end"}` or `{"kind": "delete", "id", "version"}`, with
    keys in the order they are frozen in, so a resend is byte for byte the same.
    """
    request = _build(op, entry, link, device_id)
    return json.loads(json.dumps(request, sort_keys=True)) if request is not None else None


def _build(op: Op, entry: Entry, link: RemoteLink | None, device_id: str) -> Request | None:
    remote_id = link.remote_id if link else None
    base = link.base if link else None
    if remote_id is None or base is None:
        if entry.is_deleted:
            return None  # never reached the server: nothing to create or delete
        return {"kind": "create", "body": create_body(entry, device_id)}
    version = link.remote_version if link else None
    if base.get("deleted"):
        # Vmoox keeps this `client_ref` deleted for good: nothing sent under it can change
        # that. A live entry is brought back as a new one once its operation is done.
        return None
    if entry.is_deleted:
        return {"kind": "delete", "id": remote_id, "version": version}
    changes = changed(local_fields(entry), base)
    if not changes:
        return None
    if op is Op.STOP and set(changes) == {"end"} and base.get("end") is None:
        # The stop call is idempotent: if the entry was stopped elsewhere it stays as it is.
        return {"kind": "stop", "id": remote_id, "end": changes["end"]}
    return {"kind": "patch", "id": remote_id, "version": version, "body": patch_body(changes)}
