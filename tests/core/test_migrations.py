"""Migrations are the only way the schema is made: they match the models, and they go down and up."""

import psycopg
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from anchang.cli import migrate
from anchang.models import metadata
from tests.conftest import drop_database, recreate_database


def test_models_and_migrations_agree(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models differ from migrations; write a migration for: {diff}"


def test_downgrade_to_base_and_upgrade_again(database_urls: tuple[str, str]) -> None:
    admin, url = database_urls
    name = f"{make_url(url).database}_migrations"
    scratch = make_url(url).set(database=name).render_as_string(hide_password=False)
    recreate_database(admin, name)
    migrate(scratch)
    migrate(scratch, "base", down=True)
    engine = create_engine(scratch)
    try:
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        libpq = make_url(scratch).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(libpq) as raw:
            types = raw.execute(
                "SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e'"
            ).fetchall()
            assert types == [], f"downgrade left enum types behind: {types}"
        migrate(scratch)
        with engine.connect() as conn:
            assert "projects" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
        drop_database(admin, name)
