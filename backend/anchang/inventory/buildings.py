"""Buildings of a project: list, add, rename or reorder, delete when empty."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version
from anchang.inventory import repository as repo
from anchang.inventory.errors import BuildingNameTaken, BuildingNotEmpty
from anchang.inventory.models import Building, Unit
from anchang.inventory.schemas import BuildingCreate, BuildingUpdate, body_values


async def create_building(session: AsyncSession, access: ProjectAccess, data: BuildingCreate) -> Building:
    """Add a building; its name is unique in the project."""
    buildings = repo.BuildingRepository(session, access.principal)
    if data.name in await buildings.by_name(access.project.id):
        raise BuildingNameTaken(f"A building named {data.name} exists")
    building = Building(
        organization_id=access.project.organization_id, project_id=access.project.id, **body_values(data)
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
    changes = body_values(data, only_set=True)
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
    """Delete a building without units (the route admits project managers and admins).

    The lock comes before the check: a unit being added holds the building FOR KEY SHARE, so the check
    runs after that unit is committed (and finds it) or the unit's insert finds the building gone."""
    if not await repo.BuildingRepository(session, access.principal).lock_for_delete(building.id):
        raise repo.BuildingNotFound(f"No building with id {building.id}")
    units = repo.UnitRepository(session, access.principal)
    has_units = await session.scalar(
        units.scope(select(Unit.id)).where(Unit.building_id == building.id).limit(1)
    )
    if has_units is not None:
        raise BuildingNotEmpty(f"{building.name} still has units")
    await session.delete(building)
    await session.flush()
