"""Numbers out of what their column holds are a 422 naming the field, never a 500 (issue #10, item 12):
a query integer, a body integer, and money an adjustment would take past NUMERIC(14, 2)."""

from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.inventory import factories as inv
from tests.inventory.site import Site


def _field(r: object) -> set[str]:
    return {e["field"] for e in r.json()["errors"]}  # type: ignore[attr-defined]


async def test_a_floor_past_any_integer_in_the_query_is_a_422(client: AsyncClient, site: Site) -> None:
    for floor in ("2147483648", "-2147483649", "201", "99999999999999999999"):
        r = await client.get(
            f"/projects/{site.project.id}/units", params={"floor": floor}, headers=site.headers["consultant"]
        )
        assert r.status_code == 422 and "floor" in str(r.json()["errors"]), (floor, r.text)
    r = await client.get(
        f"/projects/{site.project.id}/units", params={"floor": "200"}, headers=site.headers["consultant"]
    )
    assert r.status_code == 200


async def test_a_sort_order_past_an_integer_column_is_a_422(client: AsyncClient, site: Site) -> None:
    pm = site.headers["project_manager"]
    for sort_order in (2**31, -(2**31) - 1, 10**30):
        r = await client.post(
            f"/projects/{site.project.id}/buildings",
            json={"name": "9号楼", "sort_order": sort_order},
            headers=pm,
        )
        assert r.status_code == 422 and _field(r) == {"sort_order"}, r.text
        r = await client.patch(f"/buildings/{site.building.id}", json={"sort_order": sort_order}, headers=pm)
        assert r.status_code == 422 and _field(r) == {"sort_order"}, r.text
    r = await client.patch(f"/buildings/{site.building.id}", json={"sort_order": 2**31 - 1}, headers=pm)
    assert r.status_code == 200 and r.json()["sort_order"] == 2**31 - 1


async def test_an_adjustment_past_what_a_price_holds_is_a_422(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    dear = await inv.create_unit(
        session, building=site.building, floor=30, list_price=Decimal("600000000000.00"), floor_price=None
    )
    cheap = site.units[1]
    pm = site.headers["project_manager"]
    for adjustment in (
        {"kind": "amount", "value": "999999999999.00", "unit_ids": [str(cheap.id)]},
        {"kind": "percent", "value": "100.00", "unit_ids": [str(dear.id)]},
        {"kind": "percent", "value": "70.00", "building_id": str(site.building.id)},
    ):
        r = await client.post(
            f"/projects/{site.project.id}/price-lists", json={"adjustment": adjustment}, headers=pm
        )
        assert r.status_code == 422 and _field(r) == {"adjustment.value"}, (adjustment, r.text)
    r = await client.post(
        f"/projects/{site.project.id}/price-lists",
        json={"adjustment": {"kind": "percent", "value": "50.00", "unit_ids": [str(dear.id)]}},
        headers=pm,
    )
    assert r.status_code == 201, r.text
