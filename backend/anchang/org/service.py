"""Rules of the organization domain: who may be created, changed, and made a member where."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess, effective_role
from anchang.core.credentials import access_changed, revoke_credentials
from anchang.core.errors import Conflict, Forbidden, TooManyRequests, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.reader import Reader, Row
from anchang.core.repository import AnySelect
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal, hash_password_off_loop
from anchang.core.throttle import SlidingWindow
from anchang.org import repository as repo
from anchang.org.models import Developer, MemberGrade, Project, ProjectMember, User
from anchang.org.repository import (
    ProjectNotFound,
    caller_role_in,
    find_user,
    find_user_by_email,
    user_name_of,
)
from anchang.org.schemas import (
    DeveloperCreate,
    DeveloperUpdate,
    Me,
    MemberCreate,
    MemberUpdate,
    ProjectCreate,
    ProjectUpdate,
    UserCreate,
    UserUpdate,
)

# What other domains use of this one: the caller's project and colleagues (below), users' rows for
# logging in (auth), and the errors and types they name.
__all__ = [
    "MemberGrade",
    "ProjectNotFound",
    "Projects",
    "User",
    "caller_role_in",
    "caller_roles",
    "developer_name",
    "find_user",
    "find_user_by_email",
    "get_me",
    "member_grades",
    "member_role",
    "members_with_role",
    "project_access",
    "user_name",
    "user_name_of",
    "user_names",
    "users_by_id",
    "visible_project_ids",
]


class EmailTaken(Conflict):
    """The e-mail is some user's login, perhaps in another organization: said as little as that, since
    the caller may not know who (docs/architecture.md, "One login, one e-mail")."""

    code, title = "email_taken", "This e-mail cannot be used for a new user"


class UserCreationThrottled(TooManyRequests):
    code, title = "user_creation_throttled", "Too many users created in a minute"


class ProjectCodeTaken(Conflict):
    code, title = "project_code_taken", "Another project of the organization has this code"


class DeveloperNameTaken(Conflict):
    code, title = "developer_name_taken", "Another developer of the organization has this name"


class AlreadyMember(Conflict):
    code, title = "already_member", "The user is already a member of this project"


class CannotChangeSelf(Conflict):
    code, title = "cannot_change_self", "Admins cannot deactivate or demote themselves"


async def project_access(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> ProjectAccess:
    """The project if the caller may see it (404 otherwise), with the role they act in there."""
    project, role = await repo.ProjectRepository(session, principal).get_with_role(project_id)
    return ProjectAccess(project=project, role=effective_role(principal, role), principal=principal)


async def read_project_access(reader: Reader, principal: Principal, project_id: uuid.UUID) -> ProjectAccess:
    """`project_access` on the lean read path: the project is a read-only row, for safe requests."""
    row = await reader.row(repo.project_with_role(principal), {"project_id": project_id})
    if row is None:
        raise ProjectNotFound(f"No project with id {project_id}")
    role = row.pop("caller_role")
    return ProjectAccess(project=row, role=effective_role(principal, role), principal=principal)


def access_in_row(row: Row, principal: Principal) -> ProjectAccess:
    """The project access `repo.with_project_access` added to an entity's row, taken out of it."""
    start = len(repo.PROJECT_PREFIX)
    project = Row(
        (key[start:], row.pop(key)) for key in [k for k in row if k.startswith(repo.PROJECT_PREFIX)]
    )
    role = project.pop("caller_role")
    return ProjectAccess(project=project, role=effective_role(principal, role), principal=principal)


class Projects:
    """The org domain as the app's `ProjectDirectory` (core/access.py), wired in `main.py`."""

    project_access = staticmethod(project_access)
    read_project_access = staticmethod(read_project_access)
    with_project_access = staticmethod(repo.with_project_access)
    access_in_row = staticmethod(access_in_row)


def _apply(target: object, changes: dict[str, object]) -> None:
    for field, value in changes.items():
        setattr(target, field, value)


# --- me -------------------------------------------------------------------------------------


async def get_me(reader: Reader, principal: Principal) -> Me:
    """One round trip: the caller with their organization and their memberships."""
    user = await reader.first(repo.caller_with_organization(principal))
    if user is None:  # deleted since the token was issued
        raise repo.UserNotFound("Your user no longer exists")
    memberships = [
        m for m in user.pop("memberships") if effective_role(principal, ProjectRole(m["role"])) is not None
    ]
    organization = {
        "id": user["organization_id"],
        "name": user["organization_name"],
        "slug": user["organization_slug"],
    }
    return Me.model_validate({"user": user, "organization": organization, "memberships": memberships})


# --- users ----------------------------------------------------------------------------------


USERS_PER_MINUTE = 20
# Per organization (so more admins do not mean more probes), in the worker's memory (core/throttle.py).
# An e-mail is one login across organizations, so a 409 tells an admin that the e-mail is a user
# somewhere; this keeps that from becoming a way to check a list of addresses.
USER_CREATIONS = SlidingWindow(USERS_PER_MINUTE, 60)


async def create_user(session: AsyncSession, principal: Principal, data: UserCreate) -> User:
    """A new user of the caller's organization; every attempt counts towards `USERS_PER_MINUTE` a
    minute per organization (429 `user_creation_throttled`), 409 `email_taken` for a login in use."""
    USER_CREATIONS.check(
        principal.organization_id, UserCreationThrottled, f"At most {USERS_PER_MINUTE} new users a minute"
    )
    users = repo.UserRepository(session, principal)
    if await users.email_taken(data.email):
        raise EmailTaken("Choose another e-mail")
    user = User(
        organization_id=principal.organization_id,
        email=data.email.lower(),
        full_name=data.full_name,
        phone=data.phone,
        password_hash=await hash_password_off_loop(data.password),
        is_admin=data.is_admin,
    )
    session.add(user)
    await session.flush()
    return user


async def update_user(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, data: UserUpdate, expected: int | None
) -> User:
    user = await repo.UserRepository(session, principal).get(user_id, for_update=True)
    check_version(expected, user.version)
    changes = data.model_dump(exclude_unset=True)
    if user.id == principal.user_id and (
        changes.get("is_active") is False or changes.get("is_admin") is False
    ):
        raise CannotChangeSelf()
    for field in ("full_name", "is_admin", "is_active"):
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    # Rights taken away, or a new password: the user's tokens stop working now, not when they expire.
    revokes = (
        (changes.get("is_active") is False and user.is_active)
        or (changes.get("is_admin") is False and user.is_admin)
        or changes.get("password") is not None
    )
    if "password" in changes:
        password = changes.pop("password")
        if password is not None:
            user.password_hash = await hash_password_off_loop(password)
    _apply(user, changes)
    await session.flush()
    if revokes:
        await revoke_credentials(session, user.id)
    return user


# --- developers -----------------------------------------------------------------------------


async def _developer_name_taken(
    session: AsyncSession, principal: Principal, name: str, excluding: uuid.UUID | None = None
) -> bool:
    developers = repo.DeveloperRepository(session, principal)
    statement = developers.scoped().where(Developer.name == name)
    if excluding is not None:
        statement = statement.where(Developer.id != excluding)
    return (await session.scalar(statement)) is not None


async def create_developer(session: AsyncSession, principal: Principal, data: DeveloperCreate) -> Developer:
    if await _developer_name_taken(session, principal, data.name):
        raise DeveloperNameTaken(f"A developer named {data.name} exists")
    developer = Developer(organization_id=principal.organization_id, **data.model_dump())
    session.add(developer)
    await session.flush()
    return developer


async def update_developer(
    session: AsyncSession,
    principal: Principal,
    developer_id: uuid.UUID,
    data: DeveloperUpdate,
    expected: int | None,
) -> Developer:
    developer = await repo.DeveloperRepository(session, principal).get(developer_id, for_update=True)
    check_version(expected, developer.version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("name") is None and "name" in changes:
        raise ValidationFailed({"name": "cannot be null"})
    if "name" in changes and await _developer_name_taken(session, principal, changes["name"], developer.id):
        raise DeveloperNameTaken(f"A developer named {changes['name']} exists")
    _apply(developer, changes)
    await session.flush()
    return developer


# --- projects -------------------------------------------------------------------------------


async def create_project(session: AsyncSession, principal: Principal, data: ProjectCreate) -> Project:
    projects = repo.ProjectRepository(session, principal)
    await repo.DeveloperRepository(session, principal).get(data.developer_id)
    if await projects.code_taken(data.code):
        raise ProjectCodeTaken(f"Code {data.code} is taken")
    project = Project(organization_id=principal.organization_id, **data.model_dump())
    session.add(project)
    await session.flush()
    return project


async def update_project(
    session: AsyncSession, access: ProjectAccess, data: ProjectUpdate, expected: int | None
) -> Project:
    project = access.project
    check_version(expected, project.version)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "code", "timezone", "is_active"):
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    projects = repo.ProjectRepository(session, access.principal)
    if "code" in changes and await projects.code_taken(changes["code"], excluding=project.id):
        raise ProjectCodeTaken(f"Code {changes['code']} is taken")
    _apply(project, changes)
    await session.flush()
    return project


# --- members --------------------------------------------------------------------------------


def _admin_role_needs_an_admin(role: ProjectRole, user: User) -> None:
    # The project role `admin` is what an organization admin acts as; nobody else holds it, so the
    # app's admin screens and the API's admin rights always agree.
    if role is ProjectRole.admin and not user.is_admin:
        raise ValidationFailed(
            {"role": "only organization admins act as admin; make the user an admin first"}
        )


async def add_member(
    session: AsyncSession, access: ProjectAccess, data: MemberCreate
) -> tuple[ProjectMember, User]:
    members = repo.MemberRepository(session, access.principal)
    user = await repo.UserRepository(session, access.principal).get(data.user_id)
    _admin_role_needs_an_admin(data.role, user)
    existing = await session.scalar(
        members.of_project(access.project.id).where(ProjectMember.user_id == user.id)
    )
    if existing is not None:
        raise AlreadyMember(f"{user.email} is already {existing.role.value} in this project")
    member = ProjectMember(
        organization_id=access.principal.organization_id,
        project_id=access.project.id,
        user_id=user.id,
        role=data.role,
        grade=None,  # graded later (PATCH); set so the view has it without a reload
        supervisor_id=None,
    )
    session.add(member)
    await session.flush()
    return member, user


# Who may change every field of a membership; site managers (the route admits them too) set teams only.
MEMBER_EDITORS = frozenset({ProjectRole.admin, ProjectRole.project_manager})
TEAM_EDITORS = MEMBER_EDITORS | {ProjectRole.site_manager}


async def _member(session: AsyncSession, access: ProjectAccess, member_id: uuid.UUID) -> ProjectMember:
    members = repo.MemberRepository(session, access.principal)
    member = await session.scalar(
        members.of_project(access.project.id).where(ProjectMember.id == member_id).with_for_update()
    )
    if member is None:
        raise repo.MemberNotFound(f"No member with id {member_id} in this project")
    return member


async def update_member(
    session: AsyncSession,
    access: ProjectAccess,
    member_id: uuid.UUID,
    data: MemberUpdate,
    expected: int | None,
) -> tuple[ProjectMember, User]:
    if access.role not in MEMBER_EDITORS and data.model_fields_set - {"supervisor_id"}:
        raise Forbidden("Site managers may change a member's team only")
    member = await _member(session, access, member_id)
    check_version(expected, member.version)
    user = await repo.UserRepository(session, access.principal).get(member.user_id)
    if "grade" in data.model_fields_set:
        member.grade = data.grade.value if data.grade is not None else None
    if "supervisor_id" in data.model_fields_set:
        if data.supervisor_id is not None:
            role = await member_role(session, access, data.supervisor_id)
            if role is not ProjectRole.supervisor or data.supervisor_id == member.user_id:
                raise ValidationFailed(
                    {"supervisor_id": "must be another member who is a supervisor of this project"}
                )
        member.supervisor_id = data.supervisor_id
    if data.role is not None and data.role is not member.role:
        _admin_role_needs_an_admin(data.role, user)
        if member.role is ProjectRole.supervisor:
            await _disband_team(session, access, user.id)
        member.role = data.role
        await session.flush()
        await access_changed(session, user.id)  # their open streams re-check what they may see
    await session.flush()
    return member, user


async def _disband_team(session: AsyncSession, access: ProjectAccess, supervisor_id: uuid.UUID) -> None:
    """A supervisor who leaves the role or the project leaves their consultants without a team, rather
    than in the team of someone who no longer leads one."""
    members = repo.MemberRepository(session, access.principal)
    for member in await session.scalars(
        members.of_project(access.project.id).where(ProjectMember.supervisor_id == supervisor_id)
    ):
        member.supervisor_id = None


async def remove_member(session: AsyncSession, access: ProjectAccess, member_id: uuid.UUID) -> None:
    member = await _member(session, access, member_id)
    if member.role is ProjectRole.supervisor:
        await _disband_team(session, access, member.user_id)
    await session.delete(member)
    await session.flush()
    await access_changed(session, member.user_id)  # their open streams of this project close


# --- for other domains ----------------------------------------------------------------------


async def developer_name(session: AsyncSession, principal: Principal, developer_id: uuid.UUID) -> str | None:
    """The developer's name if the caller may see it (documents name the 甲方)."""
    return await repo.DeveloperRepository(session, principal).name_of(developer_id)


async def user_name(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> str | None:
    """A colleague's full name, if of the caller's organization."""
    return await repo.UserRepository(session, principal).name_of(user_id)


async def user_names(
    session: AsyncSession, principal: Principal, user_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Colleagues' full names by id, in one query (who asked, who decided…)."""
    return await repo.UserRepository(session, principal).names_of(user_ids)


async def visible_project_ids(
    session: AsyncSession, principal: Principal, project_ids: set[uuid.UUID]
) -> set[uuid.UUID]:
    """The ones of `project_ids` the caller can see (an API key's projects are checked with it)."""
    rows = await session.scalars(
        repo.ProjectRepository(session, principal)
        .scope(select(Project.id))
        .where(Project.id.in_(project_ids))
    )
    return set(rows)


async def users_by_id(
    session: AsyncSession, principal: Principal, user_ids: set[uuid.UUID]
) -> dict[uuid.UUID, User]:
    """Colleagues by id, in one query; ids of other organizations are simply absent."""
    return await repo.MemberRepository(session, principal).users_by_id(user_ids)


def member_ids_with_role(
    principal: Principal, project_id: ColumnElement[Any], role: ProjectRole
) -> AnySelect:
    """The users holding `role` in the project `project_id` (a bind parameter or column), as a
    subquery: `members_with_role` for statements built once (core/reads.py)."""
    return (
        repo.MemberRepository(None, principal)
        .scoped()
        .with_only_columns(ProjectMember.user_id)
        .where(ProjectMember.project_id == project_id, ProjectMember.role == role)
    )


async def member_role(session: AsyncSession, access: ProjectAccess, user_id: uuid.UUID) -> ProjectRole | None:
    """The role `user_id` holds in the project, or None if they are not a member."""
    members = repo.MemberRepository(session, access.principal)
    return await session.scalar(
        members.of_project(access.project.id)
        .where(ProjectMember.user_id == user_id)
        .with_only_columns(ProjectMember.role)
    )


@dataclass(frozen=True)
class SalesMember:
    """A consultant or supervisor of a project as targets and reports list them."""

    user_id: uuid.UUID
    full_name: str
    role: ProjectRole
    supervisor_id: uuid.UUID | None


async def sales_team(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> list[SalesMember]:
    """The project's supervisors and consultants with their names and teams, supervisors first, by name."""
    members = repo.MemberRepository(session, principal)
    rows = await session.execute(
        members.of_project(project_id)
        .join(User, User.id == ProjectMember.user_id)
        .where(ProjectMember.role.in_([ProjectRole.supervisor, ProjectRole.consultant]))
        .with_only_columns(
            ProjectMember.user_id, User.full_name, ProjectMember.role, ProjectMember.supervisor_id
        )
        # the enum's order: supervisors before consultants
        .order_by(ProjectMember.role, User.full_name, ProjectMember.user_id)
    )
    return [SalesMember(*row) for row in rows]


async def member_grades(
    session: AsyncSession, access: ProjectAccess, role: ProjectRole
) -> dict[uuid.UUID, MemberGrade | None]:
    """The users holding `role` in the project, each with their grade (定级; None: not graded)."""
    members = repo.MemberRepository(session, access.principal)
    statement = members.of_project(access.project.id).where(ProjectMember.role == role)
    rows = await session.execute(statement.with_only_columns(ProjectMember.user_id, ProjectMember.grade))
    return {user_id: MemberGrade(grade) if grade else None for user_id, grade in rows}


async def members_with_role(
    session: AsyncSession, access: ProjectAccess, role: ProjectRole
) -> list[uuid.UUID]:
    """The users holding `role` in the project."""
    members = repo.MemberRepository(session, access.principal)
    statement = members.of_project(access.project.id).where(ProjectMember.role == role)
    return list((await session.scalars(statement.with_only_columns(ProjectMember.user_id))).all())


async def caller_roles(
    session: AsyncSession, principal: Principal, project_ids: set[uuid.UUID]
) -> dict[uuid.UUID, ProjectRole]:
    """The caller's role in each of these projects (organization admins act as admin everywhere)."""
    if principal.is_admin:
        return dict.fromkeys(project_ids, ProjectRole.admin)
    if not project_ids:
        return {}
    stored = await repo.MemberRepository(session, principal).caller_roles(project_ids)
    return {p: role for p, r in stored.items() if (role := effective_role(principal, r)) is not None}


# --- for background work, which acts for no caller ----------------------------------------------


async def active_members_by_role(
    session: AsyncSession, project_ids: set[uuid.UUID], roles: set[ProjectRole]
) -> dict[tuple[uuid.UUID, ProjectRole], list[uuid.UUID]]:
    """The active users holding each of `roles` in each project, for a sweep that assigns work (it acts
    for no caller, so no principal scopes it: the project ids come from rows it already holds)."""
    if not project_ids or not roles:
        return {}
    rows = await session.execute(
        select(ProjectMember.project_id, ProjectMember.role, ProjectMember.user_id)
        .join(User, User.id == ProjectMember.user_id)
        .where(
            ProjectMember.project_id.in_(sorted(project_ids)),
            ProjectMember.role.in_(sorted(roles)),
            User.is_active.is_(True),
        )
        .order_by(ProjectMember.user_id)
    )
    out: dict[tuple[uuid.UUID, ProjectRole], list[uuid.UUID]] = {}
    for project_id, role, user_id in rows:
        out.setdefault((project_id, role), []).append(user_id)
    return out


async def project_settings(
    session: AsyncSession, project_ids: set[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """Each project's settings, for background work (see `active_members_by_role`)."""
    if not project_ids:
        return {}
    rows = await session.execute(
        select(Project.id, Project.settings).where(Project.id.in_(sorted(project_ids)))
    )
    return {project_id: settings or {} for project_id, settings in rows}
