"""The daily report in a real browser (issue #14, "done means"): the supervisor opens yesterday's report of
the demo project in the morning, sees each consultant's visits and deals, confirms the day, and downloads
the workbook, which opens with the same totals."""

import io
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

CONSULTANTS = ("置业顾问 陈晓", "置业顾问 刘洋")


def _cell(page: Page, row_name: str, metric: str, period: str = "day") -> str:
    row = page.locator(
        "tr.ant-table-row", has=page.get_by_test_id("consultant-name").filter(has_text=row_name)
    )
    return row.locator(f'td[data-metric="{metric}"][data-period="{period}"]').inner_text().strip()


def test_the_supervisor_confirms_yesterday_and_downloads_it(page: Page) -> None:
    from openpyxl import load_workbook

    log_in(page, "sup@a.demo")
    page.get_by_role("menuitem", name="日报").click()
    expect(page.get_by_role("heading", name="日报")).to_be_visible()
    page.get_by_test_id("daily-quick").get_by_text("昨天").click()
    table = page.get_by_test_id("daily-table")
    for name in CONSULTANTS:
        expect(table.get_by_test_id("consultant-name").filter(has_text=name)).to_be_visible()
    # Each consultant had a customer back yesterday; 陈晓 also subscribed a unit (the demo's yesterday).
    for name in CONSULTANTS:
        assert int(_cell(page, name, "visits")) >= 1, name
    assert int(_cell(page, CONSULTANTS[0], "subscriptions.units")) >= 1
    totals = page.get_by_test_id("daily-totals")
    visits_total = totals.locator('[data-metric="visits"][data-period="day"]').inner_text().strip()
    collections_total = totals.locator(
        '[data-metric="collections"][data-period="month_to_date"]'
    ).inner_text()

    page.get_by_test_id("confirm-all").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile("确\\s*定|OK")).click()
    for name in CONSULTANTS:
        row = page.locator(
            "tr.ant-table-row", has=page.get_by_test_id("consultant-name").filter(has_text=name)
        )
        expect(row.get_by_test_id("confirmed")).to_be_visible()
    expect(page.get_by_test_id("confirm-all")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_test_id("daily-export").click()
    assert re.fullmatch(r"daily-.+-\d{4}-\d{2}-\d{2}\.xlsx", download.value.suggested_filename)
    path = download.value.path()
    book = load_workbook(io.BytesIO(path.read_bytes()))
    day = list(book["Day"].iter_rows(values_only=True))
    header, total = day[1], next(r for r in day if r[0] == "Total")
    assert Decimal(str(total[header.index("visits")])) == Decimal(visits_total)
    month = list(book["Month to date"].iter_rows(values_only=True))
    month_total = next(r for r in month if r[0] == "Total")[header.index("collections")]
    assert Decimal(str(month_total)) == Decimal(collections_total.replace(",", "").strip())
    assert {r[0] for r in day[2:]} >= set(CONSULTANTS)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_a_consultant_on_a_phone_sees_their_own_card(page: Page) -> None:
    log_in(page, "c2@a.demo")
    page.goto("/reports/daily")
    page.get_by_test_id("daily-quick").get_by_text("昨天").click()
    cards = page.get_by_test_id("daily-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(CONSULTANTS[1])
    expect(page.get_by_test_id("daily-totals-card")).to_have_count(0)
    expect(page.get_by_text("你只能看到自己的业绩")).to_be_visible()
