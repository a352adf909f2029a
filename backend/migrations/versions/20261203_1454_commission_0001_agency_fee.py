"""Agency fee (代理费): rules per project, statements of a period, their lines and the developer's payments

Revision ID: commission_0001
Revises: complaints_0001
Create Date: 2026-12-03 14:54:20.228695+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "commission_0001"
down_revision: str | None = "complaints_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("agency_fee_rules", "agency_fee_statements", "agency_fee_lines", "agency_fee_receipts")
ENUMS = ("commission_rule_status", "agency_statement_status")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"


def upgrade() -> None:
    op.create_table(
        "agency_fee_rules",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("proposed", "approved", "rejected", name="commission_rule_status"),
            nullable=False,
        ),
        sa.Column("base", sa.String(length=32), nullable=False),
        sa.Column("rate", sa.Numeric(precision=7, scale=4), nullable=True),
        sa.Column("tiers", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("premium_share", sa.Numeric(precision=7, scale=4), nullable=True),
        sa.Column(
            "fixed_amounts", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
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
            "premium_share IS NULL OR (premium_share >= 0 AND premium_share <= 100)",
            name=op.f("ck_agency_fee_rules_premium"),
        ),
        sa.CheckConstraint(
            "rate IS NULL OR (rate >= 0 AND rate <= 10)", name=op.f("ck_agency_fee_rules_rate_0_to_10")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_agency_fee_rules_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_agency_fee_rules_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["users.id"],
            name=op.f("fk_agency_fee_rules_proposed_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_fee_rules")),
        sa.UniqueConstraint("project_id", "number", name=op.f("uq_agency_fee_rules_project_id_number")),
    )
    op.create_index(op.f("ix_agency_fee_rules_created_at"), "agency_fee_rules", ["created_at"], unique=False)
    op.create_index(
        op.f("ix_agency_fee_rules_organization_id"), "agency_fee_rules", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_agency_fee_rules_project_id"), "agency_fee_rules", ["project_id"], unique=False)
    op.create_index(op.f("ix_agency_fee_rules_updated_at"), "agency_fee_rules", ["updated_at"], unique=False)
    op.create_table(
        "agency_fee_statements",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "submitted", "confirmed", "invoiced", "paid", name="agency_statement_status"),
            nullable=False,
        ),
        sa.Column("achievement_percent", sa.Numeric(precision=7, scale=2), nullable=True),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("line_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("received", sa.Numeric(precision=14, scale=2), server_default="0", nullable=False),
        sa.Column("invoice_number", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column("submitted_by", sa.UUID(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by", sa.UUID(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("invoiced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_comment", sa.String(length=1000), nullable=True),
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
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_agency_fee_statements_period")),
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["users.id"],
            name=op.f("fk_agency_fee_statements_confirmed_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_agency_fee_statements_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_agency_fee_statements_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_agency_fee_statements_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["users.id"],
            name=op.f("fk_agency_fee_statements_submitted_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_fee_statements")),
        sa.UniqueConstraint("project_id", "number", name=op.f("uq_agency_fee_statements_project_id_number")),
    )
    op.create_index(
        op.f("ix_agency_fee_statements_created_at"), "agency_fee_statements", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_agency_fee_statements_organization_id"),
        "agency_fee_statements",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_agency_fee_statements_project_id"), "agency_fee_statements", ["project_id"], unique=False
    )
    op.create_index(
        op.f("ix_agency_fee_statements_status"), "agency_fee_statements", ["status"], unique=False
    )
    op.create_index(
        op.f("ix_agency_fee_statements_updated_at"), "agency_fee_statements", ["updated_at"], unique=False
    )
    op.create_index(
        "uq_agency_fee_statements_draft_period",
        "agency_fee_statements",
        ["project_id", "period_start", "period_end"],
        unique=True,
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.create_table(
        "agency_fee_receipts",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("statement_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("recorded_by", sa.UUID(), nullable=True),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_agency_fee_receipts_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_agency_fee_receipts_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_agency_fee_receipts_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["agency_fee_statements.id"],
            name=op.f("fk_agency_fee_receipts_statement_id_agency_fee_statements"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_fee_receipts")),
    )
    op.create_index(
        op.f("ix_agency_fee_receipts_organization_id"),
        "agency_fee_receipts",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_agency_fee_receipts_project_id"), "agency_fee_receipts", ["project_id"], unique=False
    )
    op.create_index(
        op.f("ix_agency_fee_receipts_statement_id"), "agency_fee_receipts", ["statement_id"], unique=False
    )
    op.create_table(
        "agency_fee_lines",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("statement_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("unit_id", sa.UUID(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rule_id", sa.UUID(), nullable=False),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column("base", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("rate", sa.Numeric(precision=7, scale=4), nullable=False),
        sa.Column("premium", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("fixed", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("earned_on", sa.Date(), nullable=True),
        sa.Column("disputed", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("dispute_comment", sa.String(length=1000), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_agency_fee_lines_deal_id_deals"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_agency_fee_lines_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_agency_fee_lines_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["agency_fee_rules.id"],
            name=op.f("fk_agency_fee_lines_rule_id_agency_fee_rules"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["agency_fee_statements.id"],
            name=op.f("fk_agency_fee_lines_statement_id_agency_fee_statements"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_fee_lines")),
    )
    op.create_index("ix_agency_fee_lines_deal_stage", "agency_fee_lines", ["deal_id", "stage"], unique=False)
    op.create_index(
        op.f("ix_agency_fee_lines_organization_id"), "agency_fee_lines", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_agency_fee_lines_project_id"), "agency_fee_lines", ["project_id"], unique=False)
    op.create_index(
        "ix_agency_fee_lines_statement_seq", "agency_fee_lines", ["statement_id", "seq"], unique=False
    )
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_index("ix_agency_fee_lines_statement_seq", table_name="agency_fee_lines")
    op.drop_index(op.f("ix_agency_fee_lines_project_id"), table_name="agency_fee_lines")
    op.drop_index(op.f("ix_agency_fee_lines_organization_id"), table_name="agency_fee_lines")
    op.drop_index("ix_agency_fee_lines_deal_stage", table_name="agency_fee_lines")
    op.drop_table("agency_fee_lines")
    op.drop_index(op.f("ix_agency_fee_receipts_statement_id"), table_name="agency_fee_receipts")
    op.drop_index(op.f("ix_agency_fee_receipts_project_id"), table_name="agency_fee_receipts")
    op.drop_index(op.f("ix_agency_fee_receipts_organization_id"), table_name="agency_fee_receipts")
    op.drop_table("agency_fee_receipts")
    op.drop_index(
        "uq_agency_fee_statements_draft_period",
        table_name="agency_fee_statements",
        postgresql_where=sa.text("status = 'draft'"),
    )
    op.drop_index(op.f("ix_agency_fee_statements_updated_at"), table_name="agency_fee_statements")
    op.drop_index(op.f("ix_agency_fee_statements_status"), table_name="agency_fee_statements")
    op.drop_index(op.f("ix_agency_fee_statements_project_id"), table_name="agency_fee_statements")
    op.drop_index(op.f("ix_agency_fee_statements_organization_id"), table_name="agency_fee_statements")
    op.drop_index(op.f("ix_agency_fee_statements_created_at"), table_name="agency_fee_statements")
    op.drop_table("agency_fee_statements")
    op.drop_index(op.f("ix_agency_fee_rules_updated_at"), table_name="agency_fee_rules")
    op.drop_index(op.f("ix_agency_fee_rules_project_id"), table_name="agency_fee_rules")
    op.drop_index(op.f("ix_agency_fee_rules_organization_id"), table_name="agency_fee_rules")
    op.drop_index(op.f("ix_agency_fee_rules_created_at"), table_name="agency_fee_rules")
    op.drop_table("agency_fee_rules")
    for enum in ENUMS:
        op.execute(f"DROP TYPE IF EXISTS {enum}")
