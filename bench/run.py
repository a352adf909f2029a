"""Foundation benchmark: requests per second and p50/p99 at 32 connections, one worker.

Measures the framework floor (GET /api/v1/health: constant JSON, no database, no auth),
GET /api/v1/me and GET /api/v1/projects (authenticated, tenant-scoped), all against one server
started the way `make run` starts it (`python -m anchang serve --workers 1`), on a database of its own.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 32] [--rounds 3]
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from bench.loadgen import run  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_database() -> str:
    """A fresh database `anchang_bench` on DATABASE_URL's server or the embedded one."""
    import psycopg
    from sqlalchemy.engine import make_url

    from anchang.core.config import get_settings
    from anchang.core.embedded_pg import start_embedded_postgres

    settings = get_settings()
    if settings.database_url:
        url = make_url(settings.database_url)
        admin = url.set(database="postgres", drivername="postgresql").render_as_string(hide_password=False)
        target = url.set(database="anchang_bench").render_as_string(hide_password=False)
    else:
        server = start_embedded_postgres(settings.data_dir, stop_on_exit=False)
        admin = server.get_uri()
        target = admin.replace("postgresql://", "postgresql+psycopg://", 1).replace(
            "/postgres?", "/anchang_bench?"
        )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS anchang_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE anchang_bench")
    return target


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "ANCHANG_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "anchang", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/ready", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not become ready")


async def main(seconds: float, connections: int, rounds: int) -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    port = free_port()
    server = start_server(bench_database(), port)
    try:
        async with httpx.AsyncClient() as client:
            login = await client.post(
                f"http://127.0.0.1:{port}/api/v1/auth/token",
                data={"username": "c1@a.demo", "password": "anchang-demo"},
            )
        token = login.json()["access_token"]
        routes = [
            ("floor: GET /health", "/api/v1/health", None),
            ("GET /me", "/api/v1/me", token),
            ("GET /projects", "/api/v1/projects", token),
        ]
        # Rounds of all three in turn: a change in what else the machine does moves every route of a
        # round alike, so each round's ratio is fair and their median is the figure.
        ratios: dict[str, list[float]] = {name: [] for name, _, _ in routes[1:]}
        for n in range(1, rounds + 1):
            results = []
            for name, path, auth in routes:
                before = cpu_seconds(server.pid)
                result = await run(
                    name, "127.0.0.1", port, path, token=auth, connections=connections, seconds=seconds
                )
                # Warm-up requests are not counted: this slightly overstates, equally for every route.
                results.append((result, (cpu_seconds(server.pid) - before) / result.requests * 1e6))
            print(f"round {n}")
            for r, cpu in results:
                print(f"  {r.line()}   server CPU {cpu:6.0f} us/req")
            floor, floor_cpu = results[0]
            for r, cpu in results[1:]:
                ratios[r.name].append(100 * r.rps / floor.rps)
                print(
                    f"  {r.name}: {100 * r.rps / floor.rps:.1f} % of the floor's requests per second "
                    f"({100 * floor_cpu / cpu:.1f} % by server CPU per request)"
                )
        for name, values in ratios.items():
            shown = ", ".join(f"{v:.1f}" for v in values)
            median = statistics.median(values)
            print(f"{name}: median {median:.1f} % of the floor over {rounds} rounds ({shown})")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.connections, args.rounds))
