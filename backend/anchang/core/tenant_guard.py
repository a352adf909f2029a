"""The second guard of tenancy: PostgreSQL row-level security behind the repository's filter.

The app's connections act as the role `DB_APP_ROLE` (set at connection start, so it costs nothing per
request), which owns no table, so the policies of migration `tenancy_0001` apply to it: a row of
another organization than the connection's `app.org_id` is invisible and cannot be written, even
to a query that forgot its filter. Before a connection serves a request, its `app.org_id` is made
the caller's organization (from the request's context) — a statement only when it differs from what
the connection already carries, which for a worker serving one organization is almost never. A
connection acting for no one (before a login, the reservation sweeper) carries none and sees every
row, as the application's own rules decide.
"""

import weakref
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from anchang.core.context import organization_id_var

SET_ORGANIZATION = "SELECT set_config('app.org_id', %s, false)"
_NO_ONE = ""


def connection_options(role: str) -> str:
    """libpq `options` for a new connection: act as `role`, for no organization yet."""
    return f"-c role={role} -c app.org_id=" if role else ""


def wanted_organization() -> str:
    """The organization the current request acts for, as the setting holds it."""
    organization_id = organization_id_var.get()
    return str(organization_id) if organization_id is not None else _NO_ONE


# What each fast-read connection carries now (psycopg connections take weak references).
_carried: "weakref.WeakKeyDictionary[psycopg.AsyncConnection[Any], str]" = weakref.WeakKeyDictionary()


async def carry_organization(conn: psycopg.AsyncConnection[Any]) -> None:
    """Make `conn` act for the current request's organization (a round trip only on a change)."""
    wanted = wanted_organization()
    if _carried.get(conn, _NO_ONE) != wanted:
        await conn.execute(SET_ORGANIZATION, (wanted,))
        _carried[conn] = wanted


def guard_engine(engine: AsyncEngine, *, autocommit: bool) -> None:
    """Every connection the engine hands out acts for the current request's organization.

    On a transactional engine the setting is made inside the request's transaction, and a rollback
    takes it back: it is made on every checkout there, and remembered only on an autocommit one."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        wanted = wanted_organization()
        if not autocommit or record.info.get("app_org", _NO_ONE) != wanted:
            # Checkouts of the async engine run inside its greenlet: the adapted cursor may execute.
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(SET_ORGANIZATION, (wanted,))
            finally:
                cursor.close()
            record.info["app_org"] = wanted
