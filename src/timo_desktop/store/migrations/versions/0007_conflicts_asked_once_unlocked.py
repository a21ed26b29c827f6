"""Which kept values an unlock asks about instead of sending.

A field changed both here and on the web while Vmoox kept the entry read-only (a 412's
copy of a locked period) is the question any field changed on both sides is, once the
period is unlocked; the values kept beside a refusal that were changed only here are
sent by themselves then. Existing rows are values kept beside, as before.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the same as `schema.py` declares
    op.add_column(
        "sync_conflicts",
        sa.Column("ask_once_unlocked", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    # SQLite 3.35 and later drop columns in place, without a table rebuild.
    op.execute("ALTER TABLE sync_conflicts DROP COLUMN ask_once_unlocked")
