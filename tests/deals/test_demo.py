"""The demo deals are made through the service: statuses, histories and schedules agree."""

from collections import Counter
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.deals.models import Deal, DealStatus, ScheduleLine
from anchang.demo import seed
from anchang.inventory.models import Unit, UnitHistory
from anchang.org.models import User
from tests import factories as f


async def test_demo_deals_are_honest(session: AsyncSession, client: AsyncClient) -> None:
    ids = await seed(session)
    for slug in ("a", "b"):
        project_id = ids[f"project_{slug}"]
        deals = (await session.scalars(select(Deal).where(Deal.project_id == project_id))).all()
        assert Counter(d.status for d in deals) == {
            DealStatus.subscribed: 3,  # one by a customer the Douyin campaign brought (campaigns/demo.py)
            DealStatus.pending_approval: 1,
            # two of this month, four of the last two (the agency fee's statements), one the opening brought
            DealStatus.contracted: 7,
        }
        for deal in deals:
            unit = await session.get(Unit, deal.unit_id)
            assert unit is not None
            expected = "contracted" if deal.status is DealStatus.contracted else "subscribed"
            assert unit.status.value == expected
            last = await session.scalar(
                select(UnitHistory)
                .where(UnitHistory.unit_id == unit.id)
                .order_by(UnitHistory.created_at.desc(), UnitHistory.id.desc())
                .limit(1)
            )
            assert last is not None and last.source_id == deal.id
            total = await session.scalar(
                select(func.sum(ScheduleLine.amount)).where(
                    ScheduleLine.deal_id == deal.id, ScheduleLine.active
                )
            )
            assert total == deal.final_price
    finance = await session.get(User, ids["fin@a"])
    assert finance is not None
    r = await client.get(
        f"/projects/{ids['project_a']}/receivables?overdue=true", headers=f.auth_headers(finance)
    )
    assert r.status_code == 200
    overdue = r.json()["items"]
    assert [i["kind"] for i in overdue] == ["down_payment"] and overdue[0]["bucket"] == "61-90"
    assert Decimal(overdue[0]["outstanding"]) > 0
