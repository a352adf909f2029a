"""The complaint statistics' staff concerned read a partial index of the complaints that concern someone

Revision ID: complaints_0002
Revises: commission_0002
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "complaints_0002"
down_revision: str | None = "commission_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_complaints_project_concerned",
        "complaints",
        ["project_id", "created_at"],
        unique=False,
        postgresql_where=sa.text("cardinality(concerned_user_ids) > 0"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_complaints_project_concerned",
        table_name="complaints",
        postgresql_where=sa.text("cardinality(concerned_user_ids) > 0"),
    )
