"""Test fixtures: one database migrated once per run; each test inside a transaction rolled back at the end.
Without DATABASE_URL the embedded PostgreSQL is used, with DATABASE_URL that server; either way in a
database of its own (`anchang_test_<pid>`), created for the run and dropped after it.
"""

import asyncio
import os

os.environ["CHECK_ANSWERS"] = "1"  # every fast answer is checked against its response model (core/reads.py)

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from anchang.core.config import Settings, get_settings
from anchang.core.db import Database
from anchang.core.reader import Reader
from anchang.main import create_app

os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/anchang-runtime-{os.getuid()}")  # noqa: S108 - as the Makefile
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

# One database per test run, so that runs side by side (two terminals, CI) never share one.
TEST_DATABASE = f"anchang_test_{os.getpid()}"


def _admin_conninfo_and_url() -> tuple[str, str]:
    """A libpq conninfo for administering the server, and the SQLAlchemy URL of the test database."""
    settings = get_settings()
    if settings.database_url:
        url = make_url(settings.database_url)
        test_url = url.set(database=TEST_DATABASE, drivername="postgresql+psycopg")
        admin = url.set(database="postgres", drivername="postgresql")
        return admin.render_as_string(hide_password=False), test_url.render_as_string(hide_password=False)
    from anchang.core.embedded_pg import start_embedded_postgres

    server = start_embedded_postgres(settings.data_dir)
    pytest.embedded_server = server  # type: ignore[attr-defined]  # keep the handle alive for the run
    base = server.get_uri()
    return base, base.replace("postgresql://", "postgresql+psycopg://", 1).replace(
        "/postgres?", f"/{TEST_DATABASE}?", 1
    )


def recreate_database(admin_conninfo: str, name: str) -> None:
    with psycopg.connect(admin_conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(admin_conninfo: str, name: str) -> None:
    with psycopg.connect(admin_conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_urls() -> Iterator[tuple[str, str]]:
    admin, url = _admin_conninfo_and_url()
    recreate_database(admin, TEST_DATABASE)
    from anchang.cli import migrate

    migrate(url)
    yield admin, url
    drop_database(admin, TEST_DATABASE)


@pytest.fixture(scope="session")
def database_url(database_urls: tuple[str, str]) -> str:
    return database_urls[1]


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    # pre_ping: a test that ends the database's backends (tests/core/test_input_guards.py) leaves this
    # pool's idle connections dead; the next test must get a live one, not the error.
    engine = create_async_engine(database_url, pool_size=5, pool_pre_ping=True)
    yield engine
    await engine.dispose()


class _OneConnectionReader(Reader):
    """The test's reader on one connection: a read's transactions (savepoints here) take turns, as they
    would on separate connections, instead of interleaving and closing out of order."""

    def __init__(self, connect: Any):
        super().__init__(connect)
        self._turn = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        async with self._turn, super().transaction() as conn:
            yield conn


class TransactionalDatabase(Database):
    """Every session joins one outer transaction (their commits become savepoints), rolled back after."""

    def __init__(self, connection: AsyncConnection):
        self.connection = connection

        @asynccontextmanager
        async def raw_connection() -> AsyncIterator[Any]:
            # The fast read path runs on the test's own connection, so it sees the test's data.
            raw = await connection.get_raw_connection()
            yield raw.driver_connection

        self.reader = _OneConnectionReader(raw_connection)

    def session(self, *, read_only: bool = False) -> AsyncSession:
        return AsyncSession(
            bind=self.connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            autoflush=False,
        )

    async def dispose(self) -> None:
        return None


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False, autoflush=False
    ) as session:
        yield session


@pytest.fixture(scope="session")
def app_settings() -> Settings:
    return Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test")


@pytest.fixture(scope="session")
def app(app_settings: Settings) -> Any:
    return create_app(app_settings, database=Database.__new__(Database))


@pytest.fixture
async def client(app: Any, connection: AsyncConnection) -> AsyncIterator[AsyncClient]:
    app.state.database = TransactionalDatabase(connection)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
        yield client


@pytest.fixture
async def committed_database(database_url: str, engine: AsyncEngine) -> AsyncIterator[Database]:
    """For tests that need real commits (concurrency, locks): a real Database; tables emptied after."""
    database = Database(database_url, pool_size=5)
    try:
        yield database
    finally:
        await database.dispose()
        async with engine.begin() as conn:
            tables = (
                await conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables "
                        "WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                    )
                )
            ).scalars()
            await conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))
