"""The one way a unit's status changes: a conditional UPDATE over `transitions.py`'s table.

Every status change is one conditional UPDATE (`… WHERE status IN (allowed sources)`) whose returned
rows say which units moved; a unit that did not move is the caller's 409. The history rows, the audit
rows and the NOTIFY for live boards are written in the same transaction.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import AuditedChange, record_bulk_audit
from anchang.core.context import actor_id_var
from anchang.core.errors import Conflict
from anchang.integrations import service as integrations
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.errors import UnitNotAvailable, UnitTransitionNotAllowed
from anchang.inventory.events import notify_unit_changes
from anchang.inventory.models import Reservation, ReservationStatus, Unit, UnitHistory, UnitStatus
from anchang.inventory.views import status_now, viewer

S = UnitStatus
units_t = cast(Table, Unit.__table__)
history_t = cast(Table, UnitHistory.__table__)


@dataclass(frozen=True, slots=True)
class Moved:
    """A unit a status change moved, as it was before and as it is now stored."""

    id: uuid.UUID
    code: str
    building_id: uuid.UUID
    from_status: UnitStatus  # as it was in effect (an expired reservation counts as available)
    stored_status: UnitStatus  # as it was stored
    reserved_until: datetime | None
    version: int
    list_price: Decimal


async def change_status(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID,
    project_id: uuid.UUID,
    unit_ids: Sequence[uuid.UUID],
    to: UnitStatus,
    sources: Iterable[UnitStatus] | None = None,
    values: dict[str, Any] | None = None,
    reason: str | None = None,
    source_type: str | None = None,
    source_id: uuid.UUID | None = None,
) -> list[Moved]:
    """Move those of `unit_ids` whose status (in effect now) allows it to `to`; returns the moved ones.

    One conditional UPDATE: rows are locked, and a concurrent change that committed first is seen
    (READ COMMITTED re-checks the condition on the new row), so two requests can never both move a unit.
    """
    allowed_from = frozenset(sources) if sources is not None else transitions.sources(to)
    # Not a caller's read: the units were authorized by the caller (or are the sweeper's), and the
    # organization and project are pinned here, so a unit of another tenant can never move.
    old = (
        select(units_t.c.id, units_t.c.status, units_t.c.reserved_until)
        .where(
            units_t.c.id.in_(list(unit_ids)),
            units_t.c.project_id == project_id,
            units_t.c.organization_id == organization_id,
        )
        .with_for_update()
        .cte("old")
    )
    expired_reservation = and_(old.c.status == S.reserved, old.c.reserved_until <= func.now())
    condition: ColumnElement[bool] = old.c.status.in_(allowed_from)
    if S.available in allowed_from:
        condition = or_(condition, expired_reservation)
    # Leaving `reserved` (or an expired reservation) clears its end; leaving a hold clears its reason.
    changes: dict[str, Any] = {
        "status": to,
        "version": units_t.c.version + 1,
        "updated_at": func.clock_timestamp(),
        "reserved_until": None,
        "hold_reason": None,
    }
    if to not in transitions.TAKEN:
        changes["taken_price"] = None
    changes.update(values or {})
    statement = (
        update(units_t)
        .where(units_t.c.id == old.c.id, condition)
        .values(**changes)
        .returning(
            units_t.c.id,
            units_t.c.code,
            units_t.c.building_id,
            old.c.status,
            old.c.reserved_until,
            units_t.c.version,
            units_t.c.list_price,
            expired_reservation.label("was_expired"),
        )
    )
    rows = (await session.execute(statement)).all()
    moved: list[Moved] = []
    for id_, code, building_id, stored, reserved_until, version, list_price, was_expired in rows:
        stored = S(stored)
        effective = S.available if was_expired and to is not S.available else stored
        moved.append(Moved(id_, code, building_id, effective, stored, reserved_until, version, list_price))
    if moved:
        await _record_moves(
            session,
            organization_id=organization_id,
            project_id=project_id,
            moved=moved,
            to=to,
            reason=reason,
            source_type=source_type,
            source_id=source_id,
        )
    return moved


async def close_expired_reservations(session: AsyncSession, unit_ids: Sequence[uuid.UUID]) -> None:
    """Close the live reservations of these units whose time is up (they already count as expired)."""
    ended = await session.execute(
        update(Reservation)
        .where(
            Reservation.unit_id.in_(list(unit_ids)),
            Reservation.status == ReservationStatus.active,
            Reservation.expires_at <= func.now(),
        )
        .values(
            status=ReservationStatus.expired,
            ended_at=Reservation.expires_at,
            version=Reservation.version + 1,
            updated_at=func.clock_timestamp(),
        )
        .returning(
            Reservation.id,
            Reservation.organization_id,
            Reservation.project_id,
            Reservation.unit_id,
            Reservation.consultant_id,
            Reservation.customer_id,
            Reservation.expires_at,
        )
        .execution_options(synchronize_session=False)
    )
    rows = ended.all()
    await audit_reservations_ended(session, [(r[0], r[1]) for r in rows], ReservationStatus.expired)
    for organization_id in {r[1] for r in rows}:
        await integrations.emit_bulk(
            session,
            "reservation.expired",
            organization_id=organization_id,
            object_type="reservations",
            items=[
                (
                    r[0],
                    r[2],
                    r[4],
                    {
                        "id": r[0],
                        "project_id": r[2],
                        "unit_id": r[3],
                        "consultant_id": r[4],
                        "customer_id": r[5],
                        "status": ReservationStatus.expired,
                        "ended_at": r[6],
                    },
                )
                for r in rows
                if r[1] == organization_id
            ],
        )


async def audit_reservations_ended(
    session: AsyncSession, ended: Sequence[Any], status: ReservationStatus
) -> None:
    """Audit rows for reservations a bulk UPDATE ended (rows of id, organization_id)."""
    await record_bulk_audit(
        session,
        (
            AuditedChange(
                "reservations",
                id_,
                org,
                before={"status": ReservationStatus.active},
                after={"status": status},
            )
            for id_, org in ended
        ),
    )


async def _record_moves(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID,
    project_id: uuid.UUID,
    moved: list[Moved],
    to: UnitStatus,
    reason: str | None,
    source_type: str | None,
    source_id: uuid.UUID | None,
) -> None:
    actor = actor_id_var.get()
    history: list[dict[str, Any]] = []
    audits: list[AuditedChange] = []
    expired_units: list[uuid.UUID] = []
    for m in moved:
        if m.stored_status is S.reserved and m.from_status is S.available:
            # The reservation ran out before this change: its end is history too, at the time it ended.
            expired_units.append(m.id)
            history.append(
                history_row(
                    organization_id,
                    project_id,
                    m.id,
                    S.reserved,
                    S.available,
                    None,
                    "reservation expired",
                    "reservation",
                    None,
                    m.reserved_until,
                )
            )
        history.append(
            history_row(
                organization_id,
                project_id,
                m.id,
                m.from_status,
                to,
                actor,
                reason,
                source_type,
                source_id,
                None,
            )
        )
        audits.append(
            AuditedChange(
                "units",
                m.id,
                organization_id,
                before={"status": m.from_status},
                after={"status": to, "reason": reason, "source_type": source_type, "source_id": source_id},
            )
        )
    if expired_units:
        await close_expired_reservations(session, expired_units)
    # Rows with an explicit time (an expiry) and rows stamped by the server go in separate batches.
    stamped = [h for h in history if "created_at" in h]
    if stamped:
        await session.execute(insert(history_t), stamped)
    await session.execute(
        insert(history_t).values(created_at=func.clock_timestamp()),
        [h for h in history if "created_at" not in h],
    )
    await record_bulk_audit(session, audits)
    await integrations.emit_bulk(
        session,
        "unit.status_changed",
        organization_id=organization_id,
        object_type="units",
        items=[
            (
                m.id,
                project_id,
                None,
                {
                    "id": m.id,
                    "project_id": project_id,
                    "building_id": m.building_id,
                    "code": m.code,
                    "from": m.from_status,
                    "status": to,
                    "reason": reason,
                    "version": m.version,
                },
            )
            for m in moved
        ],
    )
    await notify_unit_changes(
        session,
        [
            {
                "type": "unit.status_changed",
                "project_id": str(project_id),
                "unit_id": str(m.id),
                "building_id": str(m.building_id),
                "code": m.code,
                "from": m.from_status.value,
                "to": to.value,
                "version": m.version,
            }
            for m in moved
        ],
    )


def history_row(
    organization_id: uuid.UUID,
    project_id: uuid.UUID,
    unit_id: uuid.UUID,
    from_status: UnitStatus | None,
    to_status: UnitStatus,
    actor_id: uuid.UUID | None,
    reason: str | None,
    source_type: str | None,
    source_id: uuid.UUID | None,
    at: datetime | None,
) -> dict[str, Any]:
    """A `unit_history` row for a bulk INSERT; `at` None: stamped by the server's clock."""
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "organization_id": organization_id,
        "project_id": project_id,
        "unit_id": unit_id,
        "from_status": from_status,
        "to_status": to_status,
        "actor_id": actor_id,
        "reason": reason,
        "source_type": source_type,
        "source_id": source_id,
    }
    if at is not None:
        row["created_at"] = at  # else the server's clock when the row is written
    return row


async def move_one(
    session: AsyncSession,
    access: ProjectAccess,
    unit: Unit,
    to: UnitStatus,
    *,
    sources: Iterable[UnitStatus] | None = None,
    values: dict[str, Any] | None = None,
    reason: str | None = None,
    source_type: str | None = None,
    source_id: uuid.UUID | None = None,
    unavailable: type[Conflict] = UnitTransitionNotAllowed,
) -> Moved:
    """Move one unit to `to`, or raise `unavailable` (409) saying what the unit is now, as the caller may
    see it."""
    moved = await change_status(
        session,
        organization_id=unit.organization_id,
        project_id=unit.project_id,
        unit_ids=[unit.id],
        to=to,
        sources=sources,
        values=values,
        reason=reason,
        source_type=source_type,
        source_id=source_id,
    )
    if moved:
        return moved[0]
    current = await repo.UnitRepository(session, access.principal).reload(unit.id)
    view = viewer(access)
    shown = view.status(status_now(current, await db_now(session)))
    if unavailable is UnitNotAvailable:
        raise UnitNotAvailable(
            f"Unit {current.code} is not available (it is {shown.value})", unit_id=str(unit.id)
        )
    raise UnitTransitionNotAllowed(
        f"Unit {current.code} cannot go from {shown.value} to {to.value}",
        unit_id=str(unit.id),
        from_status=shown.value,
        to_status=to.value,
    )


async def db_now(session: AsyncSession) -> datetime:
    """The database's clock (the one reservations expire by)."""
    now = await session.scalar(select(func.now()))
    assert now is not None
    return now
