"""Deals as a settlement sees them at a date (agency fee, commissions): price, unit, who sold it, and
when each milestone was reached — contract, the down payment in, paid in full, the loan disbursed,
cancellation — in the project's days. Read in four statements whatever the number of deals."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import zone_named
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import repository as repo
from anchang.deals.models import Deal, DealStatus, LineKind, Mortgage, MortgageStage, Payment, ScheduleLine
from anchang.inventory import service as inventory

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class SettlementFacts:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    unit_kind: str
    consultant_id: uuid.UUID | None
    status: DealStatus
    final_price: Decimal
    floor_price: Decimal | None
    contracted_on: date | None
    cancelled_on: date | None
    handed_over_on: date | None
    received: Decimal  # net of reversals and refunds, up to the date asked
    down_payment_on: date | None  # when deposit and down payment were in (for a full payment: the price)
    fully_paid_on: date | None
    loan_disbursed_on: date | None


def _day(moment: datetime | None, tz: ZoneInfo) -> date | None:
    return None if moment is None else moment.astimezone(tz).date()


def _reached(receipts: Iterable[tuple[date, Decimal]], amount: Decimal) -> date | None:
    """The day the running total last rose to `amount` and stayed there (a reversal can undo it)."""
    if amount <= 0:
        return None
    total, since = ZERO, None
    for day, value in receipts:
        before = total
        total += value
        if total >= amount and before < amount:
            since = day
        elif total < amount:
            since = None
    return since


async def deals_for_settlement(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, as_of: date, timezone: str
) -> list[SettlementFacts]:
    """The project's contracted deals (cancelled ones too, for clawbacks) as they stood at the end of
    the day `as_of` in the project's time zone."""
    tz = zone_named(timezone)
    # Plain columns, not ORM objects: a statement reads thousands of deals at once.
    rows = await session.execute(
        repo.DealRepository(session, principal)
        .scope(
            select(
                Deal.id, Deal.unit_id, Deal.consultant_id, Deal.status, Deal.final_price, Deal.signed_on,
                Deal.contracted_at, Deal.cancelled_at, Deal.handed_over_at,
            )
        )
        .where(Deal.project_id == project_id, Deal.contracted_at.is_not(None))
        .order_by(Deal.id)
    )  # fmt: skip
    # Contracted by then: the contract's date as signed (a contract entered later keeps its date).
    deals = [d for d in rows if (d.signed_on or _day(d.contracted_at, tz) or as_of) <= as_of]
    if not deals:
        return []
    units = await inventory.unit_terms_of_project(session, principal, project_id)
    receipts: dict[uuid.UUID, list[tuple[date, Decimal]]] = defaultdict(list)
    payment_rows = await session.execute(
        repo.PaymentRepository(session, principal)
        .scope(select(Payment.deal_id, Payment.paid_at, Payment.amount))
        .where(Payment.project_id == project_id)  # the project's, not an IN list of thousands
        .order_by(Payment.deal_id, Payment.paid_at, Payment.created_at)
    )
    for deal_id, paid_at, amount in payment_rows:
        day = paid_at.astimezone(tz).date()
        if day <= as_of:
            receipts[deal_id].append((day, amount))
    down: dict[uuid.UUID, Decimal] = {}
    has_down_payment: set[uuid.UUID] = set()
    kinds = [LineKind.deposit, LineKind.down_payment]
    line_rows = await session.execute(
        repo.ScheduleRepository(session, principal)
        .scope(select(ScheduleLine.deal_id, ScheduleLine.kind, func.sum(ScheduleLine.amount)))
        .where(
            ScheduleLine.project_id == project_id, ScheduleLine.active.is_(True), ScheduleLine.kind.in_(kinds)
        )
        .group_by(ScheduleLine.deal_id, ScheduleLine.kind)
    )
    for deal_id, kind, amount in line_rows:
        down[deal_id] = down.get(deal_id, ZERO) + amount
        if kind is LineKind.down_payment:
            has_down_payment.add(deal_id)
    disbursed: dict[uuid.UUID, date] = {}
    mortgage_rows = await session.execute(
        repo.MortgageRepository(session, principal)
        .scope(select(Mortgage.deal_id, Mortgage.stage_dates[MortgageStage.disbursed.value].astext))
        .where(Mortgage.project_id == project_id)
    )
    for deal_id, day in mortgage_rows:
        if day:
            on = date.fromisoformat(day)
            if on <= as_of:
                disbursed[deal_id] = on
    out = []
    for d in deals:
        unit = units.get(d.unit_id)
        paid = receipts.get(d.id, [])
        # Without a down payment in its schedule (paid in full), "the down payment" is the whole price.
        needed = down.get(d.id, ZERO) if d.id in has_down_payment else d.final_price
        cancelled_on = _day(d.cancelled_at, tz)
        out.append(
            SettlementFacts(
                id=d.id,
                unit_id=d.unit_id,
                unit_code=unit.code if unit else "",
                unit_kind=unit.kind if unit else "residence",
                consultant_id=d.consultant_id,
                status=d.status,
                final_price=d.final_price,
                floor_price=unit.floor_price if unit else None,
                contracted_on=d.signed_on or _day(d.contracted_at, tz),
                cancelled_on=cancelled_on if cancelled_on is not None and cancelled_on <= as_of else None,
                handed_over_on=handed if (handed := _day(d.handed_over_at, tz)) and handed <= as_of else None,
                received=sum((value for _, value in paid), ZERO),
                down_payment_on=_reached(paid, needed),
                fully_paid_on=_reached(paid, d.final_price),
                loan_disbursed_on=disbursed.get(d.id),
            )
        )
    return out


def _contracted(caller: Principal, *by: Any) -> AnySelect:
    month = func.date_trunc("month", Deal.signed_on)
    return (
        repo.DealRepository(None, caller)
        .scope(
            select(
                cast(month, Date).label("month"),
                *by,
                func.count().label("units"),
                func.coalesce(func.sum(Deal.final_price), 0).label("amount"),
            )
        )
        .where(
            Deal.project_id == bindparam("project_id", type_=PG_UUID(as_uuid=True)),
            Deal.signed_on.between(bindparam("start", type_=Date), bindparam("end", type_=Date)),
            Deal.status != DealStatus.cancelled,
        )
        .group_by(month, *by)
    )


@per_caller
def contracted_by_month_of(caller: Principal) -> AnySelect:
    """Units and amount contracted (by signing date) in each month of the days `:start` to `:end` of the
    project `:project_id`, and not cancelled since: rows (month, its first day; units; amount). A
    statement, so that a report reads it with its other figures in one round trip."""
    return _contracted(caller)


@per_caller
def contracted_by_consultant_month_of(caller: Principal) -> AnySelect:
    """`contracted_by_month_of` per consultant of the deal: rows (month, consultant_id, units, amount),
    the consultant null for a deal without one."""
    return _contracted(caller, Deal.consultant_id)


async def contracted_by_month(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, start: date, end: date
) -> dict[date, tuple[int, Decimal]]:
    """Units and amount contracted (by signing date) in each month of [start, end] and not cancelled
    since, by the month's first day."""
    rows = await session.execute(
        contracted_by_month_of(principal), {"project_id": project_id, "start": start, "end": end}
    )
    return {first: (units, amount) for first, units, amount in rows}
