"""Keyword-only async factories for test data, and bearer headers without a login round trip."""

import itertools
import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import local_today
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal, create_access_token, hash_password
from anchang.org.models import Developer, Organization, Project, ProjectMember, User

PASSWORD = "correct-horse-battery"
PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose
_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


async def create_organization(session: AsyncSession, *, name: str | None = None) -> Organization:
    n = _n()
    org = Organization(name=name or f"Agency {n}", slug=f"org-{n}-{uuid.uuid4().hex[:6]}")
    session.add(org)
    await session.flush()
    return org


async def create_user(
    session: AsyncSession,
    *,
    organization: Organization,
    email: str | None = None,
    full_name: str = "Test User",
    is_admin: bool = False,
    is_active: bool = True,
) -> User:
    user = User(
        organization_id=organization.id,
        email=email or f"user{_n()}-{uuid.uuid4().hex[:6]}@example.com",
        full_name=full_name,
        password_hash=PASSWORD_HASH,
        is_admin=is_admin,
        is_active=is_active,
    )
    session.add(user)
    await session.flush()
    return user


async def create_developer(
    session: AsyncSession, *, organization: Organization, name: str | None = None
) -> Developer:
    developer = Developer(organization_id=organization.id, name=name or f"Developer {_n()}")
    session.add(developer)
    await session.flush()
    return developer


async def create_project(
    session: AsyncSession,
    *,
    organization: Organization,
    developer: Developer | None = None,
    code: str | None = None,
) -> Project:
    developer = developer or await create_developer(session, organization=organization)
    n = _n()
    project = Project(
        organization_id=organization.id, developer_id=developer.id, name=f"Project {n}", code=code or f"P{n}"
    )
    session.add(project)
    await session.flush()
    return project


async def add_member(
    session: AsyncSession, *, project: Project, user: User, role: ProjectRole
) -> ProjectMember:
    member = ProjectMember(
        organization_id=project.organization_id, project_id=project.id, user_id=user.id, role=role
    )
    session.add(member)
    await session.flush()
    return member


def auth_headers(user: User) -> dict[str, str]:
    token, _ = create_access_token(
        Principal(
            user_id=user.id,
            organization_id=user.organization_id,
            is_admin=user.is_admin,
            session_id=uuid.uuid4(),
        )
    )
    return {"Authorization": f"Bearer {token}"}


async def create_member(
    session: AsyncSession, *, project: Project, role: ProjectRole, is_admin: bool = False
) -> tuple[User, dict[str, str]]:
    """A user of the project's organization holding `role` in it, with their bearer headers."""
    org = await session.get(Organization, project.organization_id)
    assert org is not None
    user = await create_user(session, organization=org, is_admin=is_admin)
    await add_member(session, project=project, user=user, role=role)
    return user, auth_headers(user)


def project_today(project: Project) -> date:
    """Today on the project's calendar: what its statements, reports and due dates count in."""
    return local_today(project.timezone)
