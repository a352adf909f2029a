"""The sales-control board in a real browser: two consultants racing for one unit, live, and a phone."""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BrowserErrors
from tests.e2e.helpers import log_in, open_board

pytestmark = pytest.mark.e2e


def pick_first_customer(page: Page) -> None:
    drawer = page.get_by_test_id("unit-drawer")
    drawer.locator(".ant-select").filter(has=page.get_by_role("combobox", name="客户")).click()
    option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").first
    expect(option).to_be_visible()
    option.click()


def test_a_reservation_shows_on_the_other_board_at_once_and_blocks_the_other_consultant(
    page: Page, second_page: tuple[Page, BrowserErrors]
) -> None:
    c1 = page
    c2, c2_errors = second_page
    c2_errors.allow(r"status of 409")  # Chromium logs the refused reservation request

    log_in(c1, "c1@a.demo")
    log_in(c2, "c2@a.demo")
    open_board(c1)
    open_board(c2)

    # Both look at the same available unit; c2 opens it and gets ready to reserve it.
    cell = c2.locator("[data-testid^='unit-'][data-status='available']").first
    code = (cell.get_attribute("data-testid") or "").removeprefix("unit-")
    assert code
    cell.click()
    c2_drawer = c2.get_by_test_id("unit-drawer")
    expect(c2_drawer.get_by_text(f"房源 {code}")).to_be_visible()
    pick_first_customer(c2)

    # c1 reserves it for one of c1's customers.
    c1.get_by_test_id(f"unit-{code}").click()
    c1_drawer = c1.get_by_test_id("unit-drawer")
    expect(c1_drawer.get_by_text(f"房源 {code}")).to_be_visible()
    pick_first_customer(c1)
    c1_drawer.get_by_role("button", name="确认预留").click()
    reserved_at = time.monotonic()
    expect(c1.get_by_text(f"已预留 {code}")).to_be_visible()
    expect(c1_drawer.get_by_test_id("unit-status")).to_have_text("预留")

    # c2's board shows it reserved within 2 s, without a reload.
    expect(c2.get_by_test_id(f"unit-{code}")).to_have_attribute("data-status", "reserved", timeout=2_000)
    assert time.monotonic() - reserved_at < 2.5
    expect(c2_drawer.get_by_test_id("unit-status")).to_have_text("预留")
    # Only c1's board marks it as c1's own.
    expect(c1.get_by_test_id(f"unit-{code}").get_by_test_id("unit-mine")).to_have_count(1)
    expect(c2.get_by_test_id(f"unit-{code}").get_by_test_id("unit-mine")).to_have_count(0)

    # c2's attempt, from the drawer opened before, is refused with a clear message.
    c2_drawer.get_by_role("button", name="确认预留").click()
    expect(c2_drawer.get_by_test_id("unit-action-error")).to_contain_text(f"房源 {code} 已被他人预留或售出")
    # …and the drawer no longer offers to reserve it.
    expect(c2_drawer.get_by_role("button", name="确认预留")).to_have_count(0)

    # c1 lets it go again: both boards show it available.
    c1_drawer.get_by_role("button", name="取消我的预留").click()
    c1.get_by_role("button", name=re.compile(r"确\s*定|OK")).click()
    expect(c1.get_by_test_id(f"unit-{code}")).to_have_attribute("data-status", "available")
    expect(c2.get_by_test_id(f"unit-{code}")).to_have_attribute("data-status", "available")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_on_a_phone_the_grid_scrolls_and_a_cell_opens_the_drawer(page: Page) -> None:
    log_in(page, "c1@a.demo")
    open_board(page)
    grid = page.get_by_test_id("board-scroll")
    box = grid.bounding_box()
    assert box is not None and box["width"] <= 390
    wide = grid.evaluate("el => el.scrollWidth > el.clientWidth")
    assert wide, "the grid is wider than a phone and scrolls sideways"
    grid.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert grid.evaluate("el => el.scrollLeft") > 0

    # A cell of the last column, scrolled into view, is big enough to tap and opens the drawer.
    cell = page.locator("tbody tr").first.locator("[data-testid^='unit-']").last
    cell_box = cell.bounding_box()
    assert cell_box is not None and cell_box["width"] >= 44 and cell_box["height"] >= 44
    assert cell_box["x"] >= 0 and cell_box["x"] + cell_box["width"] <= 390
    code = (cell.get_attribute("data-testid") or "").removeprefix("unit-")
    cell.click()
    drawer = page.get_by_test_id("unit-drawer")
    expect(drawer.get_by_text(f"房源 {code}")).to_be_visible()
    expect(drawer.get_by_text("状态记录")).to_be_visible()


def test_a_price_adjustment_waits_for_approval_then_shows_beside_the_old_version(page: Page) -> None:
    log_in(page, "pm@a.demo")
    page.goto("/price-lists")
    expect(page.get_by_role("heading", name="价目表")).to_be_visible()
    expect(page.get_by_test_id("price-version-1")).to_contain_text("生效中")

    # +2 % on one unreleased unit, so no other test's prices move.
    page.get_by_role("button", name="调价").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("调整值").fill("2")
    dialog.get_by_text("指定房源").click()
    units = dialog.locator(".ant-select").filter(has=page.get_by_role("combobox", name="房源"))
    units.click()
    page.keyboard.type("2-1-2501")
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text="2-1-2501").click()
    page.keyboard.press("Escape")
    dialog.get_by_label("说明").fill("E2E 2-1-2501 上调")
    dialog.get_by_role("button", name="提交审批").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("price-version-2")).to_contain_text("待审批")

    # The inbox shows it from its own fields; the project manager approves it.
    page.goto("/approvals")
    card = page.get_by_test_id("approval-card").filter(has_text="E2E 2-1-2501 上调")
    expect(card).to_contain_text("调价")
    card.get_by_role("button", name=re.compile(r"通\s*过")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("意见").fill("同意")
    dialog.get_by_role("button", name=re.compile(r"通\s*过")).click()
    expect(dialog).to_be_hidden()
    expect(card).to_have_count(0)

    # Both versions side by side: the new one active, the unit 2 % dearer.
    page.goto("/price-lists")
    expect(page.get_by_test_id("price-version-2")).to_contain_text("生效中")
    expect(page.get_by_test_id("price-version-1")).to_contain_text("已失效")
    row = page.get_by_role("row", name=re.compile("2-1-2501"))
    expect(row).to_contain_text("(2.00%)")


def test_an_import_shows_every_bad_row_then_imports_the_fixed_file(page: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "units-bad.csv"
    bad.write_text(
        "楼栋,单元,楼层,位置,房号,户型,建筑面积,套内面积,朝向,表价\n"
        "E2E楼,1,1,1,E-1-0101,两室两厅,88.00,70.00,南,2800000\n"
        "E2E楼,1,1,2,E-1-0102,两室两厅,-88,70.00,南,abc\n",
        encoding="utf-8",
    )
    good = tmp_path / "units-good.csv"
    good.write_text(
        "楼栋,单元,楼层,位置,房号,户型,建筑面积,套内面积,朝向,表价\n"
        "E2E楼,1,1,1,E-1-0101,两室两厅,88.00,70.00,南,2800000\n"
        "E2E楼,1,1,2,E-1-0102,两室两厅,90.00,72.00,南,2900000\n",
        encoding="utf-8",
    )
    log_in(page, "pm@a.demo")
    page.goto("/units/import")
    page.set_input_files("input[type=file]", str(bad))
    expect(page.get_by_test_id("import-report")).to_contain_text("发现 2 处错误")
    expect(page.get_by_role("row", name=re.compile("gross_area"))).to_contain_text("3")
    expect(page.get_by_role("row", name=re.compile("list_price"))).to_be_visible()
    expect(page.get_by_role("button", name="确认导入", exact=True)).to_be_disabled()

    page.set_input_files("input[type=file]", str(good))
    expect(page.get_by_test_id("import-report")).to_contain_text("将新增 2 套")
    page.get_by_role("button", name="确认导入", exact=True).click()
    expect(page.get_by_text("导入完成：新增 2 套")).to_be_visible()
    page.get_by_role("button", name="查看销控表").click()
    page.get_by_role("tab", name=re.compile("E2E楼")).click()
    expect(page.get_by_test_id("unit-E-1-0102")).to_have_attribute("data-status", "unreleased")
