"""A sales office to test in: a project with a site manager, a supervisor and two consultants."""

from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.roles import ProjectRole
from anchang.org.models import Project, User
from tests import factories as f


@dataclass
class Person:
    user: User
    headers: dict[str, str]


@dataclass
class Office:
    project: Project
    sm: Person
    sup: Person
    c1: Person
    c2: Person
    fin: Person

    @property
    def base(self) -> str:
        return f"/projects/{self.project.id}"


@pytest.fixture
async def office(session: AsyncSession) -> Office:
    org = await f.create_organization(session)
    project = await f.create_project(session, organization=org)

    async def person(role: ProjectRole, name: str) -> Person:
        user, headers = await f.create_member(session, project=project, role=role)
        user.full_name = name
        await session.flush()
        return Person(user, headers)

    return Office(
        project=project,
        sm=await person(ProjectRole.site_manager, "案场经理 李"),
        sup=await person(ProjectRole.supervisor, "主管 张"),
        c1=await person(ProjectRole.consultant, "顾问 陈晓"),
        c2=await person(ProjectRole.consultant, "顾问 刘洋"),
        fin=await person(ProjectRole.finance, "财务 赵"),
    )
