"""API keys in a real browser (issue #15, item 1): the admin makes a key with deals:read in the SPA,
copies its secret, an integration calls the API with it and gets data; the admin revokes it in the
SPA and the same call is refused at once."""

import re
import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.e2e


def test_admin_makes_a_key_an_integration_uses_and_revokes_it(page: Page, base_url: str) -> None:
    name = f"CRM {uuid.uuid4().hex[:6]}"
    log_in(page, "admin@a.demo")
    page.goto("/admin/api-keys")
    expect(page.get_by_role("heading", name="API 密钥")).to_be_visible()

    page.get_by_test_id("api-key-create").click()
    page.get_by_test_id("api-key-name").fill(name)
    page.get_by_test_id("scope-deals-read").check()
    page.get_by_test_id("scope-inventory-read").check()
    page.locator(".ant-modal-footer").get_by_role("button", name=re.compile(r"保\s*存")).click()

    secret_box = page.get_by_test_id("api-key-secret")
    expect(secret_box).to_have_value(re.compile(r"^ak_"))
    expect(page.get_by_text("关闭后将无法再次查看")).to_be_visible()
    page.get_by_test_id("api-key-copy").click()
    secret = secret_box.input_value()
    page.get_by_test_id("api-key-secret-done").click()
    row = page.locator("tr", has_text=name)
    expect(row).to_contain_text(secret[:11])
    expect(page.locator("body")).not_to_contain_text(secret)  # shown once, never listed

    # The integration, with nothing but the secret.
    headers = {"Authorization": f"Bearer {secret}"}
    with httpx.Client(base_url=f"{base_url}/api/v1", headers=headers, timeout=10) as api:
        projects = api.get("/projects")
        assert projects.status_code == 200, projects.text
        assert projects.headers["RateLimit-Limit"] == "600"
        project_id = projects.json()["items"][0]["id"]
        deals = api.get(f"/projects/{project_id}/deals")
        assert deals.status_code == 200, deals.text
        assert api.get("/users").json()["code"] == "api_key_not_allowed"

        row.get_by_role("button", name="吊销").click()
        page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"吊\s*销")).click()
        expect(row).to_contain_text("已吊销")
        refused = api.get(f"/projects/{project_id}/deals")
        assert refused.status_code == 401 and refused.json()["code"] == "api_key_invalid"
