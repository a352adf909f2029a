"""What the deals domain does with units: take one for a deal (subscribed), move it on (contracted,
handed over), give it back when the deal is cancelled, and read the facts a deal shows.

Other domains reach these through `inventory/service.py`."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, ScalarSelect, Table, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from anchang.core.security import Principal
from anchang.inventory import repository as repo
from anchang.inventory.errors import UnitNotAvailable
from anchang.inventory.models import Building, Reservation, ReservationStatus, Unit, UnitStatus
from anchang.inventory.status_changes import audit_reservations_ended, db_now, move_one
from anchang.inventory.views import status_now
from anchang.org.service import project_access

S = UnitStatus
units_t = cast(Table, Unit.__table__)


@dataclass(frozen=True, slots=True)
class TakenUnit:
    """A unit a deal took: the price it was taken at and its reservation, if it had one."""

    unit_id: uuid.UUID
    code: str
    price: Decimal  # the list price it is taken at: its reservation's, else the current one
    floor_price: Decimal | None
    reservation_id: uuid.UUID | None


async def take_unit_for_deal(
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    *,
    customer_ids: Sequence[uuid.UUID],
    deal_id: uuid.UUID | None = None,
) -> TakenUnit:
    """available → subscribed, or reserved → subscribed when the live reservation is for one of
    `customer_ids` or the caller's. Raises UnitNotFound (404) or UnitNotAvailable (409)."""
    units = repo.UnitRepository(session, principal)
    unit = await units.get(unit_id)
    access = await project_access(session, principal, unit.project_id)
    reservation = await repo.ReservationRepository(session, principal).live_of_unit(unit.id)
    if reservation is not None and (
        reservation.customer_id in customer_ids or reservation.consultant_id == principal.user_id
    ):
        moved = await move_one(
            session,
            access,
            unit,
            S.subscribed,
            sources=[S.reserved],
            reason="subscribed",
            source_type="deal",
            source_id=deal_id,
            unavailable=UnitNotAvailable,
            values={"taken_price": units_t.c.taken_price},
        )
        converted = await session.execute(
            update(Reservation)
            .where(Reservation.id == reservation.id)
            .values(
                status=ReservationStatus.converted,
                ended_at=func.now(),
                ended_by=principal.user_id,
                version=Reservation.version + 1,
                updated_at=func.clock_timestamp(),
            )
            .returning(Reservation.id, Reservation.organization_id)
            .execution_options(synchronize_session=False)
        )
        await audit_reservations_ended(session, converted.all(), ReservationStatus.converted)
        price = reservation.list_price
    else:
        moved = await move_one(
            session,
            access,
            unit,
            S.subscribed,
            sources=[S.available],
            reason="subscribed",
            source_type="deal",
            source_id=deal_id,
            unavailable=UnitNotAvailable,
            values={"taken_price": units_t.c.list_price},
        )
        price = moved.list_price
    current = await units.reload(unit.id)
    return TakenUnit(
        unit.id, current.code, price, current.floor_price, reservation.id if reservation is not None else None
    )


async def advance_unit(
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    to: UnitStatus,
    *,
    deal_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> None:
    """subscribed → contracted → handed_over, for the deal that holds the unit."""
    if to not in (S.contracted, S.handed_over):
        raise ValueError(f"advance_unit moves to contracted or handed_over, not {to}")
    unit = await repo.UnitRepository(session, principal).get(unit_id)
    access = await project_access(session, principal, unit.project_id)
    await move_one(
        session,
        access,
        unit,
        to,
        reason=reason or to.value,
        source_type="deal",
        source_id=deal_id,
        values={"taken_price": units_t.c.taken_price},
    )


async def release_unit(
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    *,
    reason: str,
    deal_id: uuid.UUID | None = None,
) -> None:
    """A cancelled deal gives its unit back: subscribed or contracted → available."""
    unit = await repo.UnitRepository(session, principal).get(unit_id)
    access = await project_access(session, principal, unit.project_id)
    await move_one(
        session,
        access,
        unit,
        S.available,
        sources=[S.subscribed, S.contracted],
        reason=reason,
        source_type="deal",
        source_id=deal_id,
    )


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """What a deal shows and checks of a unit (its status as in effect now)."""

    id: uuid.UUID
    project_id: uuid.UUID
    code: str
    building: str
    layout: str | None
    gross_area: Decimal
    net_area: Decimal | None
    status: UnitStatus
    list_price: Decimal
    floor_price: Decimal | None
    kind: str  # residence, parking, storage, shop: fees and commissions differ by kind


async def units_for_deals(
    session: AsyncSession, principal: Principal, unit_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, UnitFacts]:
    """The units among `unit_ids` the caller may see, in one query."""
    ids = list(set(unit_ids))
    if not ids:
        return {}
    units = repo.UnitRepository(session, principal)
    rows = await session.execute(
        units.scope(select(Unit, Building.name))
        .join(Building, Building.id == Unit.building_id)
        .where(Unit.id.in_(ids))
    )
    now = await db_now(session)
    return {
        u.id: UnitFacts(
            u.id,
            u.project_id,
            u.code,
            name,
            u.layout,
            u.gross_area,
            u.net_area,
            status_now(u, now),
            u.list_price,
            u.floor_price,
            u.kind.value,
        )
        for u, name in rows
    }


def unit_code_of(
    principal: Principal, unit_id: ColumnElement[Any] | InstrumentedAttribute[Any]
) -> ScalarSelect[str]:
    """The code of the unit whose id is `unit_id` (a column of the caller's statement), null when the
    caller may not see it: a correlated subquery, for lists that show each row's unit."""
    return (
        repo.UnitRepository(None, principal)
        .scoped()
        .with_only_columns(Unit.code)
        .where(Unit.id == unit_id)
        .scalar_subquery()
    )


@dataclass(frozen=True, slots=True)
class UnitTerms:
    """What a settlement needs of a unit: its code, its kind and its floor price."""

    code: str
    kind: str
    floor_price: Decimal | None


async def unit_terms_of_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> dict[uuid.UUID, UnitTerms]:
    """Every unit of the project the caller may see, as plain columns (thousands of deals at once)."""
    rows = await session.execute(
        repo.UnitRepository(session, principal)
        .scope(select(Unit.id, Unit.code, Unit.kind, Unit.floor_price))
        .where(Unit.project_id == project_id)
    )
    return {unit_id: UnitTerms(code, kind.value, floor_price) for unit_id, code, kind, floor_price in rows}
