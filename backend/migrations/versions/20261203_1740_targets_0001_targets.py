"""Targets (目标): a plan per project and month with its rows (project, team, consultant); a
consultant's team, their supervisor, on the membership

Revision ID: targets_0001
Revises: complaints_0002
Create Date: 2026-12-03 17:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "targets_0001"
down_revision: str | None = "complaints_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("target_plans", "target_rows")
ENUMS = ("target_plan_status", "target_row_level")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"
COUNTS = ("units_subscribed", "units_contracted", "first_visits", "new_customers", "broker_referrals")
MONEY = ("amount_subscribed", "amount_contracted", "amount_collected")


def _record_columns() -> list[sa.Column]:
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
    for column in ("created_at", "organization_id", "project_id", "updated_at"):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "target_plans",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM("draft", "submitted", "approved", "returned", name="target_plan_status"),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", sa.UUID(), nullable=True),
        sa.Column("submitted_late", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.UUID(), nullable=True),
        sa.Column("return_comment", sa.String(length=1000), nullable=True),
        sa.Column("approval_id", sa.UUID(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint("EXTRACT(DAY FROM month) = 1", name=op.f("ck_target_plans_first_of_month")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_target_plans_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_target_plans_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["users.id"],
            name=op.f("fk_target_plans_submitted_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_target_plans_decided_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_plans")),
        sa.UniqueConstraint("project_id", "month", name=op.f("uq_target_plans_project_id_month")),
    )
    _record_indexes("target_plans")
    op.create_table(
        "target_rows",
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column(
            "level",
            postgresql.ENUM("project", "team", "consultant", name="target_row_level"),
            nullable=False,
        ),
        sa.Column("user_id", sa.UUID(), nullable=True),
        sa.Column("units_subscribed", sa.Integer(), nullable=False),
        sa.Column("amount_subscribed", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("units_contracted", sa.Integer(), nullable=False),
        sa.Column("amount_contracted", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("amount_collected", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("first_visits", sa.Integer(), nullable=False),
        sa.Column("new_customers", sa.Integer(), nullable=False),
        sa.Column("broker_referrals", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.CheckConstraint(
            "(level = 'project') = (user_id IS NULL)", name=op.f("ck_target_rows_user_by_level")
        ),
        sa.CheckConstraint(
            " AND ".join(f"{name} >= 0" for name in (*COUNTS, *MONEY)),
            name=op.f("ck_target_rows_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_target_rows_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["target_plans.id"],
            name=op.f("fk_target_rows_plan_id_target_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_target_rows_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_target_rows_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_rows")),
        sa.UniqueConstraint("plan_id", "level", "user_id", name=op.f("uq_target_rows_plan_id_level_user_id")),
    )
    _record_indexes("target_rows")
    op.create_index(op.f("ix_target_rows_plan_id"), "target_rows", ["plan_id"], unique=False)
    op.create_index(op.f("ix_target_rows_user_id"), "target_rows", ["user_id"], unique=False)
    op.create_index(
        "uq_target_rows_project_row",
        "target_rows",
        ["plan_id"],
        unique=True,
        postgresql_where=sa.text("level = 'project'"),
    )
    op.add_column("project_members", sa.Column("supervisor_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_project_members_supervisor_id_users"),
        "project_members",
        "users",
        ["supervisor_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index(
        op.f("ix_project_members_supervisor_id"), "project_members", ["supervisor_id"], unique=False
    )
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_index(op.f("ix_project_members_supervisor_id"), table_name="project_members")
    op.drop_constraint(op.f("fk_project_members_supervisor_id_users"), "project_members", type_="foreignkey")
    op.drop_column("project_members", "supervisor_id")
    op.drop_table("target_rows")
    op.drop_table("target_plans")
    for enum in ENUMS:
        op.execute(f"DROP TYPE IF EXISTS {enum}")
