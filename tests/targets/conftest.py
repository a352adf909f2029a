"""Fixtures of the targets tests: a project with one member per role, a second supervisor and two more
consultants, the first two consultants in the first supervisor's team and the third in the second's."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.membership import ProjectMember
from anchang.core.roles import ProjectRole
from anchang.org.models import Project, User
from anchang.targets.figures import next_month
from tests import factories as f


@dataclass
class Office:
    project: Project
    users: dict[str, User] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/projects/{self.project.id}/targets"

    def id(self, key: str) -> str:
        return str(self.users[key].id)


@pytest.fixture
async def office(session: AsyncSession) -> Office:
    org = await f.create_organization(session)
    project = await f.create_project(session, organization=org)
    office = Office(project=project)
    for role in ProjectRole:
        user, headers = await f.create_member(
            session, project=project, role=role, is_admin=role is ProjectRole.admin
        )
        office.users[role.value], office.headers[role.value] = user, headers
    for key, role in (("supervisor2", ProjectRole.supervisor), ("consultant2", ProjectRole.consultant)):
        office.users[key], office.headers[key] = await f.create_member(session, project=project, role=role)
    office.users["consultant3"], office.headers["consultant3"] = await f.create_member(
        session, project=project, role=ProjectRole.consultant
    )
    teams = {"consultant": "supervisor", "consultant2": "supervisor", "consultant3": "supervisor2"}
    for consultant, supervisor in teams.items():
        member = await session.scalar(
            select(ProjectMember).where(
                ProjectMember.project_id == project.id, ProjectMember.user_id == office.users[consultant].id
            )
        )
        assert member is not None
        member.supervisor_id = office.users[supervisor].id
    await session.flush()
    return office


@pytest.fixture
def next_month_str(office: Office) -> str:
    """Next month in the project's calendar, as the API names it."""
    return f"{next_month(f.project_today(office.project).replace(day=1)):%Y-%m}"


def figures(**values: Any) -> dict[str, Any]:
    """A row's figures: nought unless given; money as decimal strings."""
    base: dict[str, Any] = {
        "units_subscribed": 0,
        "amount_subscribed": "0.00",
        "units_contracted": 0,
        "amount_contracted": "0.00",
        "amount_collected": "0.00",
        "first_visits": 0,
        "new_customers": 0,
        "broker_referrals": 0,
    }
    return {**base, **values}


async def put_plan(
    client: AsyncClient,
    office: Office,
    month: str,
    body: dict[str, Any],
    *,
    as_: str = "supervisor",
    etag: str | None = None,
) -> Any:
    headers = dict(office.headers[as_])
    if etag:
        headers["If-Match"] = etag
    return await client.put(f"{office.path}?month={month}", json=body, headers=headers)


def first_of(month: str) -> date:
    year, m = month.split("-")
    return date(int(year), int(m), 1)
