"""The consultants' commission in a real browser (issue #13, item 8 and "done means"): c1 opens "my
commission" on a phone and sees last month's approved statement (the demo approves c1's and c2's), and
c2's statement at its URL is "not found" for them; the site manager opens the month's statements from
the menu and sees a row per consultant."""

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import APIRequestContext, Browser, Page, expect

from tests.e2e.conftest import BrowserErrors, watched_page
from tests.e2e.helpers import DEMO_PASSWORD, log_in

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
