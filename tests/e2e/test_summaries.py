"""Summaries in a real browser (issue #14 item 4): the supervisor opens last month's summary of the demo
project, completes a section, saves and submits it, and downloads the PDF; on a phone the figures are
cards."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def test_the_supervisor_completes_saves_submits_and_downloads_last_months_summary(page: Page) -> None:
    log_in(page, "sup@a.demo")
    page.get_by_role("menuitem", name="总结报告").click()
    expect(page.get_by_role("heading", name="总结报告")).to_be_visible()
    expect(page.get_by_test_id("summary-period")).to_have_text(re.compile(r"^\d{4}-\d{2}$"))
    expect(page.get_by_test_id("summary-status")).to_have_text("草稿")
    figures = page.get_by_test_id("summary-figures")
    expect(figures.get_by_text("认购套数")).to_be_visible()
    results = page.get_by_test_id("section-results").locator("textarea")
    expect(results).to_have_value(re.compile(r"^本月认购 \d+ 套"))

    works = page.get_by_test_id("section-works_progress").locator("textarea")
    works.fill("3 号楼主体结构封顶，样板间 12 月开放。")
    page.get_by_test_id("summary-save").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(page.get_by_test_id("summary-save")).to_be_disabled()

    page.get_by_test_id("summary-submit").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile("确\\s*定|OK")).click()
    expect(page.get_by_test_id("summary-status")).to_have_text("已提交")
    expect(page.get_by_test_id("summary-submit")).to_have_count(0)
    page.reload()
    expect(page.get_by_test_id("section-works_progress").locator("textarea")).to_have_value(
        "3 号楼主体结构封顶，样板间 12 月开放。"
    )

    with page.expect_download() as download:
        page.get_by_test_id("summary-pdf").click()
    assert re.fullmatch(r"summary-.+-\d{4}-\d{2}\.pdf", download.value.suggested_filename)
    assert download.value.path().read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_on_a_phone_the_figures_are_cards(page: Page) -> None:
    log_in(page, "sup@a.demo")
    page.goto("/reports/summaries")
    page.get_by_test_id("summary-kind").get_by_text("周报").click()
    expect(page.get_by_test_id("summary-period")).to_have_text(re.compile(r"^\d{4}-W\d{2}$"))
    cards = page.get_by_test_id("summary-figure-cards")
    expect(cards.get_by_text("认购套数")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
