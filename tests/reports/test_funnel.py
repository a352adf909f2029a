"""The conversion funnel and per-consultant output: the funnel's numbers equal counts made through the
visits, customers and deals lists on generated customers around the period's midnights in Shanghai; who
reads what; bad input; the workbooks."""

import io
import itertools
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.customers.models import Channel, Visit, VisitKind
from anchang.deals.day_counts import DISCOUNT_REFUSED
from anchang.deals.models import DealStatus, Payment, PaymentKind
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.inventory import factories as inv
from tests.reports.conftest import Site
from tests.reports.generated import local
from tests.reports.test_daily_equals_details import _all

SHANGHAI = ZoneInfo("Asia/Shanghai")
STAGES = ["first_visit", "came_back", "subscribed", "contracted", "fully_paid"]


def _period() -> tuple[date, date]:
    end = cf.today() - timedelta(days=2)
    return end - timedelta(days=9), end


async def _generate(session: AsyncSession, site: Site) -> None:
    """Customers of both consultants and the pool, first come just inside and just outside the period,
    some back again, with deals at every stage (and those that are none: pending, refused, cancelled)."""
    start, end = _period()
    project = site.project
    owners = [site.users["consultant"], site.users["consultant2"], None]
    firsts = [
        local(start, 0, 5),
        local(end, 23, 55),
        local(start - timedelta(days=1), 23, 58),  # before the period
        local(end + timedelta(days=1), 0, 1),  # after it
        local(start + timedelta(days=4), 12),
    ]
    channels = itertools.cycle(list(Channel))
    positions = itertools.count(300)
    for n in range(30):
        owner = owners[n % 3]
        customer = await cf.create_customer(session, project=project, owner=owner, channel=next(channels))
        first = firsts[n % 5]
        who = owner or site.users["supervisor"]
        visits = [(VisitKind.first, first)]
        if n % 3 == 0:
            visits.append((VisitKind.repeat, first + timedelta(days=3)))
        if n % 7 == 0:  # a repeat before the first counts for nothing
            visits.append((VisitKind.repeat, first - timedelta(days=40)))
        if n % 11 == 4:  # an earlier first visit takes them out of the period's cohort
            visits.append((VisitKind.first, first - timedelta(days=60)))
        for kind, at in visits:
            session.add(
                Visit(
                    organization_id=project.organization_id,
                    project_id=project.id,
                    customer_id=customer.id,
                    consultant_id=who.id,
                    kind=kind,
                    channel=customer.channel,
                    visited_at=at,
                )
            )
        stage = n % 6
        if stage == 0:
            continue
        unit = await inv.create_unit(session, building=site.building, position=next(positions), floor=40)
        deal = await df.create_deal(
            session, unit=unit, customers=[customer], consultant=who, subscribed_on=start
        )
        if stage >= 2:
            deal.status, deal.signed_on, deal.contracted_at = DealStatus.contracted, start, first
        if stage == 3:  # paid in full
            await df.create_payment(session, deal=deal, amount=deal.final_price, by=who)
        if stage == 4:  # paid in full, then a receipt reversed: not any more
            paid = await df.create_payment(session, deal=deal, amount=deal.final_price, by=who)
            reversal = Payment(
                id=uuid.uuid4(),
                organization_id=project.organization_id,
                project_id=project.id,
                deal_id=deal.id,
                kind=PaymentKind.reversal,
                amount=-paid.amount,
                method=paid.method,
                paid_at=paid.paid_at + timedelta(hours=1),
                allocations=[],
                reverses_id=paid.id,
            )
            session.add(reversal)
            paid.reversed_by_id = reversal.id
        if stage == 5:
            if n % 2:
                deal.status, deal.signed_on = DealStatus.pending_approval, None
            else:
                deal.status, deal.signed_on, deal.cancel_reason = DealStatus.cancelled, None, DISCOUNT_REFUSED
                deal.cancelled_at = first
    await session.flush()


async def _expected(client: AsyncClient, site: Site, by: str) -> dict[Any, list[int]]:
    """The funnel counted from the lists: visits, customers, deals with their payments."""
    h = site.headers["supervisor"]
    p = f"/projects/{site.project.id}"
    start, end = _period()
    visits: dict[str, list[dict[str, Any]]] = {}
    for v in await _all(client, f"{p}/visits", h):
        visits.setdefault(v["customer_id"], []).append(v)
    customers = {c["id"]: c for c in await _all(client, f"{p}/customers", h)}
    reached: dict[str, set[str]] = {}
    for summary in await _all(client, f"{p}/deals", h):
        deal = (await client.get(f"/deals/{summary['id']}", headers=h)).json()
        paid = sum(
            (Decimal(x["amount"]) for x in await _all(client, f"/deals/{deal['id']}/payments", h)), Decimal(0)
        )
        refused = deal["status"] == "cancelled" and deal.get("cancel_reason") == DISCOUNT_REFUSED
        stages = set()
        if deal["status"] != "pending_approval" and not refused:
            stages.add("subscribed")
        if deal["signed_on"]:
            stages.add("contracted")
        if deal["status"] != "cancelled" and paid >= Decimal(deal["final_price"]) > 0:
            stages.add("fully_paid")
        for buyer in deal["customer_ids"]:
            reached.setdefault(buyer, set()).update(stages)
    out: dict[Any, list[int]] = {}
    for customer_id, theirs in visits.items():
        firsts = sorted(datetime.fromisoformat(v["visited_at"]) for v in theirs if v["kind"] == "first")
        if not firsts or not start <= firsts[0].astimezone(SHANGHAI).date() <= end:
            continue
        came_back = any(
            v["kind"] == "repeat" and datetime.fromisoformat(v["visited_at"]) > firsts[0] for v in theirs
        )
        customer = customers[customer_id]
        key = {
            "channel": customer["channel"],
            "consultant": customer["owner"]["id"] if customer["owner"] else None,
            "month": f"{firsts[0].astimezone(SHANGHAI):%Y-%m}",
        }[by]
        flags = [True, came_back, *(s in reached.get(customer_id, set()) for s in STAGES[2:])]
        for k in (key, "total"):
            counts = out.setdefault(k, [0] * 5)
            for i, flag in enumerate(flags):
                counts[i] += int(flag)
    return out


def _counts(group: dict[str, Any]) -> list[int]:
    assert [s["stage"] for s in group["stages"]] == STAGES
    return [s["count"] for s in group["stages"]]


async def test_the_funnel_equals_the_lists(client: AsyncClient, site: Site, session: AsyncSession) -> None:
    await _generate(session, site)
    start, end = _period()
    for by in ("channel", "consultant", "month"):
        response = await client.get(
            f"/projects/{site.project.id}/reports/funnel?from={start}&to={end}&by={by}",
            headers=site.headers["supervisor"],
        )
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["scope"] == "project" and report["by"] == by
        expected = await _expected(client, site, by)
        assert _counts(report["total"]) == expected["total"], by
        got = {g["key"]: _counts(g) for g in report["groups"] if _counts(g)[0]}
        assert got == {k: v for k, v in expected.items() if k != "total"}, by
        # Every stage is reached by someone, so equal numbers are not all zeros.
        assert all(expected["total"]), expected["total"]
    stages = report["total"]["stages"]
    first, back = stages[0]["count"], stages[1]["count"]
    assert Decimal(stages[1]["of_first"]) == (Decimal(back) / first).quantize(Decimal("0.0001"))
    assert stages[0]["of_first"] == "1.0000"


async def test_a_consultant_reads_the_funnel_of_their_own_customers(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    await _generate(session, site)
    start, end = _period()
    response = await client.get(
        f"/projects/{site.project.id}/reports/funnel?from={start}&to={end}&by=consultant",
        headers=site.headers["consultant"],
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["scope"] == "own"
    assert [g["key"] for g in report["groups"]] == [str(site.users["consultant"].id)]
    expected = await _expected(client, site, "consultant")
    assert _counts(report["total"]) == expected[str(site.users["consultant"].id)]


async def test_bad_periods_and_groupings_name_the_field(client: AsyncClient, site: Site) -> None:
    url = f"/projects/{site.project.id}/reports/funnel"
    h = site.headers["project_manager"]
    cases = [
        ("?from=2026-05-02&to=2026-05-01", "from"),
        ("?from=2020-01-01&to=2024-01-01", "to"),
        ("?by=building", "by"),
        ("?from=2026-13-01", "from"),
    ]
    for query, field in cases:
        response = await client.get(url + query, headers=h)
        assert response.status_code == 422, (query, response.text)
        assert field in response.text, (query, response.text)
    output = f"/projects/{site.project.id}/reports/output"
    for query, field in [("?from=2026-05&to=2026-04", "from"), ("?from=2020-01&to=2026-01", "to")]:
        response = await client.get(output + query, headers=h)
        assert response.status_code == 422, (query, response.text)
        assert field in response.text


async def test_the_funnel_workbook_has_the_same_totals(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    from openpyxl import load_workbook

    await _generate(session, site)
    start, end = _period()
    query = f"?from={start}&to={end}&by=month"
    h = site.headers["developer_rep"]
    report = (await client.get(f"/projects/{site.project.id}/reports/funnel{query}", headers=h)).json()
    response = await client.get(f"/projects/{site.project.id}/reports/funnel.xlsx{query}", headers=h)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    total = rows[-1]
    assert total[0] == "Total"
    assert [total[1 + 3 * i] for i in range(5)] == _counts(report["total"])
    assert len(rows) == 2 + len(report["groups"]) + 1


async def test_output_per_consultant_by_month(client: AsyncClient, site: Site, session: AsyncSession) -> None:
    from openpyxl import load_workbook

    from anchang.reception.models import RosterEntry

    month = cf.today().replace(day=1)
    signed = cf.today()
    for n, name in enumerate(("consultant", "consultant2", "consultant")):
        unit = await inv.create_unit(session, building=site.building, position=500 + n, floor=41)
        deal = await df.create_deal(
            session, unit=unit, customers=[], consultant=site.users[name], subscribed_on=signed
        )
        deal.status, deal.signed_on = DealStatus.contracted, signed
    for position, name in enumerate(("consultant", "consultant2")):
        session.add(
            RosterEntry(
                organization_id=site.project.organization_id,
                project_id=site.project.id,
                user_id=site.users[name].id,
                work_date=signed,
                position=position,
            )
        )
    await session.flush()
    url = f"/projects/{site.project.id}/reports/output?from={month:%Y-%m}&to={month:%Y-%m}"
    response = await client.get(url, headers=site.headers["finance"])
    assert response.status_code == 200, response.text
    report = response.json()
    [row] = report["months"]
    assert row["contracted_units"] == 3 and row["consultants_on_roster"] == 2
    amount = Decimal(row["contracted_amount"])
    assert Decimal(row["per_consultant"]) == (amount / 2).quantize(Decimal("0.01"))
    by_person = {c["consultant_id"]: c for c in report["consultants"]}
    assert by_person[str(site.users["consultant"].id)]["units"] == 2
    assert sum(Decimal(c["amount"]) for c in report["consultants"]) == amount
    # The same month as the commission figures count it.
    commission = await client.get(
        f"/projects/{site.project.id}/reports/commission?from={month:%Y-%m}&to={month:%Y-%m}",
        headers=site.headers["finance"],
    )
    [theirs] = commission.json()["months"]
    assert Decimal(theirs["per_capita_output"]) == Decimal(row["per_consultant"])
    book = await client.get(url.replace("/output?", "/output.xlsx?"), headers=site.headers["finance"])
    sheet = load_workbook(io.BytesIO(book.content))["人均单产"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "Total" and Decimal(str(rows[-1][3])) == amount
    refused = await client.get(url, headers=site.headers["consultant"])
    assert refused.status_code == 403
