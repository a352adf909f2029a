"""The demo office's channel and campaign report shows campaigns with their costs, the customers and
visits they brought, and a cost per deal."""

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f


async def test_the_demo_report_shows_a_cost_per_deal(client: AsyncClient, session: AsyncSession) -> None:
    ids = await seed(session)
    sm = await session.get(User, ids["sm@a"])
    assert sm is not None
    r = await client.get(f"/projects/{ids['project_a']}/reports/channels", headers=f.auth_headers(sm))
    assert r.status_code == 200, r.text
    report = r.json()
    campaigns = {c["name"]: c for c in report["campaigns"]}
    assert len(campaigns) == 3
    opening = campaigns["开盘盛典"]
    assert opening["cost"] == "180000.00" and opening["new_customers"] == 3 and opening["first_visits"] == 3
    assert opening["subscriptions"] == 1 and opening["contracts"] == 1
    assert Decimal(opening["cost_per_deal"]) == Decimal("180000.00")
    assert Decimal(opening["return_on_spend"]) > 0
    assert campaigns["抖音信息流投放"]["cost_per_deal"] == "50000.00"
    assert report["total"]["subscriptions"] >= 2
