"""The channel and campaign report (渠道 / 广告效果) of a project over a period, and the same as a workbook.

Each domain counts its own rows through its facade: customers the visits (first and repeat) and the new
customers by channel and campaign, deals the subscriptions and contracts of the customers they brought (a
deal counts for its first buyer's channel and campaign), and this domain the campaigns' costs of the
period. Days are the project's: `from` and `to` are inclusive; a cost counts on the day it was spent.
Cost per visit, per new customer and per deal (subscription) divide the period's cost by what the
campaign brought in the period; return on spend is the contracted amount over the cost."""

import asyncio
import io
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Date, bindparam, func

from anchang.campaigns import schemas
from anchang.campaigns.models import Campaign, CampaignCost
from anchang.campaigns.repository import CampaignCostRepository, CampaignRepository
from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import service as deals

MAX_DAYS = 3 * 366  # as the complaint statistics: longer periods are refused
_FEN = Decimal("0.01")
_RATIO = Decimal("0.0001")
ZERO = Decimal("0.00")
_COUNTS = ("first_visits", "repeat_visits", "new_customers", "subscriptions", "contracts")
_AMOUNTS = ("subscribed_amount", "contracted_amount")


def period_bounds(
    access: ProjectAccess, date_from: date | None, date_to: date | None
) -> tuple[date, date, datetime, datetime]:
    """The inclusive days asked (by default the last 30, today included) and their instants in the
    project's time zone; 422 naming the field for a reversed or too long period."""
    tz = project_zone(access)
    end_day = date_to or today_in(access)
    start_day = date_from or end_day - timedelta(days=29)
    if start_day > end_day:
        raise ValidationFailed({"from": "must be on or before `to`"})
    if (end_day - start_day).days > MAX_DAYS:
        raise ValidationFailed({"to": f"a period spans at most {MAX_DAYS} days"})
    start = datetime.combine(start_day, time(), tz)
    end = datetime.combine(end_day + timedelta(days=1), time(), tz)
    return start_day, end_day, start, end


@per_caller
def deals_by_source(caller: Principal) -> Any:
    """Deals of the period by their first buyer's (`channel`, `campaign_id`) (deals' facade)."""
    return deals.deal_figures_of_buyers(caller, customers.sources_of_customers(caller))


@per_caller
def campaigns_with_costs(caller: Principal) -> AnySelect:
    """Every campaign of `:project_id` with its cost entries from `:from_day` to `:to_day`."""
    costs = (
        CampaignCostRepository(None, caller)
        .scoped()
        .with_only_columns(CampaignCost.campaign_id, func.sum(CampaignCost.amount).label("cost"))
        .where(
            CampaignCost.project_id == bindparam("project_id"),
            CampaignCost.spent_on.between(bindparam("from_day", type_=Date), bindparam("to_day", type_=Date)),
        )
        .group_by(CampaignCost.campaign_id)
        .subquery("costs")
    )
    return (
        CampaignRepository(None, caller)
        .scoped()
        .with_only_columns(
            Campaign.id,
            Campaign.name,
            Campaign.kind,
            Campaign.medium,
            Campaign.starts_on,
            Campaign.ends_on,
            Campaign.budget,
            func.coalesce(costs.c.cost, 0).label("cost"),
        )
        .outerjoin(costs, costs.c.campaign_id == Campaign.id)
        .where(Campaign.project_id == bindparam("project_id"))
        .order_by(Campaign.starts_on, Campaign.name, Campaign.id)
    )


def _per(cost: Decimal | None, count: int) -> Decimal | None:
    if cost is None or count == 0:
        return None
    return (cost / count).quantize(_FEN, rounding=ROUND_HALF_UP)


def _figures(counts: dict[str, Any], cost: Decimal | None) -> dict[str, Any]:
    visits = counts["first_visits"] + counts["repeat_visits"]
    contracted = counts["contracted_amount"]
    return {
        **counts,
        "visits": visits,
        "cost": cost,
        "cost_per_visit": _per(cost, visits),
        "cost_per_new_customer": _per(cost, counts["new_customers"]),
        "cost_per_deal": _per(cost, counts["subscriptions"]),
        "return_on_spend": (contracted / cost).quantize(_RATIO, rounding=ROUND_HALF_UP) if cost else None,
    }


def _empty() -> dict[str, Any]:
    return {**dict.fromkeys(_COUNTS, 0), **dict.fromkeys(_AMOUNTS, ZERO)}


def _add(into: dict[str, Any], row: dict[str, Any]) -> None:
    for name in (*_COUNTS, *_AMOUNTS):
        into[name] += row.get(name, 0)


async def channel_report(
    reader: Reader, access: ProjectAccess, date_from: date | None, date_to: date | None
) -> schemas.ChannelReport:
    """The figures of the project's channels and campaigns in the period."""
    start_day, end_day, start, end = period_bounds(access, date_from, date_to)
    caller, project_id = access.principal, access.project.id
    instants = {"project_id": project_id, "start": start, "end": end}
    days = {"project_id": project_id, "from_day": start_day, "to_day": end_day}
    visits, registered, sold, campaigns = await asyncio.gather(
        reader.rows(customers.visits_by_source(caller), instants),
        reader.rows(customers.new_customers_by_source(caller), instants),
        reader.rows(deals_by_source(caller), {**instants, **days}),
        reader.rows(campaigns_with_costs(caller), days),
    )
    # Everything by (channel, campaign): the few groups the statements returned, summed below.
    by_source: dict[tuple[Any, Any], dict[str, Any]] = defaultdict(_empty)
    for row in visits:
        _add(
            by_source[row.channel, row.campaign_id], {"first_visits": row.first, "repeat_visits": row.repeat}
        )
    for row in registered:
        _add(by_source[row.channel, row.campaign_id], {"new_customers": row["count"]})
    for row in sold:
        _add(by_source[row.channel, row.campaign_id], dict(row))
    by_channel: dict[Any, dict[str, Any]] = {channel: _empty() for channel in customers.Channel}
    by_campaign: dict[Any, dict[str, Any]] = defaultdict(_empty)
    total = _empty()
    for (channel, campaign_id), counts in by_source.items():
        _add(by_channel[channel], counts)
        _add(by_campaign[campaign_id], counts)
        _add(total, counts)
    total_cost = sum((c.cost for c in campaigns), ZERO)
    shown = [
        c
        for c in campaigns
        if c.cost or c.id in by_campaign or (c.starts_on <= end_day and c.ends_on >= start_day)
    ]
    return schemas.ChannelReport(
        date_from=start_day,
        date_to=end_day,
        channels=[
            schemas.ChannelFigures(channel=channel, **_figures(counts, None))
            for channel, counts in by_channel.items()
        ],
        campaigns=[
            schemas.CampaignFigures(
                campaign_id=c.id,
                name=c.name,
                kind=c.kind,
                medium=c.medium,
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                budget=c.budget,
                **_figures(by_campaign.get(c.id) or _empty(), Decimal(c.cost)),
            )
            for c in shown
        ],
        unattributed=schemas.SourceFigures(**_figures(by_campaign.get(None) or _empty(), None)),
        total=schemas.SourceFigures(**_figures(total, total_cost)),
    )


_COLUMNS = (
    ("first visits", "first_visits"),
    ("repeat visits", "repeat_visits"),
    ("visits", "visits"),
    ("new customers", "new_customers"),
    ("subscriptions", "subscriptions"),
    ("subscribed amount", "subscribed_amount"),
    ("contracts", "contracts"),
    ("contracted amount", "contracted_amount"),
    ("cost", "cost"),
    ("cost per visit", "cost_per_visit"),
    ("cost per new customer", "cost_per_new_customer"),
    ("cost per deal", "cost_per_deal"),
    ("return on spend", "return_on_spend"),
)


def report_workbook(report: schemas.ChannelReport) -> bytes:
    """The report as a workbook: by channel, by campaign (with the unattributed and the total rows)."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    header = [label for label, _ in _COLUMNS]

    def values(figures: schemas.SourceFigures) -> list[Any]:
        return [getattr(figures, name) for _, name in _COLUMNS]

    sheet = book.create_sheet("By channel")
    append(sheet, ["From", report.date_from, "To", report.date_to])
    append(sheet, ["channel", *header])
    for channel in report.channels:
        append(sheet, [channel.channel.value, *values(channel)])
    append(sheet, ["Total", *values(report.total)])
    sheet = book.create_sheet("By campaign")
    append(sheet, ["From", report.date_from, "To", report.date_to])
    append(sheet, ["campaign", "kind", "medium", "starts on", "ends on", "budget", *header])
    for c in report.campaigns:
        append(sheet, [c.name, c.kind.value, c.medium.value, c.starts_on, c.ends_on, c.budget, *values(c)])
    append(sheet, ["No campaign", None, None, None, None, None, *values(report.unattributed)])
    append(sheet, ["Total", None, None, None, None, None, *values(report.total)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
