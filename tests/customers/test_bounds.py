"""Dates, months and amounts the customers domain takes are bounded: a day or month past 2099 (or before
1990) or a negative budget is a 422 naming the parameter, never a 500 nor stored."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.customers import factories as cf
from tests.customers.conftest import Office


def _fields(body: dict) -> list[str]:
    return [e["field"] for e in body["errors"]]


class TestDates:
    async def test_visits_of_a_day_out_of_range(self, client: AsyncClient, office: Office) -> None:
        for day in ("9999-12-31", "0001-01-01", "1989-12-31"):
            r = await client.get(f"{office.base}/visits", params={"date": day}, headers=office.sup.headers)
            assert r.status_code == 422 and _fields(r.json()) == ["date"], (day, r.text)
        day = {"date": "2026-11-25"}
        r = await client.get(f"{office.base}/visits", params=day, headers=office.sup.headers)
        assert r.status_code == 200


class TestMonths:
    async def test_the_referral_month_must_be_a_month_in_range(
        self, client: AsyncClient, office: Office
    ) -> None:
        path = f"{office.base}/referrals/monthly"
        for month in ("9999-12", "0000-01", "2026-13", "2026-00", "2026-1", "２０２６-11"):
            r = await client.get(path, params={"month": month}, headers=office.sup.headers)
            assert r.status_code == 422 and _fields(r.json()) == ["month"], (month, r.text)
        r = await client.get(path, params={"month": "2026-11"}, headers=office.sup.headers)
        assert r.status_code == 200 and r.json()["month"] == "2026-11"


class TestMoney:
    async def test_a_budget_is_never_negative(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        body = {"name": "王先生", "phone": "13912345678", "budget": "-1.00"}
        r = await client.post(f"{office.base}/customers", json=body, headers=office.c1.headers)
        assert r.status_code == 422 and _fields(r.json()) == ["budget"], r.text
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        path, mine = f"/customers/{customer.id}", office.c1.headers
        r = await client.patch(path, json={"budget": "-0.01"}, headers=mine)
        assert r.status_code == 422 and _fields(r.json()) == ["budget"], r.text
        r = await client.patch(path, json={"budget": "0.00"}, headers=mine)
        assert r.status_code == 200 and r.json()["budget"] == "0.00"
