"""The database schema, defined once. Alembic migrations bring old files to this shape.

Importing this module costs SQLAlchemy; the everyday path (`store.database`)
uses the standard `sqlite3` module and never imports it. Instants are RFC 3339
UTC text (`2026-03-03T09:00:00Z`), which sorts correctly as text; an entry's
start and end are also kept as integer epoch seconds (migration 0004) so
reports subtract integers instead of parsing text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

entries = Table(
    "entries",
    metadata,
    Column("client_ref", String(36), primary_key=True),
    Column("workspace_id", String),
    Column("remote_id", String, unique=True),
    Column("remote_version", Integer),
    Column("project_id", String),
    Column("task_id", String),
    Column("record_id", String),
    Column("description", Text, nullable=False, server_default=""),
    Column("tags", Text, nullable=False, server_default="[]"),  # JSON list of strings
    Column("billable", Boolean, nullable=False, server_default=text("0")),
    Column("start_at", String(20), nullable=False),
    Column("end_at", String(20)),
    Column("timezone", String, nullable=False),
    Column("source", String, nullable=False),
    Column("created_at", String(20), nullable=False),
    Column("updated_at", String(20), nullable=False),
    Column("deleted_at", String(20)),
    Column("sync_state", String, nullable=False, server_default="pending"),
    Column("last_error_code", String),
    Column("last_error_message", Text),
    # start_at / end_at as seconds since 1970 UTC, written with them by `database.write_entry`
    Column("start_epoch", Integer),
    Column("end_epoch", Integer),
    CheckConstraint("sync_state IN ('pending', 'synced', 'attention')", name="ck_entries_sync"),
)
Index("ix_entries_start_at", entries.c.start_at)
# Covering indexes for reports (migration 0004): a date range read from the index
# alone, and each project's or task's time to date summed in key order, unsorted.
Index(
    "ix_entries_report",
    entries.c.start_epoch,
    entries.c.end_epoch,
    entries.c.billable,
    entries.c.project_id,
    entries.c.task_id,
    entries.c.record_id,
    entries.c.deleted_at,
)
Index(
    "ix_entries_project_time",
    entries.c.project_id,
    entries.c.start_epoch,
    entries.c.end_epoch,
    entries.c.billable,
    entries.c.deleted_at,
)
Index(
    "ix_entries_task_time",
    entries.c.task_id,
    entries.c.start_epoch,
    entries.c.end_epoch,
    entries.c.billable,
    entries.c.deleted_at,
)
# The entries waiting for the person (migration 0006), asked for at each refresh of the list.
Index(
    "ix_entries_attention",
    entries.c.start_at,
    sqlite_where=text("sync_state = 'attention'"),
)
# At most one running timer, enforced by SQLite itself.
Index(
    "ix_entries_one_running",
    text("(end_at IS NULL)"),
    unique=True,
    sqlite_where=text("end_at IS NULL AND deleted_at IS NULL"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_ref", String(36), nullable=False),
    Column("workspace_id", String),
    Column("op", String, nullable=False),
    Column("payload", Text, nullable=False),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("state", String, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", String(20)),
    Column("created_at", String(20), nullable=False),
    Column("sent_at", String(20)),
    Column("last_error_code", String),
    Column("last_error_message", Text),
    CheckConstraint("op IN ('create', 'update', 'delete', 'stop')", name="ck_outbox_op"),
    CheckConstraint("state IN ('pending', 'inflight', 'done', 'parked')", name="ck_outbox_state"),
    sqlite_autoincrement=True,
)
Index("ix_outbox_state_id", outbox.c.state, outbox.c.id)
Index("ix_outbox_client_ref", outbox.c.client_ref)

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

heartbeat = Table(
    "heartbeat",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alive_at", String(20), nullable=False),
    Column("pid", Integer, nullable=False),
    CheckConstraint("id = 1", name="ck_heartbeat_single"),
)


def tracked_columns() -> list[Column[Any]]:
    """Everyone's time on a project or task as Vmoox counted it (migration 0005), when
    it was read, and how much of it was this computer's own entries as Vmoox had them
    then (`sync_base`): reports add the rest of Vmoox's count to the time here, so
    nothing counts twice. All three are null until sync has read a count."""
    return [
        Column("tracked_minutes", Integer),
        Column("tracked_at", String(20)),
        Column("tracked_own_seconds", Integer),
    ]


projects = Table(
    "projects",
    metadata,
    Column("id", String, primary_key=True),
    Column("workspace_id", String),
    Column("name", String, nullable=False),
    Column("client_record_id", String),
    Column("status", String, nullable=False, server_default="active"),
    Column("billable_default", Boolean, nullable=False, server_default=text("0")),
    Column("can_track", Boolean, nullable=False, server_default=text("1")),
    Column("service_type", String),
    Column("phase", String),
    Column("estimate_minutes", Integer),
    Column("version", Integer),
    Column("updated_at", String(20)),
    *tracked_columns(),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", String, primary_key=True),
    Column("project_id", String, nullable=False),
    Column("name", String, nullable=False),
    Column("status", String, nullable=False, server_default="open"),
    Column("estimate_minutes", Integer),
    Column("version", Integer),
    *tracked_columns(),
)
Index("ix_tasks_project_id", tasks.c.project_id)

records = Table(
    "records",
    metadata,
    Column("id", String, primary_key=True),
    Column("workspace_id", String),
    Column("type", String, nullable=False),
    Column("display_name", String, nullable=False),
    Column("subtitle", String),
    Column("status", String, nullable=False, server_default="active"),
    Column("trackable", Boolean, nullable=False, server_default=text("1")),
    Column("segment", String),
    Column("version", Integer),
    Column("updated_at", String(20)),
)

# -- sync bookkeeping (migration 0003; written only by `store.sync_state`) ------------
sync_requests = Table(
    "sync_requests",
    metadata,
    Column("outbox_id", Integer, primary_key=True),
    Column("request", Text, nullable=False),  # JSON: the request as first sent, frozen
    Column("batch_key", String),  # idempotency key of the batch it went in, if any
)
Index("ix_sync_requests_batch_key", sync_requests.c.batch_key)

sync_base = Table(
    "sync_base",
    metadata,
    Column("client_ref", String, primary_key=True),
    Column("fields", Text, nullable=False),  # JSON: the entry as the server last confirmed it
)

sync_conflicts = Table(
    "sync_conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_ref", String, nullable=False),
    Column("field", String, nullable=False),
    Column("local_value", Text, nullable=False),  # JSON: the value the server replaced
    Column("server_value", Text, nullable=False),
    Column("created_at", String(20), nullable=False),
    # Both sides changed the field while Vmoox kept the entry read-only (migration 0007):
    # asked about once unlocked, where a value kept beside a refusal is sent by itself.
    Column("ask_once_unlocked", Boolean, nullable=False, server_default=text("0")),
    sqlite_autoincrement=True,
)
Index("ix_sync_conflicts_client_ref", sync_conflicts.c.client_ref)
