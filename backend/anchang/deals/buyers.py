"""The buyers of a deal: who may be named one, their stage as the deal moves, and how documents show
them.

The rules of ownership and of masking are the customers domain's; this module asks its service and
applies the answers to deals: a seller names their own customers (supervisors and above anyone's), a
colleague's protected customer is a 撞单 (409, naming nothing the caller may not know), and a document
prints a phone only as fully as the API would show it to the caller.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import NotFound, ValidationFailed
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.customers.service import Stage
from anchang.deals.errors import BuyerNotYours, BuyerOwnedByOther
from anchang.deals.models import Deal
from anchang.deals.transitions import HOLDS_BUYERS


async def choose_buyers(
    session: AsyncSession,
    access: ProjectAccess,
    customer_ids: Sequence[uuid.UUID],
    *,
    kept: Sequence[uuid.UUID] = (),
) -> list[customers.CustomerForDeal]:
    """The customers named as a deal's buyers, each one the caller may sell to; `kept` are buyers the
    deal has already (a change of buyers keeps them without asking again).

    422 for a customer named twice or not of the project; 409 `customer_owned_by_other` for a colleague's
    protected customer; 403 `customer_not_yours` for one in the public pool (claim them first)."""
    if len(set(customer_ids)) != len(customer_ids):
        raise ValidationFailed({"customer_ids": "a customer is named twice"})
    found = []
    for customer_id in customer_ids:
        try:
            customer = await customers.get_customer_for_deal(
                session, access.principal, customer_id, access.project.id
            )
        except NotFound as exc:
            raise ValidationFailed({"customer_ids": f"no customer {customer_id} in this project"}) from exc
        found.append(customer)
    now = now_utc()
    for customer in found:
        if customer.id in kept or customers.may_sell_to(customer, access):
            continue
        if customers.is_pooled(customer, now):
            raise BuyerNotYours(
                f"Customer {customer.id} is in the public pool: claim them before you subscribe for them",
                customer_id=str(customer.id),
            )
        # Another consultant's protected customer: a 撞单 for a supervisor to settle, not a sale to take.
        raise BuyerOwnedByOther(
            f"Customer {customer.id} is another consultant's; a supervisor can reassign them to you",
            customer_id=str(customer.id),
        )
    return found


async def mark_buyers(
    session: AsyncSession, access: ProjectAccess, customer_ids: Sequence[uuid.UUID], stage: Stage
) -> None:
    """Move the buyers forward to `stage` (subscribed, contracted)."""
    for customer_id in customer_ids:
        await customers.mark_stage(session, access.principal, customer_id, stage)


async def unmark_buyers(
    session: AsyncSession, access: ProjectAccess, deal: Deal, customer_ids: Sequence[uuid.UUID]
) -> None:
    """Customers whose only live deal this was go back to `visited`."""
    for customer_id in customer_ids:
        other = await session.scalar(
            select(func.count())
            .select_from(Deal)
            .where(
                Deal.id != deal.id,
                Deal.customer_ids.contains([customer_id]),
                Deal.status.in_(HOLDS_BUYERS),
            )
        )
        if not other:
            await customers.mark_stage(session, access.principal, customer_id, Stage.visited, force=True)


async def buyer_names(
    session: AsyncSession, principal: Principal, customer_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Each customer's name (no phone: lists and views show names only)."""
    found = await customers.contacts(session, principal, list(customer_ids))
    return {customer_id: name for customer_id, (name, _) in found.items()}


async def buyer_contacts(
    session: AsyncSession, access: ProjectAccess, customer_ids: Sequence[uuid.UUID]
) -> list[tuple[str, str]]:
    """(name, phone) of each buyer for a document, the phone masked for a caller the API masks it for."""
    shown = []
    for customer_id in customer_ids:
        try:
            customer = await customers.get_customer_for_deal(
                session, access.principal, customer_id, access.project.id
            )
        except NotFound:
            shown.append(("", ""))
            continue
        shown.append((customer.name, customers.shown_phone(customer.phone, customer, access)))
    return shown
