"""销控保留: holding an available unit back, and making a held unit available again."""

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.models import Unit
from anchang.inventory.policy import require_unit_action
from anchang.inventory.schemas import HoldRequest, UnholdRequest
from anchang.inventory.status_changes import move_one


async def hold(session: AsyncSession, unit: Unit, access: ProjectAccess, data: HoldRequest) -> Unit:
    """销控保留: hold an available unit back, with the reason."""
    require_unit_action("hold", access)
    move = transitions.UNIT_MOVES["hold"]
    await move_one(
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
    await move_one(
        session, access, unit, move.to, sources=move.sources, reason=data.reason, source_type="hold"
    )
    return await repo.UnitRepository(session, access.principal).reload(unit.id)
