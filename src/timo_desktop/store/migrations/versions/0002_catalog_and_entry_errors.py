"""The catalog cache (projects, tasks, records) and the server's last error on entries.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop the expression index on running timers.
    op.add_column("entries", sa.Column("last_error_code", sa.String()))
    op.add_column("entries", sa.Column("last_error_message", sa.Text()))
    op.create_table(
        "projects",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("workspace_id", sa.String()),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("client_record_id", sa.String()),
        sa.Column("status", sa.String(), nullable=False, server_default="active"),
        sa.Column("billable_default", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("can_track", sa.Boolean(), nullable=False, server_default=sa.text("1")),
        sa.Column("service_type", sa.String()),
        sa.Column("phase", sa.String()),
        sa.Column("estimate_minutes", sa.Integer()),
        sa.Column("version", sa.Integer()),
        sa.Column("updated_at", sa.String(20)),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, server_default="open"),
        sa.Column("estimate_minutes", sa.Integer()),
        sa.Column("version", sa.Integer()),
    )
    op.create_index("ix_tasks_project_id", "tasks", ["project_id"])
    op.create_table(
        "records",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("workspace_id", sa.String()),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("subtitle", sa.String()),
        sa.Column("status", sa.String(), nullable=False, server_default="active"),
        sa.Column("trackable", sa.Boolean(), nullable=False, server_default=sa.text("1")),
        sa.Column("segment", sa.String()),
        sa.Column("version", sa.Integer()),
        sa.Column("updated_at", sa.String(20)),
    )


def downgrade() -> None:
    for table in ("records", "tasks", "projects"):
        op.drop_table(table)
    op.drop_column("entries", "last_error_message")
    op.drop_column("entries", "last_error_code")
