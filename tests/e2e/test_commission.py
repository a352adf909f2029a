"""The consultants' commission in a real browser (issue #13, item 8 and "done means"): c1 opens "my
commission" on a phone and sees last month's approved statement (the demo approves c1's and c2's), and
c2's statement at its URL is "not found" for them; the site manager opens the month's statements from
the menu and sees a row per consultant. Finance pays an approved statement with the button the API
allows; the project manager proposes a plan in its form and the supervisor splits a deal's credits."""

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import APIRequestContext, Browser, Page, expect

from anchang.core.calendar import local_today
from tests.e2e.conftest import OFFICE_ZONE, BrowserErrors, watched_page
from tests.e2e.helpers import DEMO_PASSWORD, choose, log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _last_month() -> str:
    first = datetime.now().astimezone().date().replace(day=1)
    return f"{(first - timedelta(days=1)):%Y-%m}"


def _headers(request: APIRequestContext, email: str) -> dict[str, str]:
    token = request.post("/api/v1/auth/token", form={"username": email, "password": DEMO_PASSWORD}).json()[
        "access_token"
    ]
    return {"Authorization": f"Bearer {token}"}


def _last_month_statements(request: APIRequestContext) -> dict[str, dict[str, str]]:
    """Last month's statements by consultant e-mail's local part (c1, c2…), as the site manager reads them."""
    headers = _headers(request, "sm@a.demo")
    project_id = request.get("/api/v1/me", headers=headers).json()["memberships"][0]["project_id"]
    members = request.get(f"/api/v1/projects/{project_id}/members?limit=200", headers=headers).json()["items"]
    local = {m["user_id"]: m["user"]["email"].split("@")[0] for m in members}
    # The browser's last month (it runs on this machine's clock), which the page opens by default.
    listed = request.get(
        f"/api/v1/projects/{project_id}/commission-statements",
        params={"month": _last_month(), "limit": 200},
        headers=headers,
    ).json()
    return {local[s["consultant_id"]]: s for s in listed["items"]}


def test_a_consultant_sees_their_approved_statement_and_not_another_consultants(
    browser: Browser, base_url: str, page: Page, browser_errors: BrowserErrors
) -> None:
    statements = _last_month_statements(page.request)
    assert statements["c1"]["status"] == "approved"
    assert statements["c2"]["status"] == "approved"

    errors = BrowserErrors()
    with watched_page(browser, base_url, PHONE, errors, "c1's phone") as phone:
        log_in(phone, "c1@a.demo")
        phone.goto("/commission/mine")
        expect(phone.get_by_role("heading", name="我的酬金")).to_be_visible()
        summary = phone.get_by_test_id("statement-summary")
        expect(summary).to_have_attribute("data-status", "approved")
        expect(summary.get_by_test_id("statement-status")).to_have_text("已审批")
        total = statements["c1"]["total"]
        whole, cents = total.split(".")
        expect(phone.get_by_test_id("statement-total")).to_have_text(f"¥{int(whole):,}.{cents}")
        # Last month's lines: the demo's reward for the top seller.
        expect(phone.get_by_test_id("line-group").first).to_be_visible()
        expect(phone.get_by_text("上月销冠")).to_be_visible()
        # Nothing wider than the phone.
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # c2's statement at its address: the API answers 404, the page says "not found".
        errors.allow(r"status of 404")  # Chromium logs the refused request
        phone.goto(f"/commission/statements/{statements['c2']['id']}")
        expect(phone.get_by_text("结算单不存在")).to_be_visible()
        expect(phone.get_by_test_id("statement-summary")).to_have_count(0)

        # Their own at its address opens, without a button to act on it.
        phone.goto(f"/commission/statements/{statements['c1']['id']}")
        expect(phone.get_by_test_id("statement-summary")).to_have_attribute("data-status", "approved")
        expect(phone.get_by_test_id("statement-no-actions")).to_be_visible()

    # The site manager opens the month's statements from the menu.
    log_in(page, "sm@a.demo")
    page.get_by_role("navigation", name="菜单").get_by_text("酬金结算", exact=True).click()
    expect(page.get_by_role("heading", name="酬金结算")).to_be_visible()
    rows = page.get_by_test_id("statement-row")
    expect(rows.first).to_be_visible()
    for local in ("c1", "c2"):
        row = rows.filter(has_text=statements[local]["consultant_name"])
        expect(row).to_have_attribute("data-status", "approved")
    expect(page.get_by_test_id("compute-month")).to_be_visible()

    # Their statement page shows no action on an approved statement (paying is finance's).
    rows.filter(has_text=statements["c1"]["consultant_name"]).get_by_test_id("statement-link").click()
    expect(page).to_have_url(re.compile(r"/commission/statements/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("statement-summary")).to_have_attribute("data-status", "approved")
    expect(page.get_by_test_id("statement-no-actions")).to_be_visible()


def _project(request: APIRequestContext, headers: dict[str, str]) -> str:
    return str(request.get("/api/v1/me", headers=headers).json()["memberships"][0]["project_id"])


def test_finance_pays_an_approved_statement_in_the_browser(page: Page, browser_errors: BrowserErrors) -> None:
    # Its own statement, so the demo's approved ones stay as the other tests find them: this month's
    # draft (the office's month), submitted by the supervisor and approved by the site manager.
    sup = _headers(page.request, "sup@a.demo")
    project_id = _project(page.request, sup)
    month = f"{local_today(OFFICE_ZONE):%Y-%m}"
    computed = page.request.post(
        f"/api/v1/projects/{project_id}/commission-statements", data={"month": month}, headers=sup
    )
    assert computed.ok, computed.text()
    drafts = [s for s in computed.json()["statements"] if s["status"] == "draft"]
    assert drafts, f"no draft statement for {month}"
    statement = drafts[0]
    submitted = page.request.post(f"/api/v1/commission-statements/{statement['id']}/submit", headers=sup)
    assert submitted.ok, submitted.text()
    sm = _headers(page.request, "sm@a.demo")
    approved = page.request.post(f"/api/v1/commission-statements/{statement['id']}/approve", headers=sm)
    assert approved.ok, approved.text()
    assert approved.json()["allowed_actions"] == []  # the site manager does not pay

    log_in(page, "fin@a.demo")
    page.goto(f"/commission/statements/{statement['id']}")
    summary = page.get_by_test_id("statement-summary")
    expect(summary).to_have_attribute("data-status", "approved")
    # Exactly what the API allows finance on an approved statement: paying it.
    expect(page.get_by_test_id("statement-actions").get_by_role("button")).to_have_count(1)
    page.get_by_test_id("statement-action-pay").click()
    page.locator(".ant-popover:visible").get_by_role("button", name="标记已发放").click()
    expect(summary).to_have_attribute("data-status", "paid")
    expect(summary.get_by_test_id("statement-status")).to_have_text("已发放")
    expect(page.get_by_test_id("statement-no-actions")).to_be_visible()


def test_a_plan_is_proposed_in_the_form_and_a_deals_credits_are_split(
    page: Page, browser_errors: BrowserErrors, second_page: tuple[Page, BrowserErrors]
) -> None:
    # The stages left at 90 % on purpose: the browser logs the 422 the server answers.
    browser_errors.allow(r"status of 422 .*/commission-plans")
    note = f"E2E 酬金方案 {local_today(OFFICE_ZONE).isoformat()}"

    # The project manager proposes a plan from the menu; the server's 422 on the stages shows in the form.
    log_in(page, "pm@a.demo")
    page.get_by_role("navigation", name="菜单").get_by_text("酬金方案", exact=True).click()
    expect(page.get_by_role("heading", name="酬金方案")).to_be_visible()
    expect(page.get_by_test_id("plan-card").first).to_be_visible()
    page.get_by_test_id("propose-plan").click()
    form = page.locator(".ant-modal:visible")
    picker = form.get_by_label("生效日期")
    picker.click()
    picker.fill(local_today(OFFICE_ZONE).isoformat())
    form.get_by_label("备注").click()  # a click outside takes the typed date (Enter would send the form)
    form.get_by_label("高级").fill("0.35")
    form.get_by_label("车位").fill("800")
    form.get_by_label("比例（%） 2").fill("40")
    expect(form.get_by_test_id("plan-stages-total")).to_contain_text("合计 90%")
    form.get_by_label("备注").fill(note)
    form.get_by_role("button", name="提交审批").click()
    expect(form).to_contain_text("add up to 90")
    form.get_by_label("比例（%） 2").fill("50")
    expect(form.get_by_test_id("plan-stages-total")).to_contain_text("合计 100%")
    form.get_by_role("button", name="提交审批").click()
    expect(form).to_be_hidden()
    newest = page.get_by_test_id("plan-card").first
    expect(newest.get_by_test_id("plan-status")).to_have_text("待审批")
    expect(newest.get_by_test_id("plan-rates")).to_contain_text("0.35 %")
    expect(newest).to_contain_text(note)

    # The supervisor, on a phone-sized page, splits a deal of c1's 60/40 with c2 on the deal's page.
    sup_page, _ = second_page
    sup = _headers(page.request, "sup@a.demo")
    project_id = _project(page.request, sup)
    api = page.request
    deals = api.get(f"/api/v1/projects/{project_id}/deals", params={"limit": 200}, headers=sup).json()
    members = api.get(f"/api/v1/projects/{project_id}/members?limit=200", headers=sup).json()["items"]
    by_local = {m["user"]["email"].split("@")[0]: m for m in members}
    c1, c2 = by_local["c1"], by_local["c2"]
    free = [
        d
        for d in deals["items"]
        if d["consultant_id"] == c1["user_id"]
        and page.request.get(f"/api/v1/deals/{d['id']}/credits", headers=sup).json()["pending"] is None
    ]
    assert free, "no deal of c1's without a credits proposal"
    sup_page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    log_in(sup_page, "sup@a.demo")
    sup_page.goto(f"/deals/{free[0]['id']}")
    card = sup_page.get_by_test_id("deal-credits")
    expect(card.get_by_test_id("credits-default")).to_be_visible()
    expect(card.get_by_test_id("credit-item")).to_contain_text(c1["user"]["full_name"])
    card.get_by_test_id("propose-credits").click()
    form = sup_page.locator(".ant-modal:visible")
    form.get_by_label("比例 1").fill("60")
    expect(form.get_by_test_id("credits-total")).to_have_text("合计 60%")
    form.get_by_role("button", name="添加置业顾问").click()
    choose(form, "置业顾问 2", c2["user"]["full_name"])
    form.get_by_label("比例 2").fill("40")
    expect(form.get_by_test_id("credits-total")).to_have_text("合计 100%")
    form.get_by_role("button", name="提交审批").click()
    expect(form).to_be_hidden()
    pending = card.get_by_test_id("credits-pending")
    expect(pending).to_contain_text(c2["user"]["full_name"])
    expect(pending).to_contain_text("40 %")
    expect(card.get_by_test_id("propose-credits")).to_be_disabled()
    assert sup_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
