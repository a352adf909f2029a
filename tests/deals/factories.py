"""Keyword-only async factories for deals: a deal on a unit with its schedule, and payments."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.customers.models import Customer
from anchang.deals import schedule as sched
from anchang.deals.models import (
    Deal,
    DealStatus,
    LineKind,
    Payment,
    PaymentKind,
    PaymentMethod,
    ScheduleLine,
)
from anchang.inventory.models import Unit, UnitStatus
from anchang.org.models import User

_UNIT_STATUS = {
    DealStatus.pending_approval: UnitStatus.subscribed,
    DealStatus.subscribed: UnitStatus.subscribed,
    DealStatus.contracted: UnitStatus.contracted,
    DealStatus.handed_over: UnitStatus.handed_over,
}


async def create_deal(
    session: AsyncSession,
    *,
    unit: Unit,
    customers: list[Customer],
    consultant: User,
    status: DealStatus = DealStatus.subscribed,
    method: PaymentMethod = PaymentMethod.mortgage_commercial,
    deposit: Decimal = Decimal("50000.00"),
    subscribed_on: date | None = None,
) -> Deal:
    """A deal with the project's default schedule; its unit is put in the matching status."""
    # The factories' projects keep the default zone (Asia/Shanghai).
    subscribed_on = subscribed_on or local_today(DEFAULT_ZONE)
    deal = Deal(
        id=uuid.uuid4(),
        organization_id=unit.organization_id,
        project_id=unit.project_id,
        unit_id=unit.id,
        customer_ids=[c.id for c in customers],
        consultant_id=consultant.id,
        status=status,
        payment_method=method,
        list_price=unit.list_price,
        method_discount_rate=Decimal("0"),
        discounts=[],
        final_price=unit.list_price,
        deposit=deposit,
        below_floor=False,
        subscribed_on=subscribed_on,
        contract_number=f"HT-{uuid.uuid4().hex[:8]}" if status is not DealStatus.subscribed else None,
    )
    if status in _UNIT_STATUS:
        unit.status = _UNIT_STATUS[status]
        unit.taken_price = unit.list_price
    session.add(deal)
    await session.flush()
    lines = sched.generate(
        deal.final_price, deposit, method.value, subscribed_on, sched.terms_of({}, method.value)
    )
    for i, line in enumerate(lines, start=1):
        session.add(
            ScheduleLine(
                organization_id=deal.organization_id,
                project_id=deal.project_id,
                deal_id=deal.id,
                seq=i,
                kind=LineKind(line.kind),
                due_on=line.due_on,
                amount=line.amount,
                paid=Decimal("0.00"),
                active=True,
            )
        )
    await session.flush()
    return deal


async def create_payment(
    session: AsyncSession, *, deal: Deal, amount: Decimal, by: User | None = None
) -> Payment:
    """A receipt recorded straight in the table (allocations left empty; the lines are not touched)."""
    payment = Payment(
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=PaymentKind.receipt,
        amount=amount,
        method="transfer",
        paid_at=datetime.now(UTC) - timedelta(hours=1),
        allocations=[],
        recorded_by=by.id if by else None,
    )
    session.add(payment)
    await session.flush()
    return payment
