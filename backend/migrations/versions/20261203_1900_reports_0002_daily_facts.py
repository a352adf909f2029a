"""The daily report's facts: each past day's figures per project and person (daily_facts), the days
stored and the writes that touched them (daily_fact_days), and the triggers by which a write to any
source row of a day forgets that day's facts in the write's own transaction

Revision ID: reports_0002
Revises: apikeys_0001
Create Date: 2026-12-03 19:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reports_0002"
down_revision: str | None = "apikeys_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("daily_fact_days", "daily_facts")
POLICY = "tenant_isolation"  # as tenancy_0001 names it
CALLERS = "(SELECT app_organization_id())"

# As reports/models.py's FACT_COLUMNS then (a migration keeps its own copy: the models move on).
FACT_COLUMNS = (
    "calls_in",
    "visits_first",
    "visits_repeat",
    "visit_people_first",
    "visit_people_repeat",
    "new_customers_walk_in",
    "new_customers_advertising",
    "new_customers_online",
    "new_customers_customer_referral",
    "new_customers_broker",
    "broker_referrals",
    "reservations",
    "subscriptions_units",
    "subscriptions_area",
    "subscriptions_amount",
    "contracts_units",
    "contracts_area",
    "contracts_amount",
    "collections",
    "cancellations_units",
    "cancellations_area",
    "cancellations_amount",
    "complaints_opened",
    "complaints_closed",
)


def _local(at: str) -> str:
    return f"({at} AT TIME ZONE p.timezone)::date"


# For each source table, the project-days a changed row (`r`, joined to its project `p`) counts on: the
# statements give (organization_id, project_id, day). A deal's rows also count its payments' days (the
# collections are the deal's consultant's), and a unit's area the days of its deals (their m²).
_DEAL_DAYS = ("d.subscribed_on", "d.signed_on", _local("d.cancelled_at"))
SOURCES: dict[str, list[str]] = {
    "visits": [_local("r.visited_at")],
    "calls": [_local("r.called_at")],
    "customers": [_local("r.created_at")],
    "referrals": [_local("r.registered_at")],
    "reservations": [_local("r.created_at")],
    "deals": ["r.subscribed_on", "r.signed_on", _local("r.cancelled_at")],
    "deal_payments": [_local("r.paid_at")],
    "complaints": [_local("r.created_at"), _local("r.closed_at")],
}


def _days_of(table: str, rows: str) -> str:
    """A SELECT of the (organization_id, project_id, day) a transition table `rows` of `table` touches."""
    # Every name is this module's (no value reaches these texts).
    parts = [
        f"SELECT r.organization_id, r.project_id, {day} AS day "  # noqa: S608
        f"FROM {rows} r JOIN projects p ON p.id = r.project_id"
        for day in SOURCES.get(table, [])
    ]
    if table == "deals":
        parts.append(
            f"SELECT x.organization_id, x.project_id, {_local('x.paid_at')} AS day "  # noqa: S608
            f"FROM {rows} r JOIN deal_payments x ON x.deal_id = r.id JOIN projects p ON p.id = x.project_id"
        )
    if table == "units":  # only a change of area counts (a unit's status changes with its deals)
        changed = (
            "(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
            "WHERE n.gross_area IS DISTINCT FROM o.gross_area)"
        )
        parts += [
            f"SELECT d.organization_id, d.project_id, {day} AS day "  # noqa: S608
            f"FROM {changed} r JOIN deals d ON d.unit_id = r.id JOIN projects p ON p.id = d.project_id"
            for day in _DEAL_DAYS
        ]
    return " UNION ".join(parts)


FORGET = """
CREATE FUNCTION daily_facts_forget(orgs uuid[], projects uuid[], days date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF days IS NULL THEN
        RETURN;
    END IF;
    -- First the stamp (waiting for a reader storing these days to commit), then, in a statement of its
    -- own and so with a snapshot taken after that wait, the facts: none stored meanwhile survives.
    INSERT INTO daily_fact_days AS f (organization_id, project_id, day, stamp, stored)
    SELECT t.o, t.p, t.d, 1, false FROM unnest(orgs, projects, days) AS t(o, p, d) ORDER BY t.p, t.d
    ON CONFLICT (project_id, day) DO UPDATE SET stamp = f.stamp + 1, stored = false;
    DELETE FROM daily_facts f USING unnest(projects, days) AS t(p, d)
    WHERE f.project_id = t.p AND f.day = t.d;
END
$$
"""


def _touch_function(table: str) -> str:
    def forget(rows: str) -> str:
        return f"""
        SELECT array_agg(o ORDER BY p, d), array_agg(p ORDER BY p, d), array_agg(d ORDER BY p, d)
        INTO orgs, projects, days
        FROM (SELECT DISTINCT organization_id AS o, project_id AS p, day AS d
              FROM ({_days_of(table, rows)}) t WHERE day IS NOT NULL) touched;
        PERFORM daily_facts_forget(orgs, projects, days);"""  # noqa: S608

    return f"""
CREATE FUNCTION daily_facts_touched_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orgs uuid[];
    projects uuid[];
    days date[];
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN {forget("new_rows")}
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN {forget("old_rows")}
    END IF;
    RETURN NULL;
END
$$
"""


# A project's time zone decides every day of it: its facts are all forgotten when it changes.
ZONE_FUNCTION = """
CREATE FUNCTION daily_facts_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE daily_fact_days f SET stamp = f.stamp + 1, stored = false
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.project_id = n.id AND n.timezone IS DISTINCT FROM o.timezone;
    DELETE FROM daily_facts f USING new_rows n JOIN old_rows o ON o.id = n.id
    WHERE f.project_id = n.id AND n.timezone IS DISTINCT FROM o.timezone;
    RETURN NULL;
END
$$
"""

TRIGGERED = (*SOURCES, "units")
EVENTS = {
    "insert": "INSERT ON {t} REFERENCING NEW TABLE AS new_rows",
    "update": "UPDATE ON {t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "DELETE ON {t} REFERENCING OLD TABLE AS old_rows",
}


def _events(table: str) -> dict[str, str]:
    # A unit counts only by its area, which changes by an update; a new unit has no deals yet.
    return {"update": EVENTS["update"]} if table == "units" else EVENTS


def upgrade() -> None:
    op.create_table(
        "daily_fact_days",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("stored", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_daily_fact_days_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_daily_fact_days_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "day", name=op.f("pk_daily_fact_days")),
    )
    op.create_index(
        op.f("ix_daily_fact_days_organization_id"), "daily_fact_days", ["organization_id"], unique=False
    )
    op.create_table(
        "daily_facts",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("consultant_id", sa.UUID(), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        *(sa.Column(name, sa.Numeric(), server_default="0", nullable=False) for name in FACT_COLUMNS),
        sa.ForeignKeyConstraint(
            ["project_id", "day"],
            ["daily_fact_days.project_id", "daily_fact_days.day"],
            name=op.f("fk_daily_facts_project_id_daily_fact_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_daily_facts_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_facts")),
    )
    op.create_index(op.f("ix_daily_facts_organization_id"), "daily_facts", ["organization_id"], unique=False)
    op.create_index("ix_daily_facts_project_day", "daily_facts", ["project_id", "day"], unique=False)
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {POLICY} ON "{table}" USING ({CALLERS} IS NULL OR organization_id = {CALLERS})'
        )
    op.execute(FORGET)
    for table in TRIGGERED:
        op.execute(_touch_function(table))
        for event, clause in _events(table).items():
            op.execute(
                f"CREATE TRIGGER daily_facts_{event} AFTER {clause.format(t=table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION daily_facts_touched_{table}()"
            )
    op.execute(ZONE_FUNCTION)
    op.execute(
        f"CREATE TRIGGER daily_facts_zone AFTER {EVENTS['update'].format(t='projects')} "
        "FOR EACH STATEMENT EXECUTE FUNCTION daily_facts_zone_changed()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS daily_facts_zone ON projects")
    op.execute("DROP FUNCTION IF EXISTS daily_facts_zone_changed()")
    for table in TRIGGERED:
        for event in _events(table):
            op.execute(f"DROP TRIGGER IF EXISTS daily_facts_{event} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS daily_facts_touched_{table}()")
    op.execute("DROP FUNCTION IF EXISTS daily_facts_forget(uuid[], uuid[], date[])")
    for table in TABLES:
        op.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{table}"')
    op.drop_table("daily_facts")
    op.drop_table("daily_fact_days")
