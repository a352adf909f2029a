"""The conversion funnel's last three stages, which this domain owns: per customer of a project, whether a
deal of theirs (any of its buyers) reached subscription (认购), contract (签约) and full payment.

- subscribed: a deal not waiting for its discount's approval, nor one whose discount was refused (that
  never was a subscription); one cancelled later (退房) still was;
- contracted: a deal with a signing date, later cancelled ones too (as the daily report's `contracts`);
- fully paid: a deal not cancelled whose payments (receipts less reversals and refunds) reach its price.

A statement, so that the report joins it with the cohort in one round trip: the project's deals and the
sum of their payments, read once whatever the period.
"""

from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals.day_counts import DISCOUNT_REFUSED
from anchang.deals.models import Deal, DealStatus, Payment
from anchang.deals.repository import DealRepository, PaymentRepository

PROJECT: BindParameter[Any] = bindparam("project_id", type_=PG_UUID(as_uuid=True))


@per_caller
def funnel_stages_of(caller: Principal) -> AnySelect:
    """Per buyer of a deal of the project `:project_id` the caller may read: rows (customer_id,
    subscribed, contracted, fully_paid), each true when a deal of theirs reached it."""
    # From the readable deals: a payment is read as its deal is (PaymentRepository's row rule).
    paid = (
        PaymentRepository(None, caller)
        .scope(select(Payment.deal_id, func.sum(Payment.amount).label("paid")))
        .where(Payment.project_id == PROJECT)
        .group_by(Payment.deal_id)
        .subquery("paid")
    )
    refused = and_(Deal.status == DealStatus.cancelled, Deal.cancel_reason == DISCOUNT_REFUSED)
    deals = (
        DealRepository(None, caller)
        .readable()
        .outerjoin(paid, paid.c.deal_id == Deal.id)
        .with_only_columns(
            func.unnest(Deal.customer_ids).label("customer_id"),
            and_(Deal.status != DealStatus.pending_approval, ~refused).label("subscribed"),
            Deal.signed_on.is_not(None).label("contracted"),
            and_(
                Deal.status != DealStatus.cancelled,
                Deal.final_price > 0,
                func.coalesce(paid.c.paid, 0) >= Deal.final_price,
            ).label("fully_paid"),
        )
        .where(Deal.project_id == PROJECT)
        .subquery("buyers")
    )
    return select(
        deals.c.customer_id,
        func.bool_or(deals.c.subscribed).label("subscribed"),
        func.bool_or(deals.c.contracted).label("contracted"),
        func.bool_or(deals.c.fully_paid).label("fully_paid"),
    ).group_by(deals.c.customer_id)
