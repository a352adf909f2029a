"""The app sweeps expired reservations on its own, whether or not anyone watches a board."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.inventory import sweeper
from anchang.inventory.models import Reservation, ReservationStatus, Unit, UnitStatus
from anchang.main import create_app
from tests import factories as f
from tests.inventory import factories as inv


async def _expired_reservation(database: Database) -> tuple[Unit, Reservation]:
    async with database.session() as session:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        building = await inv.create_building(session, project=project)
        unit = await inv.create_unit(session, building=building, status=UnitStatus.available)
        consultant = await f.create_user(session, organization=org)
        reservation = await inv.create_reservation(
            session, unit=unit, consultant=consultant, expires_at=datetime.now(UTC) - timedelta(seconds=5)
        )
        await session.commit()
        return unit, reservation


async def _status(database: Database, unit: Unit) -> tuple[UnitStatus, ReservationStatus]:
    async with database.session() as session:
        row = (
            await session.execute(
                select(Unit.status, Reservation.status)
                .join(Reservation, Reservation.unit_id == Unit.id)
                .where(Unit.id == unit.id)
            )
        ).one()
        return row[0], row[1]


class TestSweeper:
    async def test_the_running_app_frees_an_expired_reservation_s_unit(self, committed_database: Database):
        unit, _ = await _expired_reservation(committed_database)
        settings = Settings(
            database_url=committed_database.url, anchang_env="test", reservation_sweep_seconds=0.05
        )
        app = create_app(settings, database=committed_database)
        async with app.router.lifespan_context(app):
            for _ in range(100):
                if await _status(committed_database, unit) == (
                    UnitStatus.available,
                    ReservationStatus.expired,
                ):
                    break
                await asyncio.sleep(0.05)
        assert await _status(committed_database, unit) == (UnitStatus.available, ReservationStatus.expired)

    async def test_a_worker_leaves_the_sweep_to_the_one_already_at_it(self, committed_database: Database):
        await _expired_reservation(committed_database)
        async with committed_database.session() as other_worker:
            await other_worker.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": sweeper.SWEEP_LOCK}
            )
            assert await sweeper.sweep_once(committed_database) == 0  # the lock is taken: nothing done
            await other_worker.rollback()
        assert await sweeper.sweep_once(committed_database) == 1
