"""The daily close in a real browser (issue #14 item 3): the site manager builds today's close of the demo
project and closes it, finance countersigns it, and the developer's rep finds it as the latest close on
the dashboard and countersigns it too."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import BrowserErrors, watched_page
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

CONFIRM = re.compile("确\\s*定|OK")


def _confirm(page: Page) -> None:
    page.locator(".ant-popconfirm").get_by_role("button", name=CONFIRM).click()


def _as(browser: Browser, base_url: str, who: str) -> Any:
    return watched_page(browser, base_url, {"width": 1280, "height": 800}, BrowserErrors(), who)


def test_built_closed_and_countersigned(page: Page, browser: Browser, base_url: str) -> None:
    log_in(page, "sm@a.demo")
    page.get_by_role("menuitem", name="日清日结").click()
    expect(page.get_by_role("heading", name="日清日结")).to_be_visible()
    # The demo's yesterday is closed and countersigned already.
    expect(page.get_by_test_id("close-row").first).to_be_visible()
    page.get_by_test_id("close-build").click()
    expect(page).to_have_url(re.compile(r"/closing/[0-9a-f-]{36}$"))
    close_url = page.url
    expect(page.get_by_test_id("close-detail-status")).to_have_attribute("data-status", "open")
    expect(page.get_by_test_id("close-board")).to_be_visible()
    page.get_by_test_id("close-close").click()
    _confirm(page)
    expect(page.get_by_test_id("close-detail-status")).to_have_attribute("data-status", "closed")
    expect(page.get_by_test_id("close-close")).to_have_count(0)
    day = re.search(r"(\d{4}-\d{2}-\d{2})", page.get_by_role("heading").first.inner_text())
    assert day is not None

    with _as(browser, base_url, "finance") as finance:
        log_in(finance, "fin@a.demo")
        finance.goto("/closing")
        finance.get_by_test_id("close-row").filter(has_text=day.group(1)).click()
        expect(finance).to_have_url(close_url)
        finance.get_by_test_id("close-countersign").click()
        _confirm(finance)
        expect(finance.get_by_test_id("close-countersign")).to_have_count(0)
        expect(finance.get_by_test_id("close-finance-signature")).to_contain_text("财务 赵敏")
        expect(finance.get_by_test_id("close-detail-status")).to_have_attribute("data-status", "closed")

    with _as(browser, base_url, "the developer's rep") as developer:
        log_in(developer, "dev@a.demo")
        card = developer.get_by_test_id("dashboard-latest-close")
        expect(card.get_by_test_id("latest-close-date")).to_have_text(day.group(1))
        expect(card.get_by_test_id("latest-close-status")).to_have_attribute("data-status", "closed")
        card.get_by_test_id("latest-close-date").click()
        expect(developer).to_have_url(close_url)
        developer.get_by_test_id("close-countersign").click()
        _confirm(developer)
        status = developer.get_by_test_id("close-detail-status")
        expect(status).to_have_attribute("data-status", "countersigned")
        developer.get_by_test_id("close-board-link").click()
        expect(developer).to_have_url(re.compile(r"/board\?at="))
        expect(developer.get_by_role("heading", name="销控表")).to_be_visible()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], ids=["phone"])
def test_the_demo_s_closes_read_on_a_phone(page: Page, viewport: dict[str, int]) -> None:
    log_in(page, "pm@a.demo")
    page.goto("/closing")
    expect(page.get_by_role("heading", name="日清日结")).to_be_visible()
    row = page.get_by_test_id("close-row").filter(has=page.locator('[data-status="countersigned"]'))
    row.first.click()
    expect(page.get_by_test_id("close-detail-status")).to_have_attribute("data-status", "countersigned")
    expect(page.get_by_test_id("close-no-differences")).to_be_visible()
    expect(page.get_by_test_id("close-board")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide at {viewport['width']} px"
