"""A project with a building of units and one member per role, for the inventory and approval tests."""

import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.roles import ProjectRole
from anchang.inventory.models import Building, Unit, UnitStatus
from anchang.org.models import Project, User
from tests import factories as f
from tests.customers import factories as cf
from tests.inventory import factories as inv


@dataclass
class Site:
    project: Project
    building: Building
    units: list[Unit]
    users: dict[str, User] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    customers: dict[str, uuid.UUID] = field(default_factory=dict)  # one customer owned by each member

    def unit(self, status: UnitStatus) -> Unit:
        return next(u for u in self.units if u.status is status)


@pytest.fixture
async def site(session: AsyncSession) -> Site:
    org = await f.create_organization(session)
    project = await f.create_project(session, organization=org)
    building = await inv.create_building(session, project=project, name="1号楼")
    statuses = [
        UnitStatus.unreleased,
        UnitStatus.available,
        UnitStatus.available,
        UnitStatus.available,
        UnitStatus.held,
        UnitStatus.subscribed,
    ]
    units = [
        await inv.create_unit(
            session,
            building=building,
            status=s,
            floor=10 + i // 3,
            position=i % 3 + 1,
            code=f"1-1-{10 + i // 3}{i % 3 + 1:02d}",
        )
        for i, s in enumerate(statuses)
    ]
    result = Site(project=project, building=building, units=units)
    for role in ProjectRole:
        user, headers = await f.create_member(
            session, project=project, role=role, is_admin=role is ProjectRole.admin
        )
        result.users[role.value] = user
        result.headers[role.value] = headers
    user, headers = await f.create_member(session, project=project, role=ProjectRole.consultant)
    result.users["consultant2"] = user
    result.headers["consultant2"] = headers
    for n, (key, member) in enumerate(result.users.items()):
        customer = await cf.create_customer(session, project=project, owner=member, phone=f"1390000{n:04d}")
        result.customers[key] = customer.id
    return result
