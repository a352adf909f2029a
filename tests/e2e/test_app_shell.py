"""The SPA's shell in a real browser: login, language, role-based menu, an admin form, phones."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import choose, log_in

pytestmark = pytest.mark.e2e


def side_menu(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_role("navigation", name=re.compile("菜单|Menu"))


def test_admin_switches_language_creates_a_project_and_logs_out(page: Page) -> None:
    log_in(page, "admin@a.demo")
    expect(page.get_by_test_id("home-project")).to_have_text("华府天地")
    expect(page.get_by_test_id("home-role")).to_have_text("管理员")
    menu = side_menu(page)
    expect(menu.get_by_text("首页")).to_be_visible()

    # English, kept across a reload, then Chinese again.
    page.get_by_text("English", exact=True).click()
    expect(menu.get_by_text("Home")).to_be_visible()
    expect(page.get_by_role("heading", name="Hello, 管理员")).to_be_visible()
    page.reload()
    expect(side_menu(page).get_by_text("Users")).to_be_visible()
    page.get_by_text("中文", exact=True).click()
    expect(side_menu(page).get_by_text("首页")).to_be_visible()

    # Admin › Projects › New project.
    side_menu(page).get_by_text("项目", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/projects$"))
    expect(page.get_by_role("cell", name="华府天地")).to_be_visible()
    page.get_by_role("button", name="新建项目").click()
    dialog = page.get_by_role("dialog")
    name = f"测试楼盘 {uuid.uuid4().hex[:6]}"
    code = f"E2E-{uuid.uuid4().hex[:6]}"
    choose(dialog, "开发商", "华润置地")
    dialog.get_by_label("项目名称").fill(name)
    dialog.get_by_label("项目编号").fill(code)
    dialog.get_by_label("城市").fill("上海")
    dialog.get_by_role("button", name=re.compile(r"保\s*存")).click()
    expect(dialog).to_be_hidden()
    row = page.get_by_role("row", name=re.compile(re.escape(name)))
    expect(row).to_be_visible()
    expect(row).to_contain_text(code)
    expect(row).to_contain_text("华润置地")

    # The new project is in the project switcher too, and can be switched to.
    choose(page, "切换项目", name)
    expect(page.locator("header .ant-select-selection-item")).to_contain_text(name)

    # Log out: back to the login page; the app is closed again.
    page.get_by_label("个人信息").click()
    page.get_by_text("退出登录").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/admin/projects")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_consultant_sees_no_admin_menu(page: Page) -> None:
    log_in(page, "c1@a.demo")
    expect(page.get_by_test_id("home-role")).to_have_text("置业顾问")
    menu = side_menu(page)
    expect(menu.get_by_text("首页")).to_be_visible()
    expect(menu.get_by_text("管理")).to_have_count(0)
    expect(menu.get_by_text("用户")).to_have_count(0)
    expect(menu.get_by_text("项目成员")).to_have_count(0)
    # Typing the address does not open the page either.
    page.goto("/admin/users")
    expect(page.get_by_text("无权访问", exact=True)).to_be_visible()


def test_wrong_password_is_told_on_the_login_page(page: Page, browser_errors) -> None:  # type: ignore[no-untyped-def]
    browser_errors.allow(r"status of 401")  # Chromium logs the refused login request
    page.goto("/login")
    page.get_by_label("邮箱").fill("sup@a.demo")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name=re.compile(r"登\s*录")).click()
    expect(page.get_by_role("alert")).to_have_text("邮箱或密码不正确")
    expect(page).to_have_url(re.compile(r"/login$"))


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_phone_width_menu_is_a_drawer_and_pages_fit(page: Page) -> None:
    log_in(page, "admin@a.demo")
    expect(side_menu(page)).to_be_hidden()  # no side menu: it is in the drawer
    page.get_by_role("button", name="菜单").click()
    drawer_menu = side_menu(page)
    expect(drawer_menu).to_be_visible()
    drawer_menu.get_by_text("用户", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/users$"))
    expect(drawer_menu).to_be_hidden()
    expect(page.get_by_role("heading", name="用户")).to_be_visible()
    expect(page.get_by_role("cell", name="admin@a.demo")).to_be_attached()
    # The table scrolls inside its box; the page itself does not scroll sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"


def test_repeated_wrong_passwords_are_throttled(page: Page, browser_errors) -> None:  # type: ignore[no-untyped-def]
    browser_errors.allow(r"status of (401|429)")
    page.goto("/login")
    # An address no other test logs in with: the lock lasts 15 minutes, and an unknown e-mail is counted
    # exactly as a known one (the two look alike).
    page.get_by_label("邮箱").fill("locked-out@a.demo")
    page.get_by_label("密码").fill("not-the-password")
    submit = page.get_by_role("button", name=re.compile(r"登\s*录"))
    for _ in range(5):
        with page.expect_response("**/api/v1/auth/web/token"):
            submit.click()
    submit.click()
    expect(page.get_by_role("alert")).to_contain_text("登录失败次数过多")


def test_a_refused_access_token_is_refreshed_silently(page: Page, browser_errors) -> None:  # type: ignore[no-untyped-def]
    browser_errors.allow(r"status of 401")  # the refused request, before the refresh
    log_in(page, "sm@a.demo")
    stale = page.evaluate(
        """() => {
            const tokens = JSON.parse(localStorage.getItem('anchang.auth'));
            tokens.access_token = 'expired.' + tokens.access_token;
            localStorage.setItem('anchang.auth', JSON.stringify(tokens));
            return tokens;
        }"""
    )
    # The refresh token is an HttpOnly cookie: scripts cannot see it, the browser sends it.
    [cookie] = [c for c in page.context.cookies() if c["name"] == "anchang_refresh"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/api/v1/auth/web"
    assert "anchang_refresh" not in page.evaluate("document.cookie")
    assert "refresh_token" not in stale
    with page.expect_response("**/api/v1/auth/web/refresh") as refresh:
        page.reload()
    assert refresh.value.status == 200
    expect(page.get_by_test_id("home-role")).to_have_text("案场经理")
    fresh = page.evaluate("JSON.parse(localStorage.getItem('anchang.auth'))")
    assert fresh["access_token"] != stale["access_token"]
    [rotated] = [c for c in page.context.cookies() if c["name"] == "anchang_refresh"]
    assert rotated["value"] != cookie["value"]


def test_admin_creates_a_user_gives_a_role_changes_it_and_removes_it(page: Page) -> None:
    log_in(page, "admin@a.demo")
    suffix = uuid.uuid4().hex[:6]
    email, name = f"new-{suffix}@a.demo", f"新同事 {suffix}"

    side_menu(page).get_by_text("用户", exact=True).click()
    page.get_by_role("button", name="新建用户").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("姓名").fill(name)
    dialog.get_by_label("邮箱").fill(email)
    dialog.get_by_label("密码").fill("a-long-password")
    dialog.get_by_role("button", name=re.compile(r"保\s*存")).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("row", name=re.compile(re.escape(email)))).to_be_visible()

    side_menu(page).get_by_text("项目", exact=True).click()
    page.get_by_role("link", name="华府天地").click()
    page.get_by_role("button", name="添加成员").click()
    dialog = page.get_by_role("dialog")
    user_box = dialog.get_by_role("combobox", name="用户")
    user_box.fill(suffix)  # the list is virtual: filter it down to the one user
    expect(page.locator(".ant-select-item-option", has_text=email)).to_be_visible()
    user_box.press("Enter")
    expect(dialog.locator(".ant-select-selection-item", has_text=email)).to_be_visible()
    dialog.get_by_role("button", name="添加成员").click()
    expect(dialog).to_be_hidden()
    row = page.get_by_role("row", name=re.compile(re.escape(email)))
    # A consultant's row has two boxes: the role and the grade (定级), which starts empty.
    expect(row.get_by_role("combobox", name=f"角色 {name}")).to_be_visible()
    expect(row.get_by_role("combobox", name=f"职级 {name}")).to_be_visible()
    expect(row).to_contain_text("置业顾问")

    choose(row, f"角色 {name}", "销售主管")
    expect(page.get_by_text(f"{name} 的角色已改为销售主管")).to_be_visible()

    row.get_by_role("button", name=re.compile(r"移\s*除")).click()
    page.get_by_role("tooltip").get_by_role("button", name=re.compile(r"移\s*除")).click()
    expect(row).to_have_count(0)
