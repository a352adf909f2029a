"""The stored summary: save (If-Match), submit (the figures stored), approve (immutable afterwards), the
422s of bad and future periods, who reads it, and its workbook and PDF."""

import io
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f
from tests.customers import factories as cf
from tests.reports.conftest import Site
from tests.reports.generated import generate


def _url(site: Site, period: str, suffix: str = "") -> str:
    return f"/projects/{site.project.id}/reports/summaries/{period}{suffix}"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _with(headers: dict[str, str], etag: str) -> dict[str, str]:
    return {**headers, "If-Match": etag}


async def test_save_submit_approve(client: AsyncClient, session: AsyncSession, site: Site) -> None:
    month = f"{f.project_today(site.project):%Y-%m}"
    sup, pm = site.headers["supervisor"], site.headers["project_manager"]
    first = await client.get(_url(site, month), headers=sup)
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == '"v0"'
    body = first.json()
    assert body["status"] == "draft" and body["live"] and body["version"] == 0
    assert body["allowed_actions"] == ["edit", "submit"]

    saved = await client.put(
        _url(site, month), json={"sections": {"training": "新员工培训 3 人"}}, headers=_with(sup, '"v0"')
    )
    assert saved.status_code == 200, saved.text
    assert saved.headers["ETag"] == '"v1"'
    assert {s["key"]: s["text"] for s in saved.json()["sections"]}["training"] == "新员工培训 3 人"
    stale = await client.put(
        _url(site, month), json={"sections": {"training": "x"}}, headers=_with(sup, '"v0"')
    )
    assert stale.status_code == 412, stale.text
    unknown = await client.put(_url(site, month), json={"sections": {"weather": "晴"}}, headers=sup)
    assert unknown.status_code == 422 and "sections" in unknown.text
    more = await client.put(_url(site, month), json={"sections": {"proposals": "加强老带新"}}, headers=sup)
    texts = {s["key"]: s["text"] for s in more.json()["sections"]}
    assert texts["training"] == "新员工培训 3 人" and texts["proposals"] == "加强老带新"

    early = await client.post(_url(site, month, "/approve"), headers=pm)
    assert early.status_code == 409 and early.json()["code"] == "summary_not_submitted"
    submitted = await client.post(_url(site, month, "/submit"), headers=sup)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted" and not submitted.json()["live"]
    assert submitted.json()["submitted_by"] == str(site.users["supervisor"].id)
    again = await client.post(_url(site, month, "/submit"), headers=sup)
    assert again.status_code == 409 and again.json()["code"] == "summary_not_draft"

    # The figures are stored at submission: a customer registered afterwards does not move them.
    before = submitted.json()["figures"]["project"]["new_customers"]["value"]
    await cf.create_customer(
        session, project=site.project, owner=site.users["consultant"], phone="13911112222"
    )
    await session.flush()
    daily = await client.get(f"/projects/{site.project.id}/reports/daily", headers=sup)
    assert int(daily.json()["totals"]["new_customers"]["month_to_date"]) == int(before) + 1
    stored = await client.get(_url(site, month), headers=sup)
    assert stored.json()["figures"]["project"]["new_customers"]["value"] == before

    assert (await client.post(_url(site, month, "/approve"), headers=sup)).status_code == 403
    approved = await client.post(_url(site, month, "/approve"), headers=pm)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["allowed_actions"] == []
    for method, suffix, json in (("PUT", "", {"sections": {"training": "改"}}), ("POST", "/submit", None)):
        refused = await client.request(method, _url(site, month, suffix), json=json, headers=sup)
        assert refused.status_code == 409 and refused.json()["code"] == "summary_immutable", refused.text
    refused = await client.post(_url(site, month, "/approve"), headers=pm)
    assert refused.status_code == 409 and refused.json()["code"] == "summary_immutable"


async def test_bad_and_future_periods_are_422s_naming_period(client: AsyncClient, site: Site) -> None:
    sup = site.headers["supervisor"]
    today = f.project_today(site.project)
    next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    next_week = today + timedelta(days=7)
    for period in (
        "2026-13",
        "2026-00",
        "2026-W54",
        "2026-W00",
        "2026-Q5",
        "2026-Q0",
        "1900-01",
        "2026-11-01",
        "november",
        f"{next_month:%Y-%m}",
        f"{next_week.isocalendar()[0]}-W{next_week.isocalendar()[1]:02d}",
        f"{today.year + 1}-Q1",
    ):
        response = await client.get(_url(site, period), headers=sup)
        assert response.status_code == 422, (period, response.text)
        assert "period" in response.text, period
    future = await client.put(
        _url(site, f"{next_month:%Y-%m}"), json={"sections": {"training": "x"}}, headers=sup
    )
    assert future.status_code == 422 and "period" in future.text


async def test_who_reads_and_writes(client: AsyncClient, site: Site) -> None:
    month = f"{f.project_today(site.project):%Y-%m}"
    for role in ("admin", "project_manager", "site_manager", "supervisor", "finance", "developer_rep"):
        response = await client.get(_url(site, month), headers=site.headers[role])
        assert response.status_code == 200, (role, response.text)
    for suffix in ("", ".xlsx", ".pdf"):
        refused = await client.get(_url(site, month, suffix), headers=site.headers["consultant"])
        assert refused.status_code == 403, suffix
    finance = await client.get(_url(site, month), headers=site.headers["finance"])
    assert finance.json()["allowed_actions"] == []
    save = await client.put(
        _url(site, month), json={"sections": {"training": "x"}}, headers=site.headers["finance"]
    )
    assert save.status_code == 403


async def test_the_workbook_and_the_pdf_open(
    client: AsyncClient, session: AsyncSession, site: Site, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    last = f.project_today(site.project).replace(day=1) - timedelta(days=1)
    await generate(session, site, last.replace(day=15))
    await session.flush()
    month = f"{last:%Y-%m}"
    sup = site.headers["supervisor"]
    await client.put(_url(site, month), json={"sections": {"works_progress": "主体结构封顶"}}, headers=sup)
    summary = (await client.get(_url(site, month), headers=sup)).json()

    workbook = await client.get(_url(site, month, ".xlsx"), headers=sup)
    assert workbook.status_code == 200, workbook.text
    assert f"summary-{site.project.code}-{month}.xlsx" in workbook.headers["content-disposition"]
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["Figures", "Sections", "Campaigns"]
    rows = list(book["Figures"].iter_rows(values_only=True))
    assert rows[1][:4] == ("scope", "metric", "name", "value")
    project = {row[1]: row for row in rows[2:] if row[0] == "项目合计"}
    units = summary["figures"]["project"]["subscriptions.units"]
    assert project["subscriptions.units"][3] == int(units["value"])
    sections = {row[0]: row[2] for row in book["Sections"].iter_rows(min_row=3, values_only=True)}
    assert sections["works_progress"] == "主体结构封顶"
    assert sections["results"].startswith("本月认购")

    pdf = await client.get(_url(site, month, ".pdf"), headers=sup)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf.content)
    assert shutil.which("pdftotext"), "install poppler-utils"
    text = _pdf_text(path)
    compact = "".join(text.split())
    assert "月报" in compact and "主体结构封顶" in compact and "工程进度" in compact
    assert "认购套数" in compact and f"本月认购{int(units['value'])}套" in compact
