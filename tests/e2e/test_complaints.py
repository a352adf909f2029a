"""Complaints in a real browser (issue #12, "done means"): a consultant files one as a new user would;
left past its deadline, the sweep escalates it to the site manager, who sees it at level 2 with the
reason on its timeline, resolves it and makes the customer's rating link; the customer rates on a
phone-sized browser with no login; the statistics page counts it."""

import asyncio
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import E2E_DATABASE, BrowserErrors, watched_page
from tests.e2e.helpers import choose, log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _database_urls() -> tuple[str, str]:
    """The e2e database on the embedded server: a libpq URI (as its owner) and the app's SQLAlchemy URL."""
    from anchang.core.config import get_settings
    from anchang.core.embedded_pg import server_url, start_embedded_postgres

    server = start_embedded_postgres(get_settings().data_dir)
    libpq = server.get_uri().replace("/postgres?", f"/{E2E_DATABASE}?", 1)
    return libpq, server_url(server, E2E_DATABASE)


def _let_deadline_pass(complaint_id: str) -> int:
    """Moves the complaint's acknowledgement deadline into the past, then runs one escalation sweep
    as the server's would; returns how many complaints climbed."""
    from anchang.complaints.service import sweep_once
    from anchang.core.db import Database

    libpq, url = _database_urls()
    with psycopg.connect(libpq, autocommit=True) as conn:
        changed = conn.execute(
            "UPDATE complaints SET acknowledge_due_at = now() - interval '1 hour',"
            " escalates_at = now() - interval '1 hour' WHERE id = %s",
            (uuid.UUID(complaint_id),),
        ).rowcount
    assert changed == 1

    async def sweep() -> int:
        database = Database(url, pool_size=1)
        try:
            return await sweep_once(database)
        finally:
            await database.dispose()

    # Playwright's sync API keeps an event loop running in this thread: the sweep gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, sweep()).result()


def test_a_complaint_left_past_its_deadline_climbs_to_the_site_manager_and_the_customer_rates_it(
    page: Page, second_page: tuple[Page, BrowserErrors], browser: Browser, base_url: str
) -> None:
    consultant = page
    manager, _ = second_page
    title = f"样板间地暖未按承诺安装 {uuid.uuid4().hex[:6]}"

    # The consultant files it from the complaints page, as a new user would.
    log_in(consultant, "c1@a.demo")
    consultant.get_by_role("navigation", name="菜单").get_by_text("投诉", exact=True).click()
    expect(consultant.get_by_role("heading", name="投诉")).to_be_visible()
    consultant.get_by_test_id("file-complaint").click()
    form = consultant.locator(".ant-modal:visible")
    form.get_by_label("标题").fill(title)
    form.get_by_label("投诉内容").fill("客户称样板间展示的地暖在交房时没有安装。")
    choose(form, "来源", "客户投诉")
    choose(form, "类别", "销售承诺")
    form.get_by_role("button", name="登记投诉").click()
    expect(consultant).to_have_url(re.compile(r"/complaints/[0-9a-f-]{36}$"))
    complaint_id = consultant.url.rsplit("/", 1)[1]
    expect(consultant.get_by_test_id("complaint-title")).to_have_text(title)
    expect(consultant.get_by_test_id("complaint-status")).to_have_text("待受理")
    expect(consultant.get_by_test_id("complaint-ladder")).to_have_attribute("data-level", "1")
    expect(consultant.get_by_test_id("complaint-countdown")).to_have_attribute("data-overdue", "false")

    # Nobody acknowledges it in time: the sweep moves it up a level.
    assert _let_deadline_pass(complaint_id) >= 1

    # The site manager sees it at level 2, assigned to them, with the reason on the timeline.
    log_in(manager, "sm@a.demo")
    manager.goto("/complaints")
    row = manager.get_by_test_id("complaint-row").filter(has_text=title)
    expect(row).to_contain_text("第 2 级 · 案场经理")
    row.get_by_test_id("complaint-link").click()
    expect(manager.get_by_test_id("complaint-ladder")).to_have_attribute("data-level", "2")
    escalation = manager.locator("[data-testid='complaint-timeline-item'][data-type='escalate']")
    expect(escalation).to_contain_text("超过受理时限自动升级")
    expect(escalation).to_contain_text("第 1 级 → 第 2 级")
    expect(escalation).to_contain_text("系统")

    # They resolve it with an explanation, then make the customer's rating link.
    manager.get_by_test_id("complaint-action-resolve").click()
    dialog = manager.locator(".ant-modal:visible")
    dialog.get_by_label("处理结果").fill("已与施工方确认，本周内免费补装地暖。")
    dialog.get_by_text("维修整改").click()
    dialog.get_by_role("button", name=re.compile(r"^解\s*决$")).click()
    expect(manager.get_by_test_id("complaint-status")).to_have_text("已解决")
    manager.get_by_test_id("complaint-action-rating_link").click()
    link = manager.get_by_test_id("rating-link-url").input_value()
    assert re.fullmatch(rf"{re.escape(base_url)}/rate/\S+", link), link
    manager.locator(".ant-modal:visible .ant-modal-close").click()

    # The customer opens it on a phone, signed in nowhere, and rates it.
    with watched_page(browser, base_url, PHONE, BrowserErrors(), "the customer's phone") as phone:
        phone.goto(link)
        expect(phone).to_have_url(link)  # no detour through the login page
        expect(phone.get_by_test_id("rate-title")).to_have_text(title)
        expect(phone.get_by_test_id("rate-resolution")).to_contain_text("免费补装地暖")
        phone.get_by_role("radio").nth(4).click()
        phone.get_by_label("您的意见（选填）").fill("处理很及时")
        phone.get_by_role("button", name="提交评价").click()
        expect(phone.get_by_test_id("rate-thanks")).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the rating page is {width} px wide on a 390 px phone"
        phone.reload()
        expect(phone.get_by_test_id("rate-used")).to_be_visible()

    # The timeline shows the customer's rating; the statistics count the complaint.
    manager.reload()
    rated = manager.locator("[data-testid='complaint-timeline-item'][data-type='rated']")
    expect(rated).to_contain_text("5 星")
    manager.goto("/reports/complaints")
    expect(manager.get_by_role("heading", name="投诉统计")).to_be_visible()
    total = manager.get_by_test_id("stats-total")
    expect(total).to_have_text(re.compile(r"^[1-9]\d*$"))
    expect(manager.get_by_test_id("chart-category").locator("canvas")).to_have_count(1)
