"""Units themselves: list with filters, add one, change its description, and its status history
(as the caller may see it)."""

import uuid

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version
from anchang.inventory import repository as repo
from anchang.inventory.errors import UnitCodeTaken
from anchang.inventory.models import Unit, UnitHistory, UnitStatus
from anchang.inventory.policy import require_unit_action
from anchang.inventory.schemas import UnitCreate, UnitUpdate, body_values

S = UnitStatus


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
