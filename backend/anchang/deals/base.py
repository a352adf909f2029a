"""What the capabilities of deals share: the project's day, locking a deal, the operation that waits
for an approval, and discounts as the pricing module takes them."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.errors import ValidationFailed
from anchang.deals import pricing
from anchang.deals.errors import OperationPending
from anchang.deals.models import Deal, DealOperation, OperationStatus
from anchang.deals.schemas import DiscountIn

ZERO = Decimal("0.00")


async def lock_deal(session: AsyncSession, deal: Deal) -> Deal:
    """The deal row locked (SELECT … FOR UPDATE) and read afresh, before a change that checks its state."""
    locked = await session.scalar(
        select(Deal).where(Deal.id == deal.id).with_for_update().execution_options(populate_existing=True)
    )
    assert locked is not None
    return locked


async def pending_operation(session: AsyncSession, deal: Deal) -> DealOperation | None:
    """The deal's operation waiting for an approval, if any (at most one)."""
    return await session.scalar(
        select(DealOperation).where(
            DealOperation.deal_id == deal.id, DealOperation.status == OperationStatus.pending
        )
    )


async def no_pending_operation(session: AsyncSession, deal: Deal) -> None:
    """409 `operation_pending` while another operation of the deal waits for its approval."""
    pending = await pending_operation(session, deal)
    if pending is not None:
        raise OperationPending(
            f"A {pending.kind.value} of this deal waits for approval {pending.approval_id}"
        )


def discounts_of(items: Sequence[DiscountIn]) -> list[pricing.Discount]:
    return [pricing.Discount(d.kind, Decimal(d.value), d.reason) for d in items]


def stored_discounts(discounts: Sequence[dict[str, Any]]) -> list[pricing.Discount]:
    """Discounts as a deal or an operation's payload stores them."""
    return [pricing.Discount(d["kind"], Decimal(d["value"]), d["reason"]) for d in discounts]


def price(list_price: Decimal, rate: Decimal, discounts: list[pricing.Discount]) -> pricing.Price:
    """The price, or 422 naming `discounts` when they cannot apply."""
    try:
        return pricing.price(list_price, rate, discounts)
    except ValueError as exc:
        raise ValidationFailed({"discounts": str(exc)}) from exc


def jsonable(value: Any) -> Any:
    """`value` as JSONB stores it: money as two-decimal strings, ids and dates as strings."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, uuid.UUID | date | datetime):
        return str(value)
    return value
