"""PostgreSQL row-level security as the second guard of tenancy

Revision ID: tenancy_0001
Revises: inventory_0002
Create Date: 2026-12-03 10:00:00+00:00

The application filters every query by organization (core/repository.py). Behind it, PostgreSQL now
refuses rows of other organizations too, even to a query that forgot its filter: the app connects
as the role `anchang_app` (`DB_APP_ROLE`; `-c role=…` at connection start), which owns nothing, and
every table with an `organization_id` has a policy comparing it with the setting `app.org_id` that
each connection carries for the caller's organization (core/db.py, core/reader.py). A connection
with no organization set — before a login, the reservation sweeper — sees every row, as before.

Tables added by later migrations get the same grants by default privileges, but their policy must
be created by that migration: tests/test_api_rules.py fails for a tenant table without one.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "tenancy_0001"
down_revision: str | None = "inventory_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE = "anchang_app"
POLICY = "tenant_isolation"
# As a scalar subquery the setting is read once per statement (an InitPlan), not once per row: on the
# 5,000-unit board the per-row form cost about 15 % of the request.
CALLERS = "(SELECT app_organization_id())"


def _tenant_tables() -> list[str]:
    rows = op.get_bind().execute(
        sa.text(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND column_name = 'organization_id' ORDER BY table_name"
        )
    )
    return [table for (table,) in rows]


def upgrade() -> None:
    # Roles belong to the whole server: another database of it (tests, benchmarks) may have made it.
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
        f"THEN CREATE ROLE {ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute(f"GRANT {ROLE} TO CURRENT_USER")  # so the owner may SET ROLE to it
    op.execute(f"GRANT USAGE ON SCHEMA public TO {ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ROLE}"
    )
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {ROLE}")
    # The caller's organization, or NULL when the connection acts for no one in particular.
    op.execute(
        "CREATE FUNCTION app_organization_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS "
        "$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$"
    )
    op.execute("ALTER TABLE organizations ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {POLICY} ON organizations USING ({CALLERS} IS NULL OR id = {CALLERS})")
    for table in _tenant_tables():
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )


def downgrade() -> None:
    for table in [*_tenant_tables(), "organizations"]:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
    op.execute("DROP FUNCTION app_organization_id()")
    for revoke in (
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM",
        "REVOKE USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public FROM",
        "REVOKE SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public FROM",
        "REVOKE USAGE ON SCHEMA public FROM",
    ):
        op.execute(f"{revoke} {ROLE}")
    # The role stays: it belongs to the server, and other databases of it may still use it.
