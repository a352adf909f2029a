"""Board benchmark: one 1,000-unit building and a whole 5,000-unit project, median server time.

Server time is what the server's access log records per request (middleware to last byte); the
client-side round trip over loopback is printed next to it. One worker, keep-alive, sequential.

    .venv/bin/python bench/board.py [--requests 100]
"""

import argparse
import statistics
import time

import httpx

from inventory_common import csv_rows, database, login, new_project, populate, start


def _measure(client: httpx.Client, path: str, headers: dict[str, str], n: int) -> list[float]:
    client.get(path, headers=headers).raise_for_status()  # warm-up
    out = []
    for _ in range(n):
        started = time.perf_counter()
        r = client.get(path, headers=headers)
        out.append((time.perf_counter() - started) * 1000)
        r.raise_for_status()
    return out


def main(requests: int) -> None:
    url, libpq = database("anchang_bench_board")
    server = start(url)
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            admin = login(client, "admin@a.demo")
            project = new_project(client, admin, "BOARD5K")
            pm, c1 = login(client, "pm@a.demo"), login(client, "c1@a.demo")
            buildings = populate(client, pm, project, csv_rows(5, 40, 25), libpq)  # 5 × 1,000 units
            one = buildings[0]["id"]
            size = len(client.get(f"/projects/{project}/board", headers=pm).content)
            cases = [
                (
                    "building of 1,000 units, project manager",
                    f"/projects/{project}/board?building_id={one}",
                    pm,
                ),
                ("building of 1,000 units, consultant", f"/projects/{project}/board?building_id={one}", c1),
                ("project of 5,000 units, project manager", f"/projects/{project}/board", pm),
                ("project of 5,000 units, consultant", f"/projects/{project}/board", c1),
            ]
            for name, path, headers in cases:
                seen = len(server.durations("/board"))
                client_ms = _measure(client, path, headers, requests)
                time.sleep(0.2)  # the access log line is written after the response
                server_ms = server.durations("/board")[seen + 1 :]  # without the warm-up
                print(
                    f"{name:42s} server median {statistics.median(server_ms):6.1f} ms  "
                    f"p95 {statistics.quantiles(server_ms, n=20)[-1]:6.1f} ms   "
                    f"client median {statistics.median(client_ms):6.1f} ms   (n={len(server_ms)})"
                )
            print(f"whole-project board JSON: {size / 1024:.0f} KiB")
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    main(parser.parse_args().requests)
