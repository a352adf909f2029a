"""Complaints (投诉): the complaint with its level and deadlines, and its timeline of actions

Revision ID: complaints_0001
Revises: tenancy_0001
Create Date: 2026-12-03 14:22:54.900406+00:00

Both tables carry organization_id and get the row-level security policy of tenancy_0001.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "complaints_0001"
down_revision: str | None = "tenancy_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("complaints", "complaint_actions")
ENUMS = (
    "complaint_source",
    "complaint_channel",
    "complaint_category",
    "complaint_severity",
    "complaint_status",
    "complaint_remedy",
    "satisfaction_source",
)
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("source", sa.Enum("customer", "internal", name="complaint_source"), nullable=False),
        sa.Column(
            "channel",
            sa.Enum("on_site", "phone", "wechat", "online", "hotline", "media", name="complaint_channel"),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "quality",
                "price",
                "service",
                "sales_promise",
                "contract",
                "payment",
                "handover",
                "property",
                "other",
                name="complaint_category",
            ),
            nullable=False,
        ),
        sa.Column(
            "severity", sa.Enum("minor", "major", "critical", name="complaint_severity"), nullable=False
        ),
        sa.Column(
            "status",
            sa.Enum("open", "acknowledged", "in_progress", "resolved", "closed", name="complaint_status"),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=4000), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=True),
        sa.Column("deal_id", sa.UUID(), nullable=True),
        sa.Column("unit_id", sa.UUID(), nullable=True),
        sa.Column("concerned_user_ids", postgresql.ARRAY(sa.UUID()), server_default="{}", nullable=False),
        sa.Column("filed_by", sa.UUID(), nullable=True),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("assignee_id", sa.UUID(), nullable=True),
        sa.Column("acknowledge_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolve_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("escalates_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_on_time", sa.Boolean(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_on_time", sa.Boolean(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalation_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reopen_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("resolution", sa.String(length=2000), nullable=True),
        sa.Column(
            "remedy",
            sa.Enum(
                "explanation",
                "repair",
                "price_concession",
                "refund",
                "compensation",
                "other",
                name="complaint_remedy",
            ),
            nullable=True,
        ),
        sa.Column("remedy_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("remedy_approval_id", sa.UUID(), nullable=True),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("satisfaction_comment", sa.String(length=500), nullable=True),
        sa.Column(
            "satisfaction_source", sa.Enum("staff", "customer", name="satisfaction_source"), nullable=True
        ),
        sa.Column("rating_token_hash", sa.String(length=64), nullable=True),
        sa.Column("rating_expires_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_complaints_level_on_the_ladder")),
        sa.CheckConstraint(
            "remedy_amount IS NULL OR remedy_amount > 0", name=op.f("ck_complaints_remedy_amount_positive")
        ),
        sa.CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5",
            name=op.f("ck_complaints_satisfaction_1_to_5"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_complaints_assignee_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_complaints_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_complaints_deal_id_deals"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["filed_by"], ["users.id"], name=op.f("fk_complaints_filed_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_complaints_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_complaints_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_complaints_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    op.create_index(op.f("ix_complaints_created_at"), "complaints", ["created_at"], unique=False)
    op.create_index(op.f("ix_complaints_customer_id"), "complaints", ["customer_id"], unique=False)
    op.create_index(op.f("ix_complaints_deal_id"), "complaints", ["deal_id"], unique=False)
    op.create_index(
        "ix_complaints_escalates_at",
        "complaints",
        ["escalates_at"],
        unique=False,
        postgresql_where=sa.text("escalates_at IS NOT NULL"),
    )
    op.create_index(op.f("ix_complaints_organization_id"), "complaints", ["organization_id"], unique=False)
    op.create_index(
        "ix_complaints_project_created", "complaints", ["project_id", "created_at", "id"], unique=False
    )
    op.create_index(op.f("ix_complaints_project_id"), "complaints", ["project_id"], unique=False)
    op.create_index("ix_complaints_rating_token", "complaints", ["rating_token_hash"], unique=True)
    op.create_index(op.f("ix_complaints_status"), "complaints", ["status"], unique=False)
    op.create_index(op.f("ix_complaints_unit_id"), "complaints", ["unit_id"], unique=False)
    op.create_index(op.f("ix_complaints_updated_at"), "complaints", ["updated_at"], unique=False)
    op.create_table(
        "complaint_actions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("complaint_id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False
        ),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column("from_level", sa.SmallInteger(), nullable=True),
        sa.Column("to_level", sa.SmallInteger(), nullable=True),
        sa.Column("assignee_id", sa.UUID(), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_complaint_actions_actor_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_complaint_actions_assignee_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_actions_complaint_id_complaints"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_complaint_actions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_complaint_actions_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_actions")),
    )
    op.create_index(
        "ix_complaint_actions_complaint_at", "complaint_actions", ["complaint_id", "at", "id"], unique=False
    )
    op.create_index(
        op.f("ix_complaint_actions_organization_id"), "complaint_actions", ["organization_id"], unique=False
    )
    op.create_index(
        op.f("ix_complaint_actions_project_id"), "complaint_actions", ["project_id"], unique=False
    )
    op.create_index("ix_complaints_assignee_status", "complaints", ["assignee_id", "status"], unique=False)
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_index("ix_complaints_assignee_status", table_name="complaints")
    op.drop_index(op.f("ix_complaint_actions_project_id"), table_name="complaint_actions")
    op.drop_index(op.f("ix_complaint_actions_organization_id"), table_name="complaint_actions")
    op.drop_index("ix_complaint_actions_complaint_at", table_name="complaint_actions")
    op.drop_table("complaint_actions")
    op.drop_index(op.f("ix_complaints_updated_at"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_unit_id"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_status"), table_name="complaints")
    op.drop_index("ix_complaints_rating_token", table_name="complaints")
    op.drop_index(op.f("ix_complaints_project_id"), table_name="complaints")
    op.drop_index("ix_complaints_project_created", table_name="complaints")
    op.drop_index(op.f("ix_complaints_organization_id"), table_name="complaints")
    op.drop_index(
        "ix_complaints_escalates_at",
        table_name="complaints",
        postgresql_where=sa.text("escalates_at IS NOT NULL"),
    )
    op.drop_index(op.f("ix_complaints_deal_id"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_customer_id"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_created_at"), table_name="complaints")
    op.drop_table("complaints")
    for enum in ENUMS:
        op.execute(f"DROP TYPE IF EXISTS {enum}")
