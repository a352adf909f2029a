"""The agency fee in a real browser (issue #13, item 8): the project manager proposes a rule in the
form, the developer's rep approves it in the inbox, finance generates the statement of the last 60 days
and sees its lines, sends it to the developer, and the developer's rep confirms it. Every statement form
is used once: the developer's rep returns a statement with a reason, finance recomputes it, records an
invoice and a partial payment."""

import re
from datetime import date, timedelta
from decimal import Decimal

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


def _api(request: APIRequestContext, email: str) -> tuple[dict[str, str], str]:
    token = request.post("/api/v1/auth/token", form={"username": email, "password": DEMO_PASSWORD}).json()[
        "access_token"
    ]
    headers = {"Authorization": f"Bearer {token}"}
    project_id = request.get("/api/v1/me", headers=headers).json()["memberships"][0]["project_id"]
    return headers, project_id


def _statements(request: APIRequestContext) -> list[dict[str, str]]:
    headers, project_id = _api(request, "fin@a.demo")
    listed = request.get(f"/api/v1/projects/{project_id}/agency-fee-statements?limit=200", headers=headers)
    return list(listed.json()["items"])


def _with_a_rule_in_force(request: APIRequestContext) -> None:
    """An approved rule, so the project's deals earn a fee: the other test's if it ran first, else a flat
    1 % proposed by the project manager and approved by the developer's rep through the API. (The demo's
    own rule shows as proposed although its approval request reads approved.)"""
    pm, project_id = _api(request, "pm@a.demo")
    rules = request.get(f"/api/v1/projects/{project_id}/agency-fee-rules?limit=200", headers=pm).json()
    if any(rule["status"] == "approved" for rule in rules["items"]):
        return
    proposed = request.post(
        f"/api/v1/projects/{project_id}/agency-fee-rules",
        data={
            "effective_from": "2020-01-01",
            "base": "contracted_price",
            "rate": "1.0",
            "stages": [
                {"name": "contract", "share": "70", "condition": "down_payment_received"},
                {"name": "full", "share": "30", "condition": "fully_paid_or_loan"},
            ],
            "note": "E2E 代理费 1%",
        },
        headers=pm,
    )
    assert proposed.ok, proposed.text()
    dev, _ = _api(request, "dev@a.demo")
    done = request.post(f"/api/v1/approvals/{proposed.json()['approval_id']}/approve", data={}, headers=dev)
    assert done.ok, done.text()


def _last_months_statement_resubmitted(request: APIRequestContext) -> dict[str, str]:
    """The demo's submitted statement of last month, computed again with the rules in force: returned
    and regenerated for its period through the API, then submitted by finance. Only this test moves it."""
    _with_a_rule_in_force(request)
    first = _today().replace(day=1)
    period_start = (first - timedelta(days=1)).replace(day=1)
    found = [s for s in _statements(request) if s["period_start"] == period_start.isoformat()]
    assert found and found[0]["status"] == "submitted", f"the demo's statement from {period_start}: {found}"
    statement_id = found[0]["id"]
    dev, project_id = _api(request, "dev@a.demo")
    back = request.post(
        f"/api/v1/agency-fee-statements/{statement_id}/return", data={"comment": "按新规则重算"}, headers=dev
    )
    assert back.ok, back.text()
    fin, _ = _api(request, "fin@a.demo")
    # Generating the period again recomputes its draft, now with the achievement a tiered rule needs.
    again = request.post(
        f"/api/v1/projects/{project_id}/agency-fee-statements",
        data={
            "period_start": found[0]["period_start"],
            "period_end": found[0]["period_end"],
            "achievement_percent": "95",
        },
        headers=fin,
    )
    assert again.ok and again.json()["id"] == statement_id, again.text()
    submitted = request.post(f"/api/v1/agency-fee-statements/{statement_id}/submit", headers=fin)
    assert submitted.ok, submitted.text()
    return dict(submitted.json())


def _confirmed_with_fee(request: APIRequestContext, preferred: str) -> dict[str, str]:
    """The statement `preferred` if it is confirmed with a fee to collect, else another that is. (When
    the other test ran first, its statement settled every fee earned so far, last month's too.)"""
    confirmed = [s for s in _statements(request) if s["status"] == "confirmed" and Decimal(s["total"]) > 0]
    confirmed.sort(key=lambda s: s["id"] != preferred)
    assert confirmed, "no confirmed statement with a fee to collect"
    return confirmed[0]


def _money(amount: Decimal) -> str:
    """As the page shows it: ¥1,234.50."""
    return f"¥{amount:,.2f}"


def test_return_recompute_submit_confirm_invoice_and_a_partial_payment_in_the_browser(
    page: Page, browser_errors: BrowserErrors, second_page: tuple[Page, BrowserErrors]
) -> None:
    finance = page
    developer, _ = second_page
    statement = _last_months_statement_resubmitted(finance.request)
    url = f"/agency-fee/statements/{statement['id']}"
    reason = f"E2E 退回：请核对车位 {_today().isoformat()}"

    # The developer's rep returns it with a reason: it is a draft again, saying why.
    log_in(developer, "dev@a.demo")
    developer.goto(url)
    expect(developer.get_by_test_id("statement-status")).to_have_text("已提交")
    developer.get_by_test_id("statement-action-return").click()
    form = developer.locator(".ant-modal:visible")
    form.get_by_label("退回原因").fill(reason)
    form.get_by_role("button", name=re.compile(r"^退\s*回$")).click()
    expect(form).to_be_hidden()
    expect(developer.get_by_test_id("statement-status")).to_have_text("草稿")
    expect(developer.get_by_text(reason)).to_be_visible()
    expect(developer.get_by_test_id("statement-actions").get_by_role("button")).to_have_count(0)

    # Finance recomputes the returned draft from the deals as they stand now, and submits it again.
    log_in(finance, "fin@a.demo")
    finance.goto(url)
    expect(finance.get_by_test_id("statement-status")).to_have_text("草稿")
    finance.get_by_test_id("statement-action-recompute").click()
    expect(finance.locator(".ant-message")).to_contain_text("已完成")
    expect(finance.get_by_test_id("statement-status")).to_have_text("草稿")
    expect(finance.get_by_test_id("statement-line-count")).to_have_text(re.compile(r"^\d+$"))
    finance.get_by_test_id("statement-action-submit").click()
    finance.locator(".ant-modal-confirm").get_by_role("button", name="提交开发商").click()
    expect(finance.get_by_test_id("statement-status")).to_have_text("已提交")

    # The developer's rep confirms it this time.
    developer.goto(url)
    expect(developer.get_by_test_id("statement-status")).to_have_text("已提交")
    developer.get_by_test_id("statement-action-confirm").click()
    with developer.expect_response(
        lambda r: r.url.endswith(f"/agency-fee-statements/{statement['id']}/confirm")
    ) as confirmed:
        developer.locator(".ant-modal-confirm").get_by_role("button", name=re.compile(r"^确\s*认$")).click()
    assert confirmed.value.ok, confirmed.value.text()
    expect(developer.get_by_test_id("statement-status")).to_have_text("已确认")
    expect(developer.get_by_test_id("statement-actions").get_by_role("button")).to_have_count(0)

    # Finance records the invoice of a confirmed statement with a fee: this one, or (when the other test
    # settled every fee earned so far) that test's.
    collect = _confirmed_with_fee(finance.request, statement["id"])
    invoice = f"E2E-FP-{_today():%Y%m%d}"
    finance.goto(f"/agency-fee/statements/{collect['id']}")
    expect(finance.get_by_test_id("statement-status")).to_have_text("已确认")
    finance.get_by_test_id("statement-action-invoice").click()
    form = finance.locator(".ant-modal:visible")
    form.get_by_label("发票号").fill(invoice)
    form.get_by_role("button", name="登记发票").click()
    expect(form).to_be_hidden()
    expect(finance.get_by_test_id("statement-status")).to_have_text("已开票")
    expect(finance.get_by_text(invoice)).to_be_visible()

    # Then half its fee as received: still invoiced, with what came in and what is left.
    total = Decimal(collect["total"])
    half = (total / 2).quantize(Decimal("0.01"))
    finance.get_by_test_id("statement-action-record_payment").click()
    form = finance.locator(".ant-modal:visible")
    amount = form.get_by_label("金额（元）")
    # The form offers what is outstanding; a partial payment is typed over it.
    expect(amount).to_have_value(f"{total:.2f}")
    amount.fill(str(half))
    form.get_by_role("button", name="登记回款").click()
    expect(form).to_be_hidden()
    expect(finance.get_by_test_id("statement-status")).to_have_text("已开票")
    expect(finance.get_by_test_id("statement-received")).to_have_text(_money(half))
    expect(finance.get_by_test_id("statement-outstanding")).to_have_text(_money(total - half))
    expect(finance.get_by_test_id("statement-action-record_payment")).to_be_visible()
    # The payment is listed on the page with who recorded it.
    payment = finance.get_by_test_id("statement-payments").get_by_test_id("payment-row")
    expect(payment).to_have_count(1)
    expect(payment.get_by_test_id("payment-amount")).to_have_text(_money(half))
    expect(payment.get_by_test_id("payment-recorded-by")).to_contain_text("财务 赵敏")
