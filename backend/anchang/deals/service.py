"""Rules of deals: subscription, pricing and its approvals, lifecycle operations, schedule, payments,
collections and mortgages.

A unit moves only through inventory's service (`take_unit_for_deal`, `advance_unit`, `release_unit`),
in the same transaction as the deal row; the partial unique index `uq_deals_live_unit` stands behind
it. Operations that need an approval (a discount beyond authority, a cancellation, a change of unit,
of buyers or of the schedule) are `DealOperation` rows with an approval request; a caller who holds
the required authority performs them at once. Every change is on the deal's timeline and audited.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import anyio
from sqlalchemy import Select, case, func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.core.access import ProjectAccess
from anchang.core.errors import AppError, Conflict, Forbidden, NotFound, ValidationFailed
from anchang.core.pagination import PageParams, paginate
from anchang.core.roles import ProjectRole, at_least
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.customers.models import Stage
from anchang.deals import pricing
from anchang.deals import repository as repo
from anchang.deals import schedule as sched
from anchang.deals.models import (
    CollectionNote,
    Deal,
    DealEvent,
    DealOperation,
    DealStatus,
    LineKind,
    Mortgage,
    MortgageStage,
    OperationKind,
    OperationStatus,
    Payment,
    PaymentKind,
    PaymentMethod,
    ScheduleLine,
)
from anchang.deals.pdf import Agreement, AgreementLine, FontMissing, render
from anchang.deals.schemas import (
    CancelRequest,
    ChangeBuyersRequest,
    ChangeUnitRequest,
    CollectionNoteCreate,
    ContractRequest,
    DealCreate,
    DealQuote,
    DiscountIn,
    HandoverRequest,
    MortgageCreate,
    MortgageStageChange,
    PaymentCreate,
    ScheduleEditRequest,
)
from anchang.inventory import service as inventory
from anchang.inventory.models import UnitStatus
from anchang.org import service as org
from anchang.org.service import project_access

S = DealStatus
ZERO = Decimal("0.00")
SELLERS = at_least(ProjectRole.consultant)
COLLECTORS = SELLERS | {ProjectRole.finance}
LIVE = (S.pending_approval, S.subscribed, S.contracted)
APPROVAL_KINDS = {
    OperationKind.discount: "deal_discount",
    OperationKind.cancel: "deal_cancel",
    OperationKind.change_unit: "deal_change_unit",
    OperationKind.change_buyers: "deal_change_buyers",
    OperationKind.schedule_edit: "deal_schedule_edit",
}
TITLES = {
    OperationKind.discount: "折扣审批",
    OperationKind.cancel: "退房审批",
    OperationKind.change_unit: "换房审批",
    OperationKind.change_buyers: "更名审批",
    OperationKind.schedule_edit: "应收调整审批",
}
MORTGAGE_NEXT: dict[MortgageStage, frozenset[MortgageStage]] = {
    MortgageStage.documents_collected: frozenset({MortgageStage.submitted, MortgageStage.rejected}),
    MortgageStage.submitted: frozenset({MortgageStage.approved, MortgageStage.rejected}),
    MortgageStage.approved: frozenset({MortgageStage.disbursed, MortgageStage.rejected}),
    MortgageStage.rejected: frozenset({MortgageStage.submitted}),
    MortgageStage.disbursed: frozenset(),
}


# --- errors ---------------------------------------------------------------------------------


class BuyerNotYours(Forbidden):
    code, title = "customer_not_yours", "Consultants subscribe only for their own customers"


class DealStatusConflict(Conflict):
    code, title = "deal_status_conflict", "The deal is not in a status that allows this"


class ContractNumberTaken(Conflict):
    code, title = "contract_number_taken", "This contract number is already used in the project"


class DealNotPaid(Conflict):
    code, title = "deal_not_paid", "The schedule is not paid and no mortgage has been disbursed"


class OperationPending(Conflict):
    code, title = "operation_pending", "Another operation on this deal waits for an approval"


class RefundExceedsPaid(Conflict):
    code, title = "refund_exceeds_paid", "The refund is more than the buyer has paid"


class PaymentAlreadyReversed(Conflict):
    code, title = "payment_already_reversed", "This payment has already been reversed"


class MortgageExists(Conflict):
    code, title = "mortgage_exists", "The deal already has a mortgage"


class PdfUnavailable(AppError):
    status, code, title = 503, "pdf_unavailable", "The PDF cannot be made on this server (no CJK font)"


class MortgageStageNotAllowed(Conflict):
    code, title = "mortgage_stage_not_allowed", "The mortgage cannot move to this stage from its current one"


# --- access ---------------------------------------------------------------------------------


def require(access: ProjectAccess, roles: frozenset[ProjectRole]) -> None:
    if access.role is None or access.role not in roles:
        raise Forbidden("Your role in this project does not allow this")


def require_on_deal(access: ProjectAccess, deal: Deal, roles: frozenset[ProjectRole] = SELLERS) -> None:
    """`roles` in the deal's project; a consultant only on their own deals."""
    require(access, roles)
    if access.role is ProjectRole.consultant and deal.consultant_id != access.principal.user_id:
        raise Forbidden("Consultants act on their own deals only")


async def deal_access(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Deal, ProjectAccess]:
    """The deal (404 if the caller may not see it), then the caller's role in its project (403)."""
    deal = await repo.DealRepository(session, principal).get(deal_id, for_update=for_update)
    access = await project_access(session, principal, deal.project_id)
    if access.role is None:
        raise Forbidden("Your role in this project does not allow this")
    if access.role is ProjectRole.consultant and deal.consultant_id != principal.user_id:
        raise Forbidden("Consultants see their own deals only")
    return deal, access


async def _lock(session: AsyncSession, deal: Deal) -> Deal:
    locked = await session.scalar(
        select(Deal).where(Deal.id == deal.id).with_for_update().execution_options(populate_existing=True)
    )
    assert locked is not None
    return locked


# --- helpers --------------------------------------------------------------------------------


def today_in(access: ProjectAccess, now: datetime | None = None) -> date:
    try:
        zone = ZoneInfo(access.project.timezone or "Asia/Shanghai")
    except (KeyError, ValueError):
        zone = ZoneInfo("Asia/Shanghai")
    return (now or datetime.now(UTC)).astimezone(zone).date()


def _discounts(items: Sequence[DiscountIn]) -> list[pricing.Discount]:
    return [pricing.Discount(d.kind, Decimal(d.value), d.reason) for d in items]


def _stored_discounts(deal: Deal) -> list[pricing.Discount]:
    return [pricing.Discount(d["kind"], Decimal(d["value"]), d["reason"]) for d in deal.discounts]


def _price(list_price: Decimal, rate: Decimal, discounts: list[pricing.Discount]) -> pricing.Price:
    try:
        return pricing.price(list_price, rate, discounts)
    except ValueError as exc:
        raise ValidationFailed({"discounts": str(exc)}) from exc


async def _event(
    session: AsyncSession, deal: Deal, access: ProjectAccess, kind: str, **data: Any
) -> DealEvent:
    event = DealEvent(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        kind=kind,
        actor_id=access.principal.user_id,
        at=await session.scalar(select(func.clock_timestamp())),
        data=_jsonable(data),
    )
    session.add(event)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, uuid.UUID | date | datetime):
        return str(value)
    return value


async def _customers(
    session: AsyncSession, access: ProjectAccess, customer_ids: Sequence[uuid.UUID]
) -> list[customers.CustomerForDeal]:
    if len(set(customer_ids)) != len(customer_ids):
        raise ValidationFailed({"customer_ids": "a customer is named twice"})
    found = []
    for cid in customer_ids:
        try:
            found.append(
                await customers.get_customer_for_deal(session, access.principal, cid, access.project.id)
            )
        except NotFound as exc:
            raise ValidationFailed({"customer_ids": f"no customer {cid} in this project"}) from exc
    return found


async def _mark_customers(
    session: AsyncSession, access: ProjectAccess, customer_ids: Sequence[uuid.UUID], stage: Stage
) -> None:
    for cid in customer_ids:
        await customers.mark_stage(session, access.principal, cid, stage)


async def _unmark_customers(
    session: AsyncSession, access: ProjectAccess, deal: Deal, customer_ids: Sequence[uuid.UUID]
) -> None:
    """Customers whose only live deal this was go back to `visited`."""
    for cid in customer_ids:
        other = await session.scalar(
            select(func.count())
            .select_from(Deal)
            .where(
                Deal.id != deal.id,
                Deal.customer_ids.contains([cid]),
                Deal.status.in_([*LIVE, S.handed_over]),
            )
        )
        if not other:
            await customers.mark_stage(session, access.principal, cid, Stage.visited, force=True)


def _lines(deal: Deal, lines: list[sched.Line], start_seq: int = 1) -> list[ScheduleLine]:
    return [
        ScheduleLine(
            id=uuid.uuid4(),
            organization_id=deal.organization_id,
            project_id=deal.project_id,
            deal_id=deal.id,
            seq=start_seq + i,
            kind=LineKind(line.kind),
            due_on=line.due_on,
            amount=line.amount,
            paid=ZERO,
            active=True,
        )
        for i, line in enumerate(lines)
    ]


async def _replace_schedule(
    session: AsyncSession, access: ProjectAccess, deal: Deal, new_lines: list[sched.Line]
) -> list[ScheduleLine]:
    """Supersede the active lines with `new_lines`; what was paid is matched again, oldest first."""
    old = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    paid = sum((line.paid for line in old), ZERO)
    total = sum((line.amount for line in new_lines), ZERO)
    if paid > total:
        raise ValidationFailed({"lines": f"{paid:.2f} has been paid, more than the new total {total:.2f}"})
    start = max((line.seq for line in old), default=0) + 1
    for line in old:
        line.active = False
    rows = _lines(deal, new_lines, start)
    _allocate(rows, paid)
    session.add_all(rows)
    await session.flush()
    return rows


def _allocate(lines: Sequence[ScheduleLine], amount: Decimal) -> list[dict[str, Any]]:
    """Match `amount` to the open lines, oldest due first; returns the allocations."""
    out: list[dict[str, Any]] = []
    rest = amount
    for line in sorted(lines, key=lambda ln: (ln.due_on, ln.seq)):
        if rest <= 0:
            break
        room = line.amount - line.paid
        if room <= 0:
            continue
        take = min(room, rest)
        line.paid += take
        rest -= take
        out.append({"line_id": str(line.id), "amount": f"{take:.2f}"})
    assert rest == 0, "allocation left money over"
    return out


# --- quotes and subscription ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Priced:
    price: pricing.Price
    approver: ProjectRole | None
    below_floor: bool
    lines: list[sched.Line]


def quote_figures(
    access: ProjectAccess,
    *,
    list_price: Decimal,
    floor_price: Decimal | None,
    method: PaymentMethod,
    discounts: list[pricing.Discount],
    deposit: Decimal,
    on: date,
) -> Priced:
    settings = access.project.settings
    figures = _price(list_price, pricing.method_discount_rate(settings, method.value), discounts)
    if deposit < 0:
        raise ValidationFailed({"deposit": "must not be negative"})
    if deposit > figures.final_price:
        raise ValidationFailed({"deposit": f"more than the final price {figures.final_price:.2f}"})
    below = floor_price is not None and figures.final_price < floor_price
    approver = pricing.approver_for(settings, access.role, figures.extra_discount_percent, below_floor=below)
    lines = sched.generate(figures.final_price, deposit, method.value, on, sched.terms_of(settings, method))
    return Priced(figures, approver, below, lines)


async def quote(session: AsyncSession, access: ProjectAccess, data: DealQuote) -> Priced:
    units = await inventory.units_for_deals(session, access.principal, [data.unit_id])
    unit = units.get(data.unit_id)
    if unit is None or unit.project_id != access.project.id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    return quote_figures(
        access,
        list_price=unit.list_price,
        floor_price=unit.floor_price,
        method=data.payment_method,
        discounts=_discounts(data.discounts),
        deposit=data.deposit,
        on=today_in(access),
    )


async def subscribe(session: AsyncSession, access: ProjectAccess, data: DealCreate) -> Deal:
    """认购: take the unit and write the deal in one transaction, or 409 `unit_not_available`."""
    units = await inventory.units_for_deals(session, access.principal, [data.unit_id])
    facts = units.get(data.unit_id)
    if facts is None or facts.project_id != access.project.id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    buyers = await _customers(session, access, data.customer_ids)
    if access.role is ProjectRole.consultant and buyers[0].owner_id != access.principal.user_id:
        # Another consultant's customer is a 撞单 for a supervisor to settle, not a sale to take.
        raise BuyerNotYours("The buyer is not your customer; a supervisor can reassign them to you")
    deal_id = uuid.uuid4()
    taken = await inventory.take_unit_for_deal(
        session, access.principal, data.unit_id, customer_ids=data.customer_ids, deal_id=deal_id
    )
    on = today_in(access)
    priced = quote_figures(
        access,
        list_price=taken.price,
        floor_price=taken.floor_price,
        method=data.payment_method,
        discounts=_discounts(data.discounts),
        deposit=data.deposit,
        on=on,
    )
    deal = Deal(
        id=deal_id,
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        unit_id=data.unit_id,
        customer_ids=list(data.customer_ids),
        consultant_id=access.principal.user_id,
        status=S.pending_approval if priced.approver else S.subscribed,
        payment_method=data.payment_method,
        list_price=taken.price,
        method_discount_rate=priced.price.method_discount_rate,
        discounts=priced.price.discounts_json(),
        final_price=priced.price.final_price,
        deposit=data.deposit,
        below_floor=priced.below_floor,
        subscribed_on=on,
    )
    session.add(deal)
    await session.flush()
    session.add_all(_lines(deal, priced.lines))
    await _event(
        session,
        deal,
        access,
        "subscribed",
        unit_code=taken.code,
        final_price=deal.final_price,
        buyers=[b.name for b in buyers],
        reservation_id=taken.reservation_id,
        note=data.note,
    )
    if priced.approver is not None:
        await _ask(
            session,
            access,
            deal,
            OperationKind.discount,
            priced.approver,
            {
                "unit_code": taken.code,
                "list_price": deal.list_price,
                "final_price": deal.final_price,
                "extra_discount_percent": str(priced.price.extra_discount_percent),
                "below_floor": priced.below_floor,
                # What the approver weighs: each discount asked for, and why (the request's comment).
                "discounts": [_discount_line(d) for d in deal.discounts],
                "reason": "；".join(d["reason"] for d in deal.discounts),
            },
        )
    else:
        await _mark_customers(session, access, deal.customer_ids, Stage.subscribed)
    await session.flush()
    return deal


def _discount_line(discount: dict[str, Any]) -> str:
    """One discount as an approver reads it: `1.5% 老带新` or `¥20000.00 团购`."""
    value = f"{discount['value']}%" if discount["kind"] == "percent" else f"¥{discount['value']}"
    return f"{value} {discount['reason']}"


# --- operations with approvals --------------------------------------------------------------


async def _no_pending_operation(session: AsyncSession, deal: Deal) -> None:
    """One operation at a time: contracting or handing over under a pending cancellation or change of
    unit would leave that approval nothing sensible to do."""
    pending = await _pending_operation(session, deal)
    if pending is not None:
        raise OperationPending(
            f"A {pending.kind.value} of this deal waits for approval {pending.approval_id}"
        )


async def _pending_operation(session: AsyncSession, deal: Deal) -> DealOperation | None:
    return await session.scalar(
        select(DealOperation).where(
            DealOperation.deal_id == deal.id, DealOperation.status == OperationStatus.pending
        )
    )


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
        payload=_jsonable(payload),
        requested_by=access.principal.user_id,
    )
    session.add(operation)
    await session.flush()
    return operation


async def _ask(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    kind: OperationKind,
    required: ProjectRole,
    payload: dict[str, Any],
) -> DealOperation:
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
    await _event(session, deal, access, f"{kind.value}_requested", approval_id=approval.id, **payload)
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
    if await _pending_operation(session, deal) is not None:
        raise OperationPending("Wait for the pending approval on this deal to be decided")
    if approvals.may_decide(access.role, required):
        operation = await _record_operation(session, access, deal, kind, OperationStatus.done, payload)
        await _perform(session, access, deal, operation)
        return operation
    return await _ask(session, access, deal, kind, required, payload)


async def _perform(
    session: AsyncSession, access: ProjectAccess, deal: Deal, operation: DealOperation
) -> None:
    payload = operation.payload
    if operation.kind is OperationKind.discount:
        deal.status = S.subscribed
        # Each further discount shows the approval it needed and who gave it.
        approved = {"approval_id": str(operation.approval_id), "approved_by": str(access.principal.user_id)}
        deal.discounts = [{**d, **approved} for d in deal.discounts]
        await _mark_customers(session, access, deal.customer_ids, Stage.subscribed)
        await _event(session, deal, access, "discount_approved", final_price=deal.final_price)
    elif operation.kind is OperationKind.cancel:
        _expect(deal, S.subscribed, S.contracted)
        refund = Decimal(payload["refund_amount"])
        paid, _ = await outstanding(session, deal)
        if refund > paid:  # a payment was reversed while the request waited
            raise RefundExceedsPaid(
                f"The refund asked, {refund:.2f}, is more than is paid now, {paid:.2f}: reject and ask again",
                paid=f"{paid:.2f}",
            )
        await _do_cancel(session, access, deal, payload["reason"], refund)
    elif operation.kind is OperationKind.change_unit:
        _expect(deal, S.subscribed, S.contracted)
        await _do_change_unit(session, access, deal, payload)
    elif operation.kind is OperationKind.change_buyers:
        before = list(deal.customer_ids)
        deal.customer_ids = [uuid.UUID(c) for c in payload["customer_ids"]]
        stage = Stage.contracted if deal.status in (S.contracted, S.handed_over) else Stage.subscribed
        await _mark_customers(session, access, deal.customer_ids, stage)
        await _unmark_customers(session, access, deal, [c for c in before if c not in deal.customer_ids])
        await _event(session, deal, access, "buyers_changed", before=before, after=deal.customer_ids)
    elif operation.kind is OperationKind.schedule_edit:
        lines = [
            sched.Line(ln["kind"], date.fromisoformat(ln["due_on"]), Decimal(ln["amount"]))
            for ln in payload["lines"]
        ]
        await _replace_schedule(session, access, deal, lines)
        await _event(session, deal, access, "schedule_edited", reason=payload["reason"])
    await session.flush()


async def _on_decided(session: AsyncSession, approval: Approval, access: ProjectAccess) -> None:
    operation = await session.scalar(
        select(DealOperation).where(DealOperation.id == approval.subject_id).with_for_update()
    )
    if operation is None or operation.status is not OperationStatus.pending:
        return
    deal = await _lock(session, await repo.DealRepository(session, access.principal).get(operation.deal_id))
    if approval.status is ApprovalStatus.approved:
        operation.status = OperationStatus.done
        await _perform(session, access, deal, operation)
        return
    operation.status = OperationStatus.rejected
    await _event(session, deal, access, f"{operation.kind.value}_rejected", comment=approval.decision_comment)
    if operation.kind is OperationKind.discount:
        # A refused discount ends the subscription: the unit goes back on sale, any deposit back. Its
        # buyers were never marked subscribed, so their stage stays as it was.
        paid, _ = await outstanding(session, deal)
        await _do_cancel(session, access, deal, "discount rejected", paid, buyers_were_marked=False)
    await session.flush()


for _kind in APPROVAL_KINDS.values():
    approvals.register(_kind, _on_decided)


# --- lifecycle ------------------------------------------------------------------------------


def _expect(deal: Deal, *statuses: DealStatus) -> None:
    if deal.status not in statuses:
        raise DealStatusConflict(
            f"The deal is {deal.status.value}; this needs {' or '.join(s.value for s in statuses)}",
            status=deal.status.value,
        )


async def contract(session: AsyncSession, deal: Deal, access: ProjectAccess, data: ContractRequest) -> Deal:
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed)
    await _no_pending_operation(session, deal)
    taken = await session.scalar(
        select(Deal.id).where(
            Deal.project_id == deal.project_id, Deal.contract_number == data.contract_number
        )
    )
    if taken is not None:
        raise ContractNumberTaken(f"Contract number {data.contract_number} is already used")
    await inventory.advance_unit(
        session, access.principal, deal.unit_id, UnitStatus.contracted, deal_id=deal.id
    )
    deal.status = S.contracted
    deal.contract_number = data.contract_number
    deal.signed_on = data.signed_on
    deal.contracted_at = await session.scalar(select(func.now()))
    try:
        async with session.begin_nested():  # a concurrent signing with the same number: 409, not 500
            await session.flush()
    except IntegrityError as exc:
        raise ContractNumberTaken(f"Contract number {data.contract_number} is already used") from exc
    await _mark_customers(session, access, deal.customer_ids, Stage.contracted)
    await _event(
        session, deal, access, "contracted", contract_number=data.contract_number, signed_on=data.signed_on
    )
    await session.flush()
    return deal


async def outstanding(session: AsyncSession, deal: Deal) -> tuple[Decimal, Decimal]:
    """(paid, outstanding) over the active schedule."""
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(ScheduleLine.paid), 0),
                func.coalesce(func.sum(ScheduleLine.amount - ScheduleLine.paid), 0),
            ).where(ScheduleLine.deal_id == deal.id, ScheduleLine.active.is_(True))
        )
    ).one()
    return Decimal(row[0]).quantize(Decimal("0.01")), Decimal(row[1]).quantize(Decimal("0.01"))


async def handover(session: AsyncSession, deal: Deal, access: ProjectAccess, data: HandoverRequest) -> Deal:
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.contracted)
    await _no_pending_operation(session, deal)
    # A disbursed loan is a payment on the schedule like any other: if it was reversed, it is owed.
    _, owed = await outstanding(session, deal)
    if owed > 0:
        raise DealNotPaid(f"{owed:.2f} is still outstanding", outstanding=f"{owed:.2f}")
    await inventory.advance_unit(
        session, access.principal, deal.unit_id, UnitStatus.handed_over, deal_id=deal.id
    )
    deal.status = S.handed_over
    deal.handed_over_at = await session.scalar(select(func.now()))
    await _event(session, deal, access, "handed_over", on=data.handed_over_on, note=data.note)
    await session.flush()
    return deal


async def cancel(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: CancelRequest
) -> DealOperation:
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed, S.contracted)
    paid, _ = await outstanding(session, deal)
    if data.refund_amount < 0 or data.refund_amount > paid:
        raise ValidationFailed({"refund_amount": f"must be between 0.00 and what was paid, {paid:.2f}"})
    facts = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    payload = {
        "reason": data.reason,
        "refund_amount": data.refund_amount,
        "unit_code": facts[deal.unit_id].code if deal.unit_id in facts else "",
    }
    return await _operate(session, access, deal, OperationKind.cancel, ProjectRole.site_manager, payload)


async def _do_cancel(
    session: AsyncSession,
    access: ProjectAccess,
    deal: Deal,
    reason: str,
    refund: Decimal,
    *,
    buyers_were_marked: bool = True,
) -> None:
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
        await _unmark_customers(session, access, deal, deal.customer_ids)
    await _event(session, deal, access, "cancelled", reason=reason, refund_amount=refund)
    await session.flush()


async def change_unit(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: ChangeUnitRequest
) -> DealOperation:
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed, S.contracted)
    if data.unit_id == deal.unit_id:
        raise ValidationFailed({"unit_id": "is the deal's unit already"})
    facts = await inventory.units_for_deals(session, access.principal, [data.unit_id, deal.unit_id])
    target = facts.get(data.unit_id)
    if target is None or target.project_id != deal.project_id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    if target.status is not UnitStatus.available:
        raise inventory.UnitNotAvailable(f"Unit {target.code} is not available", unit_id=str(target.id))
    discounts = _discounts(data.discounts) if data.discounts is not None else _stored_discounts(deal)
    figures = _price(target.list_price, deal.method_discount_rate, discounts)
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
    discounts = [pricing.Discount(d["kind"], Decimal(d["value"]), d["reason"]) for d in payload["discounts"]]
    figures = _price(taken.price, deal.method_discount_rate, discounts)
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
    await _replace_schedule(session, access, deal, lines)
    await _event(
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
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed, S.contracted)
    buyers = await _customers(session, access, data.customer_ids)
    facts = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    payload = {
        "customer_ids": data.customer_ids,
        "buyers": [b.name for b in buyers],
        "reason": data.reason,
        "unit_code": facts[deal.unit_id].code if deal.unit_id in facts else "",
    }
    return await _operate(
        session, access, deal, OperationKind.change_buyers, ProjectRole.site_manager, payload
    )


async def edit_schedule(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: ScheduleEditRequest
) -> DealOperation:
    require_on_deal(access, deal)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed, S.contracted)
    total = sum((ln.amount for ln in data.lines), ZERO)
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


# --- payments -------------------------------------------------------------------------------


async def record_payment(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: PaymentCreate
) -> Payment:
    """实收: matched to the oldest open lines; more than is owed is a 422 naming `amount`."""
    require_on_deal(access, deal, COLLECTORS)
    deal = await _lock(session, deal)
    _expect(deal, S.pending_approval, S.subscribed, S.contracted, S.handed_over)
    if data.amount <= 0:
        raise ValidationFailed({"amount": "must be more than 0.00"})
    if data.paid_at.tzinfo is None:
        raise ValidationFailed({"paid_at": "must carry a time zone offset"})
    return await _receive(
        session, deal, access, data.amount, data.method, data.paid_at, data.reference, data.note
    )


async def _receive(
    session: AsyncSession,
    deal: Deal,
    access: ProjectAccess,
    amount: Decimal,
    method: str,
    paid_at: datetime,
    reference: str | None,
    note: str | None,
) -> Payment:
    lines = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    owed = sum((ln.amount - ln.paid for ln in lines), ZERO)
    if amount > owed:
        raise ValidationFailed({"amount": f"{amount:.2f} is more than the {owed:.2f} still owed"})
    allocations = _allocate(lines, amount)
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
    await _event(
        session, deal, access, "payment_received", payment_id=payment.id, amount=amount, method=method
    )
    await session.flush()
    return payment


async def payment_access(
    session: AsyncSession, principal: Principal, payment_id: uuid.UUID
) -> tuple[Payment, Deal, ProjectAccess]:
    payment = await repo.PaymentRepository(session, principal).get(payment_id)
    deal, access = await deal_access(session, principal, payment.deal_id)
    return payment, deal, access


async def reverse_payment(
    session: AsyncSession, payment: Payment, deal: Deal, access: ProjectAccess, reason: str
) -> Payment:
    """冲正: a negative entry taking the amount back off the schedule, newest lines first."""
    require_on_deal(access, deal, SUPERVISORS_AND_FINANCE)
    deal = await _lock(session, deal)
    _expect(deal, S.pending_approval, S.subscribed, S.contracted, S.handed_over)
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
    await _event(
        session, deal, access, "payment_reversed", payment_id=locked.id, amount=locked.amount, reason=reason
    )
    await session.flush()
    return reversal


SUPERVISORS_AND_FINANCE = at_least(ProjectRole.supervisor) | {ProjectRole.finance}


async def list_payments(
    session: AsyncSession, deal: Deal, access: ProjectAccess, page: PageParams
) -> tuple[list[Payment], str | None]:
    payments = repo.PaymentRepository(session, access.principal)
    return await paginate(
        session,
        payments.of_deal(deal.id),
        page,
        order_by=[Payment.created_at, Payment.id],
        updated_at=Payment.updated_at,
    )


async def schedule_of(session: AsyncSession, deal: Deal, access: ProjectAccess) -> Sequence[ScheduleLine]:
    return await repo.ScheduleRepository(session, access.principal).active_of(deal.id)


# --- views ----------------------------------------------------------------------------------


async def buyer_names(
    session: AsyncSession, principal: Principal, customer_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    found = await customers.contacts(session, principal, list(customer_ids))
    return {customer_id: name for customer_id, (name, _) in found.items()}


async def deal_view(session: AsyncSession, deal: Deal, access: ProjectAccess) -> dict[str, Any]:
    units = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    names = await buyer_names(session, access.principal, set(deal.customer_ids))
    paid, owed = await outstanding(session, deal)
    pending = await _pending_operation(session, deal)
    return {
        **{c.key: getattr(deal, c.key) for c in Deal.__table__.columns},
        "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
        "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
        "paid": paid,
        "outstanding": owed,
        "pending_approval_id": pending.approval_id if pending else None,
    }


async def list_deals(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    status: DealStatus | None,
    mine: bool = False,
    customer_id: uuid.UUID | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The project's deals (a consultant's own only), each with its unit code and buyers' names."""
    statement: Select[Deal] = repo.DealRepository(session, access.principal).of_project(access.project.id)
    if status is not None:
        statement = statement.where(Deal.status == status)
    if mine or access.role is ProjectRole.consultant:
        statement = statement.where(Deal.consultant_id == access.principal.user_id)
    if customer_id is not None:  # a customer's deals, for their timeline
        statement = statement.where(Deal.customer_ids.contains([customer_id]))
    deals, cursor = await paginate(
        session, statement, page, order_by=[Deal.created_at, Deal.id], updated_at=Deal.updated_at
    )
    # Two queries for the whole page, not two per deal.
    units = await inventory.units_for_deals(session, access.principal, [d.unit_id for d in deals])
    names = await buyer_names(session, access.principal, {c for d in deals for c in d.customer_ids})
    summaries = [
        {
            **{key: getattr(deal, key) for key in SUMMARY_FIELDS},
            "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
            "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
        }
        for deal in deals
    ]
    return summaries, cursor


SUMMARY_FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "project_id",
    "unit_id",
    "customer_ids",
    "consultant_id",
    "status",
    "payment_method",
    "final_price",
    "subscribed_on",
    "contract_number",
)


async def timeline(
    session: AsyncSession, deal: Deal, access: ProjectAccess
) -> tuple[Sequence[DealEvent], Sequence[DealOperation]]:
    events = await repo.EventRepository(session, access.principal).of_deal(deal.id)
    operations = await repo.OperationRepository(session, access.principal).of_deal(deal.id)
    return events, operations


# --- receivables and collection -------------------------------------------------------------

BUCKETS = ("not_due", "0-30", "31-60", "61-90", "90+")


def bucket_of(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "0-30"
    if days_overdue <= 60:
        return "31-60"
    if days_overdue <= 90:
        return "61-90"
    return "90+"


async def receivables(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    overdue: bool,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Open schedule lines of the project's live deals, oldest due first, with age buckets.

    Ages count in the project's time zone; consultants see the lines of their own deals only.
    """
    today = as_of or today_in(access)
    lines = repo.ScheduleRepository(session, access.principal)
    statement = repo.receivable_lines(lines, access.project.id)
    if overdue:
        statement = statement.where(ScheduleLine.due_on < today)
    if access.role is ProjectRole.consultant:
        statement = statement.where(Deal.consultant_id == access.principal.user_id)
    age = today - ScheduleLine.due_on  # date - date → integer days in PostgreSQL
    bucket = case(
        (age <= 0, "not_due"),
        (age <= 30, "0-30"),
        (age <= 60, "31-60"),
        (age <= 90, "61-90"),
        else_="90+",
    )
    totals = await session.execute(
        statement.with_only_columns(
            bucket.label("bucket"), func.count(), func.sum(ScheduleLine.amount - ScheduleLine.paid)
        ).group_by(bucket)
    )
    by_bucket = {b: (n, s) for b, n, s in totals}
    rows, cursor = await paginate(
        session,
        statement,
        page,
        order_by=[ScheduleLine.due_on, ScheduleLine.id],
        updated_at=ScheduleLine.updated_at,
    )
    deal_ids = {ln.deal_id for ln in rows}
    deals = (
        {
            d.id: d
            for d in (
                await session.scalars(
                    repo.DealRepository(session, access.principal).scoped().where(Deal.id.in_(list(deal_ids)))
                )
            ).all()
        }
        if deal_ids
        else {}
    )
    units = await inventory.units_for_deals(session, access.principal, [d.unit_id for d in deals.values()])
    names = await buyer_names(session, access.principal, {c for d in deals.values() for c in d.customer_ids})
    notes = await _last_notes(session, access, deal_ids)
    items = []
    for ln in rows:
        deal = deals[ln.deal_id]
        days = (today - ln.due_on).days
        items.append(
            {
                "line_id": ln.id,
                "deal_id": deal.id,
                "unit_id": deal.unit_id,
                "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
                "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
                "kind": ln.kind,
                "due_on": ln.due_on,
                "amount": ln.amount,
                "paid": ln.paid,
                "outstanding": ln.amount - ln.paid,
                "days_overdue": max(days, 0),
                "bucket": bucket_of(days),
                "assigned_to": deal.consultant_id,
                "last_note": notes.get(deal.id),
            }
        )
    return {
        "as_of": today,
        "buckets": [
            {
                "bucket": b,
                "lines": by_bucket.get(b, (0, None))[0],
                "outstanding": by_bucket.get(b, (0, ZERO))[1] or ZERO,
            }
            for b in BUCKETS
            if not overdue or b != "not_due"
        ],
        "items": items,
        "next_cursor": cursor,
    }


async def _last_notes(
    session: AsyncSession, access: ProjectAccess, deal_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not deal_ids:
        return {}
    notes = repo.CollectionNoteRepository(session, access.principal)
    rows = await session.execute(
        notes.scope(select(CollectionNote.deal_id, CollectionNote.note))
        .where(CollectionNote.deal_id.in_(list(deal_ids)))
        .ext(distinct_on(CollectionNote.deal_id))
        .order_by(CollectionNote.deal_id, CollectionNote.created_at.desc())
    )
    return {d: n for d, n in rows}


async def add_collection_note(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: CollectionNoteCreate
) -> CollectionNote:
    require_on_deal(access, deal, COLLECTORS)
    if data.line_id is not None:
        line = await session.scalar(
            select(ScheduleLine.id).where(ScheduleLine.id == data.line_id, ScheduleLine.deal_id == deal.id)
        )
        if line is None:
            raise ValidationFailed({"line_id": "not a line of this deal's schedule"})
    note = CollectionNote(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        line_id=data.line_id,
        author_id=access.principal.user_id,
        note=data.note,
        next_follow_up_on=data.next_follow_up_on,
    )
    session.add(note)
    await _event(session, deal, access, "collection_note", note=data.note, line_id=data.line_id)
    await session.flush()
    return note


async def list_collection_notes(
    session: AsyncSession, deal: Deal, access: ProjectAccess, page: PageParams
) -> tuple[list[CollectionNote], str | None]:
    notes = repo.CollectionNoteRepository(session, access.principal)
    return await paginate(
        session,
        notes.of_deal(deal.id),
        page,
        order_by=[CollectionNote.created_at, CollectionNote.id],
        updated_at=CollectionNote.updated_at,
    )


# --- mortgage -------------------------------------------------------------------------------


async def get_mortgage(session: AsyncSession, deal: Deal, access: ProjectAccess) -> Mortgage:
    mortgage = await repo.MortgageRepository(session, access.principal).of_deal(deal.id)
    if mortgage is None:
        raise repo.MortgageNotFound("This deal has no mortgage yet")
    return mortgage


async def create_mortgage(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: MortgageCreate
) -> Mortgage:
    require_on_deal(access, deal, COLLECTORS)
    deal = await _lock(session, deal)
    _expect(deal, S.subscribed, S.contracted)
    if not deal.payment_method.is_mortgage:
        raise ValidationFailed({"payment_method": "the deal is not paid by a mortgage"})
    if await repo.MortgageRepository(session, access.principal).of_deal(deal.id) is not None:
        raise MortgageExists("Change its stage instead")
    if data.loan_amount <= 0 or data.loan_amount > deal.final_price:
        raise ValidationFailed({"loan_amount": "must be more than 0.00 and at most the final price"})
    on = data.documents_collected_on or today_in(access)
    mortgage = Mortgage(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        bank=data.bank,
        loan_amount=data.loan_amount,
        stage=MortgageStage.documents_collected,
        stage_dates={MortgageStage.documents_collected.value: on.isoformat()},
        note=data.note,
    )
    session.add(mortgage)
    await _event(session, deal, access, "mortgage_started", bank=data.bank, loan_amount=data.loan_amount)
    await session.flush()
    return mortgage


async def change_mortgage_stage(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: MortgageStageChange
) -> Mortgage:
    require_on_deal(access, deal, COLLECTORS)
    deal = await _lock(session, deal)
    mortgage = await repo.MortgageRepository(session, access.principal).of_deal(deal.id, for_update=True)
    if mortgage is None:
        raise repo.MortgageNotFound("This deal has no mortgage yet")
    if data.stage not in MORTGAGE_NEXT[mortgage.stage]:
        raise MortgageStageNotAllowed(
            f"From {mortgage.stage.value} a mortgage goes to "
            f"{', '.join(sorted(s.value for s in MORTGAGE_NEXT[mortgage.stage])) or 'nothing'}",
            from_stage=mortgage.stage.value,
            to_stage=data.stage.value,
        )
    if data.stage is MortgageStage.disbursed:
        # The disbursement is the payment it is: matched to the schedule like any other.
        _expect(deal, S.subscribed, S.contracted)
        method = (
            "provident_loan" if deal.payment_method is PaymentMethod.mortgage_provident else "mortgage_loan"
        )
        paid_at = datetime.combine(
            data.on, datetime.min.time(), ZoneInfo(access.project.timezone or "Asia/Shanghai")
        )
        payment = await _receive(
            session, deal, access, mortgage.loan_amount, method, paid_at, mortgage.bank, "按揭放款"
        )
        mortgage.payment_id = payment.id
    mortgage.stage = data.stage
    mortgage.stage_dates = {**mortgage.stage_dates, data.stage.value: data.on.isoformat()}
    if data.note:
        mortgage.note = data.note
    await _event(session, deal, access, "mortgage_stage", stage=data.stage.value, on=data.on)
    await session.flush()
    return mortgage


# --- the subscription agreement -------------------------------------------------------------


async def agreement(session: AsyncSession, deal: Deal, access: ProjectAccess) -> Agreement:
    """What the subscription agreement (认购书) shows."""
    principal = access.principal
    units = await inventory.units_for_deals(session, principal, [deal.unit_id])
    unit = units[deal.unit_id]
    people = await customers.contacts(session, principal, deal.customer_ids)
    developer = await org.developer_name(session, principal, access.project.developer_id)
    consultant = await org.user_name(session, principal, deal.consultant_id) if deal.consultant_id else None
    lines = await schedule_of(session, deal, access)
    return Agreement(
        project=access.project.name,
        developer=developer,
        unit_code=unit.code,
        building=unit.building,
        layout=unit.layout,
        gross_area=unit.gross_area,
        buyers=[people.get(c, ("", "")) for c in deal.customer_ids],
        consultant=consultant,
        payment_method=deal.payment_method.value,
        list_price=deal.list_price,
        method_discount_rate=deal.method_discount_rate,
        discounts=[(d["reason"], Decimal(d["amount"])) for d in deal.discounts],
        final_price=deal.final_price,
        deposit=deal.deposit,
        subscribed_on=deal.subscribed_on,
        status=deal.status.value,
        lines=[AgreementLine(ln.kind.value, ln.due_on, ln.amount) for ln in lines],
    )


async def subscription_pdf(session: AsyncSession, deal: Deal, access: ProjectAccess) -> bytes:
    """The 认购书 as PDF bytes (rendered off the event loop)."""
    data = await agreement(session, deal, access)
    try:
        return await anyio.to_thread.run_sync(render, data)
    except FontMissing as exc:
        raise PdfUnavailable(str(exc)) from exc
