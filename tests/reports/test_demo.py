"""The demo project's yesterday has something to report: each consultant's visit, c1's subscription."""

from datetime import timedelta
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f
from tests.customers import factories as cf


async def test_yesterdays_report_of_the_demo_project(session: AsyncSession, client: AsyncClient) -> None:
    ids = await seed(session)
    supervisor = await session.get(User, ids["sup@a"])
    assert supervisor is not None
    yesterday = cf.today() - timedelta(days=1)
    response = await client.get(
        f"/projects/{ids['project_a']}/reports/daily?date={yesterday}", headers=f.auth_headers(supervisor)
    )
    assert response.status_code == 200, response.text
    report = response.json()
    rows = {row["consultant_id"]: row for row in report["consultants"]}
    for local in ("c1@a", "c2@a"):
        figures = rows[str(ids[local])]["figures"]
        assert Decimal(figures["visits"]["day"]) >= 1 and Decimal(figures["calls_in"]["day"]) >= 1, local
    assert Decimal(rows[str(ids["c1@a"])]["figures"]["subscriptions.units"]["day"]) >= 1
    assert Decimal(report["totals"]["collections"]["day"]) > 0
    assert report["allowed_actions"] == ["confirm"]
