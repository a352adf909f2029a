"""Live-update latency: from a write (hold / unhold through the API) to its server-sent event on a
board stream, with 2 workers so the write and the stream are often in different processes.

    .venv/bin/python bench/sse_latency.py [--changes 100]
"""

import argparse
import asyncio
import statistics
import time

import httpx
import orjson

from inventory_common import database, login, start


async def measure(
    base: str, project: str, unit: str, watcher: dict[str, str], writer: dict[str, str], n: int
) -> list[float]:
    latencies: list[float] = []
    async with (
        httpx.AsyncClient(base_url=base, timeout=30) as client,
        client.stream("GET", f"/projects/{project}/board/events", headers=watcher) as stream,
    ):
        lines = stream.aiter_lines()
        while not (await anext(lines)).startswith("event: ready"):
            pass
        held = False
        for _ in range(n):
            action = "unhold" if held else "hold"
            body = {} if held else {"reason": "bench"}
            started = time.perf_counter()
            r = await client.post(f"/units/{unit}/{action}", json=body, headers=writer)
            r.raise_for_status()
            held = not held
            while True:
                line = await asyncio.wait_for(anext(lines), 5)
                if line.startswith("data: ") and orjson.loads(line[6:]).get("unit_id") == unit:
                    latencies.append((time.perf_counter() - started) * 1000)
                    break
    return latencies


def main(changes: int) -> None:
    url, _ = database("anchang_bench_sse")
    server = start(url, workers=2)
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            c1, sm = login(client, "c1@a.demo"), login(client, "sm@a.demo")
            project = next(
                p for p in client.get("/projects", headers=sm).json()["items"] if p["code"] == "HFTD"
            )
            unit = client.get(
                f"/projects/{project['id']}/units", params={"status": "available", "limit": 1}, headers=sm
            ).json()["items"][0]["id"]
        latencies = asyncio.run(measure(server.base, project["id"], unit, c1, sm, changes))
        q = statistics.quantiles(latencies, n=20)
        print(
            f"write → SSE event, {len(latencies)} changes, 2 workers: "
            f"median {statistics.median(latencies):.1f} ms, "
            f"p95 {q[-1]:.1f} ms, max {max(latencies):.1f} ms (includes the write's own round trip)"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=100)
    main(parser.parse_args().changes)
