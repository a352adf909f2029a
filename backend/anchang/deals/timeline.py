"""The deal's timeline: every change is an event with its actor; the timeline reads them back with the
deal's operations (and their approvals)."""

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.deals.base import jsonable
from anchang.deals.models import Deal, DealEvent, DealOperation
from anchang.deals.policy import shown_payload
from anchang.integrations import service as integrations


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
    if (
        kind in PUBLISHED
    ):  # what integrators are told of (integrations/registry.py), with the deal's new state
        await integrations.emit(
            session, PUBLISHED[kind], deal, data={**integrations.snapshot(deal), "change": event.data}
        )
    return event


# Timeline kinds published as events; payments are published by payments.py, as the payment.
PUBLISHED = {
    "subscribed": "deal.subscribed",
    "contracted": "deal.contracted",
    "cancelled": "deal.cancelled",
    "unit_changed": "deal.unit_changed",
    "buyers_changed": "deal.buyers_changed",
    "handed_over": "deal.handed_over",
}


def operation_shown(operation: DealOperation, access: ProjectAccess) -> dict[str, Any]:
    """An operation as the caller may see it."""
    return {
        **{c.key: getattr(operation, c.key) for c in DealOperation.__table__.columns},
        "payload": shown_payload(operation.payload, access),
    }
