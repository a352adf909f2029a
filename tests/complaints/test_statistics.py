"""Complaint statistics: counts by each dimension, on-time shares, resolution times, reopen rate and
satisfaction over a period of filing dates in the project's time zone, and the same as a workbook."""

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import ComplaintCategory, ComplaintSeverity, ComplaintStatus
from tests.complaints import factories as cpf
from tests.complaints.conftest import Site


async def _seed(session: AsyncSession, site: Site) -> None:
    now = datetime.now(UTC) - timedelta(days=1)
    concerned = site.users["consultant"].id
    specs = [
        # (category, severity, status, hours to resolve, resolved on time, satisfaction, reopened)
        (ComplaintCategory.quality, ComplaintSeverity.major, ComplaintStatus.closed, 10, True, 5, 0),
        (ComplaintCategory.quality, ComplaintSeverity.minor, ComplaintStatus.resolved, 30, False, 3, 1),
        (ComplaintCategory.service, ComplaintSeverity.minor, ComplaintStatus.open, None, None, None, 0),
        (
            ComplaintCategory.price,
            ComplaintSeverity.critical,
            ComplaintStatus.in_progress,
            None,
            None,
            None,
            0,
        ),
    ]
    for category, severity, status, hours, on_time, satisfaction, reopened in specs:
        c = await cpf.create_complaint(
            session, project=site.project, category=category, severity=severity, status=status, filed_at=now
        )
        c.created_at = now
        c.acknowledged_on_time = status is not ComplaintStatus.open
        c.concerned_user_ids = [concerned] if category is ComplaintCategory.quality else []
        if hours is not None:
            c.resolved_at = now + timedelta(hours=hours)
            c.resolved_on_time = on_time
        c.satisfaction = satisfaction
        c.reopen_count = reopened
    await session.flush()


async def test_the_figures_of_the_period(client: AsyncClient, site: Site, session: AsyncSession) -> None:
    await _seed(session, site)
    url = f"/projects/{site.project.id}/reports/complaints"
    response = await client.get(url, headers=site.headers["developer_rep"])
    assert response.status_code == 200, response.text
    s = response.json()

    assert s["total"] == 4
    assert {c["key"]: c["count"] for c in s["by_category"]} == {"quality": 2, "service": 1, "price": 1}
    assert s["by_category"][0] == {"key": "quality", "count": 2}  # most first
    assert {c["key"]: c["count"] for c in s["by_status"]} == {
        "closed": 1, "resolved": 1, "open": 1, "in_progress": 1,
    }  # fmt: skip
    assert Decimal(s["acknowledged_on_time_share"]) == Decimal("0.75")
    assert Decimal(s["resolved_on_time_share"]) == Decimal("0.5")
    assert Decimal(s["median_hours_to_resolve"]) == Decimal("20.0")  # of 10 h and 30 h
    assert Decimal(s["p90_hours_to_resolve"]) == Decimal("28.0")
    assert Decimal(s["reopen_rate"]) == Decimal("0.25")
    assert Decimal(s["average_satisfaction"]) == Decimal("4.00") and s["rated"] == 2
    assert sum(m["filed"] for m in s["by_month"]) == 4
    assert s["by_staff"] == [
        {"user_id": str(site.users["consultant"].id), "name": site.users["consultant"].full_name, "count": 2}
    ]

    workbook = await client.get(url + ".xlsx", headers=site.headers["supervisor"])
    assert workbook.status_code == 200
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Total"] == 4
    by_category = list(book["By category"].iter_rows(values_only=True))
    assert by_category[1] == ("quality", 2)


async def test_who_may_read_them_and_bad_periods(client: AsyncClient, site: Site) -> None:
    url = f"/projects/{site.project.id}/reports/complaints"
    assert (await client.get(url, headers=site.headers["consultant"])).status_code == 403
    assert (await client.get(url, headers=site.headers["finance"])).status_code == 403
    reversed_ = await client.get(
        url, params={"from": "2026-12-01", "to": "2026-11-01"}, headers=site.headers["supervisor"]
    )
    assert reversed_.status_code == 422 and reversed_.json()["errors"][0]["field"] == "from"
    empty = await client.get(
        url, params={"from": "2020-01-01", "to": "2020-01-31"}, headers=site.headers["supervisor"]
    )
    assert empty.json()["total"] == 0 and empty.json()["median_hours_to_resolve"] is None
