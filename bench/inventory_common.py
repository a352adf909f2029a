"""Shared by the inventory benchmarks: a server on a database of its own, demo logins, a project of N
units created through the API (the import endpoint), released, with a realistic mix of statuses."""

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

LAYOUTS = [("四室两厅", "143.00"), ("三室两厅", "118.00"), ("两室两厅", "89.00"), ("两室一厅", "76.00")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database(name: str) -> tuple[str, str]:
    """A fresh database `name` on DATABASE_URL's server or the embedded one: (SQLAlchemy URL, libpq)."""
    from sqlalchemy.engine import make_url

    from anchang.core.config import get_settings
    from anchang.core.embedded_pg import start_embedded_postgres

    os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    settings = get_settings()
    if settings.database_url:
        base = make_url(settings.database_url)
    else:
        server = start_embedded_postgres(settings.data_dir, stop_on_exit=False)
        base = make_url(server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1))
    admin = base.set(database="postgres", drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    target = base.set(database=name, drivername="postgresql+psycopg")
    return target.render_as_string(hide_password=False), target.set(drivername="postgresql").render_as_string(
        hide_password=False
    )


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def durations(self, path_part: str) -> list[float]:
        """Server-side durations (ms) of requests whose path contains `path_part`, from the access log."""
        import json

        out = []
        for line in self.log.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("message") == "request" and path_part in entry.get("path", ""):
                out.append(float(entry["duration_ms"]))
        return out

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def start(url: str, *, workers: int = 1) -> Server:
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="anchang-bench-", suffix=".log")[1])
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "INFO", "ANCHANG_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "anchang", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                return Server(process, base, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not become ready:\n" + log.read_text()[-2000:])


def login(client: httpx.Client, email: str) -> dict[str, str]:
    r = client.post("/auth/token", data={"username": email, "password": "anchang-demo"})
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def csv_rows(buildings: int, floors: int, per_floor: int, *, prefix: str = "B") -> bytes:
    rng = random.Random(7)
    lines = [
        "building,entrance,floor,position,code,layout,gross_area,net_area,orientation,list_price,floor_price"
    ]
    for b in range(1, buildings + 1):
        for floor in range(1, floors + 1):
            for p in range(1, per_floor + 1):
                layout, area = LAYOUTS[(p - 1) % len(LAYOUTS)]
                price = round(float(area) * (30000 + 150 * floor + rng.randint(0, 3000)), -2)
                entrance = 1 + (p - 1) // 10
                lines.append(
                    f"{prefix}{b}号楼,{entrance},{floor},{p},{prefix}{b}-{entrance}-{floor:02d}{p:02d},{layout},"
                    f"{area},{float(area) * 0.8:.2f},南北,{price:.2f},{price * 0.95:.2f}"
                )
    return ("\n".join(lines) + "\n").encode()


def new_project(client: httpx.Client, admin: dict[str, str], code: str) -> str:
    """A project of organization A with pm, sm and c1 as members."""
    developer = client.get("/developers", headers=admin).json()["items"][0]["id"]
    r = client.post(
        "/projects", json={"developer_id": developer, "name": f"Bench {code}", "code": code}, headers=admin
    )
    r.raise_for_status()
    project = r.json()["id"]
    users = {
        u["email"]: u["id"]
        for u in client.get("/users", params={"limit": 200}, headers=admin).json()["items"]
    }
    for email, role in (
        ("pm@a.demo", "project_manager"),
        ("sm@a.demo", "site_manager"),
        ("c1@a.demo", "consultant"),
    ):
        client.post(
            f"/projects/{project}/members", json={"user_id": users[email], "role": role}, headers=admin
        ).raise_for_status()
    return project


def populate(client: httpx.Client, pm: dict[str, str], project: str, content: bytes, libpq: str) -> list[Any]:
    """Import, release every building, then give some units other statuses straight in the database."""
    r = client.post(
        f"/projects/{project}/units/import",
        files={"file": ("units.csv", content, "text/csv")},
        headers=pm,
        timeout=120,
    )
    r.raise_for_status()
    assert not r.json()["errors"], r.json()["errors"][:5]
    buildings = client.get(f"/projects/{project}/buildings", params={"limit": 200}, headers=pm).json()[
        "items"
    ]
    for b in buildings:
        client.post(
            f"/projects/{project}/releases", json={"building_id": b["id"]}, headers=pm
        ).raise_for_status()
    with psycopg.connect(libpq) as conn:
        conn.execute(
            "UPDATE units SET status = (ARRAY['subscribed','contracted','held','available','available']"
            "::unit_status[])[1 + (abs(hashtext(code)) %% 5)], taken_price = list_price "
            "WHERE project_id = %s",
            (project,),
        )
    return buildings
