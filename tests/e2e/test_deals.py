"""Deals in a real browser: a consultant subscribes a unit with a discount beyond their authority, a
supervisor approves it in another browser, the consultant records the deposit, and the board shows
the unit subscribed."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BrowserErrors
from tests.e2e.helpers import log_in, open_board

pytestmark = pytest.mark.e2e


def test_a_discount_beyond_the_consultants_authority_waits_for_the_supervisor_then_the_deposit_is_recorded(
    page: Page, second_page: tuple[Page, BrowserErrors]
) -> None:
    consultant = page
    supervisor, _ = second_page
    log_in(consultant, "c1@a.demo")

    # From the board: an available unit, its drawer, 认购.
    open_board(consultant)
    cell = consultant.locator("[data-testid^='unit-'][data-status='available']").first
    code = (cell.get_attribute("data-testid") or "").removeprefix("unit-")
    assert code
    cell.click()
    drawer = consultant.get_by_test_id("unit-drawer")
    expect(drawer.get_by_text(f"房源 {code}")).to_be_visible()
    drawer.get_by_test_id("unit-subscribe").click()
    expect(consultant).to_have_url(re.compile(r"/deals/new\?unit_id="))
    expect(consultant.get_by_role("heading", name="认购")).to_be_visible()

    # Step 1: one of c1's customers.
    step = consultant.get_by_test_id("wizard-step-buyers")
    step.locator(".ant-select").filter(has=consultant.get_by_role("combobox", name="买受人")).click()
    option = consultant.locator(".ant-select-dropdown:visible .ant-select-item-option").first
    expect(option).to_be_visible()
    buyer = (option.inner_text()).split(" · ")[0].strip()
    option.click()
    consultant.keyboard.press("Escape")
    consultant.get_by_role("button", name="下一步").click()

    # Step 2: a 0.5 % discount; consultants may give 0 %, so the live quote says it needs approval — by
    # whom is kept from consultants (a developer's approval would give away that a price is below the floor).
    step = consultant.get_by_test_id("wizard-step-price")
    step.get_by_role("button", name="添加优惠").click()
    step.get_by_label("数值").fill("0.5")
    step.get_by_label("原因").fill("开盘当日优惠")
    quote = consultant.get_by_test_id("quote-summary")
    expect(quote.get_by_test_id("quote-approval")).to_contain_text("需上级审批")
    expect(quote).to_contain_text("开盘当日优惠")
    final_price = quote.get_by_test_id("quote-final-price").inner_text()
    assert re.fullmatch(r"¥\d{1,3}(,\d{3})*\.\d{2}", final_price), final_price
    consultant.get_by_role("button", name="下一步").click()

    # Step 3: the schedule adds up to the final price; step 4: subscribe.
    preview = consultant.get_by_test_id("schedule-preview")
    expect(preview.get_by_text("定金")).to_be_visible()
    expect(preview).to_contain_text(final_price)
    consultant.get_by_role("button", name="下一步").click()
    expect(consultant.get_by_test_id("wizard-step-confirm")).to_contain_text(buyer)
    consultant.get_by_role("button", name="确认认购").click()
    expect(consultant.get_by_text("等待上级审批折扣")).to_be_visible()
    consultant.get_by_test_id("open-new-deal").click()
    expect(consultant.get_by_test_id("deal-title")).to_have_text(f"交易 {code}")
    expect(consultant.get_by_test_id("deal-status")).to_have_text("待审批")
    expect(consultant.get_by_test_id("deal-pending")).to_be_visible()
    deal_url = consultant.url

    # The supervisor approves it in the inbox, in another browser.
    log_in(supervisor, "sup@a.demo")
    supervisor.goto("/approvals")
    card = supervisor.get_by_test_id("approval-card").filter(has_text=code)
    expect(card).to_be_visible()
    expect(card.get_by_test_id("approval-deal-link")).to_be_visible()
    card.get_by_role("button", name="通过").click()
    supervisor.locator(".ant-modal:visible").get_by_role("button", name=re.compile(r"^通\s*过$")).click()
    expect(supervisor.get_by_test_id("approval-card").filter(has_text=code)).to_have_count(0)

    # The consultant sees it subscribed and records the deposit (the form proposes the first open line).
    consultant.goto(deal_url)
    expect(consultant.get_by_test_id("deal-status")).to_have_text("已认购")
    expect(consultant.get_by_test_id("deal-price")).to_contain_text("已审批")
    consultant.get_by_role("button", name="登记收款").click()
    dialog = consultant.locator(".ant-modal:visible")
    expect(dialog.get_by_label("金额（元）")).to_have_value("50000.00")
    dialog.get_by_label("凭证号").fill("POS-0001")
    dialog.get_by_role("button", name="登记收款").click()
    expect(consultant.get_by_text("已登记收款 ¥50,000.00")).to_be_visible()
    payments = consultant.get_by_test_id("deal-payments")
    expect(payments).to_contain_text("POS-0001")
    expect(payments).to_contain_text("¥50,000.00")
    expect(consultant.get_by_test_id("deal-schedule").get_by_text("已结清")).to_be_visible()

    # And the board shows the unit subscribed.
    open_board(consultant)
    expect(consultant.get_by_test_id(f"unit-{code}")).to_have_attribute("data-status", "subscribed")
