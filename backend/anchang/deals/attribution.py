"""Deals counted for whoever brought their buyer (the channel and campaign report): a deal counts for its
first buyer, and other domains say what a buyer is grouped by, in a subquery of their own."""

from typing import Any

from sqlalchemy import Date, bindparam, func, select

from anchang.core.security import Principal
from anchang.deals.models import Deal, DealStatus
from anchang.deals.repository import DealRepository

# A deal that still stands: a cancelled one (or a discount still waiting) sold nothing.
SUBSCRIBED = (DealStatus.subscribed, DealStatus.contracted, DealStatus.handed_over)
CONTRACTED = (DealStatus.contracted, DealStatus.handed_over)


def deal_figures_of_buyers(caller: Principal, buyers: Any) -> Any:
    """The deals of `:project_id` whose first buyer is a row of `buyers` (a subquery with `id` and the
    columns to group by), grouped by those columns: `subscriptions` and `subscribed_amount` of the deals
    subscribed from `:from_day` to `:to_day` (inclusive), `contracts` and `contracted_amount` of those
    contracted in [`:start`, `:end`); only deals that still stand."""
    keys = [c for c in buyers.c if c.key != "id"]
    subscribed = Deal.status.in_(SUBSCRIBED) & Deal.subscribed_on.between(
        bindparam("from_day", type_=Date), bindparam("to_day", type_=Date)
    )
    contracted = (
        Deal.status.in_(CONTRACTED)
        & (Deal.contracted_at >= bindparam("start", type_=Deal.contracted_at.type))
        & (Deal.contracted_at < bindparam("end", type_=Deal.contracted_at.type))
    )
    deals = (
        DealRepository(None, caller)
        .scoped()
        .with_only_columns(
            Deal.customer_ids[1].label("buyer_id"),
            subscribed.label("subscribed"),
            contracted.label("contracted"),
            Deal.final_price,
        )
        .where(Deal.project_id == bindparam("project_id"), subscribed | contracted)
        .subquery("deals")
    )
    return (
        select(
            *keys,
            func.count().filter(deals.c.subscribed).label("subscriptions"),
            func.coalesce(func.sum(deals.c.final_price).filter(deals.c.subscribed), 0).label(
                "subscribed_amount"
            ),
            func.count().filter(deals.c.contracted).label("contracts"),
            func.coalesce(func.sum(deals.c.final_price).filter(deals.c.contracted), 0).label(
                "contracted_amount"
            ),
        )
        .select_from(deals.join(buyers, buyers.c.id == deals.c.buyer_id))
        .group_by(*keys)
    )
