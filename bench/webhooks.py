"""Webhooks benchmark (issue #15): delivery throughput to a local receiver with one worker, the time from
a commit to its delivery when idle, and the changes feed paging 1,000 events.

- Throughput: `--events` events (each of its own object, as a busy office's) are written in one
  transaction for one endpoint, then one worker (`deliver_once` in a loop, as `python -m anchang worker`
  runs it) sends them to a receiver in a process of its own (uvicorn, answering 204); events/s is
  the events over the time until the last one is recorded as delivered.
- Write to delivery, idle: `--latency-samples` times, one event committed while the worker idles
  (`run_forever`, as `make run` starts it), and the time until its delivery is recorded as succeeded
  (the receiver answered and the worker committed the outcome), polled every 2 ms.
- The feed: `--feed-events` events in the organization, then pages of 1,000 read as GET /events does
  (`feed.read_events` on the lean read path and the answer serialized), median of `--requests`.

    .venv/bin/python bench/webhooks.py [--events 5000] [--latency-samples 30] [--requests 30]
"""

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inventory_common import ROOT, database, free_port


async def receiver_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The receiver: reads the body, answers 204."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def start_receiver() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "webhooks:receiver_app",
            "--app-dir",
            str(ROOT / "bench"),
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
    )
    url = f"http://127.0.0.1:{port}/hook"
    for _ in range(100):
        try:
            httpx.post(url, content=b"{}")
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the receiver did not start")


class Scene:
    def __init__(self, url: str):
        from anchang.core.db import Database

        self.database = Database(url, pool_size=4)
        self.org = uuid.uuid4()
        self.project = uuid.uuid4()

    async def setup(self, receiver_url: str) -> None:
        from sqlalchemy import text

        async with self.database.session() as session:
            await session.execute(
                text("INSERT INTO organizations (id, name, slug) VALUES (:id, 'Bench', :slug)"),
                {"id": self.org, "slug": f"bench-{self.org.hex[:8]}"},
            )
            await session.execute(
                text(
                    "INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret) "
                    "VALUES (:id, :org, :url, ARRAY['unit.status_changed'], :secret)"
                ),
                {"id": uuid.uuid4(), "org": self.org, "url": receiver_url, "secret": "whsec_" + "QUJD" * 8},
            )
            await session.commit()

    async def emit(self, count: int) -> None:
        from anchang.integrations import service as integrations

        async with self.database.session() as session:
            items = [(uuid.uuid4(), None, None, {"status": "available", "n": n}) for n in range(count)]
            await integrations.emit_bulk(
                session, "unit.status_changed", organization_id=self.org, object_type="units", items=items
            )
            await session.commit()

    async def pending(self) -> int:
        from sqlalchemy import text

        async with self.database.session(read_only=True) as session:
            return int(
                await session.scalar(text("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'"))
                or 0
            )


async def throughput(scene: Scene, events: int) -> float:
    from anchang.integrations import worker

    await scene.emit(events)
    started = time.perf_counter()
    async with worker.http_client() as client:
        while await worker.deliver_once(scene.database, client):
            pass
    elapsed = time.perf_counter() - started
    assert await scene.pending() == 0
    return events / elapsed


async def latency(scene: Scene, samples: int) -> list[float]:
    from anchang.integrations import worker

    task = asyncio.create_task(worker.run_forever(scene.database))
    times = []
    try:
        await asyncio.sleep(0.5)
        for _ in range(samples):
            await asyncio.sleep(0.2)  # idle between writes
            started = time.perf_counter()
            await scene.emit(1)
            while await scene.pending():  # noqa: ASYNC110 - polling the database is what is measured
                await asyncio.sleep(0.002)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        task.cancel()
    return times


async def feed_paging(scene: Scene, events: int, requests: int) -> list[float]:
    from anchang.core.reads import answer
    from anchang.core.security import Principal
    from anchang.integrations import feed, schemas

    for _ in range(events // 5000 + 1):
        await scene.emit(min(5000, events))
    caller = Principal(uuid.uuid4(), scene.org, True, uuid.uuid4())
    times = []
    for i in range(requests):
        after = (i * 1000) % max(1, events - 1000)
        started = time.perf_counter()
        page = await feed.read_events(
            scene.database.reader, caller, after=after, limit=1000, types=None, project_id=None
        )
        answer(schemas.EventFeed, page)
        times.append((time.perf_counter() - started) * 1000)
        assert len(page["items"]) == 1000
    return times


async def main(args: argparse.Namespace) -> None:
    from anchang.cli import migrate

    url, _ = database("anchang_bench_webhooks")
    migrate(url)
    receiver, receiver_url = start_receiver()
    scene = Scene(url)
    try:
        await scene.setup(receiver_url)
        rates = [await throughput(scene, args.events) for _ in range(args.rounds)]
        shown = ", ".join(f"{r:,.0f}" for r in rates)
        print(f"delivery throughput, one worker: {shown} events/s ({args.events:,} events each)")
        lat = await latency(scene, args.latency_samples)
        print(
            f"write to delivery, idle: median {statistics.median(lat):.0f} ms, "
            f"p90 {statistics.quantiles(lat, n=10)[-1]:.0f} ms ({len(lat)} samples)"
        )
        paging = await feed_paging(scene, args.feed_events, args.requests)
        print(f"feed, pages of 1,000: median {statistics.median(paging):.1f} ms, max {max(paging):.1f} ms")
    finally:
        await scene.database.dispose()
        receiver.terminate()
        receiver.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-samples", type=int, default=30)
    parser.add_argument("--feed-events", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=30)
    asyncio.run(main(parser.parse_args()))
