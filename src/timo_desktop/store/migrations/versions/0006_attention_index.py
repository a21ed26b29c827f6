"""An index of the entries waiting for the person, read at each refresh of the window.

Sync's questions (`sync_state = 'attention'`) are asked for at every refresh of the list
and every sync status; without an index each asking read every entry (~10 ms with 29,000).
Partial: it holds only those entries, so it costs nothing while none wait.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the same as `schema.py` declares
    op.create_index(
        "ix_entries_attention",
        "entries",
        ["start_at"],
        sqlite_where=sa.text("sync_state = 'attention'"),
    )


def downgrade() -> None:
    op.drop_index("ix_entries_attention", "entries")
