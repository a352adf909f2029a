"""The fast read path returns what the ORM would, for the statement shapes repositories build."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.org.models import Project, ProjectMember
from anchang.org.repository import DeveloperRepository, caller_with_organization
from tests import factories as f
from tests.conftest import TransactionalDatabase


async def _both(session: AsyncSession, database: Any, statement: Any) -> tuple[list[Any], list[Any]]:
    orm = [m.id for m in (await session.scalars(statement)).all()]
    fast = [row["id"] for row in await database.reader.all(statement)]
    return orm, fast


class TestReader:
    async def test_in_lists_enums_and_subqueries_bind_like_the_orm(
        self, session: AsyncSession, connection: Any
    ):
        database = TransactionalDatabase(connection)
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        for role in (ProjectRole.consultant, ProjectRole.supervisor, ProjectRole.finance):
            await f.create_member(session, project=project, role=role)
        for roles in ([ProjectRole.consultant], [ProjectRole.consultant, ProjectRole.finance], []):
            statement = select(ProjectMember).where(ProjectMember.role.in_(roles)).order_by(ProjectMember.id)
            orm, fast = await _both(session, database, statement)
            assert orm == fast and len(fast) == len(roles)
        nested = select(Project).where(Project.id.in_(select(ProjectMember.project_id))).order_by(Project.id)
        orm, fast = await _both(session, database, nested)
        assert orm == fast == [project.id]

    async def test_rows_carry_typed_values(self, session: AsyncSession, connection: Any):
        database = TransactionalDatabase(connection)
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        row = await database.reader.first(select(Project).where(Project.id == project.id))
        assert row is not None
        assert row["id"] == project.id and row["settings"] == {}
        assert row["created_at"].tzinfo is not None

    async def test_the_same_shape_with_other_values_reuses_the_compiled_sql(
        self, session: AsyncSession, connection: Any
    ):
        database = TransactionalDatabase(connection)
        org = await f.create_organization(session)
        one = await f.create_project(session, organization=org)
        two = await f.create_project(session, organization=org)
        for project in (one, two):
            row = await database.reader.first(select(Project).where(Project.id == project.id))
            assert row is not None and row["name"] == project.name


def test_a_users_statements_are_built_once_for_all_their_logins() -> None:
    """Memoized per user and organization, not per login: a new sign-in reuses what the last built
    (keyed by login, every sign-in filled the statement caches anew and memory grew with logins)."""
    user, org = uuid.uuid4(), uuid.uuid4()
    logins = [
        Principal(user, org, is_admin=False, session_id=uuid.uuid4(), credentials_version=v) for v in (0, 1)
    ]
    first, second = (DeveloperRepository(None, p) for p in logins)
    assert first.scoped() is second.scoped() and first.readable() is second.readable()
    assert caller_with_organization(logins[0]) is caller_with_organization(logins[1])
    other = DeveloperRepository(None, Principal(uuid.uuid4(), org, is_admin=False, session_id=uuid.uuid4()))
    assert other.scoped() is not first.scoped()


class TestNumbered:
    def test_placeholders_become_numbers_in_first_use_order_and_percent_signs_unescape(self):
        from anchang.core.reader import numbered

        sql, order = numbered("SELECT %(b)s, %(a_1)s, %(b)s WHERE name LIKE 'x%%' AND %(page limit)s > 0")
        assert sql == "SELECT $1, $2, $1 WHERE name LIKE 'x%' AND $3 > 0"
        assert order == ("b", "a_1", "page limit")

    async def test_a_literal_percent_and_a_repeated_parameter_read_back(self, connection: Any):
        from sqlalchemy import bindparam, literal_column

        database = TransactionalDatabase(connection)
        value = bindparam("value")
        statement = select(literal_column("'100%'").label("text"), value.label("a"), (value + 1).label("b"))
        [row] = await database.reader.rows(statement, {"value": 41})
        assert row == {"text": "100%", "a": 41, "b": 42}
