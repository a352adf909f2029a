"""The daily report's figures equal the same figures counted from the detail pages (the visits, customers,
calls, referrals, reservations, deals, payments and complaints lists), on generated activity of two
consultants around midnight in Shanghai and across the month's and year's start."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.customers import factories as cf
from tests.reports.conftest import Site
from tests.reports.generated import generate

SHANGHAI = ZoneInfo("Asia/Shanghai")
PERIODS = ("day", "month_to_date", "year_to_date")


async def _all(client: AsyncClient, url: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        sep = "&" if "?" in url else "?"
        response = await client.get(
            f"{url}{sep}limit=200" + (f"&cursor={cursor}" if cursor else ""), headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return items


class Expected:
    """Figures counted by hand: expected[who][metric][period], who None for the project."""

    def __init__(self, day: date):
        self.day = day
        self.figures: dict[Any, dict[str, dict[str, Decimal]]] = defaultdict(
            lambda: defaultdict(lambda: dict.fromkeys(PERIODS, Decimal(0)))
        )

    def periods(self, when: str | date) -> list[str]:
        d = when if isinstance(when, date) else datetime.fromisoformat(when).astimezone(SHANGHAI).date()
        if d > self.day or d.year != self.day.year:
            return []
        out = ["year_to_date"]
        if d.month == self.day.month:
            out.append("month_to_date")
        if d == self.day:
            out.append("day")
        return out

    def add(self, whom: list[Any], metric: str, when: str | date | None, value: Decimal = Decimal(1)) -> None:
        if when is None:
            return
        for period in self.periods(when):
            for who in {None, *whom}:
                self.figures[who][metric][period] += value


async def _count_from_details(client: AsyncClient, site: Site, day: date, customers: list[Any]) -> Expected:
    h = site.headers["supervisor"]
    p = f"/projects/{site.project.id}"
    e = Expected(day)
    for v in await _all(client, f"{p}/visits", h):
        e.add([v["consultant_id"]], f"visits.{v['kind']}", v["visited_at"])
        e.add([v["consultant_id"]], "visits", v["visited_at"])
        e.add([v["consultant_id"]], "visit_people", v["visited_at"], Decimal(v["party_size"]))
    for c in await _all(client, f"{p}/customers", h):
        owner = [c["owner"]["id"]] if c["owner"] else []
        e.add(owner, f"new_customers.{c['channel']}", c["created_at"])
        e.add(owner, "new_customers", c["created_at"])
    for customer_id in customers:
        for call in await _all(client, f"/customers/{customer_id}/calls", h):
            if call["direction"] == "inbound":
                e.add([call["consultant_id"]], "calls_in", call["called_at"])
    for r in await _all(client, f"{p}/referrals", h):
        credited = [r["credited_consultant_id"]] if r["credited_consultant_id"] else []
        e.add(credited, "broker_referrals", r["registered_at"])
    for r in await _all(client, f"{p}/reservations", h):
        e.add([r["consultant_id"]], "reservations", r["created_at"])
    for summary in await _all(client, f"{p}/deals", h):
        deal = (await client.get(f"/deals/{summary['id']}", headers=h)).json()
        unit = (await client.get(f"/units/{deal['unit_id']}", headers=h)).json()
        who = [deal["consultant_id"]]
        refused = deal["status"] == "cancelled" and deal.get("cancel_reason") == "discount rejected"
        sales = [
            (
                "subscriptions",
                None if deal["status"] == "pending_approval" or refused else deal["subscribed_on"],
            ),
            ("contracts", deal["signed_on"]),
            ("cancellations", None if refused else deal["cancelled_at"]),
        ]
        for figure, when in sales:
            if isinstance(when, str) and len(when) == 10:
                when = date.fromisoformat(when)
            e.add(who, f"{figure}.units", when)
            e.add(who, f"{figure}.area", when, Decimal(unit["gross_area"]))
            e.add(who, f"{figure}.amount", when, Decimal(deal["final_price"]))
        for payment in await _all(client, f"/deals/{summary['id']}/payments", h):
            if payment["kind"] == "receipt" and payment["reversed_by_id"] is None:
                e.add(who, "collections", payment["paid_at"], Decimal(payment["amount"]))
    for c in await _all(client, f"{p}/complaints", h):
        full = (await client.get(f"/complaints/{c['id']}", headers=h)).json()
        e.add(full["concerned_user_ids"], "complaints.opened", full["created_at"])
        e.add(full["concerned_user_ids"], "complaints.closed", full["closed_at"])
    return e


def _figures(report_figures: dict[str, Any]) -> dict[str, dict[str, Decimal]]:
    return {k: {p: Decimal(v[p]) for p in PERIODS} for k, v in report_figures.items()}


async def test_the_report_equals_the_detail_pages(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    generated = await generate(session, site, day)
    customers = [*generated.customers, *site.customers.values()]
    response = await client.get(
        f"/projects/{site.project.id}/reports/daily?date={day.isoformat()}",
        headers=site.headers["supervisor"],
    )
    assert response.status_code == 200, response.text
    report = response.json()
    expected = await _count_from_details(client, site, day, customers)

    zero = dict.fromkeys(PERIODS, Decimal(0))
    keys = [m["key"] for m in report["metrics"]]
    got_totals = _figures(report["totals"])
    for key in keys:
        assert got_totals[key] == expected.figures[None].get(key, zero), key
    rows = {row["consultant_id"]: _figures(row["figures"]) for row in report["consultants"]}
    for name in ("consultant", "consultant2"):
        who = str(site.users[name].id)
        for key in keys:
            assert rows[who][key] == expected.figures[who].get(key, zero), (name, key)
    # The generated data reaches each period, so equal figures are not all zeros.
    assert got_totals["visits"]["day"] > 0 and got_totals["collections"]["month_to_date"] > 0
    assert (
        got_totals["cancellations.units"]["year_to_date"] > 0 and got_totals["complaints.closed"]["day"] > 0
    )
