"""Subscription (认购): the quote a seller shows, and the deal written with its unit taken, priced with
the project's payment-method discounts and the seller's authority; a discount beyond it waits for an
approval (the deal is `pending_approval` meanwhile)."""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.core.throttle import SlidingWindow
from anchang.customers.service import Stage
from anchang.deals import policy, pricing
from anchang.deals import schedule as sched
from anchang.deals.base import discounts_of, price
from anchang.deals.buyers import choose_buyers, mark_buyers
from anchang.deals.errors import QuoteThrottled
from anchang.deals.ledger import new_lines
from anchang.deals.models import Deal, DealStatus, OperationKind, PaymentMethod
from anchang.deals.operations import ask
from anchang.deals.schemas import DealCreate, DealQuote
from anchang.deals.timeline import record_event
from anchang.inventory import service as inventory


@dataclass(frozen=True, slots=True)
class Priced:
    """A price with the approval it needs (None: within the seller's authority) and its schedule."""

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
    """The figures of a sale by the caller: price, approver, floor and schedule."""
    settings = access.project.settings
    figures = price(list_price, pricing.method_discount_rate(settings, method.value), discounts)
    if deposit < 0:
        raise ValidationFailed({"deposit": "must not be negative"})
    if deposit > figures.final_price:
        raise ValidationFailed({"deposit": f"more than the final price {figures.final_price:.2f}"})
    below = floor_price is not None and figures.final_price < floor_price
    approver = pricing.approver_for(settings, access.role, figures.extra_discount_percent, below_floor=below)
    lines = sched.generate(figures.final_price, deposit, method.value, on, sched.terms_of(settings, method))
    return Priced(figures, approver, below, lines)


QUOTES_PER_MINUTE = 30
# Per user, in the worker's memory (core/throttle.py): a wizard quotes once per change of the form, far
# fewer; a search for the price where the answer changes needs many more.
QUOTES = SlidingWindow(QUOTES_PER_MINUTE, 60)


async def quote(session: AsyncSession, access: ProjectAccess, data: DealQuote) -> Priced:
    """What a subscription of the unit would cost and need, without taking it; at most
    `QUOTES_PER_MINUTE` a minute per user (429 `quote_throttled`)."""
    QUOTES.check(access.principal.user_id, QuoteThrottled, f"At most {QUOTES_PER_MINUTE} quotes a minute")
    units = await inventory.units_for_deals(session, access.principal, [data.unit_id])
    unit = units.get(data.unit_id)
    if unit is None or unit.project_id != access.project.id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    return quote_figures(
        access,
        list_price=unit.list_price,
        floor_price=unit.floor_price,
        method=data.payment_method,
        discounts=discounts_of(data.discounts),
        deposit=data.deposit,
        on=today_in(access),
    )


def quote_view(priced: Priced, access: ProjectAccess) -> dict[str, Any]:
    """The quote as the API shows it to the caller: each discount with its amount, the schedule numbered;
    whether it is below the floor and who must approve it only to whoever may know the floor price."""
    p = priced.price
    return {
        "list_price": p.list_price,
        "method_discount_rate": p.method_discount_rate,
        "method_discount": p.shown_parts()[0],
        "discounts": p.discounts_json(),
        "final_price": p.final_price,
        "extra_discount_percent": p.extra_discount_percent,
        "needs_approval_by": policy.shown_approver(priced.approver, access),
        "below_floor": policy.shown_below_floor(priced.below_floor, access),
        "schedule": [
            {"seq": i, "kind": ln.kind, "due_on": ln.due_on, "amount": ln.amount, "outstanding": ln.amount}
            for i, ln in enumerate(priced.lines, start=1)
        ],
    }


async def subscribe(session: AsyncSession, access: ProjectAccess, data: DealCreate) -> Deal:
    """认购: take the unit and write the deal in one transaction, or 409 `unit_not_available`."""
    units = await inventory.units_for_deals(session, access.principal, [data.unit_id])
    facts = units.get(data.unit_id)
    if facts is None or facts.project_id != access.project.id:
        raise ValidationFailed({"unit_id": "no such unit in this project"})
    buyers = await choose_buyers(session, access, data.customer_ids)
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
        discounts=discounts_of(data.discounts),
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
        status=DealStatus.pending_approval if priced.approver else DealStatus.subscribed,
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
    session.add_all(new_lines(deal, priced.lines))
    await record_event(
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
        await ask(
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
        await mark_buyers(session, access, deal.customer_ids, Stage.subscribed)
    await session.flush()
    return deal


def _discount_line(discount: dict[str, Any]) -> str:
    """One discount as an approver reads it: `1.5% 老带新` or `¥20000.00 团购`."""
    value = f"{discount['value']}%" if discount["kind"] == "percent" else f"¥{discount['value']}"
    return f"{value} {discount['reason']}"
