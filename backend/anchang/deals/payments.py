"""Money received on a deal (实收): payments matched to the oldest open lines of its schedule, and
reversals (冲正) — a negative entry, never a deletion."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.deals import policy
from anchang.deals import repository as repo
from anchang.deals.base import ZERO, lock_deal
from anchang.deals.errors import PaymentAlreadyReversed
from anchang.deals.ledger import allocate
from anchang.deals.models import Deal, Payment, PaymentKind
from anchang.deals.schemas import PaymentCreate
from anchang.deals.timeline import record_event
from anchang.integrations import service as integrations


async def record_payment(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: PaymentCreate
) -> Payment:
    """实收: matched to the oldest open lines; more than is owed is a 422 naming `amount`."""
    deal = await lock_deal(session, deal)
    policy.check("record_payment", deal, access)
    if data.amount <= 0:
        raise ValidationFailed({"amount": "must be more than 0.00"})
    if data.paid_at.tzinfo is None:
        raise ValidationFailed({"paid_at": "must carry a time zone offset"})
    return await receive(
        session, deal, access, data.amount, data.method, data.paid_at, data.reference, data.note
    )


async def receive(
    session: AsyncSession,
    deal: Deal,
    access: ProjectAccess,
    amount: Decimal,
    method: str,
    paid_at: datetime,
    reference: str | None,
    note: str | None,
) -> Payment:
    """Record `amount` on the (locked) deal's schedule, oldest lines first; 422 beyond what is owed."""
    lines = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    owed = sum((ln.amount - ln.paid for ln in lines), ZERO)
    if amount > owed:
        raise ValidationFailed({"amount": f"{amount:.2f} is more than the {owed:.2f} still owed"})
    allocations = allocate(lines, amount)
    payment = Payment(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=PaymentKind.receipt,
        amount=amount,
        method=method,
        paid_at=paid_at,
        reference=reference,
        note=note,
        allocations=allocations,
        recorded_by=access.principal.user_id,
    )
    session.add(payment)
    await session.flush()
    await record_event(
        session, deal, access, "payment_received", payment_id=payment.id, amount=amount, method=method
    )
    await integrations.emit(session, "payment.received", payment, owner_id=deal.consultant_id)
    await session.flush()
    return payment


async def reverse_payment(
    session: AsyncSession, payment: Payment, access: ProjectAccess, reason: str
) -> Payment:
    """冲正 of a receipt the caller may read: a negative entry taking the amount back off the schedule,
    newest lines first."""
    deal = await lock_deal(session, await repo.DealRepository(session, access.principal).get(payment.deal_id))
    policy.check("reverse_payment", deal, access)
    locked = await session.scalar(
        select(Payment)
        .where(Payment.id == payment.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None
    if locked.kind is not PaymentKind.receipt:
        raise ValidationFailed({"payment_id": "only a receipt can be reversed"})
    if locked.reversed_by_id is not None:
        raise PaymentAlreadyReversed(f"Reversed by {locked.reversed_by_id}")
    lines = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    rest = locked.amount
    allocations = []
    for line in sorted(lines, key=lambda ln: (ln.due_on, ln.seq), reverse=True):
        take = min(line.paid, rest)
        if take <= 0:
            continue
        line.paid -= take
        rest -= take
        allocations.append({"line_id": str(line.id), "amount": f"{-take:.2f}"})
        if rest == 0:
            break
    now = await session.scalar(select(func.now()))
    assert now is not None
    reversal = Payment(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=PaymentKind.reversal,
        amount=-locked.amount,
        method=locked.method,
        paid_at=now,
        reference=locked.reference,
        note=reason,
        allocations=allocations,
        recorded_by=access.principal.user_id,
        reverses_id=locked.id,
    )
    session.add(reversal)
    await session.flush()
    locked.reversed_by_id = reversal.id
    await record_event(
        session, deal, access, "payment_reversed", payment_id=locked.id, amount=locked.amount, reason=reason
    )
    await integrations.emit(session, "payment.reversed", reversal, owner_id=deal.consultant_id)
    await session.flush()
    return reversal
