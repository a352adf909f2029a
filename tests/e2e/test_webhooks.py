"""Webhooks in a real browser: an admin registers an endpoint to a local receiver (the secret shown once),
a consultant subscribes a unit, and the receiver gets `deal.subscribed` with a valid signature, delivered by
the worker `anchang serve` runs."""

import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import orjson
import pytest
from playwright.sync_api import Page, expect
from standardwebhooks import Webhook

from tests.e2e.conftest import BrowserErrors
from tests.e2e.helpers import log_in, open_board

pytestmark = pytest.mark.e2e


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_an_admin_registers_a_webhook_and_receives_the_subscription_signed(
    page: Page,
    second_page: tuple[Page, BrowserErrors],
    receiver: tuple[str, list[tuple[dict[str, str], bytes]]],
) -> None:
    url, received = receiver
    admin = page
    log_in(admin, "admin@a.demo")
    admin.goto("/admin/webhooks")
    admin.get_by_role("button", name="新建端点").click()
    dialog = admin.locator(".ant-modal:visible")
    dialog.get_by_label("接收地址").fill(url)
    dialog.get_by_role("checkbox", name="deal.subscribed").check()
    dialog.get_by_role("button", name=re.compile(r"确\s*定|保\s*存")).click()
    secret_box = admin.get_by_test_id("webhook-secret")
    expect(secret_box).to_contain_text("whsec_")
    secret = secret_box.inner_text().strip()
    admin.get_by_role("button", name="我已保存").click()
    expect(admin.get_by_role("cell", name=url)).to_be_visible()

    # A consultant subscribes an available unit, as on the deals page.
    consultant, _ = second_page
    log_in(consultant, "c1@a.demo")
    open_board(consultant)
    cell = consultant.locator("[data-testid^='unit-'][data-status='available']").first
    cell.click()
    consultant.get_by_test_id("unit-drawer").get_by_test_id("unit-subscribe").click()
    step = consultant.get_by_test_id("wizard-step-buyers")
    step.locator(".ant-select").filter(has=consultant.get_by_role("combobox", name="买受人")).click()
    option = consultant.locator(".ant-select-dropdown:visible .ant-select-item-option").first
    expect(option).to_be_visible()
    option.click()
    consultant.keyboard.press("Escape")
    for _ in range(3):
        consultant.get_by_role("button", name="下一步").click()
    consultant.get_by_role("button", name="确认认购").click()
    consultant.get_by_test_id("open-new-deal").click()
    expect(consultant.get_by_test_id("deal-status")).to_have_text("已认购")
    deal_id = consultant.url.rstrip("/").rsplit("/", 1)[-1]

    deadline = time.monotonic() + 15
    while not received and time.monotonic() < deadline:
        time.sleep(0.1)
    assert received, "the receiver got nothing"
    headers, body = received[0]
    event = Webhook(secret).verify(body, headers)
    assert event["type"] == "deal.subscribed"
    assert event["object_id"] == deal_id
    assert headers["webhook-id"] == event["id"]
    assert orjson.loads(body)["data"]["status"] == "subscribed"

    # The delivery log shows it.
    admin.get_by_role("button", name="投递记录").click()
    expect(admin.get_by_test_id("delivery-status").first).to_have_text("成功")
