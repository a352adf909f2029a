"""The daily report (日报): the confirmed days' snapshots, and the (project, time) indexes its figures
read (calls, referrals, reservations, deals by subscription, signing and cancellation, payments by the day
received, complaints by the day closed); the visits', calls' and payments' carry what it counts

Revision ID: reports_0001
Revises: campaigns_0001
Create Date: 2026-12-03 17:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "reports_0001"
down_revision: str | None = "campaigns_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("daily_confirmations",)
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"
INDEXES = (
    ("ix_referrals_project_registered", "referrals", ["project_id", "registered_at"]),
    ("ix_reservations_project_created", "reservations", ["project_id", "created_at"]),
    ("ix_deals_project_subscribed", "deals", ["project_id", "subscribed_on"]),
    ("ix_deals_project_signed", "deals", ["project_id", "signed_on"]),
    ("ix_deals_project_cancelled", "deals", ["project_id", "cancelled_at"]),
    ("ix_complaints_project_closed", "complaints", ["project_id", "closed_at"]),
)


# The visits and calls of a year are the report's biggest reads: their indexes carry the columns it
# counts, so they are read from the index alone (the visits' list index gains them; its order is kept).
COVERING = (
    (
        "ix_deal_payments_project_paid_at",
        "deal_payments",
        ["project_id", "paid_at"],
        ["deal_id", "kind", "amount", "reversed_by_id"],
    ),
    (
        "ix_calls_project_called",
        "calls",
        ["project_id", "called_at"],
        ["organization_id", "consultant_id", "direction"],
    ),
    (
        "ix_visits_project_visited",
        "visits",
        ["project_id", "visited_at", "id"],
        ["organization_id", "consultant_id", "kind", "party_size"],
    ),
)


def upgrade() -> None:
    op.create_table(
        "daily_confirmations",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=False),
        sa.Column("figures", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("confirmed_by", sa.UUID(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["users.id"],
            name=op.f("fk_daily_confirmations_confirmed_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["consultant_id"],
            ["users.id"],
            name=op.f("fk_daily_confirmations_consultant_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_daily_confirmations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_daily_confirmations_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_confirmations")),
        sa.UniqueConstraint(
            "project_id",
            "day",
            "consultant_id",
            name=op.f("uq_daily_confirmations_project_id_day_consultant_id"),
        ),
    )
    for column in ("created_at", "organization_id", "updated_at"):
        op.create_index(
            op.f(f"ix_daily_confirmations_{column}"), "daily_confirmations", [column], unique=False
        )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.drop_index("ix_visits_project_visited", table_name="visits")
    for name, table, columns, include in COVERING:
        op.create_index(name, table, columns, unique=False, postgresql_include=include)
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
    for name, table, _, _ in COVERING:
        op.drop_index(name, table_name=table)
    op.create_index("ix_visits_project_visited", "visits", ["project_id", "visited_at", "id"], unique=False)
    op.drop_table("daily_confirmations")
