"""Inventory's GET lists on the lean read path: what a page costs in SQL does not grow with its rows."""

import itertools
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.inventory.models import (
    PriceListItem,
    PriceListStatus,
    Release,
    ReleaseKind,
    UnitHistory,
    UnitStatus,
)
from tests.counting import counted as statements_of
from tests.inventory import factories as inv
from tests.inventory.site import Site

S = UnitStatus
_floors = itertools.count(20)  # new units on floors of their own
_numbers = itertools.count(10)  # and new price list versions numbers of their own


async def more_units(session: AsyncSession, site: Site) -> None:
    for _ in range(5):
        await inv.create_unit(session, building=site.building, floor=next(_floors))


async def more_history(session: AsyncSession, site: Site) -> None:
    # Into a hold and out of it, so that a consultant's page has hidden holds to disguise.
    unit = site.unit(S.available)
    for i in range(6):
        held = i % 2 == 0
        session.add(
            UnitHistory(
                organization_id=unit.organization_id,
                project_id=unit.project_id,
                unit_id=unit.id,
                from_status=S.available if held else S.held,
                to_status=S.held if held else S.available,
                actor_id=site.users["site_manager"].id,
                reason="hold" if held else "unhold",
                source_type="unit",
            )
        )
    await session.flush()


async def more_reservations(session: AsyncSession, site: Site) -> None:
    for _ in range(4):
        unit = await inv.create_unit(session, building=site.building, floor=next(_floors))
        await inv.create_reservation(session, unit=unit, consultant=site.users["consultant"])


async def more_releases(session: AsyncSession, site: Site) -> None:
    for i in range(4):
        session.add(
            Release(
                organization_id=site.project.organization_id,
                project_id=site.project.id,
                kind=ReleaseKind.release,
                name=f"第{i}批",
                unit_ids=[str(u.id) for u in site.units[:2]],
                unit_count=2,
                created_by=site.users["project_manager"].id,
            )
        )
    await session.flush()


async def more_buildings(session: AsyncSession, site: Site) -> None:
    for _ in range(4):
        await inv.create_building(session, project=site.project)


async def more_versions(session: AsyncSession, site: Site) -> None:
    for _ in range(3):
        number = next(_numbers)
        pending = PriceListStatus.pending
        await inv.create_price_list(session, project=site.project, status=pending, number=number)


Grow = Callable[[AsyncSession, Site], Awaitable[None]]


async def _price_list_items_path(session: AsyncSession, site: Site) -> str:
    version = await inv.create_price_list(session, project=site.project, number=9)
    for unit in site.units[:2]:
        session.add(_item(version.id, unit))
    await session.flush()
    return f"/price-lists/{version.id}/items"


def _item(version_id: Any, unit: Any) -> PriceListItem:
    return PriceListItem(
        organization_id=unit.organization_id,
        version_id=version_id,
        unit_id=unit.id,
        list_price=Decimal("3100000.00"),
        previous_list_price=unit.list_price,
        floor_price=unit.floor_price,
    )


LISTS: dict[str, tuple[str, Grow]] = {
    "units": ("/projects/{project}/units", more_units),
    "history": ("/units/{available}/history", more_history),
    "reservations": ("/projects/{project}/reservations", more_reservations),
    "releases": ("/projects/{project}/releases", more_releases),
    "buildings": ("/projects/{project}/buildings", more_buildings),
    "price lists": ("/projects/{project}/price-lists", more_versions),
}


@pytest.mark.parametrize("role", ["consultant", "supervisor", "project_manager"])
@pytest.mark.parametrize("name", list(LISTS))
async def test_a_page_costs_the_same_statements_for_few_rows_and_many(
    client: AsyncClient,
    site: Site,
    session: AsyncSession,
    connection: AsyncConnection,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    role: str,
) -> None:
    template, grow = LISTS[name]
    path = template.format(project=site.project.id, available=site.unit(S.available).id)
    headers = site.headers[role]
    if name == "reservations":  # the consultant reads only their own: start them with one
        await inv.create_reservation(
            session, unit=site.unit(S.available), consultant=site.users["consultant"]
        )
    await client.get("/me", headers=headers)  # the credentials version is read once per process
    counts, sizes = [], []
    for _ in range(2):
        await grow(session, site)
        async with statements_of(connection, monkeypatch) as statements:
            r = await client.get(path, headers=headers)
        assert r.status_code == 200, r.text
        counts.append(len(statements))
        sizes.append(len(r.json()["items"]))
    assert sizes[1] > sizes[0] >= 1, sizes
    # The project, or the entity with its project (one statement), and the page (actors' names in it).
    assert counts[0] == counts[1] == 2, counts


@pytest.mark.parametrize("role", ["consultant", "project_manager"])
async def test_a_price_list_page_costs_the_same_statements_for_few_items_and_many(
    client: AsyncClient,
    site: Site,
    session: AsyncSession,
    connection: AsyncConnection,
    monkeypatch: pytest.MonkeyPatch,
    role: str,
) -> None:
    path = await _price_list_items_path(session, site)
    headers = site.headers[role]
    await client.get("/me", headers=headers)
    counts, sizes = [], []
    for step in range(2):
        if step:
            for _ in range(4):
                unit = await inv.create_unit(session, building=site.building, floor=next(_floors))
                session.add(_item(path.split("/")[2], unit))
            await session.flush()
        async with statements_of(connection, monkeypatch) as statements:
            r = await client.get(path, headers=headers)
        assert r.status_code == 200, r.text
        counts.append(len(statements))
        sizes.append(len(r.json()["items"]))
        assert all(item["code"] for item in r.json()["items"])
    assert sizes == [2, 6]
    assert counts[0] == counts[1] == 2, counts  # the version with its project, the page
