"""Targets in a real browser (issue #14 part 1): sup@a.demo opens next month's draft from the menu, sees
the mismatch the demo left, splits the project's figures equally and submits; pm@a.demo approves it on
the same page; c1 reads their own targets on a phone."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import BrowserErrors, watched_page
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
OK = re.compile(r"^(确\s*定|OK)$")


def test_a_supervisor_splits_and_submits_and_the_project_manager_approves(
    browser: Browser, base_url: str, page: Page, browser_errors: BrowserErrors
) -> None:
    log_in(page, "sup@a.demo")
    page.get_by_role("navigation", name="菜单").get_by_text("销售目标", exact=True).click()
    expect(page.get_by_role("heading", name="销售目标")).to_be_visible()
    expect(page.get_by_test_id("plan-status")).to_have_text("草稿")
    # The demo's draft asks more contracts of the project than its consultants promise.
    expect(page.get_by_test_id("mismatch-summary")).to_contain_text("目标未对齐")
    expect(page.get_by_test_id("mismatch-row").first).to_be_visible()

    page.get_by_test_id("split-targets").click()
    expect(page.get_by_test_id("mismatch-summary")).to_contain_text("各级目标已对齐")
    expect(page.get_by_test_id("mismatch-row")).to_have_count(0)

    page.get_by_test_id("submit-targets").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=OK).click()
    expect(page.get_by_test_id("plan-status")).to_have_text("待审批")
    expect(page.get_by_test_id("submit-targets")).to_have_count(0)

    errors = BrowserErrors()
    with watched_page(browser, base_url, {"width": 1280, "height": 800}, errors, "pm's desk") as desk:
        log_in(desk, "pm@a.demo")
        desk.goto("/targets")
        expect(desk.get_by_test_id("plan-status")).to_have_text("待审批")
        desk.get_by_test_id("approve-targets").click()
        desk.locator(".ant-popconfirm").get_by_role("button", name=OK).click()
        expect(desk.get_by_test_id("plan-status")).to_have_text("已批准")
        expect(desk.get_by_test_id("approve-targets")).to_have_count(0)
        expect(desk.get_by_role("spinbutton")).to_have_count(0)


def test_a_consultant_reads_their_own_targets_on_a_phone(browser: Browser, base_url: str) -> None:
    errors = BrowserErrors()
    with watched_page(browser, base_url, PHONE, errors, "c1's phone") as phone:
        log_in(phone, "c1@a.demo")
        phone.goto("/targets/mine")
        expect(phone.get_by_role("heading", name="我的目标")).to_be_visible()
        cards = phone.get_by_test_id("targets-cards")
        expect(cards).to_be_visible()
        expect(cards.get_by_text("置业顾问 陈晓")).to_be_visible()
        expect(cards.get_by_text("置业顾问 刘洋")).to_have_count(0)
        expect(phone.get_by_role("spinbutton")).to_have_count(0)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
