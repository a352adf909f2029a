"""The package's shape, kept: core imports no domain, domains import each other only through their
public `service` facade (and shared response `schemas`), no import loops between domains, no file
past about 600 lines."""

import ast
import inspect
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent / "backend" / "anchang"
# What assembles the domains or seeds demo data: allowed to reach into any of them.
ASSEMBLY = {"main.py", "cli.py", "models.py", "demo.py", "wiring.py", "__main__.py"}
PUBLIC_MODULES = {"service", "schemas"}
MAX_LINES = 620


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("anchang"):
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if node.module.count(".") == 1]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("anchang")]
    return found


def _domain_files() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).parts[0], path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if len(path.relative_to(PACKAGE).parts) > 1 and path.name not in ASSEMBLY
    ]


def test_core_imports_no_domain() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for domain, path in _domain_files()
        if domain == "core"
        for module in _imports(path)
        if module.split(".")[1] != "core"
    ]
    assert not offenders, offenders


def test_domains_meet_only_at_their_facades() -> None:
    offenders = []
    for domain, path in _domain_files():
        for module in _imports(path):
            parts = module.split(".")
            other = parts[1]
            if other in {domain, "core"} or len(parts) < 3:
                continue
            if parts[2] not in PUBLIC_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders, offenders


def test_no_import_loop_between_domains() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for domain, path in _domain_files():
        for module in _imports(path):
            other = module.split(".")[1]
            if other not in {domain, "core"}:
                graph[domain].add(other)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph[start])

    loops = sorted(d for d in list(graph) if reaches(d, d, {d}))
    assert not loops, {d: sorted(graph[d]) for d in loops}


def test_no_file_past_about_600_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_no_day_is_counted_in_utc() -> None:
    """Until 08:00 in Shanghai UTC still says yesterday: days come from the project calendar."""
    utc_day = re.compile(r"now\(UTC\)\.date\(\)|date\.today\(\)|utcnow\(\)\.date\(\)")
    tests = PACKAGE.parent.parent / "tests"
    found = [
        str(path)
        for path in [*PACKAGE.rglob("*.py"), *tests.rglob("*.py")]
        if utc_day.search(path.read_text(encoding="utf-8")) and path != Path(__file__)
    ]
    assert not found, found


def test_no_route_waits_for_a_thread(app: Any) -> None:
    """FastAPI runs a plain `def` dependency or endpoint in its thread pool: a hand-off per request
    that cost a cheap route a third of its time (`project_directory` did, for 67 routes)."""
    from fastapi.routing import APIRoute

    def synchronous(call: Any) -> bool:
        return not (
            inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call) or isinstance(call, type)
        )

    def walk(dependant: Any) -> Iterator[str]:
        for dependency in dependant.dependencies:
            if dependency.call is not None and synchronous(dependency.call):
                yield getattr(dependency.call, "__qualname__", repr(dependency.call))
            yield from walk(dependency)

    offenders = {
        f"{route.path}: {name}"
        for route in app.routes
        if isinstance(route, APIRoute)
        for name in [
            *walk(route.dependant),
            *([route.endpoint.__qualname__] if synchronous(route.endpoint) else []),
        ]
    }
    assert not offenders, sorted(offenders)
