"""The deal's timeline: every change is an event with its actor; the timeline reads them back with the
deal's operations (and their approvals)."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.deals import repository as repo
from anchang.deals.base import jsonable
from anchang.deals.models import Deal, DealEvent, DealOperation


async def record_event(
    session: AsyncSession, deal: Deal, access: ProjectAccess, kind: str, **data: Any
) -> DealEvent:
    """Put `kind` on the deal's timeline, by the caller, now (the statement's clock, so order is exact)."""
    event = DealEvent(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=kind,
        actor_id=access.principal.user_id,
        at=await session.scalar(select(func.clock_timestamp())),
        data=jsonable(data),
    )
    session.add(event)
    return event


async def timeline(
    session: AsyncSession, deal: Deal, access: ProjectAccess
) -> tuple[Sequence[DealEvent], Sequence[DealOperation]]:
    """The deal's events and operations, oldest first."""
    events = await repo.EventRepository(session, access.principal).of_deal(deal.id)
    operations = await repo.OperationRepository(session, access.principal).of_deal(deal.id)
    return events, operations
