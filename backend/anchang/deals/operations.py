"""Operations on a deal that may need an approval: a discount beyond the seller's authority, a
cancellation (退房), a change of unit (换房), of buyers (更名) or of the schedule.

Each is a `DealOperation`: a caller who holds the required authority performs it at once, anyone else
asks for an approval and `on_approval_decided` performs (or refuses) it when the approval is decided.
One operation waits at a time.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.approvals.service import Approval, ApprovalStatus
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.customers.service import Stage
from anchang.deals import policy
from anchang.deals import repository as repo
from anchang.deals import schedule as sched
from anchang.deals.base import (
    discounts_of,
    jsonable,
    lock_deal,
    no_pending_operation,
    price,
    stored_discounts,
)
from anchang.deals.buyers import choose_buyers, mark_buyers, unmark_buyers
from anchang.deals.day_counts import DISCOUNT_REFUSED
from anchang.deals.errors import RefundExceedsPaid
from anchang.deals.ledger import outstanding, replace_schedule
from anchang.deals.models import (
    Deal,
    DealOperation,
    DealStatus,
    OperationKind,
    OperationStatus,
    Payment,
    PaymentKind,
)
from anchang.deals.schemas import CancelRequest, ChangeBuyersRequest, ChangeUnitRequest, ScheduleEditRequest
from anchang.deals.timeline import record_event
from anchang.deals.transitions import expect_status
from anchang.inventory import service as inventory
from anchang.inventory.service import UnitStatus

S = DealStatus
APPROVAL_KINDS = {
    OperationKind.discount: "deal_discount",
    OperationKind.cancel: "deal_cancel",
    OperationKind.change_unit: "deal_change_unit",
    OperationKind.change_buyers: "deal_change_buyers",
    OperationKind.schedule_edit: "deal_schedule_edit",
}
"""The approval kind each operation is asked as (the approvals domain calls back on these)."""
TITLES = {
    OperationKind.discount: "折扣审批",
    OperationKind.cancel: "退房审批",
    OperationKind.change_unit: "换房审批",
    OperationKind.change_buyers: "更名审批",
    OperationKind.schedule_edit: "应收调整审批",
}


# --- asking and performing ------------------------------------------------------------------


async def _record_operation(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    kind: OperationKind,
    status: OperationStatus,
    payload: dict[str, Any],
) -> DealOperation:
    operation = DealOperation(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=kind,
        status=status,
        payload=jsonable(payload),
        requested_by=access.principal.user_id,
    )
    session.add(operation)
    await session.flush()
    return operation


async def ask(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    kind: OperationKind,
    required: ProjectRole,
    payload: dict[str, Any],
) -> DealOperation:
    """Record the operation as pending and request its approval from `required` (or above)."""
    operation = await _record_operation(session, access, deal, kind, OperationStatus.pending, payload)
    approval = await approvals.request_approval(
        session,
        access,
        kind=APPROVAL_KINDS[kind],
        subject_id=operation.id,
        required_role=required,
        title=f"{TITLES[kind]} {payload.get('unit_code', '')}".strip(),
        summary={"deal_id": str(deal.id), **operation.payload},
        comment=payload.get("reason"),
    )
    operation.approval_id = approval.id
    await record_event(session, deal, access, f"{kind.value}_requested", approval_id=approval.id, **payload)
    await session.flush()
    return operation


async def _operate(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    kind: OperationKind,
    required: ProjectRole,
    payload: dict[str, Any],
) -> DealOperation:
    """Do it now when the caller has the authority, else ask for an approval."""
    await no_pending_operation(session, deal)
    if approvals.may_decide(access.role, required):
        operation = await _record_operation(session, access, deal, kind, OperationStatus.done, payload)
        await _perform(session, access, deal, operation)
        return operation
    return await ask(session, access, deal, kind, required, payload)


async def _perform(
    session: AsyncSession, access: ProjectAccess, deal: Deal, operation: DealOperation
) -> None:
    payload = operation.payload
    if operation.kind is OperationKind.discount:
        deal.status = S.subscribed
        # Each further discount shows the approval it needed and who gave it.
        approved = {"approval_id": str(operation.approval_id), "approved_by": str(access.principal.user_id)}
        deal.discounts = [{**d, **approved} for d in deal.discounts]
        await mark_buyers(session, access, deal.customer_ids, Stage.subscribed)
        await record_event(session, deal, access, "discount_approved", final_price=deal.final_price)
    elif operation.kind is OperationKind.cancel:
        expect_status(deal, "cancel")
        refund = Decimal(payload["refund_amount"])
        paid, _ = await outstanding(session, deal)
        if refund > paid:  # a payment was reversed while the request waited
            raise RefundExceedsPaid(
                f"The refund asked, {refund:.2f}, is more than is paid now, {paid:.2f}: reject and ask again",
                paid=f"{paid:.2f}",
            )
        await do_cancel(session, access, deal, payload["reason"], refund)
    elif operation.kind is OperationKind.change_unit:
        expect_status(deal, "change_unit")
        await _do_change_unit(session, access, deal, payload)
    elif operation.kind is OperationKind.change_buyers:
        before = list(deal.customer_ids)
        deal.customer_ids = [uuid.UUID(c) for c in payload["customer_ids"]]
        stage = Stage.contracted if deal.status in (S.contracted, S.handed_over) else Stage.subscribed
        await mark_buyers(session, access, deal.customer_ids, stage)
        await unmark_buyers(session, access, deal, [c for c in before if c not in deal.customer_ids])
        await record_event(session, deal, access, "buyers_changed", before=before, after=deal.customer_ids)
    elif operation.kind is OperationKind.schedule_edit:
        lines = [
            sched.Line(ln["kind"], date.fromisoformat(ln["due_on"]), Decimal(ln["amount"]))
            for ln in payload["lines"]
        ]
        await replace_schedule(session, access, deal, lines)
        await record_event(session, deal, access, "schedule_edited", reason=payload["reason"])
    await session.flush()


async def on_approval_decided(session: AsyncSession, approval: Approval, access: ProjectAccess) -> None:
    """The approvals domain's callback for the deal kinds: perform the operation, or refuse it (a refused
    discount ends the subscription). Runs in the deciding transaction, as the decider."""
    operation = await session.scalar(
        select(DealOperation).where(DealOperation.id == approval.subject_id).with_for_update()
    )
    if operation is None or operation.status is not OperationStatus.pending:
        return
    deal = await lock_deal(
        session, await repo.DealRepository(session, access.principal).get(operation.deal_id)
    )
    if approval.status is ApprovalStatus.approved:
        operation.status = OperationStatus.done
        await _perform(session, access, deal, operation)
        return
    operation.status = OperationStatus.rejected
    await record_event(
        session, deal, access, f"{operation.kind.value}_rejected", comment=approval.decision_comment
    )
    if operation.kind is OperationKind.discount:
        # A refused discount ends the subscription: the unit goes back on sale, any deposit back. Its
        # buyers were never marked subscribed, so their stage stays as it was.
        paid, _ = await outstanding(session, deal)
        await do_cancel(session, access, deal, DISCOUNT_REFUSED, paid, buyers_were_marked=False)
    await session.flush()


# --- the operations -------------------------------------------------------------------------


async def _unit_code(session: AsyncSession, access: ProjectAccess, deal: Deal) -> str:
    facts = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    return facts[deal.unit_id].code if deal.unit_id in facts else ""


async def cancel(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: CancelRequest
) -> DealOperation:
    """退房: at once for a site manager or above, else an approval request; refunds at most what was paid."""
    deal = await lock_deal(session, deal)
    policy.check("cancel", deal, access)
    paid, _ = await outstanding(session, deal)
    if data.refund_amount < 0 or data.refund_amount > paid:
        raise ValidationFailed({"refund_amount": f"must be between 0.00 and what was paid, {paid:.2f}"})
    payload = {
        "reason": data.reason,
        "refund_amount": data.refund_amount,
        "unit_code": await _unit_code(session, access, deal),
    }
    return await _operate(session, access, deal, OperationKind.cancel, ProjectRole.site_manager, payload)


async def do_cancel(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    reason: str,
    refund: Decimal,
    *,
    buyers_were_marked: bool = True,
) -> None:
    """End the deal: the unit back on sale, the schedule superseded, `refund` paid back."""
    await inventory.release_unit(
        session, access.principal, deal.unit_id, reason=f"deal cancelled: {reason}", deal_id=deal.id
    )
    lines = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    for line in lines:
        line.active = False
    now = await session.scalar(select(func.now()))
    assert now is not None
    if refund > 0:
        session.add(
            Payment(
                id=uuid.uuid4(),
                organization_id=deal.organization_id,
                project_id=deal.project_id,
                deal_id=deal.id,
                kind=PaymentKind.refund,
                amount=-refund,
                method="refund",
                paid_at=now,
                note=reason,
                allocations=[],
                recorded_by=access.principal.user_id,
            )
        )
    deal.status = S.cancelled
    deal.cancelled_at = now
    deal.cancel_reason = reason
    deal.refund_amount = refund
    if buyers_were_marked:
        await unmark_buyers(session, access, deal, deal.customer_ids)
    await record_event(session, deal, access, "cancelled", reason=reason, refund_amount=refund)
    await session.flush()


async def change_unit(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: ChangeUnitRequest
) -> DealOperation:
    """换房 to an available unit, repriced; a site manager's approval (the developer rep's below floor)."""
    deal = await lock_deal(session, deal)
    policy.check("change_unit", deal, access)
    if data.unit_id == deal.unit_id:
        raise ValidationFailed({"unit_id": "is the deal's unit already"})
    facts = await inventory.units_for_deals(session, access.principal, [data.unit_id, deal.unit_id])
    target = facts.get(data.unit_id)
    if target is None or target.project_id != deal.project_id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    if target.status is not UnitStatus.available:
        raise inventory.UnitNotAvailable(f"Unit {target.code} is not available", unit_id=str(target.id))
    discounts = (
        discounts_of(data.discounts) if data.discounts is not None else stored_discounts(deal.discounts)
    )
    figures = price(target.list_price, deal.method_discount_rate, discounts)
    below = target.floor_price is not None and figures.final_price < target.floor_price
    payload = {
        "unit_id": target.id,
        "unit_code": facts[deal.unit_id].code if deal.unit_id in facts else "",
        "new_unit_code": target.code,
        "reason": data.reason,
        "discounts": [{"kind": d.kind, "value": str(d.value), "reason": d.reason} for d in discounts],
        "new_final_price": figures.final_price,
    }
    required = ProjectRole.developer_rep if below else ProjectRole.site_manager
    return await _operate(session, access, deal, OperationKind.change_unit, required, payload)


async def _do_change_unit(
    session: AsyncSession, access: ProjectAccess, deal: Deal, payload: dict[str, Any]
) -> None:
    new_unit = uuid.UUID(payload["unit_id"])
    old_unit = deal.unit_id
    taken = await inventory.take_unit_for_deal(
        session, access.principal, new_unit, customer_ids=deal.customer_ids, deal_id=deal.id
    )
    if deal.status is S.contracted:
        await inventory.advance_unit(
            session, access.principal, new_unit, UnitStatus.contracted, deal_id=deal.id
        )
    await inventory.release_unit(session, access.principal, old_unit, reason="unit changed", deal_id=deal.id)
    figures = price(taken.price, deal.method_discount_rate, stored_discounts(payload["discounts"]))
    if deal.deposit > figures.final_price:
        raise ValidationFailed({"unit_id": "the new price is below the deposit paid"})
    before = {"unit_id": old_unit, "final_price": deal.final_price}
    deal.unit_id = new_unit
    deal.list_price = taken.price
    deal.discounts = figures.discounts_json()
    deal.final_price = figures.final_price
    deal.below_floor = taken.floor_price is not None and figures.final_price < taken.floor_price
    await session.flush()
    terms = sched.terms_of(access.project.settings, deal.payment_method.value)
    lines = sched.generate(
        deal.final_price, deal.deposit, deal.payment_method.value, deal.subscribed_on, terms
    )
    await replace_schedule(session, access, deal, lines)
    await record_event(
        session,
        deal,
        access,
        "unit_changed",
        before=before,
        after={"unit_id": new_unit, "final_price": deal.final_price},
        reason=payload["reason"],
    )


async def change_buyers(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: ChangeBuyersRequest
) -> DealOperation:
    """更名, with a site manager's approval; every new buyer must be one the caller may sell to."""
    deal = await lock_deal(session, deal)
    policy.check("change_buyers", deal, access)
    buyers = await choose_buyers(session, access, data.customer_ids, kept=deal.customer_ids)
    payload = {
        "customer_ids": data.customer_ids,
        "buyers": [b.name for b in buyers],
        "reason": data.reason,
        "unit_code": await _unit_code(session, access, deal),
    }
    return await _operate(
        session, access, deal, OperationKind.change_buyers, ProjectRole.site_manager, payload
    )


async def edit_schedule(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: ScheduleEditRequest
) -> DealOperation:
    """A new schedule adding up to the final price, with a site manager's approval."""
    deal = await lock_deal(session, deal)
    policy.check("edit_schedule", deal, access)
    total = sum((ln.amount for ln in data.lines), Decimal("0.00"))
    if total != deal.final_price:
        raise ValidationFailed(
            {"lines": f"the lines add up to {total:.2f}, not the final price {deal.final_price:.2f}"}
        )
    if any(ln.amount <= 0 for ln in data.lines):
        raise ValidationFailed({"lines": "every line needs a positive amount"})
    paid, _ = await outstanding(session, deal)
    if paid > total:
        raise ValidationFailed({"lines": "less than what has been paid"})
    payload = {
        "reason": data.reason,
        "lines": [{"kind": ln.kind.value, "due_on": ln.due_on, "amount": ln.amount} for ln in data.lines],
    }
    return await _operate(
        session, access, deal, OperationKind.schedule_edit, ProjectRole.site_manager, payload
    )
