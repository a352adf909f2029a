"""Business rows never vanish with what they refer to: foreign keys restrict deletes

Revision ID: inventory_0002
Revises: auth_0003
Create Date: 2026-12-03 10:00:00+00:00

Deleting a building while units were being added to it lost units that had been answered 201: the
units cascaded with the building. Every foreign key between business tables now refuses the delete
of a row still referred to (ON DELETE RESTRICT) instead of deleting the referring rows with it.
Kept as cascades, on purpose: organization_id (the tenant goes as a whole), a project membership, a
user's tokens, credentials version and roster places, the customer search grams (derived) and a
price list version's items (its own content).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "inventory_0002"
down_revision: str | None = "auth_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, referred table); the constraint is named by the naming convention of core/models.py.
RESTRICTED = (
    ("approvals", "project_id", "projects"),
    ("broker_agents", "broker_id", "brokers"),
    ("broker_agents", "project_id", "projects"),
    ("brokers", "project_id", "projects"),
    ("buildings", "project_id", "projects"),
    ("calls", "customer_id", "customers"),
    ("calls", "project_id", "projects"),
    ("customer_duplicate_attempts", "customer_id", "customers"),
    ("customer_duplicate_attempts", "project_id", "projects"),
    ("customer_ownership_events", "customer_id", "customers"),
    ("customer_ownership_events", "project_id", "projects"),
    ("customers", "project_id", "projects"),
    ("deal_collection_notes", "deal_id", "deals"),
    ("deal_collection_notes", "project_id", "projects"),
    ("deal_events", "deal_id", "deals"),
    ("deal_events", "project_id", "projects"),
    ("deal_mortgages", "deal_id", "deals"),
    ("deal_mortgages", "project_id", "projects"),
    ("deal_operations", "deal_id", "deals"),
    ("deal_operations", "project_id", "projects"),
    ("deal_payments", "deal_id", "deals"),
    ("deal_payments", "project_id", "projects"),
    ("deal_schedule_lines", "deal_id", "deals"),
    ("deal_schedule_lines", "project_id", "projects"),
    ("deals", "project_id", "projects"),
    ("follow_ups", "customer_id", "customers"),
    ("follow_ups", "project_id", "projects"),
    ("price_list_items", "unit_id", "units"),
    ("price_list_versions", "project_id", "projects"),
    ("referrals", "broker_id", "brokers"),
    ("referrals", "project_id", "projects"),
    ("releases", "project_id", "projects"),
    ("reservations", "consultant_id", "users"),
    ("reservations", "project_id", "projects"),
    ("reservations", "unit_id", "units"),
    ("roster_entries", "project_id", "projects"),
    ("rotation_states", "project_id", "projects"),
    ("rotation_turns", "project_id", "projects"),
    ("unit_history", "project_id", "projects"),
    ("unit_history", "unit_id", "units"),
    ("units", "building_id", "buildings"),
    ("units", "project_id", "projects"),
    ("visits", "customer_id", "customers"),
    ("visits", "project_id", "projects"),
)


def _set_ondelete(ondelete: str) -> None:
    for table, column, referred in RESTRICTED:
        name = f"fk_{table}_{column}_{referred}"
        op.drop_constraint(name, table, type_="foreignkey")
        op.create_foreign_key(name, table, referred, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    _set_ondelete("RESTRICT")


def downgrade() -> None:
    _set_ondelete("CASCADE")
