"""Queries of the organization domain, each from the base repository's scoped statement."""

import uuid
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.errors import NotFound
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect, Repository, statement_principal
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.org.models import Developer, Organization, Project, ProjectMember, User


class UserNotFound(NotFound):
    code = "user_not_found"


class DeveloperNotFound(NotFound):
    code = "developer_not_found"


class ProjectNotFound(NotFound):
    code = "project_not_found"


class MemberNotFound(NotFound):
    code = "member_not_found"


class UserRepository(Repository[User]):
    model = User
    not_found = UserNotFound

    async def name_of(self, user_id: uuid.UUID) -> str | None:
        return await self.session.scalar(self.scope(select(User.full_name)).where(User.id == user_id))

    async def names_of(self, user_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not user_ids:
            return {}
        rows = await self.session.execute(
            self.scope(select(User.id, User.full_name)).where(User.id.in_(list(user_ids)))
        )
        return {user_id: name for user_id, name in rows}

    async def email_taken(self, email: str) -> bool:
        # Across organizations: the e-mail is the login.
        found = await self.session.scalar(select(User.id).where(func.lower(User.email) == email.lower()))
        return found is not None


class DeveloperRepository(Repository[Developer]):
    model = Developer
    not_found = DeveloperNotFound

    async def name_of(self, developer_id: uuid.UUID) -> str | None:
        return await self.session.scalar(
            self.scope(select(Developer.name)).where(Developer.id == developer_id)
        )


class ProjectRepository(Repository[Project]):
    model = Project
    not_found = ProjectNotFound

    async def get_with_role(self, project_id: uuid.UUID) -> tuple[Project, ProjectRole | None]:
        """The project and the caller's role in it, in one round trip; NotFound if not visible."""
        statement = self.scope(
            select(Project, ProjectMember.role)
            .outerjoin(
                ProjectMember,
                (ProjectMember.project_id == Project.id) & (ProjectMember.user_id == self.principal.user_id),
            )
            .where(Project.id == project_id)
        )
        row = (await self.session.execute(statement)).first()
        if row is None:
            raise ProjectNotFound(f"No project with id {project_id}")
        return row[0], row[1]

    async def code_taken(self, code: str, *, excluding: uuid.UUID | None = None) -> bool:
        statement = self.scope(select(Project.id)).where(Project.code == code)
        if excluding is not None:
            statement = statement.where(Project.id != excluding)
        return (await self.session.scalar(statement)) is not None


@per_caller
def project_with_role(caller: Principal) -> AnySelect:
    """The project `:project_id` if the caller may see it, its columns and `caller_role` (their stored
    role in it, null if none): what every route of a project starts from, on the lean read path."""
    role = (
        select(ProjectMember.role)
        .where(ProjectMember.project_id == Project.id, ProjectMember.user_id == caller.user_id)
        .scalar_subquery()
    )
    return (
        ProjectRepository(None, caller)
        .scoped()
        .with_only_columns(*Project.__table__.columns, role.label("caller_role"))
        .where(Project.id == bindparam("project_id"))
    )


PROJECT_PREFIX = "project__"
"""The prefix of the project's columns `with_project_access` adds to an entity's row."""


def with_project_access(statement: AnySelect, caller: Principal, project_id: Any) -> AnySelect:
    """`statement` (an entity's readable row, already limited to the caller's projects) with the
    columns of its project and the caller's stored role there, prefixed `project__`: a GET of one
    thing and the access it needs in one statement."""
    role = (
        select(ProjectMember.role)
        .where(ProjectMember.project_id == Project.id, ProjectMember.user_id == caller.user_id)
        .scalar_subquery()
    )
    return statement.join(Project, Project.id == project_id).add_columns(
        *(column.label(PROJECT_PREFIX + column.key) for column in Project.__table__.columns),
        role.label(PROJECT_PREFIX + "caller_role"),
    )


class MemberRepository(Repository[ProjectMember]):
    model = ProjectMember
    not_found = MemberNotFound

    def of_project(self, project_id: uuid.UUID) -> Select[ProjectMember]:
        return self.scoped().where(ProjectMember.project_id == project_id)

    async def caller_roles(self, project_ids: set[uuid.UUID]) -> dict[uuid.UUID, ProjectRole]:
        rows = await self.session.execute(
            select(ProjectMember.project_id, ProjectMember.role).where(
                ProjectMember.user_id == self.principal.user_id, ProjectMember.project_id.in_(project_ids)
            )
        )
        return {project_id: role for project_id, role in rows}

    async def users_by_id(self, user_ids: set[uuid.UUID]) -> dict[uuid.UUID, User]:
        if not user_ids:
            return {}
        users = UserRepository(self.session, self.principal)
        rows = await self.session.scalars(users.scoped().where(User.id.in_(user_ids)))
        return {u.id: u for u in rows}


def caller_with_organization(principal: Principal) -> AnySelect:
    """The caller's user row with their organization's name and slug, and their memberships as a JSON
    array (one round trip for /me; statement reused per caller)."""
    return _caller_with_organization(principal.user_id, principal.organization_id, principal.is_admin)


@lru_cache(maxsize=4096)
def _caller_with_organization(user_id: uuid.UUID, organization_id: uuid.UUID, is_admin: bool) -> AnySelect:
    principal = statement_principal(user_id, organization_id, is_admin)
    users = UserRepository(None, principal)
    return users.scope(
        select(
            User,
            Organization.name.label("organization_name"),
            Organization.slug.label("organization_slug"),
            _memberships_json(principal).label("memberships"),
        )
        .join(Organization, Organization.id == User.organization_id)
        .where(User.id == principal.user_id)
    )


def _memberships_json(principal: Principal) -> Any:
    """The caller's active projects and their role in each, by project name, as one JSON value."""
    projects = ProjectRepository(None, principal)
    mine = projects.scope(
        select(ProjectMember.project_id, Project.name, Project.code, ProjectMember.role).join(
            Project, Project.id == ProjectMember.project_id
        )
    ).where(ProjectMember.user_id == principal.user_id, Project.is_active.is_(True))
    membership = func.json_build_object(
        "project_id",
        ProjectMember.project_id,
        "project_name",
        Project.name,
        "project_code",
        Project.code,
        "role",
        ProjectMember.role,
    )
    return mine.with_only_columns(
        func.coalesce(func.json_agg(aggregate_order_by(membership, Project.name)), text("'[]'::json"))
    ).scalar_subquery()


async def find_user_by_email(session: AsyncSession, email: str) -> User | None:
    """Unscoped: a login comes before any principal."""
    return await session.scalar(select(User).where(func.lower(User.email) == email.lower()))


async def find_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    """Unscoped: a token refresh comes before any principal."""
    return await session.get(User, user_id)


def user_name_of(principal: Principal, user_id: Any) -> Any:
    """The full name of the colleague whose id is `user_id` (a column of the caller's statement), null
    for none or one of another organization: a correlated subquery, for rows that name who did what."""
    return (
        UserRepository(None, principal)
        .scoped()
        .with_only_columns(User.full_name)
        .where(User.id == user_id)
        .scalar_subquery()
    )


def caller_role_in(principal: Principal, project_id: Any) -> Any:
    """The caller's stored role in the project whose id is `project_id` (a column of the caller's
    statement), null if none: a correlated subquery (`effective_role` makes it the role they act in)."""
    return (
        select(ProjectMember.role)
        .where(ProjectMember.project_id == project_id, ProjectMember.user_id == principal.user_id)
        .scalar_subquery()
    )
