"""Consultant commission (酬金): plans per project, deal credits, rewards and penalties (奖罚), monthly
statements per consultant and their lines; the members' grade (定级)

Revision ID: commission_0002
Revises: commission_0001
Create Date: 2026-12-03 16:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "commission_0002"
down_revision: str | None = "commission_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "commission_plans",
    "deal_credits",
    "rewards_penalties",
    "commission_statements",
    "commission_lines",
)
ENUMS = ("commission_statement_status", "commission_entry_status", "deal_credit_status")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"


def upgrade() -> None:
    op.create_table(
        "commission_plans",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM(
                "proposed", "approved", "rejected", name="commission_rule_status", create_type=False
            ),
            nullable=False,
        ),
        sa.Column("rates", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "fixed_amounts", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("supervisor_override", sa.Numeric(precision=7, scale=4), nullable=True),
        sa.Column("stages", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("proposed_by", sa.UUID(), nullable=True),
        sa.Column("approval_id", sa.UUID(), nullable=True),
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
            "supervisor_override IS NULL OR (supervisor_override >= 0 AND supervisor_override <= 10)",
            name=op.f("ck_commission_plans_override_0_to_10"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_commission_plans_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_commission_plans_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["users.id"],
            name=op.f("fk_commission_plans_proposed_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_plans")),
        sa.UniqueConstraint("project_id", "number", name=op.f("uq_commission_plans_project_id_number")),
    )
    op.create_index(op.f("ix_commission_plans_created_at"), "commission_plans", ["created_at"], unique=False)
    op.create_index(
        op.f("ix_commission_plans_organization_id"), "commission_plans", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_commission_plans_project_id"), "commission_plans", ["project_id"], unique=False)
    op.create_index(op.f("ix_commission_plans_updated_at"), "commission_plans", ["updated_at"], unique=False)
    op.create_table(
        "commission_statements",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "submitted", "approved", "paid", name="commission_statement_status"),
            nullable=False,
        ),
        sa.Column("grade", sa.String(length=16), nullable=True),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("line_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column("submitted_by", sa.UUID(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.UUID(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_by", sa.UUID(), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
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
            ["approved_by"],
            ["users.id"],
            name=op.f("fk_commission_statements_approved_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["consultant_id"],
            ["users.id"],
            name=op.f("fk_commission_statements_consultant_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_commission_statements_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_commission_statements_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paid_by"],
            ["users.id"],
            name=op.f("fk_commission_statements_paid_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_commission_statements_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["users.id"],
            name=op.f("fk_commission_statements_submitted_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_statements")),
    )
    op.create_index(
        op.f("ix_commission_statements_consultant_id"),
        "commission_statements",
        ["consultant_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_commission_statements_created_at"), "commission_statements", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_commission_statements_organization_id"),
        "commission_statements",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        "ix_commission_statements_project_month",
        "commission_statements",
        ["project_id", "month"],
        unique=False,
    )
    op.create_index(
        op.f("ix_commission_statements_updated_at"), "commission_statements", ["updated_at"], unique=False
    )
    op.create_index(
        "uq_commission_statements_draft_month",
        "commission_statements",
        ["project_id", "consultant_id", "month"],
        unique=True,
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.create_table(
        "rewards_penalties",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column(
            "status",
            sa.Enum("proposed", "approved", "rejected", name="commission_entry_status"),
            nullable=False,
        ),
        sa.Column("proposed_by", sa.UUID(), nullable=True),
        sa.Column("approval_id", sa.UUID(), nullable=True),
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
        sa.CheckConstraint("amount <> 0", name=op.f("ck_rewards_penalties_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["consultant_id"],
            ["users.id"],
            name=op.f("fk_rewards_penalties_consultant_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_rewards_penalties_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_rewards_penalties_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["users.id"],
            name=op.f("fk_rewards_penalties_proposed_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rewards_penalties")),
    )
    op.create_index(
        op.f("ix_rewards_penalties_consultant_id"), "rewards_penalties", ["consultant_id"], unique=False
    )
    op.create_index(
        op.f("ix_rewards_penalties_created_at"), "rewards_penalties", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_rewards_penalties_organization_id"), "rewards_penalties", ["organization_id"], unique=False
    )
    op.create_index(
        op.f("ix_rewards_penalties_project_id"), "rewards_penalties", ["project_id"], unique=False
    )
    op.create_index(op.f("ix_rewards_penalties_status"), "rewards_penalties", ["status"], unique=False)
    op.create_index(
        op.f("ix_rewards_penalties_updated_at"), "rewards_penalties", ["updated_at"], unique=False
    )
    op.create_table(
        "commission_lines",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("statement_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("deal_id", sa.UUID(), nullable=True),
        sa.Column("unit_id", sa.UUID(), nullable=True),
        sa.Column("unit_code", sa.String(length=32), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("plan_id", sa.UUID(), nullable=True),
        sa.Column("plan_version", sa.Integer(), nullable=True),
        sa.Column("base", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("rate", sa.Numeric(precision=7, scale=4), nullable=True),
        sa.Column("share", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("fixed", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("earned_on", sa.Date(), nullable=True),
        sa.Column("reward_penalty_id", sa.UUID(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_commission_lines_deal_id_deals"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_commission_lines_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["commission_plans.id"],
            name=op.f("fk_commission_lines_plan_id_commission_plans"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_commission_lines_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["reward_penalty_id"],
            ["rewards_penalties.id"],
            name=op.f("fk_commission_lines_reward_penalty_id_rewards_penalties"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["commission_statements.id"],
            name=op.f("fk_commission_lines_statement_id_commission_statements"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_lines")),
    )
    op.create_index(
        op.f("ix_commission_lines_organization_id"), "commission_lines", ["organization_id"], unique=False
    )
    op.create_index(
        "ix_commission_lines_settled",
        "commission_lines",
        ["project_id", "deal_id", "stage", "consultant_id"],
        unique=False,
    )
    op.create_index(
        "ix_commission_lines_statement_seq", "commission_lines", ["statement_id", "seq"], unique=False
    )
    op.create_table(
        "deal_credits",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=False),
        sa.Column("share", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column(
            "status",
            sa.Enum("proposed", "active", "replaced", "rejected", name="deal_credit_status"),
            nullable=False,
        ),
        sa.Column("proposed_by", sa.UUID(), nullable=True),
        sa.Column("approval_id", sa.UUID(), nullable=True),
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
        sa.CheckConstraint("share > 0 AND share <= 100", name=op.f("ck_deal_credits_share")),
        sa.ForeignKeyConstraint(
            ["consultant_id"],
            ["users.id"],
            name=op.f("fk_deal_credits_consultant_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_deal_credits_deal_id_deals"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_deal_credits_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_deal_credits_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"], ["users.id"], name=op.f("fk_deal_credits_proposed_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_credits")),
    )
    op.create_index(op.f("ix_deal_credits_approval_id"), "deal_credits", ["approval_id"], unique=False)
    op.create_index(op.f("ix_deal_credits_created_at"), "deal_credits", ["created_at"], unique=False)
    op.create_index("ix_deal_credits_deal_status", "deal_credits", ["deal_id", "status"], unique=False)
    op.create_index(
        op.f("ix_deal_credits_organization_id"), "deal_credits", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_deal_credits_project_id"), "deal_credits", ["project_id"], unique=False)
    op.create_index(op.f("ix_deal_credits_updated_at"), "deal_credits", ["updated_at"], unique=False)
    op.add_column("project_members", sa.Column("grade", sa.String(length=16), nullable=True))
    op.create_check_constraint(
        op.f("ck_project_members_grade"), "project_members", "grade IN ('trainee', 'junior', 'mid', 'senior')"
    )
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_constraint(op.f("ck_project_members_grade"), "project_members", type_="check")
    op.drop_column("project_members", "grade")
    op.drop_index(op.f("ix_deal_credits_updated_at"), table_name="deal_credits")
    op.drop_index(op.f("ix_deal_credits_project_id"), table_name="deal_credits")
    op.drop_index(op.f("ix_deal_credits_organization_id"), table_name="deal_credits")
    op.drop_index("ix_deal_credits_deal_status", table_name="deal_credits")
    op.drop_index(op.f("ix_deal_credits_created_at"), table_name="deal_credits")
    op.drop_index(op.f("ix_deal_credits_approval_id"), table_name="deal_credits")
    op.drop_table("deal_credits")
    op.drop_index("ix_commission_lines_statement_seq", table_name="commission_lines")
    op.drop_index("ix_commission_lines_settled", table_name="commission_lines")
    op.drop_index(op.f("ix_commission_lines_organization_id"), table_name="commission_lines")
    op.drop_table("commission_lines")
    op.drop_index(op.f("ix_rewards_penalties_updated_at"), table_name="rewards_penalties")
    op.drop_index(op.f("ix_rewards_penalties_status"), table_name="rewards_penalties")
    op.drop_index(op.f("ix_rewards_penalties_project_id"), table_name="rewards_penalties")
    op.drop_index(op.f("ix_rewards_penalties_organization_id"), table_name="rewards_penalties")
    op.drop_index(op.f("ix_rewards_penalties_created_at"), table_name="rewards_penalties")
    op.drop_index(op.f("ix_rewards_penalties_consultant_id"), table_name="rewards_penalties")
    op.drop_table("rewards_penalties")
    op.drop_index(
        "uq_commission_statements_draft_month",
        table_name="commission_statements",
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.drop_index(op.f("ix_commission_statements_updated_at"), table_name="commission_statements")
    op.drop_index("ix_commission_statements_project_month", table_name="commission_statements")
    op.drop_index(op.f("ix_commission_statements_organization_id"), table_name="commission_statements")
    op.drop_index(op.f("ix_commission_statements_created_at"), table_name="commission_statements")
    op.drop_index(op.f("ix_commission_statements_consultant_id"), table_name="commission_statements")
    op.drop_table("commission_statements")
    op.drop_index(op.f("ix_commission_plans_updated_at"), table_name="commission_plans")
    op.drop_index(op.f("ix_commission_plans_project_id"), table_name="commission_plans")
    op.drop_index(op.f("ix_commission_plans_organization_id"), table_name="commission_plans")
    op.drop_index(op.f("ix_commission_plans_created_at"), table_name="commission_plans")
    op.drop_table("commission_plans")
    for enum in ENUMS:
        op.execute(f"DROP TYPE IF EXISTS {enum}")
