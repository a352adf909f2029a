r"""Our 20-row lists beside the FastAPI full-stack template's items list, same machine and database.

Issue #11 asks that every list of ours serve at least 1.5x the requests per second of the
template's `GET /api/v1/items/?limit=20`. This script sets both servers up and measures them in
interleaved rounds with `bench/loadgen.py`:

- the template's backend runs from a checkout of its own repository outside this one (never copied
  here), from a virtual environment of its own next to that checkout, with the same Python as ours,
  on our embedded PostgreSQL in a database of its own (`template_bench`), under uvicorn with uvloop
  and httptools, one worker, no access log (ours logs no access either);
- ours runs as `bench/run.py` starts it (one worker, demo data, database `anchang_bench`).

Get the template at commit a7275354 (the last that runs on Python 3.11) into a scratch folder:

    git clone https://github.com/fastapi/full-stack-fastapi-template /work/scratch/template
    git -C /work/scratch/template checkout a7275354

(or, from a bare mirror, `git --git-dir=MIRROR archive a7275354 | tar -x -C /work/scratch/template`).
Then:

    PYTHONPATH=$PWD/backend .venv/bin/python bench/template_side_by_side.py \
        --template /work/scratch/template [--rounds 3] [--seconds 5] [--connections 16] \
        [--only SUBSTRING] [--items 100] [--demo-only]

The first run makes `TEMPLATE/.bench-venv` with `python -m venv` and pip-installs the template
backend's dependencies (those of `backend/pyproject.toml`, pinned to the versions of its `uv.lock`)
from PyPI; later runs reuse it, so only that first run needs the network. Two small patches are made
to the checkout (never to this repository), each only once: the migration that creates the
`uuid-ossp` extension, which the embedded server lacks, uses PostgreSQL's own `gen_random_uuid()`;
and the settings accept a Unix-socket directory as `POSTGRES_SERVER`, since the embedded server
listens on a socket only. Then the script migrates the template's database, creates its superuser
(its own `app/initial_data.py`), adds `--items` items owned by it over its API, and logs in to both.

Each round measures each server's floor (ours `GET /api/v1/health`, the template's
`GET /api/v1/utils/health-check/`), the template's items list before and after our lists (their mean
is the round's yardstick, so that a drift of the machine within the round moves both sides alike),
and every paged GET list of ours at `?limit=20` (the routes `bench/routes.py` finds, ids filled from
the demo data, called as the first demo role allowed), after `bench/seed.py` has taken each of them
past a 20-row page over our API (`--demo-only`: the demo data as it is; the `rows` column says how
many rows each page returned). It reports requests per second, p50/p99,
server CPU per request (the server process, from /proc), database CPU per request (all backends of
the embedded server) and the share of the server's own floor; for each of our lists, the ratio of its
requests per second to the items list's (goal >= 1.5x), worst first.
"""

import argparse
import asyncio
import hashlib
import logging
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from bench.loadgen import Result, run  # noqa: E402
from bench.routes import ROLES, demo_ids, get_routes  # noqa: E402
from bench.run import bench_database, cpu_seconds, free_port, start_server  # noqa: E402
from bench.seed import fill_lists  # noqa: E402

TEMPLATE_COMMIT = "a7275354"
TEMPLATE_DATABASE = "template_bench"
SUPERUSER = "admin@example.com"
UUID_MIGRATION = "app/alembic/versions/d98dd8ec85a3_edit_replace_id_integers_in_all_models_.py"
SOCKET_PATCH = (
    "        if self.POSTGRES_SERVER.startswith('/'):  # anchang bench: a Unix-socket directory\n"
    "            return f'postgresql+psycopg://{self.POSTGRES_USER}@/{self.POSTGRES_DB}"
    "?host={self.POSTGRES_SERVER}'  # type: ignore[return-value]\n"
)


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the figures."""
    print(message, file=sys.stderr, flush=True)


def template_venv(template: Path) -> Path:
    """The template's own virtual environment, made and filled on first use; its Python."""
    venv = template / ".bench-venv"
    python = venv / "bin" / "python"
    pyproject = (template / "backend" / "pyproject.toml").read_bytes()
    lock = (template / "uv.lock").read_bytes()
    # Reinstall only when what it was installed from changes.
    stamp = hashlib.sha256(pyproject + lock).hexdigest()
    marker = venv / "anchang-bench-installed"
    if marker.exists() and marker.read_text() == stamp:
        return python
    started = time.perf_counter()
    log(f"making {venv} and installing the template backend's dependencies from PyPI")
    # Made by our interpreter, the venv runs on the same Python as ours.
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    requirements = tomllib.loads(pyproject.decode())["project"]["dependencies"]
    # Pinned to the template's own lock, so that a later release of a dependency cannot move its figures.
    pins = [
        f"{p['name']}=={p['version']}"
        for p in tomllib.loads(lock.decode())["package"]
        if "registry" in p.get("source", {})
    ]
    constraints = venv / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-c", str(constraints), *requirements],
        check=True,
    )
    marker.write_text(stamp)
    log(f"  installed in {time.perf_counter() - started:.0f} s")
    return python


def patch_template(template: Path) -> None:
    """The two changes the embedded server needs, made in the checkout (idempotent)."""
    backend = template / "backend"
    migration = backend / UUID_MIGRATION
    text = migration.read_text()
    if "uuid-ossp" in text:
        # The extension is not built into the embedded server; gen_random_uuid() is core since 13.
        text = text.replace(
            """op.execute('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"')""",
            "pass  # anchang bench: gen_random_uuid() instead of uuid-ossp",
        )
        migration.write_text(text.replace("uuid_generate_v4()", "gen_random_uuid()"))
    config = backend / "app" / "core" / "config.py"
    text = config.read_text()
    anchor = "    def SQLALCHEMY_DATABASE_URI(self) -> PostgresDsn:\n"
    if SOCKET_PATCH not in text:
        if anchor not in text:
            raise SystemExit(f"{config}: not the template at {TEMPLATE_COMMIT}? ({anchor.strip()} not found)")
        config.write_text(text.replace(anchor, anchor + SOCKET_PATCH))


def template_env(template: Path, anchang_url: str, password: str) -> dict[str, str]:
    """The template's settings: our database server, a database of its own, a fresh secret."""
    from sqlalchemy.engine import make_url

    url = make_url(anchang_url)
    socket_dir = url.query.get("host")
    return {
        **os.environ,
        # Ours is on PYTHONPATH; the template must see only its own `app` (its Dockerfile sets the same).
        "PYTHONPATH": str(template / "backend"),
        "ENVIRONMENT": "local",
        "PROJECT_NAME": "template bench",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "POSTGRES_SERVER": str(socket_dir) if socket_dir else str(url.host),
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": url.username or "postgres",
        # Empty would fall back to the template's .env ("changethis", which it warns about); the
        # embedded server trusts its socket, so any word does.
        "POSTGRES_PASSWORD": url.password or "bench",
        "POSTGRES_DB": TEMPLATE_DATABASE,
        "FIRST_SUPERUSER": SUPERUSER,
        "FIRST_SUPERUSER_PASSWORD": password,
        "SENTRY_DSN": "",
        "SMTP_HOST": "",
    }


def fresh_template_database(anchang_url: str) -> None:
    """Drop and create the template's database on the server that holds ours."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(anchang_url).set(database="postgres", drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {TEMPLATE_DATABASE}")


def start_template(template: Path, python: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """Migrate, create the superuser (the template's own prestart steps) and serve, one worker."""
    backend = template / "backend"
    subprocess.run(
        [str(python), "-m", "alembic", "upgrade", "head"],
        cwd=backend,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(python), "app/initial_data.py"], cwd=backend, env=env, check=True, capture_output=True
    )
    command = [
        *(str(python), "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", "1", "--loop", "uvloop", "--http", "httptools", "--no-access-log"),
        *("--log-level", "warning"),
    ]
    process = subprocess.Popen(command, cwd=backend, env=env, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            health = httpx.get(f"http://127.0.0.1:{port}/api/v1/utils/health-check/", timeout=1)
            if health.status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the template's server did not start")


def postgres_pid() -> int | None:
    """The embedded server's postmaster, if ours is the embedded one."""
    from anchang.core.config import get_settings

    settings = get_settings()
    pidfile = settings.data_dir / "postgres" / "postmaster.pid"
    if settings.database_url or not pidfile.exists():
        return None
    return int(pidfile.read_text().split()[0])


def database_cpu(postmaster: int | None) -> float:
    """CPU seconds of the database server: the postmaster, its live children and those it has reaped.

    The reaped ones matter: a pool that closes connections under load (the template's overflow does)
    ends backends during a run, and their CPU would otherwise vanish from the difference.
    """
    if postmaster is None:
        return 0.0
    fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK") + cpu_seconds(postmaster)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == postmaster:
                total += cpu_seconds(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue  # a process that ended while we looked
    return total


@dataclass
class Target:
    """One route to drive: which server, what path, as whom."""

    name: str
    port: int
    pid: int
    path: str
    token: str | None
    rows: int = 0
    results: list[tuple[Result, float, float]] = field(default_factory=list)


async def measure(target: Target, postmaster: int | None, seconds: float, connections: int) -> None:
    """Drive one route and keep its figures with the server and database CPU per request."""
    server_before, db_before = cpu_seconds(target.pid), database_cpu(postmaster)
    result = await run(
        target.name,
        "127.0.0.1",
        target.port,
        target.path,
        token=target.token,
        connections=connections,
        seconds=seconds,
    )
    count = max(result.requests, 1)
    # Warm-up requests are not counted: this overstates CPU a little, alike for every route.
    server = (cpu_seconds(target.pid) - server_before) / count * 1e6
    db = (database_cpu(postmaster) - db_before) / count * 1e6
    target.results.append((result, server, db))
    print(f"  {result.line()}  CPU {server:6.0f} us/req  DB {db:5.0f} us/req", flush=True)


async def our_lists(base: str, port: int, pid: int, only: str | None, demo_only: bool) -> list[Target]:
    """Every paged GET list of ours at ?limit=20, as the first demo role it lets in, filled past a
    page by `bench/seed.py` unless `demo_only`."""
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
            log(f"our lists filled past a page in {time.perf_counter() - started:.1f} s")
        routes = get_routes()
        # Building our app to read its routes configures logging; httpx's request lines are noise here.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        targets = []
        for path, paged in routes:
            if not paged or (only and only not in path):
                continue
            missing = [p for p in re.findall(r"{(\w+)}", path) if p not in ids]
            if missing:
                log(f"skipped: {path} (no id for {', '.join(missing)})")
                continue
            url = re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], path) + "?limit=20"
            for email in ROLES:
                response = await client.get(
                    base + url.removeprefix("/api/v1"), headers={"Authorization": f"Bearer {tokens[email]}"}
                )
                if response.status_code == 200:
                    name = f"{path.removeprefix('/api/v1')} ({email.split('@')[0]})"
                    rows = len(response.json()["items"])
                    targets.append(Target(name, port, pid, url, tokens[email], rows))
                    break
            else:
                log(f"skipped: {path} ({response.status_code} for every role)")
        return targets


async def seed_items(base: str, password: str, count: int) -> str:
    """Log in as the template's superuser, give it `count` items, and return its token."""
    async with httpx.AsyncClient(timeout=30) as client:
        login = await client.post(
            f"{base}/login/access-token", data={"username": SUPERUSER, "password": password}
        )
        login.raise_for_status()
        token = str(login.json()["access_token"])
        headers = {"Authorization": f"Bearer {token}"}
        for n in range(count):
            item = {"title": f"Item {n + 1}", "description": f"Bench item number {n + 1}"}
            (await client.post(f"{base}/items/", json=item, headers=headers)).raise_for_status()
        return token


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


async def main(
    template: Path,
    rounds: int,
    seconds: float,
    connections: int,
    only: str | None,
    items: int,
    demo_only: bool,
) -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    if not (template / "backend" / "app" / "main.py").exists():
        raise SystemExit(f"{template} is not a checkout of the FastAPI full-stack template (see --help)")

    started = time.perf_counter()
    python = template_venv(template)
    patch_template(template)
    venv_done = time.perf_counter()
    ours_url = bench_database()
    fresh_template_database(ours_url)
    password = secrets.token_urlsafe(12)
    their_port, our_port = free_port(), free_port()
    theirs = start_template(template, python, template_env(template, ours_url, password), their_port)
    ours = start_server(ours_url, our_port)
    processes = [theirs, ours]
    try:
        their_base, our_base = f"http://127.0.0.1:{their_port}/api/v1", f"http://127.0.0.1:{our_port}/api/v1"
        their_token = await seed_items(their_base, password, items)
        lists = await our_lists(our_base, our_port, ours.pid, only, demo_only)
        log(
            f"setup: {venv_done - started:.0f} s for the template's environment, "
            f"{time.perf_counter() - venv_done:.0f} s for the databases and servers"
        )
        our_floor = Target("ours: GET /health", our_port, ours.pid, "/api/v1/health", None)
        their_floor = Target(
            "template: GET /utils/health-check/", their_port, theirs.pid, "/api/v1/utils/health-check/", None
        )
        items_path = "/api/v1/items/?limit=20"
        async with httpx.AsyncClient() as client:
            page = await client.get(
                f"http://127.0.0.1:{their_port}{items_path}",
                headers={"Authorization": f"Bearer {their_token}"},
            )
        page.raise_for_status()
        their_items = Target(
            "template: GET /items/", their_port, theirs.pid, items_path, their_token, len(page.json()["data"])
        )
        postmaster = postgres_pid()

        # The items list before and after our lists in each round: their mean is that round's yardstick.
        yardstick: list[float] = []
        ratios: dict[str, list[float]] = {t.name: [] for t in lists}
        for n in range(1, rounds + 1):
            print(f"round {n}", flush=True)
            for target in (our_floor, their_floor, their_items):
                await measure(target, postmaster, seconds, connections)
            for target in lists:
                await measure(target, postmaster, seconds, connections)
            await measure(their_items, postmaster, seconds, connections)
            items_rps = (their_items.results[-1][0].rps + their_items.results[-2][0].rps) / 2
            yardstick.append(items_rps)
            for target in lists:
                ratios[target.name].append(target.results[-1][0].rps / items_rps)

        def per_round(target: Target) -> list[float]:
            # The items list runs twice a round; the mean of the two is its figure for the round.
            return yardstick if target is their_items else [r.rps for r, _, _ in target.results]

        def row(target: Target, floor: Target, ratio: str) -> str:
            result, _, _ = target.results[-1]
            cpu, db = median([c for _, c, _ in target.results]), median([d for _, _, d in target.results])
            share = median([100 * r / f for r, f in zip(per_round(target), per_round(floor), strict=True)])
            return (
                f"{target.name:<52} {target.rows:>4} {median(per_round(target)):7.0f} "
                f"{result.percentile(0.5):7.1f} {result.percentile(0.99):7.1f} "
                f"{cpu:7.0f} {db:7.0f} "
                f"{share:6.1f}% {ratio:>7}"
            )

        print(
            f"\nSide by side, {rounds} round(s) of {seconds:g} s at {connections} connections: medians over "
            "the rounds (p50/p99 of the last). floor = share of the server's own floor; x items = req/s over "
            "the template's items list's in the same round, goal >= 1.5x (! below)."
        )
        columns = ("rows", "req/s", "p50 ms", "p99 ms", "CPU us", "DB us", "floor", "x items")
        print(f"{'route':<52} " + " ".join(f"{c:>7}" for c in columns))
        print(row(our_floor, our_floor, ""))
        print(row(their_floor, their_floor, ""))
        print(row(their_items, their_floor, "1.00x "))
        for target in sorted(lists, key=lambda t: median(ratios[t.name])):
            ratio = median(ratios[target.name])
            print(row(target, our_floor, f"{ratio:.2f}x{' ' if ratio >= 1.5 else '!'}"))
        below = sum(median(ratios[t.name]) < 1.5 for t in lists)
        print(f"{below} of {len(lists)} lists below 1.5x the template's items list (marked !)")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--template", type=Path, required=True, help=f"a checkout of the template at {TEMPLATE_COMMIT}"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", help="measure only our lists whose path contains this")
    parser.add_argument("--items", type=int, default=100, help="items the template's superuser owns")
    parser.add_argument(
        "--demo-only", action="store_true", help="our lists on the demo data as it is (nothing added)"
    )
    args = parser.parse_args()
    asyncio.run(
        main(
            args.template.resolve(),
            args.rounds,
            args.seconds,
            args.connections,
            args.only,
            args.items,
            args.demo_only,
        )
    )
