"""Complaints benchmark (issue #12): the statistics over 50,000 complaints and 300,000 actions of one
project, and the escalation sweep over 10,000 overdue complaints.

- Statistics: median server time (the access log's, middleware to last byte) of
  `GET /projects/{id}/reports/complaints` for a year, beside the floor of the same run: the median of
  `GET /projects/{id}` (one authorized read of one row), sequential, keep-alive, one worker.
- Sweep: wall time of one `escalate_overdue` pass that escalates 10,000 complaints (one transaction,
  rolled back so every round starts equal), beside its floor: one UPDATE that touches the same rows.

    .venv/bin/python bench/complaints.py [--complaints 50000] [--overdue 10000] [--requests 30] [--rounds 3]
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from inventory_common import database, login, new_project, start

CATEGORIES = [
    "quality",
    "price",
    "service",
    "sales_promise",
    "contract",
    "payment",
    "handover",
    "property",
    "other",
]
CHANNELS = ["on_site", "phone", "wechat", "online", "hotline", "media"]
SEVERITIES = ["minor", "major", "critical"]
ACTIONS_PER_COMPLAINT = 6


def _fill(libpq: str, project: str, complaints: int, *, overdue: bool, seed: int) -> list[str]:
    """`complaints` complaints of `project` (with six actions each when not `overdue`) by COPY; their ids."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    ids: list[str] = []
    with psycopg.connect(libpq) as conn:
        org, filer, concerned = conn.execute(
            "SELECT p.organization_id, m.user_id, m.user_id FROM projects p JOIN project_members m "
            "ON m.project_id = p.id WHERE p.id = %s LIMIT 1",
            (project,),
        ).fetchone()
        columns = (
            "id, organization_id, project_id, source, channel, category, severity, status, title, "
            "description, concerned_user_ids, filed_by, level, acknowledge_due_at, resolve_due_at, "
            "escalates_at, acknowledged_at, "
            "acknowledged_on_time, resolved_at, resolved_on_time, closed_at, escalation_count, reopen_count, "
            "satisfaction, created_at, updated_at"
        )
        with conn.cursor().copy(f"COPY complaints ({columns}) FROM STDIN") as copy:
            for _ in range(complaints):
                cid = str(uuid.uuid4())
                ids.append(cid)
                filed = (
                    now - timedelta(hours=3)
                    if overdue
                    else now - timedelta(minutes=rng.randrange(365 * 24 * 60))
                )
                status = (
                    "open"
                    if overdue
                    else rng.choice(["open", "acknowledged", "in_progress", "resolved", "closed", "closed"])
                )
                settled = status in ("resolved", "closed")
                resolved_at = filed + timedelta(hours=rng.uniform(1, 72)) if settled else None
                copy.write_row(
                    (
                        cid,
                        org,
                        project,
                        rng.choice(["customer"] * 4 + ["internal"]),
                        rng.choice(CHANNELS),
                        rng.choice(CATEGORIES),
                        rng.choice(SEVERITIES),
                        status,
                        "投诉标题",
                        "投诉内容",
                        f"{{{concerned}}}" if rng.random() < 0.2 else "{}",
                        filer,
                        1,
                        filed + timedelta(hours=2),
                        filed + timedelta(hours=24),
                        # the statistics' complaints are history: none waits for the sweep
                        filed + timedelta(hours=2) if overdue else None,
                        None if status == "open" else filed + timedelta(hours=1),
                        None if status == "open" else rng.random() < 0.8,
                        resolved_at,
                        None if resolved_at is None else resolved_at <= filed + timedelta(hours=24),
                        resolved_at + timedelta(hours=5) if status == "closed" and resolved_at else None,
                        0,
                        1 if rng.random() < 0.05 else 0,
                        rng.randint(1, 5) if status == "closed" else None,
                        filed,
                        filed,
                    )
                )
        if not overdue:
            with conn.cursor().copy(
                "COPY complaint_actions "
                "(id, organization_id, project_id, complaint_id, type, actor_id, at, data) "
                "FROM STDIN"
            ) as copy:
                for cid in ids:
                    for n in range(ACTIONS_PER_COMPLAINT):
                        copy.write_row(
                            (
                                str(uuid.uuid4()),
                                org,
                                project,
                                cid,
                                "comment",
                                filer,
                                now - timedelta(hours=n),
                                "{}",
                            )
                        )
        conn.execute("ANALYZE complaints")
        conn.execute("ANALYZE complaint_actions")
        conn.commit()
    return ids


def _server_median(
    server: object, client: httpx.Client, path: str, part: str, headers: dict[str, str], n: int
) -> float:
    seen = len(server.durations(part))  # type: ignore[attr-defined]
    for _ in range(n + 1):
        client.get(path, headers=headers).raise_for_status()
    time.sleep(0.2)  # the access log line is written after the response
    return statistics.median(server.durations(part)[seen + 1 :])  # type: ignore[attr-defined]


async def _sweep(url: str, project: str, rounds: int) -> list[tuple[float, float, int]]:
    from sqlalchemy import text

    from anchang.complaints import service
    from anchang.core.db import Database

    database = Database(url, pool_size=2)
    out = []
    try:
        for _ in range(rounds):
            async with database.session() as session:
                started = time.perf_counter()
                await session.execute(
                    text(
                        "UPDATE complaints SET version = version + 1 "
                        "WHERE project_id = :p AND escalates_at IS NOT NULL"
                    ),
                    {"p": project},
                )
                floor = time.perf_counter() - started
                await session.rollback()
            async with database.session() as session:
                started = time.perf_counter()
                climbed = await service.escalate_overdue(session)
                took = time.perf_counter() - started
                await session.rollback()
            out.append((took, floor, climbed))
    finally:
        await database.dispose()
    return out


def main(complaints: int, overdue: int, requests: int, rounds: int) -> None:
    os.environ["COMPLAINT_SWEEP_SECONDS"] = "0"  # its own sweep would escalate them before we time it
    url, libpq = database("anchang_bench_complaints")
    server = start(url)
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            admin = login(client, "admin@a.demo")
            pm = login(client, "pm@a.demo")
            stats_project = new_project(client, admin, "CMPL50K")
            sweep_project = new_project(client, admin, "SWEEP10K")
            started = time.perf_counter()
            _fill(libpq, stats_project, complaints, overdue=False, seed=1)
            _fill(libpq, sweep_project, overdue, overdue=True, seed=2)
            print(
                f"seeded {complaints:,} complaints, {complaints * ACTIONS_PER_COMPLAINT:,} actions and "
                f"{overdue:,} overdue ones in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            year_ago = (datetime.now(UTC) - timedelta(days=365)).date()
            report = f"/projects/{stats_project}/reports/complaints?from={year_ago}"
            total = client.get(report, headers=pm).json()["total"]
            for n in range(rounds):
                floor = _server_median(
                    server, client, f"/projects/{stats_project}", f"/projects/{stats_project}", pm, requests
                )
                stats = _server_median(server, client, report, "/reports/complaints", pm, requests)
                print(
                    f"round {n + 1}: statistics over {total:,} complaints: server median {stats:6.1f} ms   "
                    f"floor (GET /projects/{{id}}) {floor:5.2f} ms   = {stats / floor:5.1f}x the floor",
                    flush=True,
                )
        for n, (took, floor, climbed) in enumerate(asyncio.run(_sweep(url, sweep_project, rounds))):
            print(
                f"round {n + 1}: sweep escalated {climbed:,} complaints in {took * 1000:7.0f} ms   "
                f"floor (one UPDATE of the same rows) {floor * 1000:5.0f} ms   "
                f"= {took / floor:4.1f}x the floor"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=50_000)
    parser.add_argument("--overdue", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.complaints, args.overdue, args.requests, args.rounds)
