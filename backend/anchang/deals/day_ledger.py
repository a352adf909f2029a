"""What the daily close (日清日结) reads of deals: the money received and reversed in a span of time,
each payment with what it moved on its deal's schedule, and the project's live deals as they stood at a
moment. Both on what the caller may read; each one statement on the lean read path."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import String, bindparam, case, cast, or_

from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals.models import Deal, DealStatus, Payment, PaymentKind
from anchang.deals.repository import DealRepository

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class DayPayment:
    """A payment of the span: a receipt (positive) or a reversal (negative), and the sum its allocations
    moved on the deal's schedule (what the deal's paid amount changed by)."""

    id: UUID
    deal_id: UUID
    kind: str
    method: str
    amount: Decimal
    paid_at: datetime
    moved: Decimal


@dataclass(frozen=True, slots=True)
class DealAt:
    """A deal live at a moment: its unit, its status then, and its price."""

    id: UUID
    unit_id: UUID
    status: str
    final_price: Decimal


@per_caller
def _payments(caller: Principal) -> AnySelect:
    return (
        DealRepository(None, caller)
        .readable()
        .join(Payment, Payment.deal_id == Deal.id)
        .with_only_columns(
            Payment.id,
            Payment.deal_id,
            cast(Payment.kind, String).label("kind"),
            Payment.method,
            Payment.amount,
            Payment.paid_at,
            Payment.allocations,
        )
        .where(
            Payment.project_id == bindparam("project_id"),
            Payment.paid_at >= bindparam("start"),
            Payment.paid_at < bindparam("end"),
            Payment.kind.in_([PaymentKind.receipt, PaymentKind.reversal]),
        )
        .order_by(Payment.paid_at, Payment.id)
    )


async def payments_between(
    reader: Reader, caller: Principal, project_id: UUID, start: datetime, end: datetime
) -> list[DayPayment]:
    """Receipts and reversals (冲正) recorded with a time in [start, end), oldest first; refunds of
    cancellations are not receipts and are left out."""
    rows = await reader.rows(_payments(caller), {"project_id": project_id, "start": start, "end": end})
    return [
        DayPayment(
            id=row["id"],
            deal_id=row["deal_id"],
            kind=row["kind"],
            method=row["method"],
            amount=row["amount"],
            paid_at=row["paid_at"],
            moved=sum((Decimal(str(a["amount"])) for a in row["allocations"] or []), ZERO),
        )
        for row in rows
    ]


@per_caller
def _deals(caller: Principal, *, at: bool) -> AnySelect:
    statement = DealRepository(None, caller).readable().where(Deal.project_id == bindparam("project_id"))
    if not at:
        status: Any = case(
            (Deal.status == DealStatus.pending_approval, DealStatus.subscribed.value),
            else_=cast(Deal.status, String),
        )
        statement = statement.where(Deal.status != DealStatus.cancelled)
    else:
        # As it stood then: made by then and not cancelled by then; contracted and handed over by their
        # times (a discount still waiting for approval counts as the subscription it will be).
        then = bindparam("at", type_=Deal.created_at.type)
        status = case(
            (Deal.handed_over_at <= then, DealStatus.handed_over.value),
            (Deal.contracted_at <= then, DealStatus.contracted.value),
            else_=DealStatus.subscribed.value,
        )
        statement = statement.where(
            Deal.created_at <= then, or_(Deal.cancelled_at.is_(None), Deal.cancelled_at > then)
        )
    return statement.with_only_columns(
        Deal.id, Deal.unit_id, status.label("status"), Deal.final_price
    ).order_by(Deal.id)


async def deals_at(reader: Reader, caller: Principal, project_id: UUID, at: datetime | None) -> list[DealAt]:
    """The project's deals live at `at` (now if None), each with its status then as a unit status."""
    values: dict[str, Any] = {"project_id": project_id}
    if at is not None:
        values["at"] = at
    rows = await reader.rows(_deals(caller, at=at is not None), values)
    return [DealAt(r["id"], r["unit_id"], r["status"], r["final_price"]) for r in rows]
