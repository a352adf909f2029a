"""Campaigns in a real browser (issue #14): the site manager creates a campaign, records a cost on its
page and sees the running total, then finds it with that cost in the channels report, whose chart of
cost per deal draws (the demo's campaigns brought deals); the report fits a 390 px phone."""

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import BrowserErrors, watched_page
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SAVE = re.compile(r"^保\s*存$")


def test_a_site_manager_creates_a_campaign_with_a_cost_and_sees_it_in_the_channels_report(
    page: Page, browser: Browser, base_url: str
) -> None:
    name = f"地铁灯箱 {uuid.uuid4().hex[:6]}"
    log_in(page, "sm@a.demo")
    page.get_by_role("navigation", name="菜单").get_by_text("广告与活动", exact=True).click()
    expect(page.get_by_role("heading", name="广告与活动")).to_be_visible()

    page.get_by_test_id("create-campaign").click()
    form = page.locator(".ant-modal:visible")
    form.get_by_label("名称").fill(name)
    form.get_by_label("预算（元）").fill("50000")
    form.get_by_role("button", name=SAVE).click()
    expect(page).to_have_url(re.compile(r"/campaigns/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_test_id("effect-card")).to_be_visible()

    page.get_by_test_id("add-cost").click()
    cost = page.locator(".ant-modal:visible")
    cost.get_by_label("金额（元）").fill("12000.50")
    cost.get_by_label("说明").fill("灯箱画面制作")
    cost.get_by_role("button", name=SAVE).click()
    expect(page.get_by_test_id("cost-total")).to_have_text("¥12,000.50")
    expect(page.get_by_test_id("campaign-cost")).to_have_text("¥12,000.50")

    page.get_by_role("navigation", name="菜单").get_by_text("渠道效果", exact=True).click()
    expect(page.get_by_role("heading", name="渠道与活动效果")).to_be_visible()
    row = page.get_by_test_id("report-campaigns").locator("tr", has_text=name)
    expect(row).to_contain_text("¥12,000.50")
    expect(page.get_by_test_id("chart-cost-per-deal").locator("canvas")).to_have_count(1)

    # The same report on a phone: no sideways scroll of the page (the tables scroll inside their cards).
    with watched_page(browser, base_url, PHONE, BrowserErrors(), "the phone") as phone:
        log_in(phone, "sm@a.demo")
        phone.goto("/reports/channels")
        expect(phone.get_by_test_id("report-campaigns").locator("tr", has_text=name)).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the report is {width} px wide on a 390 px phone"
