"""Campaigns (广告 / 活动 / 促销) with their cost entries; customers and visits name the campaign that
brought them

Revision ID: campaigns_0001
Revises: targets_0001
Create Date: 2026-12-03 18:00:00+00:00

Both new tables carry organization_id and get the row-level security policy of tenancy_0001. The
customers' and visits' `campaign_id` refers to `campaigns (id, project_id)` together with their own
project, so a campaign of another project cannot be named, whoever writes the row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "campaigns_0001"
down_revision: str | None = "targets_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("campaigns", "campaign_costs")
ENUMS = ("campaign_kind", "campaign_medium")
ATTRIBUTED = ("customers", "visits")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"


def _record_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
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
    ]


def _record_indexes(table: str) -> None:
    for column in ("created_at", "updated_at", "organization_id"):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.Enum("advertising", "event", "promotion", name="campaign_kind"), nullable=False),
        sa.Column(
            "medium",
            sa.Enum(
                "outdoor",
                "print",
                "radio_tv",
                "online",
                "wechat",
                "douyin",
                "sms",
                "exhibition",
                "show_flat",
                "opening",
                "other",
                name="campaign_medium",
            ),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        sa.Column("created_by", sa.UUID(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_campaigns_ends_after_start")),
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name=op.f("ck_campaigns_budget_not_negative")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_campaigns_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_campaigns_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_campaigns_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("id", "project_id", name=op.f("uq_campaigns_id_project_id")),
    )
    _record_indexes("campaigns")
    op.create_index(
        "ix_campaigns_project_starts", "campaigns", ["project_id", "starts_on", "id"], unique=False
    )

    op.create_table(
        "campaign_costs",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("recorded_by", sa.UUID(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint("amount > 0", name=op.f("ck_campaign_costs_amount_positive")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_costs_campaign_id_campaigns"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_campaign_costs_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_campaign_costs_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_campaign_costs_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_costs")),
    )
    _record_indexes("campaign_costs")
    op.create_index(
        "ix_campaign_costs_campaign_spent", "campaign_costs", ["campaign_id", "spent_on", "id"], unique=False
    )
    op.create_index(
        "ix_campaign_costs_project_spent", "campaign_costs", ["project_id", "spent_on"], unique=False
    )

    for table in ATTRIBUTED:
        op.add_column(table, sa.Column("campaign_id", sa.UUID(), nullable=True))
        op.create_foreign_key(
            op.f(f"fk_{table}_campaign_id_campaigns"),
            table,
            "campaigns",
            ["campaign_id", "project_id"],
            ["id", "project_id"],
            ondelete="RESTRICT",
        )

    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    for table in ATTRIBUTED:
        op.drop_constraint(op.f(f"fk_{table}_campaign_id_campaigns"), table, type_="foreignkey")
        op.drop_column(table, "campaign_id")
    op.drop_table("campaign_costs")
    op.drop_table("campaigns")
    for name in ENUMS:
        op.execute(f"DROP TYPE IF EXISTS {name}")
