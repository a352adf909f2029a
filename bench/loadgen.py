"""A small HTTP/1.1 load generator: N keep-alive connections, each sending requests back to back.

Pre-built request bytes and a minimal response parser keep the generator's own cost low, so that on
a 2-core machine most of the CPU goes to the server being measured.
"""

import asyncio
import time
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.rps:>8.0f} req/s   p50 {self.percentile(0.5):6.2f} ms   "
            f"p99 {self.percentile(0.99):6.2f} ms   errors {self.errors}"
        )


async def _connection(
    host: str, port: int, request: bytes, deadline: float, out: list[float], errs: list[int]
) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    done = 0
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            out.append((time.perf_counter() - started) * 1000)
            if status >= 400:
                errs.append(status)
            done += 1
    finally:
        writer.close()
    return done


async def run(
    name: str,
    host: str,
    port: int,
    path: str,
    *,
    token: str | None = None,
    connections: int = 32,
    seconds: float = 10,
) -> Result:
    headers = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive"]
    if token:
        headers.append(f"Authorization: Bearer {token}")
    request = ("\r\n".join(headers) + "\r\n\r\n").encode()
    latencies: list[float] = []
    errors: list[int] = []
    # A short warm-up so that pools, prepared statements and caches are in their steady state.
    warm_deadline = time.perf_counter() + 1.0
    await asyncio.gather(
        *[_connection(host, port, request, warm_deadline, [], []) for _ in range(connections)]
    )
    started = time.perf_counter()
    deadline = started + seconds
    counts = await asyncio.gather(
        *[_connection(host, port, request, deadline, latencies, errors) for _ in range(connections)]
    )
    elapsed = time.perf_counter() - started
    return Result(name, sum(counts), len(errors), elapsed, latencies)
