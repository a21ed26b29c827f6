"""Entries, the sync outbox, key/value meta and the heartbeat.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("client_ref", sa.String(36), primary_key=True),
        sa.Column("workspace_id", sa.String()),
        sa.Column("remote_id", sa.String(), unique=True),
        sa.Column("remote_version", sa.Integer()),
        sa.Column("project_id", sa.String()),
        sa.Column("task_id", sa.String()),
        sa.Column("record_id", sa.String()),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("tags", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("billable", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("start_at", sa.String(20), nullable=False),
        sa.Column("end_at", sa.String(20)),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.String(20), nullable=False),
        sa.Column("deleted_at", sa.String(20)),
        sa.Column("sync_state", sa.String(), nullable=False, server_default="pending"),
        sa.CheckConstraint(
            "sync_state IN ('pending', 'synced', 'attention')", name="ck_entries_sync"
        ),
    )
    op.create_index("ix_entries_start_at", "entries", ["start_at"])
    op.create_index(
        "ix_entries_one_running",
        "entries",
        [sa.text("(end_at IS NULL)")],
        unique=True,
        sqlite_where=sa.text("end_at IS NULL AND deleted_at IS NULL"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_ref", sa.String(36), nullable=False),
        sa.Column("workspace_id", sa.String()),
        sa.Column("op", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(), nullable=False, unique=True),
        sa.Column("state", sa.String(), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", sa.String(20)),
        sa.Column("created_at", sa.String(20), nullable=False),
        sa.Column("sent_at", sa.String(20)),
        sa.Column("last_error_code", sa.String()),
        sa.Column("last_error_message", sa.Text()),
        sa.CheckConstraint("op IN ('create', 'update', 'delete', 'stop')", name="ck_outbox_op"),
        sa.CheckConstraint(
            "state IN ('pending', 'inflight', 'done', 'parked')", name="ck_outbox_state"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])
    op.create_index("ix_outbox_client_ref", "outbox", ["client_ref"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "heartbeat",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("alive_at", sa.String(20), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_heartbeat_single"),
    )


def downgrade() -> None:
    for table in ("heartbeat", "meta", "outbox", "entries"):
        op.drop_table(table)
