"""Update times from clock_timestamp() too, so a row is never updated before it was created

Revision ID: ordering_0002
Revises: ordering_0001
Create Date: 2026-11-25 17:20:00+00:00

created_at came from clock_timestamp() and updated_at from now() (the transaction's start), so a
freshly made row showed an updated_at a few milliseconds before its created_at. Rows already
written that way get updated_at = created_at.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ordering_0002"
down_revision: str | None = "ordering_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tables() -> list[str]:
    rows = op.get_bind().execute(
        sa.text(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'updated_at' ORDER BY table_name"
        )
    )
    return [table for (table,) in rows]


def upgrade() -> None:
    for table in _tables():
        op.alter_column(table, "updated_at", server_default=sa.text("clock_timestamp()"))
        rows = sa.table(table, sa.column("created_at"), sa.column("updated_at"))
        op.execute(
            sa.update(rows).where(rows.c.updated_at < rows.c.created_at).values(updated_at=rows.c.created_at)
        )


def downgrade() -> None:
    for table in _tables():
        op.alter_column(table, "updated_at", server_default=sa.text("now()"))
