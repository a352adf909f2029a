"""A summary's figures equal the daily reports of its days added up (through the API), project and
consultant, on generated activity across a month's start; a quarter's equal its months'; targets and
shares; the drafted text names the numbers."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.reports.periods import parse_period, period_containing
from anchang.targets.models import PlanStatus, RowLevel, TargetPlan, TargetRow
from tests import factories as f
from tests.reports.conftest import Site
from tests.reports.generated import generate

Sums = dict[Any, dict[str, Decimal]]


def _summary_url(site: Site, period: str) -> str:
    return f"/projects/{site.project.id}/reports/summaries/{period}"


async def _daily_sums(client: AsyncClient, site: Site, first: date, last: date) -> Sums:
    """The daily reports of `first`..`last` added up: by consultant id, None for the project."""
    out: Sums = defaultdict(lambda: defaultdict(Decimal))
    day = first
    while day <= last:
        r = await client.get(
            f"/projects/{site.project.id}/reports/daily?date={day}", headers=site.headers["supervisor"]
        )
        assert r.status_code == 200, r.text
        body = r.json()
        for key, figure in body["totals"].items():
            out[None][key] += Decimal(figure["day"])
        for row in body["consultants"]:
            for key, figure in row["figures"].items():
                out[row["consultant_id"]][key] += Decimal(figure["day"])
        day += timedelta(days=1)
    return out


async def _summary(client: AsyncClient, site: Site, period: str) -> dict[str, Any]:
    r = await client.get(_summary_url(site, period), headers=site.headers["supervisor"])
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _values(figures: dict[str, Any]) -> dict[str, Decimal]:
    return {key: Decimal(figure["value"]) for key, figure in figures.items()}


def _last_month(site: Site) -> date:
    return f.project_today(site.project).replace(day=1) - timedelta(days=1)


async def test_a_month_week_and_quarter_add_up_their_days(
    client: AsyncClient, session: AsyncSession, site: Site
) -> None:
    month_end = _last_month(site)
    day = month_end.replace(day=15)
    await generate(session, site, day)
    await session.flush()
    today = f.project_today(site.project)
    checked: dict[str, dict[str, Decimal]] = {}
    # A whole month, the week of its 15th, and the week of its 1st (which starts in the month before).
    for period in (
        period_containing("month", day),
        period_containing("week", day),
        period_containing("week", day.replace(day=1)),
    ):
        summary = await _summary(client, site, period.key)
        expected = await _daily_sums(client, site, period.start, min(period.end, today))
        assert _values(summary["figures"]["project"]) == dict(expected[None]), period.key
        consultants = {row["user_id"]: row for row in summary["figures"]["consultants"]}
        for who in (site.users["consultant"].id, site.users["consultant2"].id):
            assert _values(consultants[str(who)]["figures"]) == dict(expected[str(who)]), (period.key, who)
        checked[period.key] = _values(summary["figures"]["project"])
    month = checked[f"{day:%Y-%m}"]
    assert month["visits"] > 0 and month["subscriptions.units"] > 0 and month["collections"] > 0

    # The quarter is its months (those begun so far) added up; the previous period sits beside each.
    quarter = period_containing("quarter", day)
    months = [
        m for m in (quarter.start.replace(month=quarter.start.month + i) for i in range(3)) if m <= today
    ]
    parts = [_values((await _summary(client, site, f"{m:%Y-%m}"))["figures"]["project"]) for m in months]
    q = await _summary(client, site, quarter.key)
    assert _values(q["figures"]["project"]) == {k: sum((p[k] for p in parts), Decimal(0)) for k in parts[0]}
    following = await _summary(client, site, f"{parse_period(f'{day:%Y-%m}').following().key}")
    for key, figure in following["figures"]["project"].items():
        assert Decimal(figure["previous"]) == month[key]
        assert Decimal(figure["change"]) == Decimal(figure["value"]) - month[key]


async def _plan(session: AsyncSession, site: Site, month: date, project: int, mine: int) -> None:
    plan = TargetPlan(
        organization_id=site.project.organization_id,
        project_id=site.project.id,
        month=month,
        status=PlanStatus.approved,
    )
    session.add(plan)
    await session.flush()
    for level, user, units in (
        (RowLevel.project, None, project),
        (RowLevel.consultant, site.users["consultant"].id, mine),
    ):
        session.add(
            TargetRow(
                organization_id=site.project.organization_id,
                plan_id=plan.id,
                project_id=site.project.id,
                level=level,
                user_id=user,
                units_subscribed=units,
                amount_subscribed=Decimal("3000000.00") * units,
            )
        )
    await session.flush()


async def test_targets_shares_and_drafts(client: AsyncClient, session: AsyncSession, site: Site) -> None:
    month_end = _last_month(site)
    first = month_end.replace(day=1)
    day = first.replace(day=15)
    await generate(session, site, day)
    await _plan(session, site, first, project=40, mine=10)
    await session.flush()
    summary = await _summary(client, site, f"{first:%Y-%m}")
    units = summary["figures"]["project"]["subscriptions.units"]
    assert Decimal(units["target"]) == 40
    assert Decimal(units["share"]) == (Decimal(units["value"]) / 40).quantize(Decimal("0.0001"))
    assert Decimal(summary["figures"]["project"]["subscriptions.amount"]["target"]) == Decimal("120000000.00")
    assert summary["figures"]["project"]["calls_in"]["target"] is None
    mine = next(
        r for r in summary["figures"]["consultants"] if r["user_id"] == str(site.users["consultant"].id)
    )
    assert Decimal(mine["figures"]["subscriptions.units"]["target"]) == 10
    theirs = next(
        r for r in summary["figures"]["consultants"] if r["user_id"] == str(site.users["consultant2"].id)
    )
    assert theirs["figures"]["subscriptions.units"]["target"] is None  # no row of theirs in the plan
    assert theirs["figures"]["subscriptions.units"]["share"] is None

    # The drafted text names the figures: units subscribed and the share of target.
    sections = {s["key"]: s for s in summary["sections"]}
    assert list(sections) == [
        "results",
        "works_progress",
        "training",
        "advertising",
        "complaints",
        "proposals",
    ]
    results = sections["results"]["draft"]
    share = Decimal(units["share"]) * 100
    assert f"本月认购 {Decimal(units['value']).normalize():f} 套" in results
    assert f"完成目标 {share:.1f}%" in results
    complaints = summary["figures"]["project"]["complaints.opened"]["value"]
    assert f"新增投诉 {complaints} 宗" in sections["complaints"]["draft"]
    assert all(s["text"] is None for s in summary["sections"])

    # A week takes each month's share of its days: 7/30 of November's 40 (to a tenth).
    week = period_containing("week", day)
    w = await _summary(client, site, week.key)
    days_in = (month_end - first).days + 1
    expected = (Decimal(40) * 7 / days_in).quantize(Decimal("0.1"))
    assert Decimal(w["figures"]["project"]["subscriptions.units"]["target"]) == expected
    # A quarter sums its months' targets.
    quarter = period_containing("quarter", day)
    other = quarter.start if quarter.start != first else quarter.start.replace(month=quarter.start.month + 1)
    if other <= f.project_today(site.project):
        await _plan(session, site, other, project=20, mine=5)
        q = await _summary(client, site, quarter.key)
        assert Decimal(q["figures"]["project"]["subscriptions.units"]["target"]) == 60
