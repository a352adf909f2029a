"""Creation times from clock_timestamp(): rows made in one transaction keep the order they were made in

Revision ID: ordering_0001
Revises: deals_0001
Create Date: 2026-11-25 15:40:00+00:00

now() is the transaction's start time, so every row written by one request had the same
created_at, and histories, timelines and pages ordered by time fell back to the random id.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ordering_0001"
down_revision: str | None = "deals_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) of every creation time; `created_at` of every table that has one, found below.
_OTHER_COLUMNS = [("deal_events", "at")]


def _creation_columns() -> list[tuple[str, str]]:
    rows = op.get_bind().execute(
        sa.text(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'created_at' ORDER BY table_name"
        )
    )
    return [(table, "created_at") for (table,) in rows] + _OTHER_COLUMNS


def upgrade() -> None:
    for table, column in _creation_columns():
        op.alter_column(table, column, server_default=sa.text("clock_timestamp()"))


def downgrade() -> None:
    for table, column in _creation_columns():
        op.alter_column(table, column, server_default=sa.text("now()"))
