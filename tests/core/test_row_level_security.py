"""PostgreSQL row-level security as the second guard (issue #10 item 15): even a query that forgot the
organization filter answers nothing of another organization."""

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from anchang.core import repository
from anchang.core.config import Settings
from anchang.core.context import organization_id_var
from anchang.core.db import Database
from anchang.main import create_app
from anchang.org.models import Developer
from tests import factories as f

SETTINGS = Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test")


async def test_every_tenant_table_has_row_level_security_and_a_policy(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT c.relname, c.relrowsecurity, count(p.policyname) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema() "
                "LEFT JOIN pg_policies p ON p.tablename = c.relname AND p.schemaname = n.nspname "
                "WHERE c.relkind = 'r' AND (c.relname = 'organizations' OR EXISTS (SELECT 1 FROM "
                "information_schema.columns col WHERE col.table_schema = n.nspname "
                "AND col.table_name = c.relname AND col.column_name = 'organization_id')) "
                "GROUP BY c.relname, c.relrowsecurity"
            )
        )
        tables = {name: (secured, policies) for name, secured, policies in rows}
    assert len(tables) > 20
    unguarded = sorted(name for name, (secured, policies) in tables.items() if not secured or policies == 0)
    assert not unguarded, (
        f"tenant tables without row-level security (add a policy in their migration): {unguarded}"
    )


async def test_the_app_acts_as_a_role_that_owns_nothing_and_bypasses_nothing(
    committed_database: Database,
) -> None:
    async with committed_database.session() as session:
        row = (
            await session.execute(
                text(
                    "SELECT current_user, r.rolsuper, r.rolbypassrls, "
                    "(SELECT count(*) FROM pg_tables WHERE tableowner = current_user) "
                    "FROM pg_roles r WHERE r.rolname = current_user"
                )
            )
        ).one()
    assert tuple(row) == ("anchang_app", False, False, 0)


@pytest.fixture
async def two_organizations(committed_database: Database) -> AsyncIterator[dict[str, Any]]:
    async with committed_database.session() as session:
        a, b = await f.create_organization(session), await f.create_organization(session)
        a_developer = await f.create_developer(session, organization=a, name="甲方 A")
        b_developer = await f.create_developer(session, organization=b, name="甲方 B")
        b_admin = await f.create_user(session, organization=b, is_admin=True)
        await session.commit()
        yield {"a": a, "b": b, "a_developer": a_developer, "b_developer": b_developer, "b_admin": b_admin}


@pytest.fixture
def forgotten_filter(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bug RLS guards against: a repository that no longer filters by organization."""
    monkeypatch.setattr(repository.Repository, "scope", lambda self, statement: statement)
    repository._scoped_statement.cache_clear()
    repository._readable_statement.cache_clear()
    yield
    repository._scoped_statement.cache_clear()
    repository._readable_statement.cache_clear()


async def _developers_seen(database: Database, headers: dict[str, str]) -> set[str]:
    app = create_app(SETTINGS, database)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
        response = await client.get("/developers", headers=headers)
    assert response.status_code == 200, response.text
    return {d["name"] for d in response.json()["items"]}


async def test_a_forgotten_filter_still_shows_nothing_of_another_organization(
    committed_database: Database, database_url: str, two_organizations: dict[str, Any], forgotten_filter: None
) -> None:
    headers = f.auth_headers(two_organizations["b_admin"])
    assert await _developers_seen(committed_database, headers) == {"甲方 B"}
    # The same request on a connection that bypasses row-level security (the tables' owner) shows
    # what the removed filter lets through: the guard, not luck, kept A's developer out above.
    unguarded = Database(database_url, pool_size=2, app_role="")
    try:
        assert await _developers_seen(unguarded, headers) == {"甲方 A", "甲方 B"}
    finally:
        await unguarded.dispose()


async def test_another_organizations_row_cannot_be_changed_even_by_its_id(
    committed_database: Database, two_organizations: dict[str, Any]
) -> None:
    a_developer: Developer = two_organizations["a_developer"]
    token = organization_id_var.set(two_organizations["b"].id)
    try:
        async with committed_database.session() as session:
            changed = await session.execute(
                update(Developer).where(Developer.id == a_developer.id).values(name="taken over")
            )
            assert changed.rowcount == 0  # type: ignore[attr-defined]
            await session.commit()
            assert await session.scalar(select(Developer.id).where(Developer.id == a_developer.id)) is None
    finally:
        organization_id_var.reset(token)
    async with committed_database.session() as session:  # acting for no one: the row is there, unchanged
        assert await session.scalar(select(Developer.name).where(Developer.id == a_developer.id)) == "甲方 A"


async def test_a_pooled_connection_follows_each_requests_organization(
    committed_database: Database, two_organizations: dict[str, Any]
) -> None:
    """One connection serving A, then B, then no one: each read sees what its caller may."""
    reader = committed_database.reader
    names = select(Developer.name).order_by(Developer.name)
    seen = []
    for organization_id in (two_organizations["a"].id, two_organizations["b"].id, None, uuid.uuid4()):
        token = organization_id_var.set(organization_id)
        try:
            seen.append([row["name"] for row in await reader.all(names)])
        finally:
            organization_id_var.reset(token)
    assert seen == [["甲方 A"], ["甲方 B"], ["甲方 A", "甲方 B"], []]
