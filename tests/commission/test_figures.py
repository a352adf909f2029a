"""The commission figures by month on the demo office: sales, headcount and per-capita output, the
consultants' commission as a cost and a share, the agency fee earned — each traceable to its source."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f
from tests.counting import statements_of_get as statements_of


async def test_the_months_of_the_demo_office(
    client: AsyncClient, session: AsyncSession, connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await seed(session)
    fin = await session.get(User, ids["fin@a"])
    assert fin is not None
    headers = f.auth_headers(fin)
    today = local_today(DEFAULT_ZONE)  # the demo projects' zone
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    url = f"/projects/{ids['project_a']}/reports/commission"
    response = await client.get(
        url, params={"from": f"{last_month:%Y-%m}", "to": f"{today:%Y-%m}"}, headers=headers
    )
    assert response.status_code == 200, response.text
    months = {m["month"]: m for m in response.json()["months"]}
    assert list(months) == [f"{last_month:%Y-%m}", f"{today:%Y-%m}"]
    last, this = months[f"{last_month:%Y-%m}"], months[f"{today:%Y-%m}"]

    statements = (
        await client.get(f"/projects/{ids['project_a']}/agency-fee-statements", headers=headers)
    ).json()
    submitted = next(s for s in statements["items"] if s["status"] == "submitted")  # last month's
    assert Decimal(last["agency_fee_earned"]) == Decimal(submitted["total"]) > 0
    assert last["contracted_units"] == 3 and Decimal(last["contracted_amount"]) > 0
    assert Decimal(last["commission_cost"]) > 0
    assert Decimal(last["commission_share"]) == (
        Decimal(last["commission_cost"]) / Decimal(last["contracted_amount"])
    ).quantize(Decimal("0.0001"))
    assert this["consultants_on_roster"] == 3 and this["per_capita_output"] is not None
    assert last["per_capita_output"] is None  # nobody on last month's roster in the demo
    # The project with the caller's role, then every figure of every month in one statement.
    assert len(await statements_of(client, connection, monkeypatch, url, headers)) == 2

    workbook = await client.get(url + ".xlsx", headers=headers)
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:3] == ("月份", "签约套数", "签约金额") and len(rows) == 1 + 12

    dev = await session.get(User, ids["dev@a"])
    assert dev is not None
    assert (await client.get(url, headers=f.auth_headers(dev))).status_code == 403
    bad = await client.get(url, params={"from": "2026-13"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "from"
