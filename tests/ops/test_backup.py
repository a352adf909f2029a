"""The backup and restore drill (issue #10, item 16), against real PostgreSQL.

A database of its own on the test server, migrated and loaded with the demo data: back it up, write
more, restore, and find exactly the backed-up state — every table's rows, `alembic_version` too.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from anchang import cli
from anchang.core import backup as backups
from anchang.core.config import get_settings
from tests.conftest import TEST_DATABASE, drop_database, recreate_database

DRILL_DATABASE = f"{TEST_DATABASE}_backup"


@pytest.fixture(scope="module")
def drill_url(database_urls: tuple[str, str]) -> Iterator[str]:
    """The SQLAlchemy URL of a migrated database with the demo data, dropped after the module."""
    admin, test_url = database_urls
    recreate_database(admin, DRILL_DATABASE)
    url = make_url(test_url).set(database=DRILL_DATABASE).render_as_string(hide_password=False)
    cli.migrate(url)
    import asyncio

    from anchang.demo import seed_if_empty

    assert asyncio.run(seed_if_empty(url))
    yield url
    drop_database(admin, DRILL_DATABASE)


def connect(url: str) -> psycopg.Connection:
    uri, env = backups.conninfo(url)
    return psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True)


def snapshot(url: str) -> dict[str, list[str]]:
    """Every table of `public` with its rows as text, sorted: equal snapshots hold the same data."""
    with connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: sorted(row[0] for row in conn.execute(f'SELECT t::text FROM public."{table}" t'))
            for table in tables
        }


EMBEDDED = not get_settings().database_url


def test_restore_brings_back_exactly_the_backed_up_state(drill_url: str, tmp_path: Path) -> None:
    before = snapshot(drill_url)
    assert before["alembic_version"] and before["organizations"] and before["units"]
    dump = backups.backup(drill_url, tmp_path / "drill.dump", embedded=EMBEDDED)
    assert dump.stat().st_size > 0

    new_org = uuid.uuid4()
    with connect(drill_url) as conn:
        conn.execute(
            "INSERT INTO organizations (id, name, slug) VALUES (%s, 'Written after the backup', 'after')",
            (new_org,),
        )
        conn.execute("UPDATE units SET list_price = list_price + 1")  # changed values come back too
        conn.execute("CREATE TABLE written_after (id int)")  # so does the absence of a newer table
        conn.execute("UPDATE alembic_version SET version_num = 'somewhere_else'")
    assert snapshot(drill_url) != before

    backups.restore(drill_url, dump, embedded=EMBEDDED)

    after = snapshot(drill_url)
    assert after == before
    with connect(drill_url) as conn:
        assert conn.execute("SELECT count(*) FROM organizations WHERE id = %s", (new_org,)).fetchone() == (0,)


def test_a_failed_restore_changes_nothing(drill_url: str, tmp_path: Path) -> None:
    before = snapshot(drill_url)
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP this is not really a dump")
    with pytest.raises(backups.BackupError):
        backups.restore(drill_url, broken, embedded=EMBEDDED)
    with pytest.raises(backups.BackupError, match="no such file"):
        backups.restore(drill_url, tmp_path / "missing.dump", embedded=EMBEDDED)
    assert snapshot(drill_url) == before


@pytest.fixture
def cli_env(drill_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`python -m anchang` pointed at the drill database through DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", drill_url)
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_env")
def test_the_commands_back_up_and_restore(
    drill_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(drill_url)
    assert before["follow_ups"]
    target = tmp_path / "cli.dump"
    cli.main(["backup", "--to", str(target)])
    assert capsys.readouterr().out.strip() == str(target.resolve())
    with connect(drill_url) as conn:
        conn.execute("DELETE FROM follow_ups")
    cli.main(["restore", str(target)])
    assert snapshot(drill_url) == before


@pytest.mark.usefixtures("cli_env")
def test_restore_in_production_needs_yes(
    drill_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "prod.dump"
    cli.main(["backup", "--to", str(target)])
    monkeypatch.setenv("ANCHANG_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-of-at-least-32-characters")
    get_settings.cache_clear()
    with connect(drill_url) as conn:
        conn.execute("CREATE TABLE written_in_production (id int)")
    with pytest.raises(SystemExit, match="Refusing"):
        cli.main(["restore", str(target)])
    assert "written_in_production" in snapshot(drill_url)
    cli.main(["restore", str(target), "--yes"])
    assert "written_in_production" not in snapshot(drill_url)


def test_the_default_file_is_under_backups_with_the_utc_time() -> None:
    path = backups.default_backup_path()
    assert path.parent == backups.BACKUP_DIR and path.name.startswith("anchang-") and path.suffix == ".dump"
    assert os.path.basename(path).endswith("Z.dump")
