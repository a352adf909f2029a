"""推售 and 收盘: releasing unreleased units for sale and withdrawing available or held ones, as
batches, all or nothing."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.inventory import repository as repo
from anchang.inventory.errors import UnitTransitionNotAllowed
from anchang.inventory.models import Release, ReleaseKind, Unit, UnitStatus
from anchang.inventory.schemas import ReleaseCreate
from anchang.inventory.status_changes import change_status
from anchang.inventory.views import viewer

S = UnitStatus


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
        in_building = await _movable_of_building(units, project_id, building.id, kind)
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
            units.scope(select(Unit.code, Unit.status)).where(
                Unit.id.in_([i for i in ids if i not in moved_ids])
            )
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
    units: repo.UnitRepository, project_id: uuid.UUID, building_id: uuid.UUID, kind: ReleaseKind
) -> list[uuid.UUID]:
    sources = [S.unreleased] if kind is ReleaseKind.release else [S.available, S.held]
    rows = await units.session.scalars(
        units.scope(select(Unit.id)).where(
            Unit.project_id == project_id,
            Unit.building_id == building_id,
            repo.effective_status().in_(sources),
        )
    )
    return list(rows)
