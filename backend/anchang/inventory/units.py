"""Units themselves: list with filters, add one, change its description, and its status history
(as the caller may see it)."""

import uuid
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version
from anchang.core.pagination import PageParams, paginate
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.errors import UnitCodeTaken
from anchang.inventory.models import Unit, UnitHistory, UnitStatus
from anchang.inventory.policy import require_unit_action
from anchang.inventory.schemas import UnitCreate, UnitUpdate, body_values
from anchang.inventory.views import history_entry, viewer
from anchang.org import service as org_service

S = UnitStatus


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
    """Units of the project, filtered; a consultant asking for `held` where holds are hidden gets none,
    and asking for sold gets the held ones too."""
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
    """Add one unit, unreleased, with its first history row."""
    building = await repo.BuildingRepository(session, access.principal).get_for_units(data.building_id)
    if building.project_id != access.project.id:
        raise repo.BuildingNotFound(f"No building with id {data.building_id} in this project")
    await _check_place_free(
        repo.UnitRepository(session, access.principal),
        access.project.id,
        data.code,
        data.building_id,
        data.entrance,
        data.floor,
        data.position,
    )
    unit = Unit(
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        status=S.unreleased,
        **body_values(data),
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
    units: repo.UnitRepository,
    project_id: uuid.UUID,
    code: str,
    building_id: uuid.UUID,
    entrance: str,
    floor: int,
    position: int,
    excluding: uuid.UUID | None = None,
) -> None:
    statement = units.scope(select(Unit.code)).where(
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
    taken = await units.session.scalar(statement.limit(1))
    if taken is not None:
        raise UnitCodeTaken(f"Unit {taken} already has this code or this place")


async def update_unit(
    session: AsyncSession, unit: Unit, access: ProjectAccess, data: UnitUpdate, expected: int | None
) -> Unit:
    """Change a unit's description; prices change through price lists."""
    require_unit_action("edit", access)
    check_version(expected, unit.version)
    changes = body_values(data, only_set=True)
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
    """A unit's status changes, oldest first; a hold hidden from the caller shows as a sale, every field
    filled as a sale's is (`views.history_entry`)."""
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
    starts: list[tuple[Any, uuid.UUID]] = []
    if not view.sees_holds and any(S.held in (r.from_status, r.to_status) for r in rows):
        starts = await entries.hold_starts(unit.id)
    out = []
    for r in rows:
        # The hold an entry belongs to: the last that began at or before it (the page may not hold it).
        began = [i for t, i in starts if (t, i) <= (r.created_at, r.id)]
        entry = {
            "id": r.id,
            "unit_id": r.unit_id,
            "from_status": r.from_status,
            "to_status": r.to_status,
            "actor_id": r.actor_id,
            "actor_name": names.get(r.actor_id) if r.actor_id else None,
            "reason": r.reason,
            "source_type": r.source_type,
            "source_id": r.source_id,
            "created_at": r.created_at,
        }
        out.append(history_entry(entry, view, began[-1] if began else None))
    return out, cursor
