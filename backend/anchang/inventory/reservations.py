"""预留: reserving an available unit for a customer, cancelling, listing, and the sweep that frees
the units of reservations that ran out."""

import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import AuditedChange, record_audit, record_bulk_audit
from anchang.core.errors import Forbidden, ValidationFailed
from anchang.core.reader import Row
from anchang.customers import service as customers
from anchang.integrations import service as integrations
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.errors import (
    CustomerNotYours,
    ReservationLimitReached,
    ReservationNotActive,
    UnitNotAvailable,
)
from anchang.inventory.events import notify_unit_changes
from anchang.inventory.models import Reservation, ReservationStatus, Unit, UnitHistory, UnitStatus
from anchang.inventory.policy import SUPERVISORS, require_unit_action, reservation_actions
from anchang.inventory.schemas import Reservation as ReservationOut
from anchang.inventory.schemas import ReservationCreate
from anchang.inventory.settings import InventorySettings
from anchang.inventory.status_changes import change_status, close_expired_reservations, history_row, move_one

S = UnitStatus
units_t = cast(Table, Unit.__table__)
history_t = cast(Table, UnitHistory.__table__)


async def reserve(
    session: AsyncSession, unit: Unit, access: ProjectAccess, data: ReservationCreate
) -> Reservation:
    """预留: reserve an available unit for a customer, within the project's length and limit."""
    require_unit_action("reserve", access)
    settings = InventorySettings.of(access.project.settings)
    minutes = data.minutes or settings.reservation_minutes
    if minutes > settings.reservation_minutes and access.role not in SUPERVISORS:
        raise ValidationFailed({"minutes": f"at most {settings.reservation_minutes} in this project"})
    consultant = access.principal.user_id
    # For a customer of this project (404 otherwise), and a consultant's own one.
    customer = await customers.get_customer_for_deal(
        session, access.principal, data.customer_id, unit.project_id
    )
    if access.role not in SUPERVISORS and customer.owner_id != consultant:
        raise CustomerNotYours("This customer is not yours; reserve for one of your own customers")
    # One consultant's reservations are counted one request at a time (never two squeezing past K).
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                func.hashtextextended(f"reservations:{unit.project_id}:{consultant}", 0)
            )
        )
    )
    reservation_id = uuid.uuid4()  # named now, so the history row points at it
    move = transitions.UNIT_MOVES["reserve"]
    moved = await move_one(
        session,
        access,
        unit,
        move.to,
        sources=move.sources,
        values={
            "reserved_until": func.now() + timedelta(minutes=minutes),
            "taken_price": units_t.c.list_price,
        },
        reason=f"reserved for {minutes} min",
        source_type="reservation",
        source_id=reservation_id,
        unavailable=UnitNotAvailable,
    )
    live = await repo.ReservationRepository(session, access.principal).live_count(consultant, unit.project_id)
    if live >= settings.max_live_reservations:
        raise ReservationLimitReached(
            f"You hold {live} live reservations; this project allows {settings.max_live_reservations}",
            limit=settings.max_live_reservations,
        )
    units = repo.UnitRepository(session, access.principal)
    expires_at = await session.scalar(units.scope(select(Unit.reserved_until)).where(Unit.id == unit.id))
    assert expires_at is not None
    reservation = Reservation(
        id=reservation_id,
        organization_id=unit.organization_id,
        project_id=unit.project_id,
        unit_id=unit.id,
        consultant_id=consultant,
        customer_id=data.customer_id,
        status=ReservationStatus.active,
        minutes=minutes,
        expires_at=expires_at,
        list_price=moved.list_price,
    )
    session.add(reservation)
    await integrations.emit(session, "reservation.created", reservation)
    return reservation


def reservation_fields(
    reservation: Reservation | Row, access: ProjectAccess, now: datetime
) -> dict[str, Any]:
    """The reservation's fields with what the caller may do with it; an active one past its end shows
    as expired, whether or not it was swept yet.

    Shown, not stored: a read must not write (the sweeper records the expiry, with its history)."""
    expired = reservation.status is ReservationStatus.active and reservation.expires_at <= now
    # A Row (the lean read path) by key: its attributes go through Python, a tenth of a list's time.
    shown = (
        {f: reservation[f] for f in _FIELDS}
        if isinstance(reservation, dict)
        else {f: getattr(reservation, f) for f in _FIELDS}
    )
    if expired:
        shown["status"], shown["ended_at"] = ReservationStatus.expired, reservation.expires_at
    shown["allowed_actions"] = [] if expired else reservation_actions(reservation, access)
    return shown


_FIELDS = [f for f in ReservationOut.model_fields if f != "allowed_actions"]


def reservation_view(reservation: Reservation | Row, access: ProjectAccess, now: datetime) -> ReservationOut:
    """`reservation_fields` as the response schema."""
    return ReservationOut.model_validate(reservation_fields(reservation, access, now))


async def cancel_reservation(session: AsyncSession, reservation: Reservation, access: ProjectAccess) -> None:
    """Cancel a live reservation (its consultant, or a supervisor and above); the unit becomes available."""
    if (
        "cancel" not in reservation_actions(reservation, access)
        and reservation.status is ReservationStatus.active
    ):
        raise Forbidden("Only the consultant who made it, or a supervisor and above, may cancel it")
    result = await session.execute(
        update(Reservation)
        .where(Reservation.id == reservation.id, repo.live_reservation())
        .values(
            status=ReservationStatus.cancelled,
            ended_at=func.now(),
            ended_by=access.principal.user_id,
            version=Reservation.version + 1,
            updated_at=func.clock_timestamp(),
        )
        .returning(Reservation.id)
        .execution_options(synchronize_session=False)
    )
    if result.first() is None:
        raise ReservationNotActive("The reservation has already ended (expired, cancelled or taken)")
    await change_status(
        session,
        organization_id=reservation.organization_id,
        project_id=reservation.project_id,
        unit_ids=[reservation.unit_id],
        to=S.available,
        sources=[S.reserved],
        reason="reservation cancelled",
        source_type="reservation",
        source_id=reservation.id,
    )
    record_audit(
        session.sync_session,
        action="cancel",
        entity_type="reservations",
        entity_id=reservation.id,
        organization_id=reservation.organization_id,
        before={"status": "active"},
        after={"status": "cancelled"},
    )
    await integrations.emit(
        session,
        "reservation.cancelled",
        reservation,
        data={
            **integrations.snapshot(reservation),
            "status": "cancelled",
            "ended_by": access.principal.user_id,
        },
    )


async def expire_reservations(session: AsyncSession, *, project_id: uuid.UUID | None = None) -> int:
    """Sweep: units whose reservation ran out become available (with history). Returns how many."""
    # Unscoped: the sweeper works for no caller, over every organization (tests pass one project).
    statement = select(Unit.organization_id, Unit.project_id, Unit.id).where(
        Unit.status == S.reserved, Unit.reserved_until <= func.now()
    )
    if project_id is not None:
        statement = statement.where(Unit.project_id == project_id)
    rows = (await session.execute(statement.limit(5000))).all()
    by_project: dict[tuple[uuid.UUID, uuid.UUID], list[uuid.UUID]] = {}
    for org, project, unit in rows:
        by_project.setdefault((org, project), []).append(unit)
    count = 0
    for (org, project), ids in by_project.items():
        # The history row written is the expiry itself (reserved → available at reserved_until).
        moved = await _expire_units(session, org, project, ids)
        count += moved
    return count


async def _expire_units(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, ids: list[uuid.UUID]
) -> int:
    rows = (
        await session.execute(
            update(units_t)
            .where(
                units_t.c.id.in_(ids), units_t.c.status == S.reserved, units_t.c.reserved_until <= func.now()
            )
            .values(
                status=S.available,
                reserved_until=None,
                taken_price=None,
                version=units_t.c.version + 1,
                updated_at=func.clock_timestamp(),
            )
            .returning(units_t.c.id, units_t.c.code, units_t.c.building_id, units_t.c.version)
        )
    ).all()
    if not rows:
        return 0
    moved_ids = [r[0] for r in rows]
    # Unscoped, as the sweep that calls it: these units were just read by id in the caller's project.
    until = dict(
        (
            await session.execute(
                select(Reservation.unit_id, Reservation.expires_at).where(
                    Reservation.unit_id.in_(moved_ids), Reservation.status == ReservationStatus.active
                )
            )
        ).all()
    )
    await close_expired_reservations(session, moved_ids)
    await record_bulk_audit(
        session,
        (
            AuditedChange(
                "units",
                r[0],
                organization_id,
                before={"status": S.reserved},
                after={"status": S.available, "reason": "reservation expired"},
            )
            for r in rows
        ),
    )
    await session.execute(
        insert(history_t),
        [
            history_row(
                organization_id,
                project_id,
                r[0],
                S.reserved,
                S.available,
                None,
                "reservation expired",
                "reservation",
                None,
                until.get(r[0]),
            )
            for r in rows
        ],
    )
    await integrations.emit_bulk(
        session,
        "unit.status_changed",
        organization_id=organization_id,
        object_type="units",
        items=[
            (
                r[0],
                project_id,
                None,
                {
                    "id": r[0],
                    "project_id": project_id,
                    "building_id": r[2],
                    "code": r[1],
                    "from": S.reserved,
                    "status": S.available,
                    "reason": "reservation expired",
                    "version": r[3],
                },
            )
            for r in rows
        ],
    )
    await notify_unit_changes(
        session,
        [
            {
                "type": "unit.status_changed",
                "project_id": str(project_id),
                "unit_id": str(r[0]),
                "building_id": str(r[2]),
                "code": r[1],
                "from": "reserved",
                "to": "available",
                "version": r[3],
            }
            for r in rows
        ],
    )
    return len(rows)
