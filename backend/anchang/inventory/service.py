"""Rules of inventory: buildings and units, status transitions, releases, holds and reservations.

Every status change is one conditional UPDATE (`… WHERE status IN (allowed sources)`) whose returned
rows say which units moved; a unit that did not move is the caller's 409. The history row, the audit
row and the NOTIFY for live boards are written in the same transaction. Other domains (deals) move
units only through `take_unit_for_deal`, `advance_unit` and `release_unit` here.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import AuditedChange, record_audit, record_bulk_audit
from anchang.core.context import actor_id_var
from anchang.core.errors import Conflict, Forbidden, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.pagination import PageParams, paginate
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.events import notify_unit_changes
from anchang.inventory.models import (
    Building,
    Release,
    ReleaseKind,
    Reservation,
    ReservationStatus,
    Unit,
    UnitHistory,
    UnitStatus,
)
from anchang.inventory.policy import (
    SUPERVISORS,
    require_unit_action,
    reservation_actions,
    unit_actions,
)
from anchang.inventory.schemas import (
    BuildingCreate,
    BuildingUpdate,
    HoldRequest,
    InventorySettingsUpdate,
    ReleaseCreate,
    ReservationCreate,
    UnholdRequest,
    UnitCreate,
    UnitUpdate,
)
from anchang.inventory.schemas import Reservation as ReservationOut
from anchang.inventory.settings import InventorySettings
from anchang.org import service as org_service
from anchang.org.service import project_access

S = UnitStatus
units_t = cast(Table, Unit.__table__)
history_t = cast(Table, UnitHistory.__table__)


# --- errors ---------------------------------------------------------------------------------


class UnitNotAvailable(Conflict):
    code, title = "unit_not_available", "The unit is not available"


class UnitTransitionNotAllowed(Conflict):
    code, title = "unit_transition_not_allowed", "This status change is not allowed for the unit"


class ReservationLimitReached(Conflict):
    code, title = "reservation_limit_reached", "You already hold as many live reservations as allowed"


class CustomerNotYours(Forbidden):
    code, title = "customer_not_yours", "Consultants reserve only for their own customers"


class ReservationNotActive(Conflict):
    code, title = "reservation_not_active", "The reservation has already ended"


class BuildingNameTaken(Conflict):
    code, title = "building_name_taken", "Another building of the project has this name"


class UnitCodeTaken(Conflict):
    code, title = "unit_code_taken", "Another unit of the project has this code or this place"


class BuildingNotEmpty(Conflict):
    code, title = "building_not_empty", "The building still has units"


def _fields(data: Any, *, only_set: bool = False) -> dict[str, Any]:
    """A request body's values as Python objects (model_dump would turn money into strings)."""
    names = data.model_fields_set if only_set else type(data).model_fields
    return {name: getattr(data, name) for name in names}


# --- views: what a caller's role may see ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Viewer:
    """How units are shown to one caller: floor prices or not, holds as holds or as sold."""

    role: ProjectRole | None
    settings: InventorySettings

    @property
    def sees_floor_price(self) -> bool:
        return transitions.sees_floor_price(self.role)

    @property
    def sees_holds(self) -> bool:
        return transitions.sees_holds(self.role, hide_holds=self.settings.hide_holds_from_consultants)

    def status(self, status: UnitStatus) -> UnitStatus:
        return transitions.shown_status(status, sees_holds=self.sees_holds)

    def event(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A unit change as this caller may see it (a hold shows as sold to whom it is hidden from)."""
        if self.sees_holds:
            return payload
        shown = dict(payload)
        for key in ("from", "to"):
            if key in shown:
                shown[key] = self.status(UnitStatus(shown[key])).value
        return shown


def viewer(access: ProjectAccess) -> Viewer:
    return Viewer(role=access.role, settings=InventorySettings.of(access.project.settings))


def _now_status(unit: Unit, now: datetime) -> UnitStatus:
    if unit.status is S.reserved and unit.reserved_until is not None and unit.reserved_until <= now:
        return S.available
    return unit.status


def unit_view(unit: Unit, view: Viewer, now: datetime, access: ProjectAccess) -> dict[str, Any]:
    """The fields of a unit this viewer may see (the schema then drops nothing: it was never there),
    with what the caller may do with it."""
    status = _now_status(unit, now)
    taken = status in transitions.TAKEN
    data: dict[str, Any] = {
        "id": unit.id,
        "created_at": unit.created_at,
        "updated_at": unit.updated_at,
        "version": unit.version,
        "project_id": unit.project_id,
        "building_id": unit.building_id,
        "kind": unit.kind,
        "code": unit.code,
        "entrance": unit.entrance,
        "floor": unit.floor,
        "position": unit.position,
        "layout": unit.layout,
        "gross_area": unit.gross_area,
        "net_area": unit.net_area,
        "orientation": unit.orientation,
        "list_price": unit.list_price,
        "unit_price": per_m2(unit.list_price, unit.gross_area),
        "price": unit.taken_price if taken and unit.taken_price is not None else unit.list_price,
        "status": view.status(status),
        "reserved_until": unit.reserved_until if status is S.reserved else None,
        "allowed_actions": unit_actions(status, access),
    }
    if view.sees_floor_price:
        data["floor_price"] = unit.floor_price
    if view.sees_holds:
        data["hold_reason"] = unit.hold_reason if status is S.held else None
    elif view.sees_floor_price:
        data["hold_reason"] = None
    return data


def per_m2(total: Decimal, area: Decimal) -> Decimal:
    from decimal import ROUND_HALF_UP

    if not area:
        return Decimal("0.00")
    return (total / area).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the one way a unit's status changes ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Moved:
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


async def _mark_expired(session: AsyncSession, unit_ids: Sequence[uuid.UUID]) -> None:
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
        .returning(Reservation.id, Reservation.organization_id)
        .execution_options(synchronize_session=False)
    )
    await _audit_reservations_ended(session, ended.all(), ReservationStatus.expired)


async def _audit_reservations_ended(
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
                _history_row(
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
            _history_row(
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
        await _mark_expired(session, expired_units)
    # Rows with an explicit time (an expiry) and rows stamped by the server go in separate batches.
    stamped = [h for h in history if "created_at" in h]
    if stamped:
        await session.execute(insert(history_t), stamped)
    await session.execute(
        insert(history_t).values(created_at=func.clock_timestamp()),
        [h for h in history if "created_at" not in h],
    )
    await record_bulk_audit(session, audits)
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


def _history_row(
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


async def _one_move(
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
    shown = view.status(_now_status(current, await _db_now(session)))
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


async def _db_now(session: AsyncSession) -> datetime:
    now = await session.scalar(select(func.now()))
    assert now is not None
    return now


# --- settings -------------------------------------------------------------------------------


def settings_of(access: ProjectAccess) -> InventorySettings:
    return InventorySettings.of(access.project.settings)


async def update_settings(
    session: AsyncSession, access: ProjectAccess, data: InventorySettingsUpdate, expected: int | None
) -> InventorySettings:
    """Change this domain's keys of `projects.settings`; the other domains' keys stay as they are."""
    project = access.project
    check_version(expected, project.version)
    changes = {k: v for k, v in _fields(data, only_set=True).items() if v is not None}
    project.settings = {**(project.settings or {}), **changes}
    await session.flush()  # audited: the project's settings before and after
    return InventorySettings.of(project.settings)


# --- buildings ------------------------------------------------------------------------------


async def list_buildings(
    session: AsyncSession, access: ProjectAccess, page: PageParams
) -> tuple[list[Building], str | None]:
    buildings = repo.BuildingRepository(session, access.principal)
    return await paginate(
        session,
        buildings.of_project(access.project.id),
        page,
        order_by=[Building.sort_order, Building.name, Building.id],
        updated_at=Building.updated_at,
    )


async def create_building(session: AsyncSession, access: ProjectAccess, data: BuildingCreate) -> Building:
    buildings = repo.BuildingRepository(session, access.principal)
    if data.name in await buildings.by_name(access.project.id):
        raise BuildingNameTaken(f"A building named {data.name} exists")
    building = Building(
        organization_id=access.project.organization_id, project_id=access.project.id, **_fields(data)
    )
    session.add(building)
    await session.flush()
    return building


async def update_building(
    session: AsyncSession,
    building: Building,
    access: ProjectAccess,
    data: BuildingUpdate,
    expected: int | None,
) -> Building:
    """Rename or reorder a building (the route admits project managers and admins)."""
    check_version(expected, building.version)
    changes = _fields(data, only_set=True)
    if "name" in changes:
        if changes["name"] is None:
            raise ValidationFailed({"name": "cannot be null"})
        others = await repo.BuildingRepository(session, access.principal).by_name(building.project_id)
        if changes["name"] in others and others[changes["name"]].id != building.id:
            raise BuildingNameTaken(f"A building named {changes['name']} exists")
    if changes.get("sort_order", 0) is None:
        raise ValidationFailed({"sort_order": "cannot be null"})
    for key, value in changes.items():
        setattr(building, key, value)
    await session.flush()
    return building


async def delete_building(session: AsyncSession, building: Building, access: ProjectAccess) -> None:
    """Delete a building without units (the route admits project managers and admins)."""
    has_units = await session.scalar(select(Unit.id).where(Unit.building_id == building.id).limit(1))
    if has_units is not None:
        raise BuildingNotEmpty(f"{building.name} still has units")
    await session.delete(building)
    await session.flush()


# --- units ----------------------------------------------------------------------------------


async def list_units(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    building_id: uuid.UUID | None,
    status: UnitStatus | None,
    layout: str | None,
    floor: int | None,
) -> tuple[list[Unit], str | None]:
    statement = repo.UnitRepository(session, access.principal).of_project(access.project.id)
    if building_id is not None:
        statement = statement.where(Unit.building_id == building_id)
    if status is not None:
        view = viewer(access)
        effective = repo.effective_status()
        if not view.sees_holds and status is transitions.HELD_SHOWN_AS:
            statement = statement.where(effective.in_([status, S.held]))
        elif not view.sees_holds and status is S.held:
            statement = statement.where(Unit.id.is_(None))  # nothing is "held" for this viewer
        else:
            statement = statement.where(effective == status)
    if layout is not None:
        statement = statement.where(Unit.layout == layout)
    if floor is not None:
        statement = statement.where(Unit.floor == floor)
    return await paginate(session, statement, page, order_by=[Unit.code, Unit.id], updated_at=Unit.updated_at)


async def create_unit(session: AsyncSession, access: ProjectAccess, data: UnitCreate) -> Unit:
    building = await repo.BuildingRepository(session, access.principal).get(data.building_id)
    if building.project_id != access.project.id:
        raise repo.BuildingNotFound(f"No building with id {data.building_id} in this project")
    await _check_place_free(
        session, access.project.id, data.code, data.building_id, data.entrance, data.floor, data.position
    )
    unit = Unit(
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        status=S.unreleased,
        **_fields(data),
    )
    session.add(unit)
    await session.flush()
    session.add(
        UnitHistory(
            organization_id=unit.organization_id,
            project_id=unit.project_id,
            unit_id=unit.id,
            from_status=None,
            to_status=S.unreleased,
            actor_id=access.principal.user_id,
            reason="created",
            source_type="unit",
        )
    )
    await session.flush()
    return unit


async def _check_place_free(
    session: AsyncSession,
    project_id: uuid.UUID,
    code: str,
    building_id: uuid.UUID,
    entrance: str,
    floor: int,
    position: int,
    excluding: uuid.UUID | None = None,
) -> None:
    statement = select(Unit.code).where(
        or_(
            and_(Unit.project_id == project_id, Unit.code == code),
            and_(
                Unit.building_id == building_id,
                Unit.entrance == entrance,
                Unit.floor == floor,
                Unit.position == position,
            ),
        )
    )
    if excluding is not None:
        statement = statement.where(Unit.id != excluding)
    taken = await session.scalar(statement.limit(1))
    if taken is not None:
        raise UnitCodeTaken(f"Unit {taken} already has this code or this place")


async def update_unit(
    session: AsyncSession, unit: Unit, access: ProjectAccess, data: UnitUpdate, expected: int | None
) -> Unit:
    """Change a unit's description; prices change through price lists."""
    require_unit_action("edit", access)
    check_version(expected, unit.version)
    changes = _fields(data, only_set=True)
    for key in ("kind", "gross_area"):
        if key in changes and changes[key] is None:
            raise ValidationFailed({key: "cannot be null"})
    gross = changes.get("gross_area", unit.gross_area)
    net = changes.get("net_area", unit.net_area)
    if gross <= 0:
        raise ValidationFailed({"gross_area": "must be positive"})
    if net is not None and not (0 < net <= gross):
        raise ValidationFailed({"net_area": "must be positive and not above gross_area"})
    for key, value in changes.items():
        setattr(unit, key, value)
    await session.flush()
    return unit


async def history(
    session: AsyncSession, unit: Unit, access: ProjectAccess, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    entries = repo.HistoryRepository(session, access.principal)
    rows, cursor = await paginate(
        session,
        entries.of_unit(unit.id),
        page,
        order_by=[UnitHistory.created_at, UnitHistory.id],
        updated_at=UnitHistory.created_at,
    )
    names = await org_service.user_names(
        session, access.principal, {r.actor_id for r in rows if r.actor_id is not None}
    )
    view = viewer(access)
    out = []
    for r in rows:
        hides = not view.sees_holds and S.held in (r.from_status, r.to_status)
        out.append(
            {
                "id": r.id,
                "unit_id": r.unit_id,
                "from_status": view.status(r.from_status) if r.from_status is not None else None,
                "to_status": view.status(r.to_status),
                "actor_id": None if hides else r.actor_id,
                "actor_name": None if hides else names.get(r.actor_id) if r.actor_id else None,
                "reason": None if hides else r.reason,
                "source_type": None if hides else r.source_type,
                "source_id": None if hides else r.source_id,
                "created_at": r.created_at,
            }
        )
    return out, cursor


# --- holds ----------------------------------------------------------------------------------


async def hold(session: AsyncSession, unit: Unit, access: ProjectAccess, data: HoldRequest) -> Unit:
    """销控保留: hold an available unit back, with the reason."""
    require_unit_action("hold", access)
    move = transitions.UNIT_MOVES["hold"]
    await _one_move(
        session,
        access,
        unit,
        move.to,
        sources=move.sources,
        values={"hold_reason": data.reason},
        reason=data.reason,
        source_type="hold",
    )
    return await repo.UnitRepository(session, access.principal).reload(unit.id)


async def unhold(session: AsyncSession, unit: Unit, access: ProjectAccess, data: UnholdRequest) -> Unit:
    """Make a held unit available again."""
    require_unit_action("unhold", access)
    move = transitions.UNIT_MOVES["unhold"]
    await _one_move(
        session, access, unit, move.to, sources=move.sources, reason=data.reason, source_type="hold"
    )
    return await repo.UnitRepository(session, access.principal).reload(unit.id)


# --- releases and withdrawals ---------------------------------------------------------------


async def release(
    session: AsyncSession, access: ProjectAccess, data: ReleaseCreate, kind: ReleaseKind
) -> Release:
    """推售 (unreleased → available) or 收盘 (available or held → unreleased), all or nothing."""
    units = repo.UnitRepository(session, access.principal)
    project_id = access.project.id
    ids: list[uuid.UUID] = []
    if data.unit_ids:
        ids = list(dict.fromkeys(data.unit_ids))
        found = set(await units.ids_in(project_id, ids))
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise ValidationFailed({"unit_ids": f"not units of this project: {', '.join(missing[:20])}"})
    if data.building_id is not None:
        building = await repo.BuildingRepository(session, access.principal).get(data.building_id)
        if building.project_id != project_id:
            raise repo.BuildingNotFound(f"No building with id {data.building_id} in this project")
        in_building = await _movable_of_building(session, project_id, building.id, kind)
        ids = list(dict.fromkeys([*ids, *in_building]))
    if not ids:
        raise ValidationFailed({"building_id": "has no unit that can move"})
    batch = Release(
        organization_id=access.project.organization_id,
        project_id=project_id,
        kind=kind,
        name=data.name,
        unit_ids=[str(i) for i in ids],
        unit_count=len(ids),
        created_by=access.principal.user_id,
    )
    session.add(batch)
    await session.flush()
    to = S.available if kind is ReleaseKind.release else S.unreleased
    sources = [S.unreleased] if kind is ReleaseKind.release else [S.available, S.held]
    moved = await change_status(
        session,
        organization_id=access.project.organization_id,
        project_id=project_id,
        unit_ids=ids,
        to=to,
        sources=sources,
        reason=data.reason or data.name or ("released" if kind is ReleaseKind.release else "withdrawn"),
        source_type=kind.value,
        source_id=batch.id,
    )
    if len(moved) != len(ids):
        moved_ids = {m.id for m in moved}
        stuck = await session.execute(
            select(Unit.code, Unit.status).where(Unit.id.in_([i for i in ids if i not in moved_ids]))
        )
        view = viewer(access)
        listed = ", ".join(f"{code} ({view.status(status).value})" for code, status in stuck)
        verb = "released" if kind is ReleaseKind.release else "withdrawn"
        raise UnitTransitionNotAllowed(
            f"Nothing was {verb}: these units cannot go to {to.value}: {listed}",
            to_status=to.value,
        )
    return batch


async def _movable_of_building(
    session: AsyncSession, project_id: uuid.UUID, building_id: uuid.UUID, kind: ReleaseKind
) -> list[uuid.UUID]:
    sources = [S.unreleased] if kind is ReleaseKind.release else [S.available, S.held]
    rows = await session.scalars(
        select(Unit.id).where(
            Unit.project_id == project_id,
            Unit.building_id == building_id,
            repo.effective_status().in_(sources),
        )
    )
    return list(rows)


async def list_releases(
    session: AsyncSession, access: ProjectAccess, page: PageParams
) -> tuple[list[Release], str | None]:
    releases = repo.ReleaseRepository(session, access.principal)
    return await paginate(
        session,
        releases.scoped().where(Release.project_id == access.project.id),
        page,
        order_by=[Release.created_at, Release.id],
        updated_at=Release.updated_at,
    )


# --- reservations ---------------------------------------------------------------------------


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
    moved = await _one_move(
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
    expires_at = await session.scalar(select(Unit.reserved_until).where(Unit.id == unit.id))
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
    await session.flush()
    return reservation


def reservation_view(reservation: Reservation, access: ProjectAccess, now: datetime) -> ReservationOut:
    """The reservation with what the caller may do with it; an active one past its end shows as
    expired, whether or not it was swept yet.

    Shown, not stored: a read must not write (the sweeper records the expiry, with its history)."""
    expired = reservation.status is ReservationStatus.active and reservation.expires_at <= now
    shown = ReservationOut.model_validate(
        {
            **{f: getattr(reservation, f) for f in ReservationOut.model_fields if f != "allowed_actions"},
            "allowed_actions": [] if expired else reservation_actions(reservation, access),
        }
    )
    if expired:
        return shown.model_copy(
            update={"status": ReservationStatus.expired, "ended_at": reservation.expires_at}
        )
    return shown


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


async def list_reservations(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    live_only: bool,
    unit_id: uuid.UUID | None = None,
) -> tuple[list[Reservation], str | None]:
    """A consultant's own reservations, everyone's for supervisors and above; of one unit if asked."""
    statement = repo.ReservationRepository(session, access.principal).readable_of_project(access.project.id)
    if live_only:
        statement = statement.where(repo.live_reservation())
    if unit_id is not None:
        statement = statement.where(Reservation.unit_id == unit_id)
    return await paginate(
        session,
        statement,
        page,
        order_by=[Reservation.created_at, Reservation.id],
        updated_at=Reservation.updated_at,
    )


async def expire_reservations(session: AsyncSession, *, project_id: uuid.UUID | None = None) -> int:
    """Sweep: units whose reservation ran out become available (with history). Returns how many."""
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
    until = dict(
        (
            await session.execute(
                select(Reservation.unit_id, Reservation.expires_at).where(
                    Reservation.unit_id.in_(moved_ids), Reservation.status == ReservationStatus.active
                )
            )
        ).all()
    )
    await _mark_expired(session, moved_ids)
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
            _history_row(
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


# --- what the deals domain calls ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TakenUnit:
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
        moved = await _one_move(
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
        await _audit_reservations_ended(session, converted.all(), ReservationStatus.converted)
        price = reservation.list_price
    else:
        moved = await _one_move(
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
    await _one_move(
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
    await _one_move(
        session,
        access,
        unit,
        S.available,
        sources=[S.subscribed, S.contracted],
        reason=reason,
        source_type="deal",
        source_id=deal_id,
    )


# --- for deals ------------------------------------------------------------------------------


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
    now = await _db_now(session)
    return {
        u.id: UnitFacts(
            u.id,
            u.project_id,
            u.code,
            name,
            u.layout,
            u.gross_area,
            u.net_area,
            _now_status(u, now),
            u.list_price,
            u.floor_price,
        )
        for u, name in rows
    }
