"""Entry start and end as integer epoch seconds beside the text, with report indexes.

Reports sum durations over a year of entries; subtracting two integers read
from an index is several times cheaper than parsing two RFC 3339 strings per
entry. Existing rows are filled from their text.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# name -> columns; the same as `schema.py` declares
INDEXES = {
    "ix_entries_report": (
        "start_epoch",
        "end_epoch",
        "billable",
        "project_id",
        "task_id",
        "record_id",
        "deleted_at",
    ),
    "ix_entries_project_time": ("project_id", "start_epoch", "end_epoch", "billable", "deleted_at"),
    "ix_entries_task_time": ("task_id", "start_epoch", "end_epoch", "billable", "deleted_at"),
}


def upgrade() -> None:
    op.add_column("entries", sa.Column("start_epoch", sa.Integer()))
    op.add_column("entries", sa.Column("end_epoch", sa.Integer()))
    op.execute(
        "UPDATE entries SET start_epoch = CAST(strftime('%s', start_at) AS INTEGER),"
        " end_epoch = CAST(strftime('%s', end_at) AS INTEGER)"
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "entries", list(columns))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, "entries")
    # SQLite 3.35 and later drop columns in place, without a table rebuild.
    op.execute("ALTER TABLE entries DROP COLUMN end_epoch")
    op.execute("ALTER TABLE entries DROP COLUMN start_epoch")
