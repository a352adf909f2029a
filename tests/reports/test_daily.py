"""The daily report: who reads which rows, the supervisor's confirmation and its differences, bad input,
and the workbook."""

import io
from datetime import timedelta
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f
from tests.customers import factories as cf
from tests.reports.conftest import Site
from tests.reports.generated import generate, local


def _url(site: Site, suffix: str = "") -> str:
    return f"/projects/{site.project.id}/reports/daily{suffix}"


async def test_every_consultant_has_a_row_and_the_project_its_totals(client: AsyncClient, site: Site) -> None:
    response = await client.get(_url(site), headers=site.headers["finance"])
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["date"] == cf.today().isoformat()  # today in Shanghai by default
    ids = {row["consultant_id"] for row in report["consultants"]}
    assert {str(site.users["consultant"].id), str(site.users["consultant2"].id)} <= ids
    row = report["consultants"][0]
    assert row["figures"]["visits"] == {"day": "0", "month_to_date": "0", "year_to_date": "0"}
    assert report["totals"]["new_customers"]["day"] == str(len(site.customers))  # the site's, made today
    assert report["allowed_actions"] == []  # finance reads, does not confirm


async def test_a_consultant_reads_only_their_own_row_without_totals(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    await generate(session, site, day)
    response = await client.get(_url(site, f"?date={day}"), headers=site.headers["consultant"])
    assert response.status_code == 200, response.text
    report = response.json()
    assert [row["consultant_id"] for row in report["consultants"]] == [str(site.users["consultant"].id)]
    assert report["totals"] is None
    assert report["allowed_actions"] == [] and report["consultants"][0]["allowed_actions"] == []
    assert Decimal(report["consultants"][0]["figures"]["visits"]["day"]) > 0
    refused = await client.post(
        _url(site, f"/{day}/confirmations"),
        json={"consultant_ids": [str(site.users["consultant"].id)]},
        headers=site.headers["consultant"],
    )
    assert refused.status_code == 403


async def test_another_organization_finds_no_project(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    other = await f.create_organization(session, name="Other")
    admin = await f.create_user(session, organization=other, is_admin=True)
    response = await client.get(_url(site), headers=f.auth_headers(admin))
    assert response.status_code == 404


async def test_a_confirmed_day_keeps_its_figures_and_shows_what_moved_since(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    day = cf.today() - timedelta(days=1)
    await generate(session, site, day)
    consultant = site.users["consultant"]
    body = {"consultant_ids": [str(consultant.id)]}
    confirmed = await client.post(
        _url(site, f"/{day}/confirmations"), json=body, headers=site.headers["supervisor"]
    )
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["confirmed"][0]["confirmed_by"] == str(site.users["supervisor"].id)

    again = await client.post(
        _url(site, f"/{day}/confirmations"), json=body, headers=site.headers["site_manager"]
    )
    assert again.status_code == 409 and again.json()["code"] == "already_confirmed"

    report = (await client.get(_url(site, f"?date={day}"), headers=site.headers["supervisor"])).json()
    row = next(r for r in report["consultants"] if r["consultant_id"] == str(consultant.id))
    assert row["confirmed_by"] == str(site.users["supervisor"].id) and row["confirmed_at"]
    assert row["confirmed_by_name"] and row["differences"] == [] and row["allowed_actions"] == []
    other = next(r for r in report["consultants"] if r["consultant_id"] == str(site.users["consultant2"].id))
    assert other["confirmed_at"] is None and other["allowed_actions"] == ["confirm"]

    # A late entry: a customer registered that day, after the confirmation.
    late = await cf.create_customer(session, project=site.project, owner=consultant)
    late.created_at = local(day, 18)
    await session.flush()
    report = (await client.get(_url(site, f"?date={day}"), headers=site.headers["supervisor"])).json()
    row = next(r for r in report["consultants"] if r["consultant_id"] == str(consultant.id))
    moved = {d["metric"]: d for d in row["differences"]}
    assert set(moved) == {"new_customers", "new_customers.walk_in"}
    before, now = moved["new_customers"]["confirmed"], moved["new_customers"]["now"]
    for period in ("day", "month_to_date", "year_to_date"):
        assert Decimal(now[period]) == Decimal(before[period]) + 1


async def test_bad_days_and_consultants_are_422s_naming_the_field(client: AsyncClient, site: Site) -> None:
    h = site.headers["supervisor"]
    tomorrow = cf.today() + timedelta(days=1)
    for query in ("?date=2026-02-30", "?date=yesterday", "?date=1900-01-01", f"?date={tomorrow}"):
        response = await client.get(_url(site, query), headers=h)
        assert response.status_code == 422, (query, response.text)
        assert "date" in response.text
    body = {"consultant_ids": [str(site.users["consultant"].id)]}
    future = await client.post(_url(site, f"/{tomorrow}/confirmations"), json=body, headers=h)
    assert future.status_code == 422 and "date" in future.text
    malformed = await client.post(_url(site, "/2026-13-01/confirmations"), json=body, headers=h)
    assert malformed.status_code == 422 and "date" in malformed.text
    day = cf.today() - timedelta(days=1)
    stranger = await client.post(
        _url(site, f"/{day}/confirmations"), json={"consultant_ids": [str(site.project.id)]}, headers=h
    )
    assert stranger.status_code == 422 and "consultant_ids" in stranger.text
    empty = await client.post(_url(site, f"/{day}/confirmations"), json={"consultant_ids": []}, headers=h)
    assert empty.status_code == 422 and "consultant_ids" in empty.text


async def test_the_workbook_has_the_same_totals(
    client: AsyncClient, site: Site, session: AsyncSession
) -> None:
    from openpyxl import load_workbook

    day = cf.today() - timedelta(days=1)
    await generate(session, site, day)
    h = site.headers["project_manager"]
    report = (await client.get(_url(site, f"?date={day}"), headers=h)).json()
    response = await client.get(_url(site, f".xlsx?date={day}"), headers=h)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Day", "Month to date", "Year to date"]
    for title, period in (
        ("Day", "day"),
        ("Month to date", "month_to_date"),
        ("Year to date", "year_to_date"),
    ):
        rows = list(book[title].iter_rows(values_only=True))
        header = rows[1]
        total = next(r for r in rows if r[0] == "Total")
        consultants = [r for r in rows[2:] if r[0] != "Total"]
        assert len(consultants) == len(report["consultants"])
        for key, figure in report["totals"].items():
            column = header.index(key)
            assert Decimal(str(total[column])) == Decimal(figure[period]), (title, key)
        visits = header.index("visits")
        assert sum(Decimal(str(r[visits])) for r in consultants) == Decimal(
            report["totals"]["visits"][period]
        )
