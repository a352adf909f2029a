"""Customers and reception in a real browser.

The walk-in flow end to end, and 撞单 told to a second consultant.
"""

import random
import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def side_menu(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_role("navigation", name=re.compile("菜单|Menu"))


def new_phone() -> str:
    return f"139{random.randint(0, 99_999_999):08d}"


def open_walk_in(page: Page) -> None:
    side_menu(page).get_by_text("来访接待", exact=True).click()
    expect(page).to_have_url(re.compile(r"/walk-in$"))
    expect(page.get_by_role("heading", name="来访接待")).to_be_visible()


def register(page: Page, phone: str, name: str) -> None:
    form = page.get_by_role("form", name="登记客户")
    form.get_by_label("手机号").fill(phone)
    form.get_by_label("姓名").fill(name)
    form.get_by_role("button", name="登记并继续").click()


def log_out(page: Page) -> None:
    page.get_by_label("个人信息").click()
    page.get_by_text("退出登录").click()
    expect(page).to_have_url(re.compile(r"/login$"))


def test_walk_in_next_consultant_registers_a_customer_and_logs_the_visit(page: Page) -> None:
    log_in(page, "sup@a.demo")
    open_walk_in(page)

    # 1. Whose turn: the rotation gives the walk-in to the next consultant on today's roster.
    page.get_by_role("button", name="分配下一位顾问").click()
    receiver = page.get_by_test_id("walk-in-receiver")
    expect(receiver).to_contain_text(re.compile("置业顾问 (陈晓|刘洋)"))
    expect(receiver).to_contain_text(re.compile(r"今日第 \d+ 组"))
    consultant = re.search(r"置业顾问 (陈晓|刘洋)", receiver.inner_text())
    assert consultant is not None

    # 2. A new customer, registered to that consultant.
    name = f"来访客户{uuid.uuid4().hex[:4]}"
    phone = new_phone()
    register(page, phone, name)

    # 3. The visit.
    visit = page.get_by_role("form", name="记录来访")
    visit.get_by_label("来访人数").fill("3")
    visit.get_by_label("备注").fill("一家三口，看三房")
    visit.get_by_role("button", name="记录来访").click()
    expect(page.get_by_text("来访已记录")).to_be_visible()
    expect(page.get_by_text(f"{name} 由 {consultant.group(0)} 接待")).to_be_visible()

    # The visit is on the customer's timeline, received by that consultant, who owns the customer.
    page.get_by_role("button", name="查看客户").click()
    expect(page).to_have_url(re.compile(r"/customers/[0-9a-f-]+$"))
    expect(page.get_by_test_id("customer-name")).to_have_text(name)
    timeline = page.get_by_test_id("customer-timeline")
    visit_entry = timeline.locator("[data-kind=visit]")
    expect(visit_entry).to_have_count(1)
    expect(visit_entry).to_contain_text("一家三口，看三房")
    expect(visit_entry).to_contain_text(consultant.group(0))
    expect(timeline.locator("[data-kind=registered]")).to_have_count(1)
    expect(page.get_by_text("已到访", exact=True)).to_be_visible()

    # And in the list, found by part of the phone.
    side_menu(page).get_by_text("客户", exact=True).click()
    page.get_by_label("姓名或手机号片段").fill(phone[-6:])
    expect(page.get_by_role("row", name=re.compile(name))).to_contain_text(consultant.group(0))

    # The customer comes back: their phone at the door sends them to their owner and logs the visit at once.
    open_walk_in(page)
    page.get_by_label("来访者手机号（可选）").fill(phone)
    page.get_by_role("button", name="分配下一位顾问").click()
    expect(page.get_by_text(f"{name} 由 {consultant.group(0)} 接待")).to_be_visible()
    page.get_by_role("button", name="查看客户").click()
    expect(page.get_by_test_id("customer-timeline").locator("[data-kind=visit]")).to_have_count(2)


def test_second_consultant_is_told_who_owns_the_phone(page: Page, browser_errors) -> None:  # type: ignore[no-untyped-def]
    browser_errors.allow(r"status of 409")  # Chromium logs the refused registration
    phone = new_phone()

    # c1 receives a visitor and registers them.
    log_in(page, "c1@a.demo")
    open_walk_in(page)
    page.get_by_role("button", name="由我接待").click()
    register(page, phone, "撞单测试甲")
    expect(page.get_by_role("form", name="记录来访")).to_be_visible()
    log_out(page)

    # c2 tries to register the same phone (written differently): told it is 陈晓's, on the phone field.
    log_in(page, "c2@a.demo")
    open_walk_in(page)
    page.get_by_role("button", name="由我接待").click()
    register(page, f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}", "撞单测试乙")
    form = page.get_by_role("form", name="登记客户")
    phone_item = form.locator(".ant-form-item").filter(has=page.get_by_label("手机号"))
    message = phone_item.locator(".ant-form-item-explain-error")
    expect(message).to_contain_text("该手机号已是 置业顾问 陈晓 的客户")
    expect(message).to_contain_text("撞单已记录")
    expect(page.get_by_role("form", name="记录来访")).to_have_count(0)
    log_out(page)

    # The supervisor sees the attempt, to settle it.
    log_in(page, "sup@a.demo")
    side_menu(page).get_by_text("客户", exact=True).click()
    page.get_by_role("tab", name="撞单记录").click()
    attempt = page.get_by_role("row", name=re.compile("撞单测试乙"))
    expect(attempt).to_contain_text("置业顾问 刘洋")
    expect(attempt).to_contain_text("置业顾问 陈晓")


def test_consultant_claims_from_the_pool_then_logs_a_call_and_completes_a_follow_up(page: Page) -> None:
    log_in(page, "c2@a.demo")
    side_menu(page).get_by_text("客户", exact=True).click()
    page.get_by_text("公客池", exact=True).click()
    first = page.locator(".ant-table-row").first
    expect(first).to_contain_text("公客")
    name = first.locator("a").first.inner_text()
    first.locator("a").first.click()

    # A pool customer: masked to a consultant until claimed.
    expect(page.get_by_test_id("customer-name")).to_have_text(name)
    page.get_by_role("button", name="认领").click()
    expect(page.get_by_text("已认领")).to_be_visible()
    timeline = page.get_by_test_id("customer-timeline")
    expect(timeline.locator("[data-kind=claimed]").first).to_contain_text("置业顾问 刘洋")

    # A call, then a follow-up planned and done, each on the timeline.
    page.get_by_role("button", name="记录来电").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("备注").fill("询问样板间开放时间")
    dialog.get_by_role("button", name=re.compile(r"保\s*存")).click()
    expect(dialog).to_be_hidden()
    expect(timeline.locator("[data-kind=call]").first).to_contain_text("询问样板间开放时间")

    page.get_by_role("button", name="新增跟进").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("备注").fill("周末邀约看房")
    dialog.get_by_role("button", name=re.compile(r"保\s*存")).click()
    expect(dialog).to_be_hidden()
    plan = page.get_by_test_id("customer-follow-ups")
    expect(plan).to_contain_text("周末邀约看房")
    plan.get_by_role("button", name=re.compile(r"完\s*成")).first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("跟进结果").fill("已约周六上午")
    dialog.get_by_role("button", name=re.compile(r"保\s*存")).click()
    expect(dialog).to_be_hidden()
    expect(timeline.locator("[data-kind=follow_up_done]").first).to_contain_text("已约周六上午")
