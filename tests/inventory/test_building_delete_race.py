"""Deleting a building while units are added to it, with real commits: either the delete finds the
units (409) and every unit answered 201 exists, or the delete won and the later units find no building
(404). Never a unit answered 201 and gone, never a 500 (issue #10, item 3)."""

import asyncio
import time
import uuid
from typing import Any

from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.inventory.models import Building, Unit
from anchang.main import create_app
from tests import factories as f
from tests.inventory import factories as inv

UNITS = 16


class Scene:
    def __init__(
        self, database: Database, client: AsyncClient, project_id: uuid.UUID, headers: dict[str, str]
    ):
        self.database, self.client, self.project_id, self.headers = database, client, project_id, headers

    async def add(self, building_id: uuid.UUID, code: str, floor: int) -> Response:
        body = {
            "building_id": str(building_id),
            "code": code,
            "floor": floor,
            "position": 1,
            "gross_area": "90.00",
            "list_price": "1000000.00",
        }
        return await self.client.post(f"/projects/{self.project_id}/units", json=body, headers=self.headers)

    async def delete(self, building_id: uuid.UUID) -> Response:
        return await self.client.delete(f"/buildings/{building_id}", headers=self.headers)

    async def stored(self, building_id: uuid.UUID) -> tuple[Building | None, set[str]]:
        async with self.database.session() as session:
            units = await session.scalars(select(Unit.id).where(Unit.building_id == building_id))
            return await session.get(Building, building_id), {str(u) for u in units}


async def _scene(committed_database: Database) -> tuple[Scene, list[uuid.UUID], Any]:
    async with committed_database.session() as session:
        project = await f.create_project(session, organization=await f.create_organization(session))
        _, headers = await f.create_member(session, project=project, role=ProjectRole.project_manager)
        buildings = [await inv.create_building(session, project=project) for _ in range(6)]
        await session.commit()
        project_id, building_ids = project.id, [b.id for b in buildings]
    app = create_app(
        Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"), committed_database
    )
    client = AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1")
    return Scene(committed_database, client, project_id, headers), building_ids, client


async def _until_waiting_on_a_lock(engine: AsyncEngine, count: int) -> None:
    """Until `count` sessions of the test database wait for a lock (the requests reached the row)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        async with engine.connect() as conn:
            waiting = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        if (waiting or 0) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"fewer than {count} requests came to wait for the building's row")


def _no_500(*responses: Response) -> None:
    assert all(r.status_code != 500 for r in responses), [r.text for r in responses if r.status_code == 500]


async def test_units_racing_their_buildings_delete_are_never_lost(committed_database: Database) -> None:
    scene, building_ids, client = await _scene(committed_database)
    async with client:
        for round_, building_id in enumerate(building_ids[:4]):
            # The delete goes out early in the first rounds and late in the last.
            at = [0, UNITS // 4, UNITS // 2, UNITS][round_]
            calls = [scene.add(building_id, f"R{round_}-{i}", i + 1) for i in range(UNITS)]
            calls.insert(at, scene.delete(building_id))
            responses = await asyncio.gather(*calls)
            deleted = responses.pop(at)
            _no_500(deleted, *responses)
            if deleted.status_code == 204:
                assert not deleted.content
            else:
                assert (deleted.status_code, deleted.json()["code"]) == (409, "building_not_empty")
            for r in responses:
                assert r.status_code == 201 or (r.status_code, r.json()["code"]) == (
                    404,
                    "building_not_found",
                )
            building, stored = await scene.stored(building_id)
            assert {r.json()["id"] for r in responses if r.status_code == 201} == stored  # none lost
            assert (building is None and not stored) if deleted.status_code == 204 else building is not None


async def test_units_waiting_for_a_delete_find_no_building(
    committed_database: Database, engine: AsyncEngine
) -> None:
    scene, building_ids, client = await _scene(committed_database)
    building_id = building_ids[4]
    async with client, AsyncSession(engine) as deleting:
        # A delete in flight: the row locked and gone, not yet committed.
        await deleting.execute(select(Building.id).where(Building.id == building_id).with_for_update())
        await deleting.execute(delete(Building).where(Building.id == building_id))
        creates = [asyncio.create_task(scene.add(building_id, f"W-{i}", i + 1)) for i in range(3)]
        await _until_waiting_on_a_lock(engine, 3)
        await deleting.commit()
        responses = await asyncio.gather(*creates)
    _no_500(*responses)
    assert [(r.status_code, r.json()["code"]) for r in responses] == [(404, "building_not_found")] * 3
    assert await scene.stored(building_id) == (None, set())


async def test_a_delete_waiting_for_a_unit_being_added_finds_it(
    committed_database: Database, engine: AsyncEngine
) -> None:
    scene, building_ids, client = await _scene(committed_database)
    building_id = building_ids[5]
    async with client, AsyncSession(engine) as adding:
        # A unit being added: inserted under the building (which locks it FOR KEY SHARE), not committed.
        building = await adding.get(Building, building_id)
        assert building is not None
        unit_id = (await inv.create_unit(adding, building=building, code="K-1")).id
        removal = asyncio.create_task(scene.delete(building_id))
        await _until_waiting_on_a_lock(engine, 1)
        await adding.commit()
        deleted = await removal
    _no_500(deleted)
    assert (deleted.status_code, deleted.json()["code"]) == (409, "building_not_empty")
    still, units = await scene.stored(building_id)
    assert still is not None and units == {str(unit_id)}
