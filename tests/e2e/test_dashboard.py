"""The home page per role (issue #14, item 8 and "done means"): the supervisor opens the app in the
morning and sees the team's yesterday and today, charted; a consultant sees their month against target;
the project manager the absorption by building. Every role's dashboard renders without a console error
(a card a role may not read would 403 into the console) and fits a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e

CONSULTANTS = ("置业顾问 陈晓", "置业顾问 刘洋")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BOTH = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def _fits(page: Page, viewport: dict[str, int]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide at {viewport['width']} px"


def _chart_drawn(page: Page, test_id: str) -> None:
    canvas = page.get_by_test_id(test_id).locator("canvas")
    expect(canvas.first).to_be_visible()
    box = canvas.first.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100, box


@BOTH
def test_the_supervisor_sees_the_teams_yesterday_and_today(page: Page, viewport: dict[str, int]) -> None:
    log_in(page, "sup@a.demo")
    card = page.get_by_test_id("dashboard-team-day")
    expect(card).to_be_visible()
    table = card.get_by_test_id("team-day-table")
    for name in CONSULTANTS:
        expect(table.get_by_test_id("team-day-name").filter(has_text=name)).to_be_visible()
    # The demo's yesterday had visits: the table of yesterday is not all zeros.
    visits = [int(c.inner_text()) for c in table.locator("tr.ant-table-row td:nth-child(2)").all()]
    assert sum(visits) >= len(CONSULTANTS), visits
    _chart_drawn(page, "team-day-chart")
    expect(
        card.get_by_test_id("yesterday-unconfirmed").or_(card.get_by_test_id("yesterday-confirmed"))
    ).to_be_visible()
    card.get_by_test_id("team-day-switch").get_by_text("今天").click()
    expect(table.get_by_test_id("team-day-name").first).to_be_visible()
    for test_id in ("dashboard-roster", "dashboard-approvals", "dashboard-overdue", "dashboard-complaints"):
        expect(page.get_by_test_id(test_id)).to_be_visible()
    expect(page.get_by_test_id("dashboard").locator(".ant-alert-warning")).to_have_count(0)
    _fits(page, viewport)
    card.get_by_role("link", name="查看日报").click()
    expect(page.get_by_role("heading", name="日报")).to_be_visible()


@BOTH
def test_a_consultant_sees_their_targets(page: Page, viewport: dict[str, int]) -> None:
    log_in(page, "c1@a.demo")
    card = page.get_by_test_id("dashboard-my-targets")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("target-progress")).to_have_count(7)
    expect(card.locator('[data-metric="amount_subscribed"]')).to_contain_text("认购金额")
    expect(page.get_by_test_id("dashboard-follow-ups")).to_be_visible()
    expect(page.get_by_test_id("dashboard-overdue")).to_be_visible()
    expect(page.get_by_test_id("dashboard-team-day")).to_have_count(0)
    expect(page.get_by_test_id("dashboard").locator(".ant-alert-warning")).to_have_count(0)
    _fits(page, viewport)


@BOTH
def test_the_project_manager_sees_the_absorption_chart(page: Page, viewport: dict[str, int]) -> None:
    log_in(page, "pm@a.demo")
    card = page.get_by_test_id("dashboard-absorption")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("absorption-total")).to_contain_text("%")
    _chart_drawn(page, "absorption-chart")
    for test_id in ("dashboard-month-target", "dashboard-team-day", "dashboard-channels"):
        expect(page.get_by_test_id(test_id)).to_be_visible()
    expect(page.get_by_test_id("dashboard-complaints")).to_contain_text("本月新增")
    expect(page.get_by_test_id("dashboard").locator(".ant-alert-warning")).to_have_count(0)
    _fits(page, viewport)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
@pytest.mark.parametrize("who", ["sm@a.demo", "fin@a.demo", "dev@a.demo", "admin@a.demo", "c2@a.demo"])
def test_every_role_has_a_dashboard_without_errors(page: Page, viewport: dict[str, int], who: str) -> None:
    log_in(page, who)
    dashboard = page.get_by_test_id("dashboard")
    expect(dashboard).to_be_visible()
    expect(dashboard.locator(".ant-card").first).to_be_visible()
    expect(dashboard.locator(".ant-skeleton")).to_have_count(0)
    expect(dashboard.locator(".ant-alert-warning")).to_have_count(0)
    _fits(page, viewport)
