"""Browser tests: the built SPA served by a real `anchang serve`, driven by Debian's Chromium.

The server runs as a subprocess on a free port against a database of its own on the embedded
PostgreSQL, dropped and created afresh so the demo data loads clean. Every page a test opens fails
the test on a console error or an uncaught exception, unless the test says it expects one.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
OFFICE_ZONE = "Asia/Shanghai"  # the demo projects' time zone
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Per run, so two runs on one machine (two terminals, CI) never drop each other's database.
E2E_DATABASE = f"anchang_e2e_{os.getpid()}"

os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108 - as the Makefile
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

expect.set_options(timeout=10_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh_database() -> tuple[object, str, str]:
    """The embedded server's handle, its admin URI, and the URL of an empty database on it."""
    from anchang.core.config import get_settings
    from anchang.core.embedded_pg import server_url, start_embedded_postgres

    server = start_embedded_postgres(get_settings().data_dir)
    admin = server.get_uri()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{E2E_DATABASE}" WITH (FORCE)')
    return server, admin, server_url(server, E2E_DATABASE)  # server_url creates it


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"anchang serve exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/ready", timeout=2) as response:  # noqa: S310 - our server
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"anchang serve was not ready in {timeout} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        pytest.fail("frontend/dist is missing: run `npm --prefix frontend run build` (make e2e does)")
    server, admin, database_url = _fresh_database()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="anchang-e2e-", suffix=".log")[1])
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "anchang", "serve", "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_ready(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{E2E_DATABASE}" WITH (FORCE)')
        del server  # the embedded server stops when its last user lets go


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class BrowserErrors:
    """Console errors and uncaught exceptions of a page; `allow` names the ones a test expects."""

    seen: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.seen if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1280, "height": 800}


@contextmanager
def watched_page(
    browser: Browser, base_url: str, viewport: dict[str, int], errors: BrowserErrors, who: str
) -> Iterator[Page]:
    """A page in a browser context of its own (own storage, own login); any console error or
    uncaught exception it reports fails the test."""
    # The office's own clock: dates typed and shown are the project's days, whatever zone CI runs in.
    context = browser.new_context(
        base_url=base_url, viewport=viewport, locale="zh-CN", timezone_id=OFFICE_ZONE
    )
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.seen.append(f"console.error: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.seen.append(f"uncaught: {error}"))
    yield page
    context.close()
    unexpected = errors.unexpected()
    if unexpected:
        pytest.fail(f"{who} reported errors:\n" + "\n".join(unexpected), pytrace=False)


@pytest.fixture
def page(
    browser: Browser, base_url: str, viewport: dict[str, int], browser_errors: BrowserErrors
) -> Iterator[Page]:
    with watched_page(browser, base_url, viewport, browser_errors, "the browser") as page:
        yield page


@pytest.fixture
def second_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, BrowserErrors]]:
    """A second user's browser, for tests where two people work at once."""
    errors = BrowserErrors()
    viewport = {"width": 1280, "height": 800}
    with watched_page(browser, base_url, viewport, errors, "the second browser") as page:
        yield page, errors
