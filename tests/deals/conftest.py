"""A sales office for the deals tests: a project with units, customers and one member per role."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.roles import ProjectRole
from anchang.customers.models import Customer
from anchang.inventory.models import Building, Unit, UnitStatus
from anchang.org.models import Project, User
from tests import factories as f
from tests.customers import factories as cf
from tests.inventory import factories as inv


@dataclass
class Office:
    project: Project
    building: Building
    units: list[Unit]
    customers: list[Customer]
    users: dict[str, User] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"/projects/{self.project.id}"

    def h(self, who: str) -> dict[str, str]:
        return self.headers[who]


@pytest.fixture
async def office(session: AsyncSession) -> Office:
    org = await f.create_organization(session)
    project = await f.create_project(session, organization=org)
    building = await inv.create_building(session, project=project, name="3号楼")
    units = [
        await inv.create_unit(
            session,
            building=building,
            floor=15,
            position=i + 1,
            code=f"3-1-150{i + 1}",
            list_price=Decimal("1000000.00") + Decimal(100000 * i),
            floor_price=Decimal("950000.00") + Decimal(95000 * i),
        )
        for i in range(4)
    ]
    office = Office(project=project, building=building, units=units, customers=[])
    for role in ProjectRole:
        user, headers = await f.create_member(
            session, project=project, role=role, is_admin=role is ProjectRole.admin
        )
        office.users[role.value] = user
        office.headers[role.value] = headers
    user, headers = await f.create_member(session, project=project, role=ProjectRole.consultant)
    office.users["consultant2"] = user
    office.headers["consultant2"] = headers
    for name in ("王先生", "李女士", "赵先生"):
        office.customers.append(
            await cf.create_customer(session, project=project, owner=office.users["consultant"], name=name)
        )
    assert all(u.status is UnitStatus.available for u in units)
    return office
