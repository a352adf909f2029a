"""The agency fee in a real browser (issue #13, item 8): the project manager proposes a rule in the
form, the developer's rep approves it in the inbox, finance generates the statement of the last 60 days
and sees its lines, sends it to the developer, and the developer's rep confirms it."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import APIRequestContext, Browser, Locator, Page, expect

from anchang.core.calendar import local_today
from tests.e2e.conftest import OFFICE_ZONE, BrowserErrors, watched_page
from tests.e2e.helpers import DEMO_PASSWORD, log_in

pytestmark = pytest.mark.e2e


def _today() -> date:
    # The office's day: the browser runs on its clock (OFFICE_ZONE) and the statements count in it.
    return local_today(OFFICE_ZONE)


SETTLED = {"submitted", "confirmed", "invoiced", "paid"}


def _statement_period(request: APIRequestContext) -> tuple[date, date]:
    """The last 60 days, or — when demo data already settled part of them — the days after the last
    settled statement (a period may not overlap one), ending in the future only if it must."""
    token = request.post(
        "/api/v1/auth/token", form={"username": "fin@a.demo", "password": DEMO_PASSWORD}
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    me = request.get("/api/v1/me", headers=headers).json()
    project_id = me["memberships"][0]["project_id"]
    listed = request.get(
        f"/api/v1/projects/{project_id}/agency-fee-statements?limit=200", headers=headers
    ).json()
    today = _today()
    start = today - timedelta(days=60)
    for statement in listed["items"]:
        end = date.fromisoformat(statement["period_end"])
        if statement["status"] in SETTLED and end >= start:
            start = end + timedelta(days=1)
    return start, max(today, start + timedelta(days=30))


def _fill_range(scope: Locator, start: date, end: date) -> None:
    """Types both ends into the Ant Design range picker of `scope`, as someone with a keyboard would."""
    inputs = scope.locator(".ant-picker-range input")
    inputs.nth(0).click()
    inputs.nth(0).fill(start.isoformat())
    inputs.nth(1).click()
    inputs.nth(1).fill(end.isoformat())
    # A click outside takes the typed end (Enter here would submit the form around the picker).
    scope.locator(".ant-modal-title").click()


def test_a_rule_is_proposed_and_approved_then_a_statement_is_generated_submitted_and_confirmed(
    page: Page,
    browser_errors: BrowserErrors,
    second_page: tuple[Page, BrowserErrors],
    browser: Browser,
    base_url: str,
) -> None:
    manager = page
    developer, _ = second_page
    # The tier left with a gap on purpose: the browser logs the 422 it answers.
    browser_errors.allow(r"status of 422 .*/agency-fee-rules")
    note = f"E2E 代理费 {_today().isoformat()}"

    # The project manager proposes a tiered rule from the menu, as a new user would.
    log_in(manager, "pm@a.demo")
    manager.get_by_role("navigation", name="菜单").get_by_text("代理费规则", exact=True).click()
    expect(manager.get_by_role("heading", name="代理费规则")).to_be_visible()
    manager.get_by_test_id("propose-rule").click()
    form = manager.locator(".ant-modal:visible")
    picker = form.get_by_label("生效日期")
    picker.click()
    picker.fill((_today() - timedelta(days=3 * 365)).isoformat())
    picker.press("Enter")
    form.get_by_text("按目标达成率分档").click()
    expect(form.get_by_test_id("tier-row")).to_have_count(3)
    # A gap between the second and third tiers: the server's 422 lands on the third tier's start.
    form.get_by_label("自（%） 3").fill("110")
    form.get_by_label("说明").fill(note)
    form.get_by_role("button", name="提交审批").click()
    third = form.get_by_test_id("tier-row").nth(2)
    expect(third).to_contain_text("must start where the tier before ends")
    form.get_by_label("自（%） 3").fill("100")
    form.get_by_role("button", name="提交审批").click()
    expect(form).to_be_hidden()
    newest = manager.get_by_test_id("rule-card").first
    expect(newest.get_by_test_id("rule-status")).to_have_text("待审批")
    expect(newest.get_by_test_id("rule-tiers")).to_contain_text("1.2%")

    # The developer's rep approves it in the approvals inbox.
    log_in(developer, "dev@a.demo")
    developer.goto("/approvals")
    card = developer.get_by_test_id("approval-card").filter(has_text=note)
    expect(card).to_contain_text("代理费规则")
    card.get_by_role("button", name=re.compile(r"通\s*过")).click()
    developer.locator(".ant-modal:visible").get_by_role("button", name=re.compile(r"^通\s*过$")).click()
    expect(developer.get_by_test_id("approval-card").filter(has_text=note)).to_have_count(0)
    developer.goto("/agency-fee/rules")
    expect(developer.get_by_test_id("rule-card").first.get_by_test_id("rule-status")).to_have_text("已生效")

    # Finance, in a browser of its own, generates the statement of the last 60 days (the tiered rule
    # wants the period's achievement).
    start, end = _statement_period(manager.request)
    desktop = {"width": 1280, "height": 800}
    with watched_page(browser, base_url, desktop, BrowserErrors(), "finance's browser") as finance:
        log_in(finance, "fin@a.demo")
        finance.get_by_role("navigation", name="菜单").get_by_text("代理费结算", exact=True).click()
        expect(finance.get_by_role("heading", name="代理费结算")).to_be_visible()
        finance.get_by_test_id("generate-statement").click()
        dialog = finance.locator(".ant-modal:visible")
        dialog.get_by_test_id("generate-achievement").fill("95")
        _fill_range(dialog, start, end)
        expect(dialog.locator(".ant-picker-range input").nth(1)).to_have_value(end.isoformat())
        dialog.get_by_role("button", name=re.compile(r"^生\s*成$")).click()
        expect(finance).to_have_url(re.compile(r"/agency-fee/statements/[0-9a-f-]{36}$"))
        statement_url = finance.url
        # The list (with the demo's statements) gives way to the statement's page.
        expect(finance.get_by_test_id("statement-line-count")).to_be_visible()
        expect(finance.get_by_test_id("statement-status")).to_have_text("草稿")
        count = int(finance.get_by_test_id("statement-line-count").inner_text())
        if start == _today() - timedelta(days=60):
            # The demo project's contracted deals with payments earn lines in the last 60 days.
            assert count > 0, "no lines for the last 60 days of the demo project"
        rows = finance.get_by_test_id("line-row")
        expect(rows).to_have_count(min(count, 100))
        expect(finance.get_by_test_id("statement-total")).to_have_text(re.compile(r"^-?¥[\d,]+\.\d{2}$"))

        # Finance sends it to the developer: no more recomputing.
        finance.get_by_test_id("statement-action-submit").click()
        finance.locator(".ant-modal-confirm").get_by_role("button", name="提交开发商").click()
        expect(finance.get_by_test_id("statement-status")).to_have_text("已提交")
        expect(finance.get_by_test_id("statement-action-recompute")).to_have_count(0)

        # The developer's rep sees confirm, dispute and return, and confirms it.
        developer.goto(statement_url)
        expect(developer.get_by_test_id("statement-status")).to_have_text("已提交")
        actions = developer.get_by_test_id("statement-actions").get_by_role("button")
        expect(actions).to_have_count(3)
        developer.get_by_test_id("statement-action-confirm").click()
        developer.locator(".ant-modal-confirm").get_by_role("button", name=re.compile(r"^确\s*认$")).click()
        expect(developer.get_by_test_id("statement-status")).to_have_text("已确认")
        expect(developer.get_by_test_id("statement-actions").get_by_role("button")).to_have_count(0)

        # Finance sees it confirmed in the list, with its invoice to record next.
        finance.goto("/agency-fee/statements")
        expect(finance.get_by_test_id("statements-chart").locator("canvas")).to_have_count(1)
        statement_id = statement_url.rsplit("/", 1)[-1]
        finance.locator(f'[data-testid="statement-link"][href$="{statement_id}"]').first.click()
        expect(finance).to_have_url(statement_url)
        expect(finance.get_by_test_id("statement-line-count")).to_be_visible()
        expect(finance.get_by_test_id("statement-status")).to_have_text("已确认")
        expect(finance.get_by_test_id("statement-action-invoice")).to_be_visible()
