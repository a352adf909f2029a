"""The conversion funnel's last three stages, which this domain owns: per customer of a project, whether a
deal of theirs (any of its buyers) reached subscription (认购), contract (签约) and full payment.

- subscribed: a deal not waiting for its discount's approval, nor one whose discount was refused (that
  never was a subscription); one cancelled later (退房) still was;
- contracted: a deal with a signing date, later cancelled ones too (as the daily report's `contracts`);
- fully paid: a deal not cancelled whose payments (receipts less reversals and refunds) reach its price.

A statement over the report's cohort, so that the report reads every stage in one round trip: the
project's deals per buyer, and the payments of the cohort's deals only.
"""

from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, func, select, true
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals.day_counts import DISCOUNT_REFUSED
from anchang.deals.models import Deal, DealStatus, Payment
from anchang.deals.repository import DealRepository, PaymentRepository

PROJECT: BindParameter[Any] = bindparam("project_id", type_=PG_UUID(as_uuid=True))


def funnel_stages_of(caller: Principal, customer_ids: Any) -> AnySelect:
    """Per customer of `customer_ids` (a selectable of one column, the cohort) who is a buyer of a deal
    of the project `:project_id` the caller may read: rows (customer_id, subscribed, contracted,
    fully_paid), each true when a deal of theirs reached it. Built into the caller's memoized report."""
    refused = and_(Deal.status == DealStatus.cancelled, Deal.cancel_reason == DISCOUNT_REFUSED)
    # The project's deals per buyer (a few thousand rows, no index needed), kept for the cohort's buyers.
    buyers = (
        DealRepository(None, caller)
        .readable()
        .with_only_columns(
            Deal.id.label("deal_id"),
            func.unnest(Deal.customer_ids).label("customer_id"),
            and_(Deal.status != DealStatus.pending_approval, ~refused).label("subscribed"),
            Deal.signed_on.is_not(None).label("contracted"),
            and_(Deal.status != DealStatus.cancelled, Deal.final_price > 0).label("payable"),
            Deal.final_price,
        )
        .where(Deal.project_id == PROJECT)
        .subquery("buyers")
    )
    # Only the matched deals' payments, through the (deal_id) index: a payment is read as its deal is.
    paid = (
        PaymentRepository(None, caller)
        .scope(select(func.coalesce(func.sum(Payment.amount), 0).label("paid")))
        .where(Payment.deal_id == buyers.c.deal_id)
        .lateral("paid")
    )
    fully_paid = buyers.c.payable & (paid.c.paid >= buyers.c.final_price)
    return (
        select(
            buyers.c.customer_id,
            func.bool_or(buyers.c.subscribed).label("subscribed"),
            func.bool_or(buyers.c.contracted).label("contracted"),
            func.bool_or(fully_paid).label("fully_paid"),
        )
        .select_from(buyers.join(paid, true()))
        .where(buyers.c.customer_id.in_(select(customer_ids)))
        .group_by(buyers.c.customer_id)
    )
