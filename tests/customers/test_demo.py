"""The demo office has customers, visits, follow-ups, brokers and today's roster for every project."""

from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.customers.models import Customer, Referral, Visit
from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f


async def test_demo_data_gives_each_project_a_working_sales_office(
    client: AsyncClient, session: AsyncSession
) -> None:
    ids = await seed(session)
    for slug in ("a", "b"):
        project_id = ids[f"project_{slug}"]
        count = await session.scalar(
            select(func.count()).select_from(Customer).where(Customer.project_id == project_id)
        )
        assert count == 60 + 6  # and six the demo campaigns brought (campaigns/demo.py)
        visits = await session.scalar(
            select(func.count()).select_from(Visit).where(Visit.project_id == project_id)
        )
        assert visits and visits > 40
        assert await session.scalar(
            select(func.count()).select_from(Referral).where(Referral.project_id == project_id)
        )

    c1 = await session.get(User, ids["c1@a"])
    assert c1 is not None
    headers = f.auth_headers(c1)
    base = f"/projects/{ids['project_a']}"
    mine = (await client.get(f"{base}/customers", params={"limit": 200}, headers=headers)).json()["items"]
    assert 25 <= len(mine) <= 35 and all(not c["phone_masked"] for c in mine)
    alerts = (await client.get(f"{base}/alerts", headers=headers)).json()
    assert alerts["follow_ups_overdue"] and alerts["falling_to_pool"]
    rotation = (await client.get(f"{base}/rotation", headers=headers)).json()
    assert [q["status"] for q in rotation["queue"]] == ["on_duty", "on_duty", "on_break"]
    pool = (await client.get(f"{base}/customers", params={"view": "pool"}, headers=headers)).json()["items"]
    assert len(pool) == 3
