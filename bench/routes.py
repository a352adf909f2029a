"""Every GET route's speed beside the framework floor, generated from the app's routes.

Starts one server as `make run` starts it (one worker, demo data, a database of its own), enumerates
the app's GET routes the way the tenancy walker does, fills each path's ids from the demo data, calls
each route as the first demo role allowed to (a supervisor, else the project manager, else the
admin), lists with `?limit=20`, and reports requests per second, p50/p99, server CPU per request and
the share of the floor (GET /health) measured in the same round, worst first. A route added
tomorrow is measured without anyone remembering to add it; one whose ids this script cannot fill is
listed as skipped, with the parameter missing. Each route's goal (issue #11) is printed beside it and
the last line names the routes below theirs.

Before measuring, `bench/seed.py` adds over the API what takes every paged list past a 20-row page
(the demo alone leaves many with a handful of rows), and the ids of the customer, unit, deal and broker
it filled are the ones called; `--demo-only` measures the demo data as it is. The `rows` column is how
many rows the measured page returned.

    .venv/bin/python bench/routes.py [--seconds 3] [--connections 16] [--rounds 1] [--only REGEX]…
        [--demo-only]
"""

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from bench.loadgen import run  # noqa: E402
from bench.run import bench_database, cpu_seconds, free_port, start_server  # noqa: E402
from bench.seed import PAGE, fill_lists  # noqa: E402

# Never measured: the floor itself, probes, and responses that never end.
SKIP = {"/api/v1/health", "/api/v1/ready", "/api/v1/projects/{project_id}/board/events"}
ROLES = ("sup@a.demo", "pm@a.demo", "admin@a.demo")

# Issue #11's goals, as shares of the floor in the same round: a list 10 % (and p99 under 100 ms at 32
# connections), a detail 15 %, the board 5 %; a document (a PDF, a workbook) no slower than on 3 December
# 2026, when this benchmark was first run (docs/performance.md), as no route may be.
LIST, DETAIL, BOARD, DOCUMENT = "list", "detail", "board", "document"
GOALS = {LIST: 10.0, DETAIL: 15.0, BOARD: 5.0}
LIST_P99_MS = 100.0
DOCUMENT_SHARE_BEFORE = {
    "/api/v1/deals/{deal_id}/subscription.pdf": 0.0,
    "/api/v1/projects/{project_id}/board.xlsx": 0.2,
    "/api/v1/projects/{project_id}/customers.xlsx": 0.4,
}


def kind_of(path: str, paged: bool) -> str:
    """What a route is, for its goal: a paged or unpaged collection is a list; one thing is a detail."""
    if path.endswith((".pdf", ".xlsx")):
        return DOCUMENT
    if path.endswith("/board"):
        return BOARD
    if paged:
        return LIST
    one_thing = path.endswith("}") or path.endswith(("/inventory-settings", "/me", "/schedule", "/mortgage"))
    return DETAIL if one_thing else LIST


def goal_of(path: str, paged: bool) -> float:
    kind = kind_of(path, paged)
    return DOCUMENT_SHARE_BEFORE.get(path, 0.0) if kind == DOCUMENT else GOALS[kind]


def page_length(body: dict[str, Any]) -> int:
    """How many rows a page returned: its `items`, or the one list of a page with its own shape (a
    customer's timeline pages `entries`)."""
    if "items" in body:
        return len(body["items"])
    return next(len(value) for value in body.values() if isinstance(value, list))


def get_routes() -> list[tuple[str, bool]]:
    """Every GET path of the app, and whether it is a paged list."""
    from anchang.core.config import Settings
    from anchang.main import create_app

    spec = create_app(Settings(database_url="postgresql+psycopg://unused/unused")).openapi()
    routes = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None or path in SKIP:
            continue
        paged = any(p.get("name") == "cursor" for p in get.get("parameters", []))
        routes.append((path, paged))
    return routes


async def demo_ids(client: httpx.AsyncClient, base: str, headers: dict[str, str]) -> dict[str, str]:
    """Ids of the demo organization A's objects, by the path parameter that names them."""

    async def first(path: str, key: str = "id") -> str | None:
        response = await client.get(base + path, headers=headers)
        if response.status_code != 200:
            return None
        items = response.json().get("items", [])
        return str(items[0][key]) if items else None

    ids: dict[str, str | None] = {}
    ids["project_id"] = await first("/projects?limit=1")
    project = f"/projects/{ids['project_id']}"
    ids["unit_id"] = await first(f"{project}/units?limit=1")
    ids["building_id"] = await first(f"{project}/buildings?limit=1")
    ids["price_list_id"] = await first(f"{project}/price-lists?limit=1")
    ids["customer_id"] = await first(f"{project}/customers?limit=1")
    ids["deal_id"] = await first(f"{project}/deals?limit=1")
    ids["reservation_id"] = await first(f"{project}/reservations?limit=1")
    ids["broker_id"] = await first(f"{project}/brokers?limit=1")
    ids["referral_id"] = await first(f"{project}/referrals?limit=1")
    ids["member_id"] = await first(f"{project}/members?limit=1")
    ids["approval_id"] = await first("/approvals?limit=1")
    ids["user_id"] = await first("/users?limit=1")
    ids["developer_id"] = await first("/developers?limit=1")
    ids["complaint_id"] = await first(f"{project}/complaints?limit=1")
    ids["campaign_id"] = await first(f"{project}/campaigns?limit=1")
    ids["close_id"] = await first(f"{project}/closes?limit=1")
    ids["statement_id"] = await first(f"{project}/agency-fee-statements?limit=1")
    ids["commission_statement_id"] = await first(f"{project}/commission-statements?limit=1")
    # Last month's summary: the month before the project's today (as its daily report names the day).
    today = (await client.get(f"{base}{project}/reports/daily", headers=headers)).json().get("date")
    if today:
        year, month = int(today[:4]), int(today[5:7])
        ids["period"] = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    ids["key_id"] = await first("/api-keys?limit=1")
    return {k: v for k, v in ids.items() if v is not None}


async def main(
    seconds: float, connections: int, rounds: int, only: list[str] | None, demo_only: bool
) -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = start_server(bench_database(), port)
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            tokens = {}
            for email in ROLES:
                login = await client.post(
                    f"{base}/auth/token", data={"username": email, "password": "anchang-demo"}
                )
                tokens[email] = login.json()["access_token"]
            ids = await demo_ids(client, base, {"Authorization": f"Bearer {tokens['admin@a.demo']}"})
            if not demo_only:
                started = time.perf_counter()
                ids.update(await fill_lists(client, base, tokens, ids))
                print(f"lists filled past {PAGE} rows in {time.perf_counter() - started:.1f} s", flush=True)
            plan, skipped = [], []
            rows: dict[str, int | None] = {}
            kinds: dict[str, tuple[str, float]] = {}
            for path, paged in get_routes():
                if only and not any(re.search(pattern, path) for pattern in only):
                    continue
                missing = [p for p in re.findall(r"{(\w+)}", path) if p not in ids]
                if missing:
                    skipped.append(f"{path} (no id for {', '.join(missing)})")
                    continue
                url = re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], path).removeprefix("/api/v1")
                url += "?limit=20" if paged else ""
                if path.endswith(("/board", "/board.xlsx")):  # a building's board: the demo's has 150 units
                    url += f"?building_id={ids['building_id']}"
                for email in ROLES:  # the first role the route lets in
                    response = await client.get(
                        base + url, headers={"Authorization": f"Bearer {tokens[email]}"}
                    )
                    if response.status_code == 200:
                        plan.append((f"GET {path}", f"/api/v1{url}", tokens[email], email.split("@")[0]))
                        rows[f"GET {path}"] = page_length(response.json()) if paged else None
                        kinds[f"GET {path}"] = (kind_of(path, paged), goal_of(path, paged))
                        break
                else:
                    skipped.append(f"{path} ({response.status_code} for every role)")

        shares: dict[str, list[float]] = {name: [] for name, *_ in plan}
        detail: dict[str, list[tuple[Any, float]]] = {name: [] for name, *_ in plan}
        for n in range(1, rounds + 1):
            before = cpu_seconds(server.pid)
            floor = await run(
                "floor", "127.0.0.1", port, "/api/v1/health", connections=connections, seconds=seconds
            )
            floor_cpu = (cpu_seconds(server.pid) - before) / floor.requests * 1e6
            print(f"round {n}: floor {floor.rps:.0f} req/s, server CPU {floor_cpu:.0f} us/req", flush=True)
            for name, url, token, who in plan:
                before = cpu_seconds(server.pid)
                result = await run(
                    name, "127.0.0.1", port, url, token=token, connections=connections, seconds=seconds
                )
                cpu = (cpu_seconds(server.pid) - before) / max(result.requests, 1) * 1e6
                shares[name].append(100 * result.rps / floor.rps)
                detail[name].append((result, cpu))
                print(
                    f"  {shares[name][-1]:5.1f} %  {result.line()}  CPU {cpu:6.0f} us/req  as {who}",
                    flush=True,
                )

        print(f"\nEvery GET route, worst first: median share of the floor over {rounds} round(s)")
        columns = ("rows", "share", "goal", "req/s", "p50 ms", "p99 ms", "CPU us", "errors")
        print(f"{'route':<62} " + " ".join(f"{c:>7}" for c in columns) + "  kind")
        below = []
        for name in sorted(shares, key=lambda k: statistics.median(shares[k]) / max(kinds[k][1], 0.1)):
            result, cpu = detail[name][-1]
            kind, goal = kinds[name]
            share = statistics.median(shares[name])
            p99 = result.percentile(0.99)
            misses = share < goal or result.errors > 0
            if kind == LIST and connections >= 32 and p99 >= LIST_P99_MS:
                misses = True
            if misses:
                below.append(name)
            count = "-" if rows[name] is None else rows[name]
            print(
                f"{name:<62} {count:>7} {share:6.1f}% {goal:6.1f}% {result.rps:7.0f} "
                f"{result.percentile(0.5):7.1f} {p99:7.1f} {cpu:7.0f} {result.errors:7d}  "
                f"{kind}{'  BELOW GOAL' if misses else ''}"
            )
        for line in skipped:
            print(f"skipped: {line}")
        short = [f"{name} ({count})" for name, count in rows.items() if count is not None and count < PAGE]
        if short:
            print(f"\n{len(short)} paged lists returned fewer than {PAGE} rows: {', '.join(short)}")
        p99_note = (
            ""
            if connections >= 32
            else f" (lists' p99 goal is checked at 32 connections; this ran {connections})"
        )
        if below:
            print(f"\n{len(below)} of {len(shares)} routes below their goal{p99_note}: {', '.join(below)}")
        else:
            print(f"\nEvery one of {len(shares)} routes meets its goal{p99_note}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--only",
        action="append",
        help="measure only routes whose path matches this regular expression (repeatable: any of them)",
    )
    parser.add_argument(
        "--demo-only", action="store_true", help="measure the demo data as it is (bench/seed.py adds nothing)"
    )
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.connections, args.rounds, args.only, args.demo_only))
