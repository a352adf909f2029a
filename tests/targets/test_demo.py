"""The demo project's targets: last and this month approved, next month a draft with a mismatch."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import Project, User
from tests import factories as f


async def test_the_demo_has_plans_to_show(client: AsyncClient, session: AsyncSession) -> None:
    ids = await seed(session)
    sup = await session.get(User, ids["sup@a"])
    assert sup is not None
    path = f"/projects/{ids['project_a']}/targets"
    headers = f.auth_headers(sup)
    draft = (await client.get(path, headers=headers)).json()
    assert draft["status"] == "draft" and draft["stored"] is True
    assert draft["mismatch"]["consultants"]["units_contracted"] == -2
    assert {c["supervisor_id"] for c in draft["consultants"]} == {str(ids["sup@a"])}
    project = await session.get(Project, ids["project_a"])
    assert project is not None
    this_month = f"{f.project_today(project):%Y-%m}"
    approved = (await client.get(f"{path}?month={this_month}", headers=headers)).json()
    assert approved["status"] == "approved" and approved["submitted_late"] is False
    assert set(approved["mismatch"]["consultants"].values()) <= {0, "0.00"}
    month = (await client.get(f"{path}?period=month&start={this_month}-01", headers=headers)).json()
    assert month["project"]["units_contracted"] == "10.0"
