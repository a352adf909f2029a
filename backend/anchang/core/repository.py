"""The base repository: every read of tenant data starts from its scoped statement.

Scoping lives here and nowhere else: rows of another organization are invisible (so they answer
404), and rows of a project are visible only to the project's members and the organization's admins.
On top of that, a domain's repository may state a row rule (`row_rule`): which of those rows the caller
may *read* (a consultant reads their own reservations). `readable()` is scoped() with that rule, and
it is where every list and every read by id on behalf of a caller starts; `scoped()` alone is for what
a service must see to keep its rules (a unit's live reservations, whoever made them).
"""

import uuid
from functools import lru_cache
from typing import Any, ClassVar, Generic, Protocol, TypeVar, TypeVarTuple

from sqlalchemy import ColumnElement, Select, bindparam, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.errors import NotFound
from anchang.core.membership import member_project_ids, projects_where_role
from anchang.core.reader import Reader, Row
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal

M = TypeVar("M")
Ts = TypeVarTuple("Ts")
AnySelect = Select[*tuple[Any, ...]]
"""A SELECT of any columns, for functions that build one."""


def statement_principal(user_id: uuid.UUID, organization_id: uuid.UUID, is_admin: bool) -> Principal:
    """The caller as statements see them: who and where, not which login (a statement built for one
    login serves the same user's next; keyed by login, every sign-in filled the caches anew)."""
    return Principal(user_id, organization_id, is_admin, session_id=NO_SESSION)


NO_SESSION = uuid.UUID(int=0)


@lru_cache(maxsize=4096)
def _scoped_statement(
    repository: "type[Repository[Any]]", user_id: uuid.UUID, organization_id: uuid.UUID, is_admin: bool
) -> Select[Any]:
    # Statements are immutable values: building one costs more than the query's own round trip,
    # so a caller's repeated reads reuse it (and SQLAlchemy's cache key memoized on it).
    principal = statement_principal(user_id, organization_id, is_admin)
    return repository(None, principal).scope(select(repository.model))


@lru_cache(maxsize=4096)
def _readable_statement(
    repository: "type[Repository[Any]]", user_id: uuid.UUID, organization_id: uuid.UUID, is_admin: bool
) -> Select[Any]:
    principal = statement_principal(user_id, organization_id, is_admin)
    scoped = _scoped_statement(repository, user_id, organization_id, is_admin)  # type: ignore[arg-type]
    return repository(None, principal).readable_of(scoped)


@lru_cache(maxsize=4096)
def _readable_by_id(
    repository: "type[Repository[Any]]", user_id: uuid.UUID, organization_id: uuid.UUID, is_admin: bool
) -> Select[Any]:
    # The readable row `:id` as plain columns, named as the model's attributes, for the lean read path.
    readable = _readable_statement(repository, user_id, organization_id, is_admin)  # type: ignore[arg-type]
    model = repository.model
    columns = [prop.columns[0].label(prop.key) for prop in inspect(model).column_attrs]
    return readable.with_only_columns(*columns).where(model.id == bindparam("id"))


class WithAccess(Protocol):
    """Adds the columns of the caller's access to the project in `project_id` to `statement`."""

    def __call__(self, statement: Select[Any], caller: Principal, project_id: Any) -> Select[Any]: ...


@lru_cache(maxsize=4096)
def _with_access(
    statement: Select[Any], with_access: WithAccess, caller: Principal, model: type[Any]
) -> Select[Any]:
    # Per statement (itself per caller) and directory: built once, like every statement of a read.
    return with_access(statement, caller, getattr(model, getattr(model, "__project_key__", "project_id")))


def own_or_overseen(
    principal: Principal, owner: Any, project: Any, overseers: frozenset[ProjectRole]
) -> ColumnElement[bool] | None:
    """A row rule: rows the caller owns (`owner` is their user id), and every row of the projects in
    which they hold one of `overseers`; organization admins read every row."""
    if principal.is_admin:
        return None
    rule: ColumnElement[bool] = (owner == principal.user_id) | project.in_(
        projects_where_role(principal, overseers)
    )
    return rule


class Repository(Generic[M]):
    model: ClassVar[type[Any]]
    not_found: ClassVar[type[NotFound]] = NotFound

    def __init__(self, session: AsyncSession | None, principal: Principal):
        # No session: only statements are built (for the fast read path, core/reader.py).
        self.session: AsyncSession = session  # type: ignore[assignment]
        self.principal = principal

    def scope(self, statement: Select[*Ts]) -> Select[*Ts]:
        """Restrict `statement` (over this model) to what the principal may see."""
        model = self.model
        statement = statement.where(model.organization_id == self.principal.organization_id)
        project_key = getattr(model, "__project_key__", "project_id")
        if not self.principal.is_admin and hasattr(model, project_key):
            statement = statement.where(getattr(model, project_key).in_(member_project_ids(self.principal)))
        return statement

    def scoped(self) -> Select[M]:
        p = self.principal
        return _scoped_statement(type(self), p.user_id, p.organization_id, p.is_admin)  # type: ignore[arg-type]

    def row_rule(self) -> ColumnElement[bool] | None:
        """Which scoped rows the caller may read; None: all of them. Domains override it."""
        return None

    def readable_of(self, statement: Select[*Ts]) -> Select[*Ts]:
        """`statement` (already scoped) restricted by the row rule."""
        rule = self.row_rule()
        return statement if rule is None else statement.where(rule)

    def readable(self) -> Select[M]:
        """The rows the caller may read: where every list and read by id on their behalf starts."""
        p = self.principal
        return _readable_statement(type(self), p.user_id, p.organization_id, p.is_admin)  # type: ignore[arg-type]

    async def get_readable(self, id: uuid.UUID) -> M:
        """The row with `id` if the caller may read it, else the domain's NotFound."""
        row = await self.session.scalar(self.readable().where(self.model.id == id))
        if row is None:
            raise self.not_found(f"No {self.model.__tablename__.rstrip('s')} with id {id}")
        return row

    def readable_by_id(self) -> Select[Any]:
        """What `read_readable` runs: the readable row `:id` as plain columns named as the model's
        attributes. A repository may add what its view shows beside them (names, sums), so that a
        GET of one thing is one statement with its access (memoize the override per caller)."""
        p = self.principal
        return _readable_by_id(type(self), p.user_id, p.organization_id, p.is_admin)  # type: ignore[arg-type]

    async def read_readable(
        self, reader: Reader, id: uuid.UUID, *, with_access: "WithAccess | None" = None
    ) -> Row:
        """`get_readable` on the lean read path (core/reads.py): the row as plain columns, for reads.

        `with_access` adds the columns of the caller's access to the row's project to the same
        statement (core/access.py's `entity_role` passes the project directory's)."""
        statement = self.readable_by_id()
        if with_access is not None:
            p = self.principal
            caller = statement_principal(p.user_id, p.organization_id, p.is_admin)
            statement = _with_access(statement, with_access, caller, self.model)  # type: ignore[arg-type]
        row = await reader.row(statement, {"id": id})
        if row is None:
            raise self.not_found(f"No {self.model.__tablename__.rstrip('s')} with id {id}")
        return row

    @classmethod
    def project_id_of(cls, entity: M | Row) -> uuid.UUID:
        """The project `entity` belongs to, whose role rules apply to it."""
        project_id: uuid.UUID = getattr(entity, getattr(cls.model, "__project_key__", "project_id"))
        return project_id

    async def get(self, id: uuid.UUID, *, for_update: bool = False) -> M:
        """The row with `id` if the principal may see it, else the domain's NotFound."""
        statement = self.scoped().where(self.model.id == id)
        if for_update:
            statement = statement.with_for_update()
        row = await self.session.scalar(statement)
        if row is None:
            raise self.not_found(f"No {self.model.__tablename__.rstrip('s')} with id {id}")
        return row
