"""Fixtures of integrations: an app on a committed database, and a receiver of webhooks on 127.0.0.1."""

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.main import create_app


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A local HTTP server that records what it is sent; `status` is what it answers, `delay` how late."""

    url: str
    received: list[Received] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            r = box["r"]
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            if r.delay:
                threading.Event().wait(r.delay)
            r.received.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(r.status)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box["r"] = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hook")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box["r"]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
async def api(committed_database: Database) -> AsyncIterator[AsyncClient]:
    """The app over the committed database: each request commits, as in production."""
    app = create_app(
        Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"), committed_database
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
        yield client


async def until(condition: Any, seconds: float = 10.0) -> None:
    """Wait until `condition()` (a coroutine function) is true."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)
