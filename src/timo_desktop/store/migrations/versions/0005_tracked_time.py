"""Everyone's time on each project and task, as Vmoox counts it, for estimates to date.

A project's or task's `tracked_minutes` (all people's finished time), when sync
read it (`tracked_at`), and how much of it was this computer's own entries as
Vmoox had them then (`tracked_own_seconds`). Existing rows stay null until the
next pull reads the counts; reports count only the person's own time meanwhile.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# the same as `schema.tracked_columns` declares
COLUMNS = (
    ("tracked_minutes", sa.Integer()),
    ("tracked_at", sa.String(20)),
    ("tracked_own_seconds", sa.Integer()),
)


def upgrade() -> None:
    for table in ("projects", "tasks"):
        for name, kind in COLUMNS:
            op.add_column(table, sa.Column(name, kind))


def downgrade() -> None:
    # SQLite 3.35 and later drop columns in place, without a table rebuild.
    for table in ("tasks", "projects"):
        for name, _ in reversed(COLUMNS):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
