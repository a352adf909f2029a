"""The demo's consultant commission: last month's statements of c1 and c2 approved, each seeing only
their own, with lines that add up to the total."""

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f


async def test_c1_sees_their_approved_statement_and_not_c2s(
    client: AsyncClient, session: AsyncSession
) -> None:
    ids = await seed(session)
    c1 = await session.get(User, ids["c1@a"])
    sm = await session.get(User, ids["sm@a"])
    assert c1 is not None and sm is not None
    url = f"/projects/{ids['project_a']}/commission-statements"
    everyone = (await client.get(url, headers=f.auth_headers(sm), params={"limit": 200})).json()["items"]
    months = sorted({s["month"] for s in everyone})
    assert len(months) == 2
    last, this = ({s["consultant_id"]: s for s in everyone if s["month"] == m} for m in months)
    assert last[str(ids["c1@a"])]["status"] == last[str(ids["c2@a"])]["status"] == "approved"
    assert {s["status"] for s in this.values()} == {"draft"}
    assert Decimal(this[str(ids["sup@a"])]["total"]) > 0  # the override on this month's deals
    assert Decimal(this[str(ids["c2@a"])]["total"]) > 0  # c2's contracted deal
    mine = (await client.get(url, headers=f.auth_headers(c1), params={"month": months[0]})).json()["items"]
    assert [s["consultant_id"] for s in mine] == [str(ids["c1@a"])]
    statement = mine[0]
    lines = (
        await client.get(f"/commission-statements/{statement['id']}/lines", headers=f.auth_headers(c1))
    ).json()
    kinds = [li["kind"] for li in lines["items"]]
    assert "reward" in kinds and "earned" in kinds  # last month's reward, and c1's deals contracted then
    assert sum(Decimal(li["amount"]) for li in lines["items"]) == Decimal(statement["total"])
    theirs = last[str(ids["c2@a"])]["id"]
    assert (
        await client.get(f"/commission-statements/{theirs}", headers=f.auth_headers(c1))
    ).status_code == 404
    plans = (
        await client.get(f"/projects/{ids['project_a']}/commission-plans", headers=f.auth_headers(c1))
    ).json()
    assert [p["status"] for p in plans["items"]] == ["approved"]
