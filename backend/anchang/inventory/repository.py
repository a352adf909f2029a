"""Queries of inventory, each from the base repository's scoped statement."""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select

from anchang.core.errors import NotFound
from anchang.core.repository import Repository, own_or_overseen
from anchang.inventory.models import (
    Building,
    PriceListItem,
    PriceListVersion,
    Release,
    Reservation,
    ReservationStatus,
    Unit,
    UnitHistory,
    UnitStatus,
)
from anchang.inventory.policy import RESERVATION_OVERSEERS


class BuildingNotFound(NotFound):
    code = "building_not_found"


class UnitNotFound(NotFound):
    code = "unit_not_found"


class ReservationNotFound(NotFound):
    code = "reservation_not_found"


class PriceListNotFound(NotFound):
    code = "price_list_not_found"


class ReleaseNotFound(NotFound):
    code = "release_not_found"


def live_reservation() -> Any:
    """A reservation that still blocks: active and not yet run out (whatever a sweeper has done)."""
    return and_(Reservation.status == ReservationStatus.active, Reservation.expires_at > func.now())


def effective_status() -> Any:
    """The unit's status as of now: a reservation past its end no longer holds the unit."""
    from sqlalchemy import case

    return case(
        (and_(Unit.status == UnitStatus.reserved, Unit.reserved_until <= func.now()), UnitStatus.available),
        else_=Unit.status,
    )


class BuildingRepository(Repository[Building]):
    model = Building
    not_found = BuildingNotFound

    def of_project(self, project_id: uuid.UUID) -> Select[Building]:
        return self.scoped().where(Building.project_id == project_id)

    async def by_name(self, project_id: uuid.UUID, *, for_units: bool = False) -> dict[str, Building]:
        """The project's buildings by name; `for_units` locks them for adding units (`get_for_units`)."""
        statement = self.of_project(project_id)
        if for_units:
            statement = statement.with_for_update(key_share=True)
        rows = await self.session.scalars(statement)
        return {b.name: b for b in rows}

    async def get_for_units(self, building_id: uuid.UUID) -> Building:
        """The building, locked FOR KEY SHARE until the transaction ends, to add or move units into it.

        A building's delete locks it FOR UPDATE (`lock_for_delete`), which waits for these and they
        for it: the delete then sees the committed units (409 not empty), or the units find the
        building gone (404). Never a unit answered 201 and lost, never a foreign-key error."""
        statement = self.scoped().where(Building.id == building_id).with_for_update(key_share=True)
        building = await self.session.scalar(statement.execution_options(populate_existing=True))
        if building is None:
            raise BuildingNotFound(f"No building with id {building_id}")
        return building

    async def lock_for_delete(self, building_id: uuid.UUID) -> bool:
        """Lock the building FOR UPDATE to delete it: whether it still exists (see `get_for_units`)."""
        statement = self.scope(select(Building.id)).where(Building.id == building_id).with_for_update()
        return await self.session.scalar(statement) is not None


class UnitRepository(Repository[Unit]):
    model = Unit
    not_found = UnitNotFound

    def of_project(self, project_id: uuid.UUID) -> Select[Unit]:
        return self.scoped().where(Unit.project_id == project_id)

    async def reload(self, unit_id: uuid.UUID) -> Unit:
        """The unit as now stored, after a conditional UPDATE changed it behind the ORM's back."""
        statement = self.scoped().where(Unit.id == unit_id).execution_options(populate_existing=True)
        unit = await self.session.scalar(statement)
        if unit is None:
            raise UnitNotFound(f"No unit with id {unit_id}")
        return unit

    async def codes(self, project_id: uuid.UUID) -> dict[str, tuple[uuid.UUID, UnitStatus]]:
        rows = await self.session.execute(
            self.scope(select(Unit.code, Unit.id, Unit.status)).where(Unit.project_id == project_id)
        )
        return {code: (id_, status) for code, id_, status in rows}

    async def ids_in(self, project_id: uuid.UUID, unit_ids: list[uuid.UUID]) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            self.scope(select(Unit.id)).where(Unit.project_id == project_id, Unit.id.in_(unit_ids))
        )
        return list(rows)

    async def ids_of_building(self, project_id: uuid.UUID, building_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            self.scope(select(Unit.id)).where(Unit.project_id == project_id, Unit.building_id == building_id)
        )
        return list(rows)


class HistoryRepository(Repository[UnitHistory]):
    model = UnitHistory
    not_found = UnitNotFound

    def of_unit(self, unit_id: uuid.UUID) -> Select[UnitHistory]:
        return self.scoped().where(UnitHistory.unit_id == unit_id)


class ReservationRepository(Repository[Reservation]):
    model = Reservation
    not_found = ReservationNotFound

    async def live_count(self, consultant_id: uuid.UUID, project_id: uuid.UUID) -> int:
        count = await self.session.scalar(
            self.scope(select(func.count()).select_from(Reservation)).where(
                Reservation.consultant_id == consultant_id,
                Reservation.project_id == project_id,
                live_reservation(),
            )
        )
        return int(count or 0)

    def of_project(self, project_id: uuid.UUID) -> Select[Reservation]:
        return self.scoped().where(Reservation.project_id == project_id)

    async def live_of_unit(self, unit_id: uuid.UUID) -> Reservation | None:
        return await self.session.scalar(
            self.scoped().where(Reservation.unit_id == unit_id, live_reservation())
        )

    def row_rule(self) -> ColumnElement[bool] | None:
        # A consultant reads their own reservations; supervisors and above everyone's in their projects.
        return own_or_overseen(
            self.principal, Reservation.consultant_id, Reservation.project_id, RESERVATION_OVERSEERS
        )

    def readable_of_project(self, project_id: uuid.UUID) -> Select[Reservation]:
        return self.readable().where(Reservation.project_id == project_id)


class ReleaseRepository(Repository[Release]):
    model = Release
    not_found = ReleaseNotFound


class PriceListRepository(Repository[PriceListVersion]):
    model = PriceListVersion
    not_found = PriceListNotFound

    def of_project(self, project_id: uuid.UUID) -> Select[PriceListVersion]:
        return self.scoped().where(PriceListVersion.project_id == project_id)

    async def active(self, project_id: uuid.UUID) -> PriceListVersion | None:
        return await self.session.scalar(
            self.of_project(project_id).where(PriceListVersion.status == "active")
        )

    async def next_number(self, project_id: uuid.UUID) -> int:
        number = await self.session.scalar(
            self.scope(select(func.coalesce(func.max(PriceListVersion.number), 0))).where(
                PriceListVersion.project_id == project_id
            )
        )
        return int(number or 0) + 1


class PriceListItemRepository(Repository[PriceListItem]):
    model = PriceListItem
    not_found = PriceListNotFound
