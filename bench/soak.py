"""Soak: a steady mixed load for a while, watching the server for leaks (issue #10, item 17).

One server started as `make run` starts it (`python -m anchang serve`, one worker, 127.0.0.1 only)
on a database of its own (`anchang_soak_<pid>`, demo data) on the embedded server or DATABASE_URL's. For
`--seconds` (default 600) it sends `--rate` requests a second (default 10) in a fixed mix — lists
(projects, units, customers, /me), writes (a unit held and released, a customer registered) and
logins — while `--streams` board event streams (default 8) stay open, each reconnecting every
minute. Every 10 s it samples the server's resident memory (the process and its children, from
/proc), its database connections (`pg_stat_activity` on its database) and the responses by
status class.

It passes, exit status 0, when over the run
- memory is flat: the mean of the last third's samples is within 10 % of the second third's
  (the first third is warm-up: pools filling, caches, allocator arenas); a sample is the lowest
  of its interval's readings, taken every second (a login's password check briefly holds 64 MiB);
- connections are flat: the last third's mean is within 10 % + 1 of the second third's (counts
  are small integers, so one connection of slack);
- no response was a 5xx and no request or stream failed at the transport level.

    .venv/bin/python bench/soak.py [--seconds 600] [--rate 10] [--streams 8] [--skip KIND]…

Loopback only, every loop bounded by the deadline; the database is dropped afterwards.
"""

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from anchang.demo import DEMO_LOGINS  # noqa: E402
from bench.inventory_common import Server, database, start  # noqa: E402
from bench.run import cpu_seconds  # noqa: E402

DATABASE = f"anchang_soak_{os.getpid()}"  # of its own, so two soaks side by side never share one
# RSS_NOTE: a login's argon2 check allocates 64 MiB for its duration (two may run at once), so a
# single reading jumps by up to 128 MiB depending on whether it falls in one. A leak raises the
# floor: each interval's lowest reading (taken every second) is what the verdict compares.
SAMPLE_SECONDS = 10.0
STREAM_SECONDS = 60.0  # each board stream closes and opens again after this long
PASSWORD = "anchang-demo"  # noqa: S105 - the documented demo password
# The mix, 17 entries repeated in order: 13 lists, 3 writes (a hold is two requests), 1 login.
MIX = [
    "projects",
    "units",
    "customers",
    "me",
    "units",
    "hold",
    "projects",
    "customers",
    "units",
    "me",
    "register",
    "units",
    "customers",
    "register",
    "projects",
    "units",
    "login",
]


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants (uvicorn's workers), from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except FileNotFoundError:  # exited meanwhile
            continue
        rss = [line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")]
        total += int(rss[0]) * 1024 if rss else 0
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending += [int(c) for c in (task / "children").read_text().split()]
            except FileNotFoundError:  # a thread that ended while we looked
                continue
    return total


@dataclass
class Window:
    """What happened in one sampling interval."""

    statuses: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    events: int = 0


@dataclass
class Sample:
    at: float
    rss_mb: float  # the lowest of the interval's readings (one a second): see RSS_NOTE
    rss_max_mb: float
    connections: int
    cpu_percent: float
    window: Window


@dataclass
class Soak:
    client: httpx.AsyncClient
    project: str
    units: list[str]
    headers: dict[str, dict[str, str]]
    window: Window = field(default_factory=Window)
    failures: list[str] = field(default_factory=list)
    late: int = 0
    not_ok: Counter[str] = field(default_factory=Counter)  # "kind status" of every answer not 2xx
    skip: frozenset[str] = frozenset()

    def count(self, status: int | str, started: float) -> None:
        key = status if isinstance(status, str) else f"{status // 100}xx"
        self.window.statuses[key] += 1
        self.window.latencies_ms.append((time.perf_counter() - started) * 1000)

    async def one(self, n: int) -> None:
        """Send the `n`th request of the mix and count its answer."""
        kind = MIX[n % len(MIX)]
        if kind in self.skip:  # left out by --skip (to find what a growth comes from): a list instead
            kind = "projects"
        sm, c1 = self.headers["sm"], self.headers["c1"]
        unit = self.units[(n // len(MIX)) % len(self.units)]
        p = f"/projects/{self.project}"
        started = time.perf_counter()
        try:
            if kind == "projects":
                r = await self.client.get("/projects", headers=c1)
            elif kind == "units":
                r = await self.client.get(f"{p}/units", params={"limit": 50}, headers=c1)
            elif kind == "customers":
                r = await self.client.get(f"{p}/customers", params={"limit": 50}, headers=c1)
            elif kind == "me":
                r = await self.client.get("/me", headers=c1)
            elif kind == "hold":  # hold, then release in the same task, so the two never cross
                r = await self.client.post(f"/units/{unit}/hold", json={"reason": "soak"}, headers=sm)
                if r.status_code == 200:
                    self.count(r.status_code, started)
                    kind, started = "unhold", time.perf_counter()
                    r = await self.client.post(f"/units/{unit}/unhold", json={}, headers=sm)
            elif kind == "register":
                phone = f"139{os.getpid() % 1000:03d}{n % 100000:05d}"
                body = {"name": f"压测客户{n}", "phone": phone}
                r = await self.client.post(f"{p}/customers", json=body, headers=c1)
            else:  # a different demo user each time, as an office's morning logins
                login = {"username": DEMO_LOGINS[n // len(MIX) % len(DEMO_LOGINS)], "password": PASSWORD}
                r = await self.client.post("/auth/token", data=login)
        except httpx.HTTPError as error:
            self.count("failed", started)
            self.failures.append(f"{kind}: {type(error).__name__} {error}")
            return
        self.count(r.status_code, started)
        if r.status_code >= 300:
            self.not_ok[f"{kind} {r.status_code}"] += 1
        if r.status_code >= 500:
            self.failures.append(f"{kind}: {r.status_code} {r.text[:200]}")

    async def stream(self, deadline: float, offset: float) -> None:
        """One board event stream, held open and reopened every STREAM_SECONDS, until the deadline."""
        await asyncio.sleep(offset)  # the streams reconnect at different moments
        while time.perf_counter() < deadline:
            until = min(deadline, time.perf_counter() + STREAM_SECONDS)
            try:
                async with self.client.stream(
                    "GET", f"/projects/{self.project}/board/events", headers=self.headers["c1"]
                ) as response:
                    self.window.statuses[f"{response.status_code // 100}xx"] += 1
                    if response.status_code != 200:
                        self.failures.append(f"board stream: {response.status_code}")
                        await asyncio.sleep(1)
                        continue
                    lines = response.aiter_lines()
                    while (left := until - time.perf_counter()) > 0:
                        try:
                            line = await asyncio.wait_for(anext(lines), left)
                        except TimeoutError:
                            break
                        if line.startswith("data: "):
                            self.window.events += 1
            except (httpx.HTTPError, StopAsyncIteration) as error:
                if time.perf_counter() < deadline - 1:
                    self.window.statuses["failed"] += 1
                    self.failures.append(f"board stream: {type(error).__name__} {error}")
                    await asyncio.sleep(1)


def connections(admin: str) -> int:
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (DATABASE,)).fetchone()
    return int(row[0]) if row else 0


async def drive(
    server: Server, admin: str, seconds: float, rate: float, streams: int, skip: frozenset[str]
) -> tuple[list[Sample], Soak]:
    # Idle connections are let go before uvicorn's 5 s keep-alive timeout closes them, or a request
    # sent on one just as the server closes it fails (ReadError) for no fault of the server's.
    limits = httpx.Limits(
        max_connections=64 + streams, max_keepalive_connections=64 + streams, keepalive_expiry=3
    )
    timeout = httpx.Timeout(30, read=STREAM_SECONDS + 30)
    async with httpx.AsyncClient(base_url=server.base, timeout=timeout, limits=limits) as client:
        headers = {}
        for who in ("sm", "c1"):
            r = await client.post("/auth/token", data={"username": f"{who}@a.demo", "password": PASSWORD})
            r.raise_for_status()
            headers[who] = {"Authorization": f"Bearer {r.json()['access_token']}"}
        projects = (await client.get("/projects", headers=headers["sm"])).json()["items"]
        project = next(p["id"] for p in projects if p["code"] == "HFTD")
        listed = await client.get(
            f"/projects/{project}/units", params={"status": "available", "limit": 20}, headers=headers["sm"]
        )
        units = [u["id"] for u in listed.json()["items"]]
        soak = Soak(client, project, units, headers, skip=skip)

        started = time.perf_counter()
        deadline = started + seconds
        stream_tasks = [
            asyncio.create_task(soak.stream(deadline, STREAM_SECONDS * i / max(streams, 1)))
            for i in range(streams)
        ]
        in_flight: set[asyncio.Task[None]] = set()
        limit = asyncio.Semaphore(64)
        samples: list[Sample] = []
        cpu_before, next_sample = cpu_seconds(server.process.pid), started + SAMPLE_SECONDS
        interval = 1.0 / rate
        rss_readings: list[int] = [tree_rss_bytes(server.process.pid)]
        next_rss = started + 1.0

        async def paced(n: int) -> None:
            async with limit:
                await soak.one(n)

        tick = started
        for n in itertools.count():  # bounded: one request per tick until the deadline
            if tick >= deadline:
                break
            now = time.perf_counter()
            if now < tick:
                await asyncio.sleep(tick - now)
            if limit.locked():  # the server is behind: this tick's request is dropped, counted
                soak.late += 1
            else:
                task = asyncio.create_task(paced(n))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
            tick += interval
            if time.perf_counter() >= next_sample:
                cpu_now = cpu_seconds(server.process.pid)
                window, soak.window = soak.window, Window()
                rss_readings.append(tree_rss_bytes(server.process.pid))
                samples.append(
                    Sample(
                        at=time.perf_counter() - started,
                        rss_mb=min(rss_readings) / 2**20,
                        rss_max_mb=max(rss_readings) / 2**20,
                        connections=await asyncio.to_thread(connections, admin),
                        cpu_percent=100 * (cpu_now - cpu_before) / SAMPLE_SECONDS,
                        window=window,
                    )
                )
                print(row(samples[-1]), flush=True)
                cpu_before, next_sample = cpu_now, next_sample + SAMPLE_SECONDS
                rss_readings = []
            if time.perf_counter() >= next_rss:
                rss_readings.append(tree_rss_bytes(server.process.pid))
                next_rss += 1.0
        await asyncio.gather(*in_flight, *stream_tasks)
    return samples, soak


HEADER = f"{'t (s)':>6} {'RSS MB':>7} {'(max)':>7} {'db conns':>8} {'CPU %':>6} {'2xx':>6} {'4xx':>5} {'5xx':>5} {'failed':>6} {'p50 ms':>7} {'p99 ms':>7} {'events':>7}"  # noqa: E501


def row(s: Sample) -> str:
    w, lat = s.window, sorted(s.window.latencies_ms) or [0.0]
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    return (
        f"{s.at:6.0f} {s.rss_mb:7.1f} {s.rss_max_mb:7.1f} {s.connections:8d} {s.cpu_percent:6.1f} "
        f"{w.statuses['2xx']:6d} {w.statuses['4xx']:5d} {w.statuses['5xx']:5d} {w.statuses['failed']:6d} "
        f"{statistics.median(lat):7.1f} {p99:7.1f} {w.events:7d}"
    )


def verdict(samples: list[Sample], soak: Soak, logged_errors: int) -> list[str]:
    """What failed, by the rules in the module's docstring; empty when the soak passed."""
    problems: list[str] = []
    third = len(samples) // 3
    if third < 2:
        return [f"too short: {len(samples)} samples, at least 6 (60 s) are needed to judge"]
    second, last = samples[third : 2 * third], samples[-third:]
    rss2, rss3 = statistics.mean(s.rss_mb for s in second), statistics.mean(s.rss_mb for s in last)
    if rss3 > rss2 * 1.10:
        problems.append(f"memory grows: last third {rss3:.1f} MB against {rss2:.1f} MB (> +10 %)")
    con2 = statistics.mean(s.connections for s in second)
    con3 = statistics.mean(s.connections for s in last)
    if con3 > con2 * 1.10 + 1:
        problems.append(f"connections grow: last third {con3:.1f} against {con2:.1f} (> +10 % + 1)")
    totals = sum((s.window.statuses for s in samples), Counter())
    if totals["5xx"] or totals["failed"] or soak.failures:
        shown = "; ".join(soak.failures[:5])
        problems.append(f"{totals['5xx']} responses 5xx, {totals['failed']} failed requests: {shown}")
    if logged_errors:
        problems.append(f"the server logged {logged_errors} errors")
    return problems


def report(samples: list[Sample], soak: Soak) -> None:
    totals = sum((s.window.statuses for s in samples), Counter())
    print(f"\nresponses by class: {dict(sorted(totals.items()))}; dropped ticks (server behind): {soak.late}")
    if soak.not_ok:
        print(f"answers not 2xx, by request and status: {dict(sorted(soak.not_ok.items()))}")
    third = max(len(samples) // 3, 1)
    for name, part in (("second third", samples[third : 2 * third]), ("last third", samples[-third:])):
        if part:
            print(
                f"{name}: RSS mean {statistics.mean(s.rss_mb for s in part):.1f} MB, "
                f"db connections mean {statistics.mean(s.connections for s in part):.1f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=10, help="requests a second, besides the streams")
    parser.add_argument("--streams", type=int, default=8, help="board event streams held open")
    parser.add_argument(
        "--skip", action="append", default=[], choices=sorted(set(MIX)), help="leave a kind out of the mix"
    )
    args = parser.parse_args()
    url, libpq = database(DATABASE)
    admin = libpq.replace(f"/{DATABASE}", "/postgres", 1)
    server = start(url, workers=1)
    print(
        f"soak: {args.seconds:.0f} s at {args.rate:g} requests/s, {args.streams} board streams, "
        f"server pid {server.process.pid} at {server.base}\n{HEADER}",
        flush=True,
    )
    try:
        skip = frozenset(args.skip)
        samples, soak = asyncio.run(drive(server, admin, args.seconds, args.rate, args.streams, skip))
    finally:
        server.stop()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    log = server.log.read_text(errors="replace").splitlines()
    errors = [line for line in log if '"level":"error"' in line]
    report(samples, soak)
    print(f"errors in the server's log: {len(errors)}")
    for line in errors[:3]:
        print(f"  {line[:1500]}")
    server.log.unlink(missing_ok=True)
    problems = verdict(samples, soak, len(errors))
    for problem in problems:
        print(f"FAIL: {problem}")
    if not problems:
        print("PASS: memory and connections flat, no 5xx, no failed requests")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
