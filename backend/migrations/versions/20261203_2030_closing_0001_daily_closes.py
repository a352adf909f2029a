"""The daily close (日清日结): one stored close per project and day, with its countersignatures

Revision ID: closing_0001
Revises: summaries_0001
Create Date: 2026-12-03 20:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "closing_0001"
down_revision: str | None = "summaries_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("daily_closes",)
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"
PEOPLE = (
    "built_by",
    "closed_by",
    "finance_signed_by",
    "developer_signed_by",
)


def upgrade() -> None:
    op.create_table(
        "daily_closes",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cutoff_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_by", sa.UUID(), nullable=True),
        sa.Column("board", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("receipts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("differences", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("differences_count", sa.Integer(), nullable=False),
        sa.Column("receipts_total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.UUID(), nullable=True),
        sa.Column("finance_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finance_signed_by", sa.UUID(), nullable=True),
        sa.Column("developer_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("developer_signed_by", sa.UUID(), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'closed', 'countersigned')", name=op.f("ck_daily_closes_status_known")
        ),
        sa.CheckConstraint(
            "(status = 'countersigned') = "
            "(finance_signed_at IS NOT NULL AND developer_signed_at IS NOT NULL)",
            name=op.f("ck_daily_closes_countersigned_by_both"),
        ),
        sa.CheckConstraint(
            "status <> 'open' OR (closed_at IS NULL AND finance_signed_at IS NULL "
            "AND developer_signed_at IS NULL)",
            name=op.f("ck_daily_closes_open_unsigned"),
        ),
        *(
            sa.ForeignKeyConstraint(
                [column], ["users.id"], name=op.f(f"fk_daily_closes_{column}_users"), ondelete="SET NULL"
            )
            for column in PEOPLE
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_daily_closes_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_daily_closes_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_closes")),
        sa.UniqueConstraint("project_id", "day", name=op.f("uq_daily_closes_project_id_day")),
    )
    for column in ("created_at", "organization_id", "updated_at"):
        op.create_index(op.f(f"ix_daily_closes_{column}"), "daily_closes", [column], unique=False)
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_table("daily_closes")
