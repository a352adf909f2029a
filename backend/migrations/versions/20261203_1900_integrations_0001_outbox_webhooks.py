"""Integrations: the outbox of events (numbered at commit by a deferred trigger, per organization),
webhook endpoints and their deliveries

Revision ID: integrations_0001
Revises: reports_0001
Create Date: 2026-12-03 19:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "integrations_0001"
down_revision: str | None = "reports_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("integration_event_counters", "integration_events", "webhook_endpoints", "webhook_deliveries")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"

# At COMMIT (deferred), each new event takes the next number of its organization's counter. The
# counter row stays locked until the commit ends, so numbers follow commit order (outbox.py). SECURITY
# DEFINER: the counter is the database's bookkeeping, whoever the app's connection acts for.
NUMBER_EVENT = """
CREATE FUNCTION integration_number_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    taken bigint;
BEGIN
    INSERT INTO integration_event_counters (id, organization_id, last_sequence)
    VALUES (gen_random_uuid(), NEW.organization_id, 1)
    ON CONFLICT (organization_id)
    DO UPDATE SET last_sequence = integration_event_counters.last_sequence + 1
    RETURNING last_sequence INTO taken;
    UPDATE integration_events SET sequence = taken WHERE id = NEW.id;
    RETURN NULL;
END $$
"""
NUMBER_TRIGGER = """
CREATE CONSTRAINT TRIGGER integration_events_number AFTER INSERT ON integration_events
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION integration_number_event()
"""


def _org_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["organization_id"],
        ["organizations.id"],
        name=op.f(f"fk_{table}_organization_id_organizations"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "integration_event_counters",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        _org_fk("integration_event_counters"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration_event_counters")),
        sa.UniqueConstraint("organization_id", name=op.f("uq_integration_event_counters_organization_id")),
    )
    op.create_index(
        op.f("ix_integration_event_counters_organization_id"),
        "integration_event_counters",
        ["organization_id"],
        unique=False,
    )
    op.create_table(
        "integration_events",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=True),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=True),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        _org_fk("integration_events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration_events")),
        sa.UniqueConstraint(
            "organization_id", "sequence", name=op.f("uq_integration_events_organization_id_sequence")
        ),
    )
    op.create_index("ix_integration_events_object_id", "integration_events", ["object_id"], unique=False)
    op.create_index(
        op.f("ix_integration_events_organization_id"), "integration_events", ["organization_id"], unique=False
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("project_ids", postgresql.ARRAY(sa.UUID()), nullable=True),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.UUID(), nullable=True),
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
            ["created_by"],
            ["users.id"],
            name=op.f("fk_webhook_endpoints_created_by_users"),
            ondelete="SET NULL",
        ),
        _org_fk("webhook_endpoints"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    for column in ("created_at", "organization_id", "updated_at"):
        op.create_index(op.f(f"ix_webhook_endpoints_{column}"), "webhook_endpoints", [column], unique=False)
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("endpoint_id", sa.UUID(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("object_id", sa.UUID(), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM("pending", "succeeded", "failed", name="webhook_delivery_status"),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_latency_ms", sa.Integer(), nullable=True),
        sa.Column("last_response", sa.Text(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_deliveries_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["integration_events.id"],
            name=op.f("fk_webhook_deliveries_event_id_integration_events"),
            ondelete="CASCADE",
        ),
        _org_fk("webhook_deliveries"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
    )
    op.create_index(
        "ix_webhook_deliveries_endpoint_created",
        "webhook_deliveries",
        ["endpoint_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_deliveries_pending_object",
        "webhook_deliveries",
        ["endpoint_id", "object_id", "created_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        op.f("ix_webhook_deliveries_organization_id"), "webhook_deliveries", ["organization_id"], unique=False
    )
    op.execute(NUMBER_EVENT)
    op.execute(NUMBER_TRIGGER)
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.execute("DROP TRIGGER IF EXISTS integration_events_number ON integration_events")
    op.execute("DROP FUNCTION IF EXISTS integration_number_event()")
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
    op.drop_table("integration_events")
    op.drop_table("integration_event_counters")
    op.execute("DROP TYPE IF EXISTS webhook_delivery_status")
