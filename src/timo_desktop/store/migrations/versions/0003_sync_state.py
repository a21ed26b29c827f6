"""Sync bookkeeping: frozen requests, the server's last known entry, field conflicts.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_requests",
        sa.Column("outbox_id", sa.Integer(), primary_key=True),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("batch_key", sa.String()),
    )
    op.create_index("ix_sync_requests_batch_key", "sync_requests", ["batch_key"])
    op.create_table(
        "sync_base",
        sa.Column("client_ref", sa.String(), primary_key=True),
        sa.Column("fields", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_ref", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("local_value", sa.Text(), nullable=False),
        sa.Column("server_value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(20), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_conflicts_client_ref", "sync_conflicts", ["client_ref"])


def downgrade() -> None:
    for table in ("sync_conflicts", "sync_base", "sync_requests"):
        op.drop_table(table)
