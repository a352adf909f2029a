"""The organization's reads on the lean read path (core/reads.py): users, developers, projects and a
project's members, each list one statement per page and each detail one statement."""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func

from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import repository as repo
from anchang.org import schemas
from anchang.org.models import Developer, Project, ProjectMember, User


def _columns(model: type[Any], shown: type[schemas.ResponseModel]) -> list[ColumnElement[Any]]:
    # The columns of `model` that the response model shows, named as it names them.
    return [getattr(model, name).label(name) for name in shown.model_fields if hasattr(model, name)]


@per_caller
def users(caller: Principal, *, search: bool, active: bool) -> AnySelect:
    """The organization's users; bind parameters `pattern` (an ILIKE pattern) and `is_active` when the
    shape has them."""
    statement = repo.UserRepository(None, caller).scoped().with_only_columns(*_columns(User, schemas.User))
    if search:
        pattern: Any = bindparam("pattern")
        statement = statement.where(User.full_name.ilike(pattern) | User.email.ilike(pattern))
    if active:
        statement = statement.where(User.is_active == bindparam("is_active"))
    return statement


async def list_users(
    reader: Reader, principal: Principal, page: PageParams, *, q: str | None, is_active: bool | None
) -> tuple[list[Row], str | None]:
    """Users of the organization; `q` matches part of the name or e-mail, case-insensitively."""
    values: dict[str, Any] = {}
    if q:
        values["pattern"] = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if is_active is not None:
        values["is_active"] = is_active
    statement = users(principal, search=bool(q), active=is_active is not None)
    return await read_page(
        reader, statement, page, values, order_by=[User.created_at, User.id], updated_at=User.updated_at
    )


@per_caller
def user_by_id(caller: Principal) -> AnySelect:
    """The organization's user `:id`."""
    return users(caller, search=False, active=False).where(User.id == bindparam("id"))


@per_caller
def developers(caller: Principal) -> AnySelect:
    """The organization's developers."""
    return (
        repo.DeveloperRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(Developer, schemas.Developer))
    )


@per_caller
def developer_by_id(caller: Principal) -> AnySelect:
    """The organization's developer `:id`."""
    return developers(caller).where(Developer.id == bindparam("id"))


async def list_developers(
    reader: Reader, principal: Principal, page: PageParams
) -> tuple[list[Row], str | None]:
    """The developers (甲方) the organization sells for."""
    return await read_page(
        reader,
        developers(principal),
        page,
        order_by=[Developer.created_at, Developer.id],
        updated_at=Developer.updated_at,
    )


@per_caller
def projects(caller: Principal) -> AnySelect:
    """The projects the caller can see."""
    return (
        repo.ProjectRepository(None, caller).scoped().with_only_columns(*_columns(Project, schemas.Project))
    )


async def list_projects(
    reader: Reader, principal: Principal, page: PageParams
) -> tuple[list[Row], str | None]:
    """The projects the caller can see (an organization admin: all of them; an API key: those of them
    it is restricted to)."""
    statement = projects(principal)
    if principal.project_ids is not None:
        statement = statement.where(Project.id.in_(sorted(principal.project_ids, key=str)))
    return await read_page(
        reader,
        statement,
        page,
        order_by=[Project.created_at, Project.id],
        updated_at=Project.updated_at,
    )


def project_shown(access: ProjectAccess) -> dict[str, Any]:
    """The project of a route (read by its `project_role`) as `schemas.Project` shows it."""
    return {name: access.project[name] for name in schemas.Project.model_fields}


@per_caller
def members(caller: Principal, *, one: bool) -> AnySelect:
    """The members of the project `:project_id`, each with their user's id, e-mail and name (the
    member `:member_id` only, when `one`)."""
    user = (
        repo.UserRepository(None, caller)
        .scoped()
        .with_only_columns(
            func.json_build_object("id", User.id, "email", User.email, "full_name", User.full_name)
        )
        .where(User.id == ProjectMember.user_id)
        .scalar_subquery()
    )
    statement = (
        repo.MemberRepository(None, caller)
        .scoped()
        .with_only_columns(
            *(getattr(ProjectMember, name) for name in schemas.Member.model_fields if name != "user"),
            user.label("user"),
        )
        .where(ProjectMember.project_id == bindparam("project_id"))
    )
    if one:
        statement = statement.where(ProjectMember.id == bindparam("member_id"))
    return statement


async def list_members(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's members with their users."""
    return await read_page(
        reader,
        members(access.principal, one=False),
        page,
        {"project_id": access.project.id},
        order_by=[ProjectMember.created_at, ProjectMember.id],
        updated_at=ProjectMember.updated_at,
    )


async def read_member(reader: Reader, access: ProjectAccess, member_id: uuid.UUID) -> Row:
    """The project's member `member_id` with their user, or MemberNotFound."""
    row = await reader.row(
        members(access.principal, one=True), {"project_id": access.project.id, "member_id": member_id}
    )
    if row is None:
        raise repo.MemberNotFound(f"No member with id {member_id} in this project")
    return row


async def read_user(reader: Reader, principal: Principal, user_id: uuid.UUID) -> Row:
    """The organization's user `user_id`, or UserNotFound."""
    row = await reader.row(user_by_id(principal), {"id": user_id})
    if row is None:
        raise repo.UserNotFound(f"No user with id {user_id}")
    return row


async def read_developer(reader: Reader, principal: Principal, developer_id: uuid.UUID) -> Row:
    """The organization's developer `developer_id`, or DeveloperNotFound."""
    row = await reader.row(developer_by_id(principal), {"id": developer_id})
    if row is None:
        raise repo.DeveloperNotFound(f"No developer with id {developer_id}")
    return row
