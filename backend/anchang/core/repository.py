"""The base repository: every read of tenant data starts from its scoped statement.

Scoping lives here and nowhere else: rows of another organization are invisible (so they answer
404), and rows of a project are visible only to the project's members and the organization's admins.
"""

import uuid
from functools import lru_cache
from typing import Any, ClassVar, Generic, TypeVar, TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.errors import NotFound
from anchang.core.security import Principal

M = TypeVar("M")
Ts = TypeVarTuple("Ts")
AnySelect = Select[*tuple[Any, ...]]
"""A SELECT of any columns, for functions that build one."""


def member_project_ids(principal: Principal) -> Select[uuid.UUID]:
    """The projects `principal` is a member of, as a subquery."""
    from anchang.org.models import ProjectMember  # the membership table is what scoping rests on

    return select(ProjectMember.project_id).where(ProjectMember.user_id == principal.user_id)


@lru_cache(maxsize=4096)
def _scoped_statement(repository: "type[Repository[Any]]", principal: Principal) -> Select[Any]:
    # Statements are immutable values: building one costs more than the query's own round trip,
    # so a caller's repeated reads reuse it (and SQLAlchemy's cache key memoized on it).
    return repository(None, principal).scope(select(repository.model))


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
        return _scoped_statement(type(self), self.principal)  # type: ignore[arg-type]

    async def get(self, id: uuid.UUID, *, for_update: bool = False) -> M:
        """The row with `id` if the principal may see it, else the domain's NotFound."""
        statement = self.scoped().where(self.model.id == id)
        if for_update:
            statement = statement.with_for_update()
        row = await self.session.scalar(statement)
        if row is None:
            raise self.not_found(f"No {self.model.__tablename__.rstrip('s')} with id {id}")
        return row
