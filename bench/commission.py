"""Agency-fee benchmark (issue #13): a month's statement over a project with 5,000 contracted deals, and
reading the computed statement's lines a page at a time.

- Generation: the server time (its access log) of `POST /projects/{id}/agency-fee-statements` for the
  month, recomputing the same draft each round, beside the floor of the same run: the median of
  `GET /projects/{id}` (one authorized read of one row).
- The consultants' month: the server time of `POST /projects/{id}/commission-statements` {month}, computing
  again the month's draft of each of the project's 60 consultants, among whom the deals are spread (nothing
  changed since, so no line is rewritten), and once per round the first computation of the month (its
  drafts deleted directly before, so every line is written).
- Reading: the median server time of `GET /agency-fee-statements/{id}/lines?limit=200`, the first page
  and one deep in the statement (by cursor), beside the same floor.

The deals are written by COPY (units, deals, one payment each), as the deals domain would have left them:
contracted in the month, paid in full, a tenth of them parking spaces.

    .venv/bin/python bench/commission.py [--deals 5000] [--requests 20] [--rounds 3]
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from inventory_common import Server, database, login, new_project, start

RULE = {
    "effective_from": "2020-01-01",
    "base": "contracted_price",
    "rate": "1.0",
    "premium_share": "30",
    "fixed_amounts": {"parking": "5000.00"},
    "stages": [
        {"name": "contract", "share": "70", "condition": "down_payment_received"},
        {"name": "full", "share": "30", "condition": "fully_paid_or_loan"},
    ],
}


def _consultants(conn: psycopg.Connection[Any], project: str, count: int) -> list[Any]:
    """c1 and `count - 1` more consultants of the project (users and memberships written directly)."""
    org, c1, password = conn.execute(
        "SELECT p.organization_id, u.id, u.password_hash FROM projects p JOIN users u "
        "ON u.organization_id = p.organization_id WHERE p.id = %s AND u.email = 'c1@a.demo'",
        (project,),
    ).fetchone()
    grades = ["trainee", "junior", "mid", "senior"]
    out = [c1]
    for n in range(1, count):
        user = uuid.uuid4()
        conn.execute(
            "INSERT INTO users (id, organization_id, email, full_name, password_hash) "
            "VALUES (%s, %s, %s, %s, %s)",
            (user, org, f"bench-c{n}@a.demo", f"顾问 {n}", password),
        )
        conn.execute(
            "INSERT INTO project_members (id, organization_id, project_id, user_id, role, grade) "
            "VALUES (%s, %s, %s, %s, 'consultant', %s)",
            (uuid.uuid4(), org, project, user, grades[n % 4]),
        )
        out.append(user)
    return out


def _fill(libpq: str, project: str, deals: int, month_start: datetime, consultants: int) -> None:
    rng = random.Random(13)
    with psycopg.connect(libpq) as conn:
        sellers = _consultants(conn, project, consultants)
        (org,) = conn.execute("SELECT organization_id FROM projects WHERE id = %s", (project,)).fetchone()
        building = uuid.uuid4()
        conn.execute(
            "INSERT INTO buildings (id, organization_id, project_id, name) VALUES (%s, %s, %s, 'Bench')",
            (building, org, project),
        )
        units, rows, payments = [], [], []
        for n in range(deals):
            unit = uuid.uuid4()
            parking = n % 10 == 0
            price = Decimal(rng.randrange(80_000, 150_000) if parking else rng.randrange(800_000, 3_000_000))
            floor_price = (price * Decimal("0.95")).quantize(Decimal("1"))
            on = month_start + timedelta(days=n % 28, hours=10)
            units.append(
                (
                    unit,
                    org,
                    project,
                    building,
                    "parking" if parking else "residence",
                    f"B-{n:05d}",
                    n // 20 + 1,
                    n % 20 + 1,
                    Decimal("90.00"),
                    price,
                    floor_price,
                    "contracted",
                )
            )
            deal = uuid.uuid4()
            rows.append(
                (
                    deal,
                    org,
                    project,
                    unit,
                    "{}",
                    sellers[n % len(sellers)],
                    "contracted",
                    "full",
                    price,
                    Decimal(0),
                    "[]",
                    price,
                    Decimal("50000.00") if price > 50_000 else price,
                    False,
                    on.date(),
                    on.date(),
                    on,
                )
            )
            payments.append((uuid.uuid4(), org, project, deal, "receipt", price, "transfer", on, "[]"))
        with conn.cursor().copy(
            "COPY units (id, organization_id, project_id, building_id, kind, code, floor, position, "
            "gross_area, list_price, floor_price, status) FROM STDIN"
        ) as copy:
            for row in units:
                copy.write_row(row)
        with conn.cursor().copy(
            "COPY deals (id, organization_id, project_id, unit_id, customer_ids, consultant_id, status, "
            "payment_method, list_price, method_discount_rate, discounts, final_price, deposit, below_floor, "
            "subscribed_on, signed_on, contracted_at) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        with conn.cursor().copy(
            "COPY deal_payments (id, organization_id, project_id, deal_id, kind, amount, method, paid_at, "
            "allocations) FROM STDIN"
        ) as copy:
            for row in payments:
                copy.write_row(row)
        for table in ("units", "deals", "deal_payments"):
            conn.execute(f"ANALYZE {table}")
        conn.commit()


def _forget_drafts(libpq: str, project: str, month: str) -> None:
    """The month's draft statements gone, as before anyone computed them."""
    with psycopg.connect(libpq) as conn:
        drafts = (
            "SELECT id FROM commission_statements WHERE project_id = %s AND month = %s AND status = 'draft'"
        )
        for delete in (
            f"DELETE FROM commission_lines WHERE statement_id IN ({drafts})",  # noqa: S608
            f"DELETE FROM commission_statements WHERE id IN ({drafts})",  # noqa: S608
        ):
            conn.execute(delete, (project, month))


def _median(
    server: Server,
    client: httpx.Client,
    method: str,
    path: str,
    part: str,
    n: int,
    skip: int = 1,
    **kw: object,
) -> float:
    """The median server time of `n` requests after `skip` warm-up ones."""
    seen = len(server.durations(part))
    for _ in range(n + skip):
        client.request(method, path, **kw).raise_for_status()  # type: ignore[arg-type]
    time.sleep(0.2)  # the access log line is written after the response
    return statistics.median(server.durations(part)[seen + skip :])


PLAN = {
    "effective_from": "2020-01-01",
    "rates": {"trainee": "0.10", "junior": "0.15", "mid": "0.20", "senior": "0.30"},
    "fixed_amounts": {"parking": "500.00"},
    "supervisor_override": "0.05",
    "stages": [
        {"name": "contract", "share": "50", "condition": "contracted"},
        {"name": "paid", "share": "50", "condition": "fully_paid_or_loan"},
    ],
}


def main(deals: int, requests: int, rounds: int, consultants: int = 60) -> None:
    os.environ["COMPLAINT_SWEEP_SECONDS"] = "0"
    url, libpq = database("anchang_bench_commission")
    server = start(url)
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            admin, pm = login(client, "admin@a.demo"), login(client, "pm@a.demo")
            dev = login(client, "dev@a.demo")
            project = new_project(client, admin, "FEE5K")
            users = {
                u["email"]: u["id"]
                for u in client.get("/users", params={"limit": 200}, headers=admin).json()["items"]
            }
            for email, role in (("fin@a.demo", "finance"), ("dev@a.demo", "developer_rep")):
                client.post(
                    f"/projects/{project}/members",
                    json={"user_id": users[email], "role": role},
                    headers=admin,
                ).raise_for_status()
            fin = login(client, "fin@a.demo")
            rule = client.post(f"/projects/{project}/agency-fee-rules", json=RULE, headers=pm)
            rule.raise_for_status()
            client.post(
                f"/approvals/{rule.json()['approval_id']}/approve", json={}, headers=dev
            ).raise_for_status()
            today = datetime.now(UTC)
            month_start = (today.replace(day=1) - timedelta(days=1)).replace(
                day=1, hour=0, minute=0, second=0, microsecond=0
            )
            started = time.perf_counter()
            _fill(libpq, project, deals, month_start, consultants)
            plan = client.post(f"/projects/{project}/commission-plans", json=PLAN, headers=pm)
            plan.raise_for_status()
            client.post(
                f"/approvals/{plan.json()['approval_id']}/approve", json={}, headers=pm
            ).raise_for_status()
            print(f"seeded {deals:,} contracted deals in {time.perf_counter() - started:.0f} s", flush=True)
            month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            body = {"period_start": str(month_start.date()), "period_end": str(month_end.date())}
            url_statements = f"/projects/{project}/agency-fee-statements"
            statement = client.post(url_statements, json=body, headers=fin).json()
            lines_url = f"/agency-fee-statements/{statement['id']}/lines"
            deep = client.get(lines_url, params={"limit": 200}, headers=fin)
            for _ in range(10):  # a page from the middle of the statement
                deep = client.get(
                    lines_url, params={"limit": 200, "cursor": deep.json()["next_cursor"]}, headers=fin
                )
            cursor = deep.json()["next_cursor"]
            print(f"statement of {statement['line_count']:,} lines, total {statement['total']}", flush=True)
            for n in range(rounds):
                floor = _median(
                    server,
                    client,
                    "GET",
                    f"/projects/{project}",
                    f"/projects/{project}",
                    requests,
                    headers=fin,
                )
                generate = _median(
                    server,
                    client,
                    "POST",
                    url_statements,
                    "/agency-fee-statements",
                    max(3, requests // 4),
                    json=body,
                    headers=fin,
                )
                first = _median(
                    server, client, "GET", lines_url, "/lines", requests, params={"limit": 200}, headers=fin
                )
                middle = _median(
                    server,
                    client,
                    "GET",
                    lines_url,
                    "/lines",
                    requests,
                    params={"limit": 200, "cursor": cursor},
                    headers=fin,
                )
                month_body = {"month": f"{month_start:%Y-%m}"}
                monthly = _median(
                    server,
                    client,
                    "POST",
                    f"/projects/{project}/commission-statements",
                    "/commission-statements",
                    max(3, requests // 4),
                    json=month_body,
                    headers=pm,
                )
                _forget_drafts(libpq, project, f"{month_start:%Y-%m-%d}")
                first_month = _median(
                    server,
                    client,
                    "POST",
                    f"/projects/{project}/commission-statements",
                    "/commission-statements",
                    1,
                    json=month_body,
                    headers=pm,
                    skip=0,
                )
                print(
                    f"round {n + 1}: generate {generate:7.1f} ms ({generate / floor:6.0f}x the floor)   "
                    f"lines page 1 {first:5.1f} ms ({first / floor:4.1f}x)   deep page {middle:5.1f} ms "
                    f"({middle / floor:4.1f}x)   {consultants} consultants' month {monthly:7.1f} ms "
                    f"({monthly / floor:5.0f}x), first computation {first_month:7.1f} ms   "
                    f"floor (GET /projects/{{id}}) {floor:4.2f} ms",
                    flush=True,
                )
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--deals", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.deals, args.requests, args.rounds)
