"""A real server (`python -m anchang serve --workers 2`) on a fresh database of its own, for the tests
that need separate processes: concurrency across workers and live events through LISTEN/NOTIFY."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import psycopg
from sqlalchemy.engine import make_url

from anchang.core.config import PROJECT_ROOT, get_settings
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal, create_access_token
from tests.conftest import drop_database, recreate_database


@dataclass
class LiveServer:
    base_url: str
    conninfo: str  # libpq, for checks straight in the database
    project_id: uuid.UUID
    organization_id: uuid.UUID

    def member(self, role: ProjectRole) -> tuple[uuid.UUID, dict[str, str]]:
        """A new user holding `role` in the demo project A, with bearer headers."""
        user_id = uuid.uuid4()
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(
                "INSERT INTO users (id, organization_id, email, full_name, password_hash, is_admin, "
                "is_active) VALUES (%s, %s, %s, %s, 'x', false, true)",
                (user_id, self.organization_id, f"live-{user_id.hex[:10]}@example.com", f"Live {role.value}"),
            )
            conn.execute(
                "INSERT INTO project_members (id, organization_id, project_id, user_id, role) "
                "VALUES (%s, %s, %s, %s, %s)",
                (uuid.uuid4(), self.organization_id, self.project_id, user_id, role.value),
            )
        token, _ = create_access_token(
            Principal(
                user_id=user_id, organization_id=self.organization_id, is_admin=False, session_id=uuid.uuid4()
            )
        )
        return user_id, {"Authorization": f"Bearer {token}"}

    def admin(self) -> dict[str, str]:
        """Bearer headers of a new admin of the demo organization A."""
        user_id = uuid.uuid4()
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(
                "INSERT INTO users (id, organization_id, email, full_name, password_hash, is_admin, "
                "is_active) VALUES (%s, %s, %s, 'Live admin', 'x', true, true)",
                (user_id, self.organization_id, f"live-admin-{user_id.hex[:10]}@example.com"),
            )
        token, _ = create_access_token(
            Principal(
                user_id=user_id, organization_id=self.organization_id, is_admin=True, session_id=uuid.uuid4()
            )
        )
        return {"Authorization": f"Bearer {token}"}

    def available_unit(self) -> uuid.UUID:
        with psycopg.connect(self.conninfo) as conn:
            row = conn.execute(
                "SELECT id FROM units WHERE project_id = %s AND status = 'available' "
                "ORDER BY code LIMIT 1 OFFSET %s",
                (self.project_id, int(time.time() * 1000) % 50),
            ).fetchone()
        assert row is not None
        return uuid.UUID(str(row[0]))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_live_server(admin_conninfo: str, test_url: str, *, workers: int = 2) -> Iterator[LiveServer]:
    name = f"{make_url(test_url).database}_live"
    url = make_url(test_url).set(database=name).render_as_string(hide_password=False)
    recreate_database(admin_conninfo, name)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ANCHANG_ENV": "test",
        "SECRET_KEY": get_settings().secret_key,
        "DB_POOL_SIZE": "8",
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "anchang", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (proc.stderr.read() if proc.stderr else b"").decode()[-3000:]
            try:
                if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start within 60 s"
            time.sleep(0.2)
        libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(libpq) as conn:
            row = conn.execute("SELECT id, organization_id FROM projects WHERE code = 'HFTD'").fetchone()
        assert row is not None
        yield LiveServer(base, libpq, uuid.UUID(str(row[0])), uuid.UUID(str(row[1])))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group this fixture started, by its id
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        drop_database(admin_conninfo, name)
