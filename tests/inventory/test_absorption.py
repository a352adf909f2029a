"""Absorption (去化率): sold of released, by building, layout, kind and total-price band, with the days on
the market counted from the units' history."""

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import now_utc
from anchang.inventory.models import UnitHistory, UnitKind, UnitStatus
from tests.inventory import factories as inv
from tests.inventory.site import Site


async def _history(session: AsyncSession, unit: Any, to: UnitStatus, days_ago: float) -> None:
    session.add(
        UnitHistory(
            organization_id=unit.organization_id,
            project_id=unit.project_id,
            unit_id=unit.id,
            from_status=None,
            to_status=to,
            created_at=now_utc() - timedelta(days=days_ago),
        )
    )
    await session.flush()


def _by_key(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in rows}


async def test_absorption_by_building_layout_kind_and_band(
    client: AsyncClient, session: AsyncSession, site: Site
) -> None:
    # The site: 1号楼 with 6 units (1 unreleased, 3 available, 1 held, 1 subscribed), all ¥3,000,000,
    # 三室两厅. Add 2号楼: a parking space sold and a flat contracted, both cheaper.
    second = await inv.create_building(session, project=site.project, name="2号楼")
    parking = await inv.create_unit(
        session, building=second, status=UnitStatus.contracted, list_price=Decimal("150000.00"), layout="车位"
    )
    parking.kind, parking.taken_price = UnitKind.parking, Decimal("140000.00")
    flat = await inv.create_unit(
        session, building=second, status=UnitStatus.handed_over, list_price=Decimal("2400000.00")
    )
    flat.taken_price = Decimal("2350000.00")
    # Released 40 days ago (the factory records each unit's status now): the subscribed unit sold today,
    # after 40 days; the flat after 20; the parking space was never released through the history (as an
    # import before history was kept): it counts as sold, without days.
    for unit in site.units:
        if unit.status is not UnitStatus.unreleased:
            await _history(session, unit, UnitStatus.available, 40)
    await _history(session, flat, UnitStatus.available, 40)
    await _history(session, flat, UnitStatus.subscribed, 20)
    await session.flush()

    response = await client.get(
        f"/projects/{site.project.id}/reports/absorption", headers=site.headers["developer_rep"]
    )
    assert response.status_code == 200, response.text
    body = response.json()
    total = body["total"]
    assert (total["units"], total["released"], total["sold"]) == (8, 7, 3)
    assert (total["available"], total["held"], total["reserved"]) == (3, 1, 0)
    assert total["absorption"] == "0.4286"  # 3 of 7
    assert total["sold_amount"] == "5490000.00"  # the prices taken: 3,000,000 + 140,000 + 2,350,000
    assert total["median_days_to_sell"] == "30.0"  # 40 and 20 days
    assert total["median_days_on_market_unsold"] == "40.0"

    buildings = {r["name"]: r for r in body["by_building"]}
    assert (buildings["1号楼"]["released"], buildings["1号楼"]["sold"]) == (5, 1)
    assert buildings["1号楼"]["absorption"] == "0.2000"
    assert (buildings["2号楼"]["released"], buildings["2号楼"]["sold"], buildings["2号楼"]["absorption"]) == (
        2,
        2,
        "1.0000",
    )
    kinds = _by_key(body["by_kind"])
    assert kinds["parking"]["sold"] == 1 and kinds["residence"]["sold"] == 2
    layouts = _by_key(body["by_layout"])
    assert layouts["车位"]["units"] == 1 and layouts["三室两厅"]["units"] == 7
    bands = _by_key(body["by_price_band"])  # 50万 wide
    assert list(bands) == ["0.00", "2000000.00", "3000000.00"]
    assert bands["0.00"]["name"] == "0.00–500000.00"
    assert [bands[k]["units"] for k in bands] == [1, 1, 6]
    assert sum(r["units"] for r in body["by_building"]) == total["units"]

    narrow = await client.get(
        f"/projects/{site.project.id}/reports/absorption",
        params={"band": "1000000"},
        headers=site.headers["supervisor"],
    )
    assert [r["key"] for r in narrow.json()["by_price_band"]] == ["0.00", "2000000.00", "3000000.00"]

    book = await client.get(
        f"/projects/{site.project.id}/reports/absorption.xlsx", headers=site.headers["finance"]
    )
    assert book.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(book.content))["By building"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "group" and rows[-1][0] == "total" and rows[-1][1] == 8


async def test_who_may_read_it_and_bad_bands(client: AsyncClient, site: Site) -> None:
    url = f"/projects/{site.project.id}/reports/absorption"
    assert (await client.get(url, headers=site.headers["consultant"])).status_code == 403
    bad = await client.get(url, params={"band": "5000"}, headers=site.headers["site_manager"])
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "band"
    junk = await client.get(url, params={"band": "lots"}, headers=site.headers["site_manager"])
    assert junk.status_code == 422 and junk.json()["errors"][0]["field"] == "band"
