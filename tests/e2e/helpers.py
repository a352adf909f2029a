"""What the browser tests do again and again."""

import re

from playwright.sync_api import Locator, Page, expect

DEMO_PASSWORD = "anchang-demo"  # the documented demo password


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page and wait for the home page."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("邮箱").fill(email)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name=re.compile(r"登\s*录")).click()
    expect(page.get_by_role("heading", name=re.compile("^你好"))).to_be_visible()


def choose(scope: Page | Locator, label: str, option: str) -> None:
    """Pick `option` in the Ant Design select labelled `label` (a click on its box, then the option)."""
    page = scope if isinstance(scope, Page) else scope.page
    box = scope.locator(".ant-select").filter(has=page.get_by_role("combobox", name=label))
    box.click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=option).click()


def open_board(page: Page) -> None:
    page.goto("/board")
    expect(page.get_by_role("heading", name="销控表")).to_be_visible()
    expect(page.get_by_test_id("board-live")).to_have_attribute("data-state", "live")
