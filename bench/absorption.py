"""Absorption benchmark (issue #14): the 去化率 of a 5,000-unit project, median and p95 server time beside
the floor of the same run (the median of `GET /projects/{id}`).

The project is imported and released through the API, then a realistic mix of statuses is set in the
database with a subscription in each sold unit's history, spread over the last two years, so the days on
the market have something to count.

    .venv/bin/python bench/absorption.py [--requests 50] [--rounds 3]
"""

import argparse
import statistics
import time

import httpx
import psycopg

from inventory_common import csv_rows, database, login, new_project, populate, start


def _server_times(
    server: object, client: httpx.Client, path: str, part: str, headers: dict[str, str], n: int
) -> list[float]:
    client.get(path, headers=headers).raise_for_status()  # warm-up
    seen = len(server.durations(part))  # type: ignore[attr-defined]
    for _ in range(n):
        client.get(path, headers=headers).raise_for_status()
    time.sleep(0.2)  # the access log line is written after the response
    return server.durations(part)[seen + 1 :]  # type: ignore[attr-defined]


def main(requests: int, rounds: int) -> None:
    url, libpq = database("anchang_bench_absorption")
    server = start(url)
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            admin = login(client, "admin@a.demo")
            project = new_project(client, admin, "ABSORB5K")
            pm = login(client, "pm@a.demo")
            populate(client, pm, project, csv_rows(5, 40, 25), libpq)  # 5 × 1,000 units
            with psycopg.connect(libpq) as conn:
                conn.execute(
                    "INSERT INTO unit_history (id, organization_id, project_id, unit_id, from_status, "
                    "to_status, created_at) SELECT gen_random_uuid(), organization_id, project_id, id, "
                    "'available', 'subscribed', now() - (abs(hashtext(code)) %% 700) * interval '1 day' "
                    "FROM units "
                    "WHERE project_id = %s AND status IN ('subscribed', 'contracted')",
                    (project,),
                )
                conn.execute(
                    "UPDATE unit_history SET created_at = now() - interval '730 days' "
                    "WHERE project_id = %s AND to_status = 'available'",
                    (project,),
                )
                conn.execute("ANALYZE units")
                conn.execute("ANALYZE unit_history")
            path = f"/projects/{project}/reports/absorption"
            total = client.get(path, headers=pm).json()["total"]
            print(f"{total['units']:,} units, {total['sold']:,} sold, absorption {total['absorption']}")
            for n in range(rounds):
                floor = statistics.median(
                    _server_times(
                        server, client, f"/projects/{project}", f"/projects/{project}", pm, requests
                    )
                )
                times = _server_times(server, client, path, "/reports/absorption", pm, requests)
                median = statistics.median(times)
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"round {n + 1}: absorption server median {median:6.1f} ms  p95 {p95:6.1f} ms   "
                    f"floor (GET /projects/{{id}}) {floor:5.2f} ms   = {median / floor:5.1f}x the floor",
                    flush=True,
                )
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.requests, args.rounds)
