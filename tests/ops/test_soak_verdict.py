"""bench/soak.py's verdict (issue #10, item 17): flat memory and connections and no 5xx pass, nothing else."""

from collections import Counter

import httpx
from bench.soak import Sample, Soak, Window, verdict


def run(rss: list[float], conns: list[int], statuses: Counter[str] | None = None) -> list[Sample]:
    samples = [
        Sample(10.0 * (i + 1), m, m, connections=c, cpu_percent=0, window=Window(Counter({"2xx": 9})))
        for i, (m, c) in enumerate(zip(rss, conns, strict=True))
    ]
    if statuses:
        samples[-1].window.statuses.update(statuses)
    return samples


def soak() -> Soak:
    return Soak(httpx.AsyncClient(), "project", [], {})


def test_flat_memory_and_connections_without_5xx_pass() -> None:
    # The first third (warm-up) may grow; the last third within 10 % of the second passes.
    samples = run([100, 150, 170, 171, 172, 170, 180, 185, 176], [3, 8, 10, 10, 11, 10, 11, 10, 11])
    assert verdict(samples, soak(), 0) == []


def test_memory_growing_past_ten_percent_fails() -> None:
    problems = verdict(run([100, 150, 170, 171, 172, 180, 190, 195, 200], [10] * 9), soak(), 0)
    assert len(problems) == 1 and problems[0].startswith("memory grows")


def test_connections_growing_fails() -> None:
    problems = verdict(run([170] * 9, [10, 10, 10, 10, 10, 10, 13, 14, 15]), soak(), 0)
    assert len(problems) == 1 and problems[0].startswith("connections grow")


def test_any_5xx_failure_or_logged_error_fails() -> None:
    assert verdict(run([170] * 9, [10] * 9, Counter({"5xx": 1})), soak(), 0)
    assert verdict(run([170] * 9, [10] * 9, Counter({"failed": 1})), soak(), 0)
    assert verdict(run([170] * 9, [10] * 9), soak(), 1)


def test_too_short_a_run_cannot_pass() -> None:
    assert verdict(run([170] * 5, [10] * 5), soak(), 0)[0].startswith("too short")
