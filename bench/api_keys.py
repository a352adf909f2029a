"""What authenticating with an API key costs beside an access token, on GET /projects.

Starts one server as `make run` does (one worker, demo data, a database of its own, the per-key rate
limit raised out of the way), makes a key as the demo admin, and measures GET /projects with the
admin's access token and with the key, alternately, `--rounds` times; prints requests per second,
p50/p99 and server CPU per request for each, and the key's median cost over the token in µs of CPU.

    .venv/bin/python bench/api_keys.py [--seconds 3] [--connections 16] [--rounds 3]
"""

import argparse
import asyncio
import os
import statistics
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from bench.loadgen import run  # noqa: E402
from bench.run import bench_database, cpu_seconds, free_port, start_server  # noqa: E402

PATH = "/api/v1/projects"


async def main(seconds: float, connections: int, rounds: int) -> None:
    os.environ["API_KEY_RATE_LIMIT"] = str(10**9)  # the limit's own cost is measured, never its 429s
    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = start_server(bench_database(), port)
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            login = await client.post(
                f"{base}/auth/token", data={"username": "admin@a.demo", "password": "anchang-demo"}
            )
            token = login.json()["access_token"]
            made = await client.post(
                f"{base}/api-keys",
                json={"name": "bench", "scopes": ["inventory:read"]},
                headers={"Authorization": f"Bearer {token}"},
            )
            key = made.json()["secret"]
        cpu: dict[str, list[float]] = {"token": [], "key": []}
        for n in range(1, rounds + 1):
            for who, secret in (("token", token), ("key", key)):
                before = cpu_seconds(server.pid)
                result = await run(
                    f"GET /projects as {who}",
                    "127.0.0.1",
                    port,
                    PATH,
                    token=secret,
                    connections=connections,
                    seconds=seconds,
                )
                used = (cpu_seconds(server.pid) - before) / max(result.requests, 1) * 1e6
                cpu[who].append(used)
                print(f"round {n}: {result.line()}  CPU {used:6.0f} us/req", flush=True)
        token_cpu, key_cpu = statistics.median(cpu["token"]), statistics.median(cpu["key"])
        print(
            f"\nmedian server CPU per request: token {token_cpu:.0f} us, key {key_cpu:.0f} us "
            f"({key_cpu - token_cpu:+.0f} us, {100 * (key_cpu / token_cpu - 1):+.1f} %)"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.connections, args.rounds))
