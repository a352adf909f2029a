"""Login attempts remember their source address, so guessing is throttled per address too

Revision ID: auth_0002
Revises: ordering_0002
Create Date: 2026-12-03 09:00:00+00:00

A spray of made-up e-mails from one address was never throttled (the count was per e-mail only),
and the per-e-mail lock let anyone lock a known account out for 15 minutes. Attempts now carry the
address they came from; rows written before have an empty source.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "auth_0002"
down_revision: str | None = "ordering_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "login_attempts", sa.Column("source", sa.String(length=64), server_default="", nullable=False)
    )
    op.create_index("ix_login_attempts_source_at", "login_attempts", ["source", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_attempts_source_at", table_name="login_attempts")
    op.drop_column("login_attempts", "source")
