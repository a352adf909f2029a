"""Deals as the API shows them: one deal with its unit, buyers, money and what the caller may do with
it (`allowed_actions`), and an operation's result (the list is in reads.py)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.deals.base import pending_operation
from anchang.deals.buyers import buyer_names
from anchang.deals.ledger import outstanding
from anchang.deals.models import Deal, DealOperation
from anchang.deals.mortgage import mortgage_stage
from anchang.deals.policy import deal_actions, shown_below_floor
from anchang.deals.timeline import operation_shown
from anchang.inventory import service as inventory


async def deal_view(session: AsyncSession, deal: Deal, access: ProjectAccess) -> dict[str, Any]:
    """The deal with its unit code, buyers' names, paid and outstanding, the approval it waits for and
    the actions the caller may take."""
    units = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    names = await buyer_names(session, access.principal, set(deal.customer_ids))
    paid, owed = await outstanding(session, deal)
    pending = await pending_operation(session, deal)
    stage = await mortgage_stage(session, deal, access)
    return {
        **{c.key: getattr(deal, c.key) for c in Deal.__table__.columns},
        "below_floor": shown_below_floor(deal.below_floor, access),
        "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
        "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
        "paid": paid,
        "outstanding": owed,
        "pending_approval_id": pending.approval_id if pending else None,
        "allowed_actions": deal_actions(deal, access, pending=pending is not None, mortgage=stage),
    }


async def operation_view(
    session: AsyncSession, deal: Deal, operation: DealOperation, access: ProjectAccess
) -> dict[str, Any]:
    """An operation's result: the deal as it is now, and the operation (done or waiting), as the caller
    may see them."""
    await session.refresh(deal)
    return {"deal": await deal_view(session, deal, access), "operation": operation_shown(operation, access)}
