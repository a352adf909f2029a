"""The daily report's figures this domain owns, per consultant (the deal's) and for the project, for a day
with its month and year to date:

- `subscriptions.*` (认购) by subscription date, `contracts.*` (签约) by signing date, `cancellations.*`
  (退房) by the day of cancellation: `units`, `area` (m², the units' gross area) and `amount` (final price);
  a subscription still waiting for its discount's approval is not one yet, and one whose discount was
  refused never was (nor was its end a 退房);
- `collections` (回款): receipts by the day the money was received, less those reversed (冲正), so a
  reversal takes its amount off the day the money had been counted on; refunds are not collections.

Deals in one statement (three index ranges: subscription date, signing date, cancellation time), payments
in another (the (project, paid_at) range), both on what the caller may read.
"""

from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, func, literal, select, union_all

from anchang.core.day_figures import (
    DayCount,
    Window,
    attributed,
    counts,
    sums,
    within_year,
    within_year_dates,
)
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals.models import Deal, DealStatus, Payment, PaymentKind
from anchang.deals.repository import DealRepository
from anchang.inventory import service as inventory

DISCOUNT_REFUSED = "discount rejected"
"""The reason a deal ends with when its discount is refused (deals/operations.py): no 退房."""

PROJECT: BindParameter[Any] = bindparam("project_id")


@per_caller
def _deals(caller: Principal) -> AnySelect:
    area = inventory.unit_area_of(caller, Deal.unit_id)
    refused = and_(Deal.status == DealStatus.cancelled, Deal.cancel_reason == DISCOUNT_REFUSED)

    def part(name: str, at: Any, when: Any, *, dates: bool) -> AnySelect:
        # The year's deals read once, each unit's area looked up once (not once per period's sum).
        rows = (
            DealRepository(None, caller)
            .readable()
            .with_only_columns(
                Deal.consultant_id, at.label("at"), area.label("area"), Deal.final_price.label("amount")
            )
            .where(Deal.project_id == PROJECT, when, ~refused)
            .cte(f"{name}_rows")
            .prefix_with("MATERIALIZED")
        )
        return select(
            literal(name).label("figure"),
            rows.c.consultant_id,
            func.grouping(rows.c.consultant_id).label("total"),
            *sums(literal(1), rows.c.at, dates=dates, prefix="units_"),
            *sums(rows.c.area, rows.c.at, dates=dates, prefix="area_"),
            *sums(rows.c.amount, rows.c.at, dates=dates, prefix="amount_"),
        ).group_by(func.rollup(rows.c.consultant_id))

    return union_all(  # type: ignore[return-value]
        part(
            "subscriptions",
            Deal.subscribed_on,
            within_year_dates(Deal.subscribed_on) & (Deal.status != DealStatus.pending_approval),
            dates=True,
        ),
        part("contracts", Deal.signed_on, within_year_dates(Deal.signed_on), dates=True),
        part("cancellations", Deal.cancelled_at, within_year(Deal.cancelled_at), dates=False),
    )


@per_caller
def _collections(caller: Principal) -> AnySelect:
    # From the readable deals: a payment is read as its deal is (PaymentRepository's row rule), and the
    # deal's rule on its own columns costs nothing per payment, where the payments' rule looks the deal up.
    return (
        DealRepository(None, caller)
        .readable()
        .join(Payment, Payment.deal_id == Deal.id)
        .with_only_columns(
            Deal.consultant_id,
            func.grouping(Deal.consultant_id).label("total"),
            *sums(Payment.amount, Payment.paid_at),
        )
        .where(
            Payment.project_id == PROJECT,
            within_year(Payment.paid_at),
            Payment.kind == PaymentKind.receipt,
            Payment.reversed_by_id.is_(None),
        )
        .group_by(func.rollup(Deal.consultant_id))
    )


async def deal_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Subscriptions, contracts and cancellations (units, area, amount) by the deal's consultant."""
    statement = _deals(caller)
    out = []
    for row, who in attributed(await reader.rows(statement, window.values(statement)), "consultant_id"):
        for measure in ("units", "area", "amount"):
            out.append(counts(row, f"{row['figure']}.{measure}", who, prefix=f"{measure}_"))
    return out


async def collection_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Collections (`collections`): receipts not reversed, by the day received, by the deal's consultant."""
    statement = _collections(caller)
    rows = await reader.rows(statement, window.values(statement))
    return [counts(row, "collections", who) for row, who in attributed(rows, "consultant_id")]
