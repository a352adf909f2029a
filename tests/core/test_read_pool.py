"""The read path's connection pool: bounded, fair, and it never lends a connection it should not."""

import asyncio
import time

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import bindparam, column, func, literal_column, select, table
from sqlalchemy.ext.asyncio import AsyncEngine

from anchang.core.config import get_settings
from anchang.core.db import Database
from anchang.core.errors import install_error_handlers
from anchang.core.reader import DatabaseBusy, ReadPool


@pytest.fixture
async def database(database_url: str):
    database = Database(database_url, pool_size=2)
    try:
        yield database
    finally:
        await database.dispose()


def _backend_pid():
    return select(literal_column("pg_backend_pid()").label("pid"))


class TestReadPool:
    async def test_an_idle_connection_is_reused_and_the_pool_stays_within_its_size(self, database: Database):
        pool = database.read_pool
        first = await database.reader.first(_backend_pid())
        again = await database.reader.first(_backend_pid())
        assert first == again  # the same server backend: the connection came back and was reused

        pids = await asyncio.gather(*(database.reader.first(_backend_pid()) for _ in range(40)))
        assert len({row["pid"] for row in pids if row}) <= pool.max_size
        assert pool._size <= pool.max_size

    async def test_waiters_are_served_as_connections_come_back(self, database: Database):
        pool = database.read_pool
        lent = [await pool.acquire(), await pool.acquire()]
        waiting = [asyncio.create_task(pool.acquire()) for _ in range(3)]
        await asyncio.sleep(0.01)
        assert not any(task.done() for task in waiting)  # the pool is at its size: they wait

        pool.release(lent.pop())
        await asyncio.sleep(0)
        assert [task.done() for task in waiting] == [True, False, False]  # first come, first served
        handed = waiting[0].result()
        pool.release(handed)
        pool.release(lent.pop())
        got = await asyncio.gather(*waiting[1:])
        assert pool._size == 2
        for conn in got:
            pool.release(conn)

    async def test_a_connection_returned_inside_a_transaction_is_closed_not_lent_again(
        self, database: Database
    ):
        pool = database.read_pool
        conn = await pool.acquire()
        await conn.execute("BEGIN")  # as a query cancelled half-way would leave it
        other = await pool.acquire()
        waiter = asyncio.create_task(pool.acquire())
        await asyncio.sleep(0.01)

        pool.release(conn)
        replacement = await waiter  # the freed place went to the waiter, who connected anew
        assert replacement is not conn
        assert (await (await replacement.execute("SELECT 1")).fetchone()) == (1,)
        await asyncio.sleep(0.05)
        assert conn.closed
        pool.release(replacement)
        pool.release(other)

    async def test_a_broken_connection_is_dropped_and_the_read_still_answers(self, database: Database):
        pool = database.read_pool
        conn = await pool.acquire()
        await conn.close()  # as if the server had gone away while it sat idle
        pool.release(conn)
        assert pool._size == 0
        assert (await database.reader.first(select(literal_column("1").label("one")))) == {"one": 1}

    async def test_waiting_past_the_timeout_is_a_503_problem(self, database: Database):
        pool = ReadPool(database.read_pool.conninfo, max_size=1, timeout=0.05)
        conn = await pool.acquire()
        with pytest.raises(DatabaseBusy) as raised:
            await pool.acquire()
        assert raised.value.status == 503 and raised.value.code == "database_busy"
        pool.release(conn)
        assert (await pool.acquire()) is conn  # the timed-out waiter did not swallow it
        pool.release(conn)
        await pool.close()

    async def test_a_cancelled_waiter_does_not_keep_the_connection_it_was_handed(self, database: Database):
        pool = database.read_pool
        lent = [await pool.acquire(), await pool.acquire()]
        waiter = asyncio.create_task(pool.acquire())
        await asyncio.sleep(0.01)
        pool.release(lent.pop())  # handed to the waiter…
        waiter.cancel()  # …which is cancelled before it runs
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert len(pool._idle) == 1  # the connection went back to the pool
        pool.release(lent.pop())

    async def test_a_closed_pool_lends_nothing(self, database: Database):
        pool = database.read_pool
        await database.reader.first(_backend_pid())
        await pool.close()
        assert pool._idle == []
        with pytest.raises(DatabaseBusy):
            await pool.acquire()

    async def test_a_read_on_a_connection_whose_server_went_away_is_sent_again(
        self, database: Database, engine: AsyncEngine
    ):
        stale = await database.reader.first(_backend_pid())
        assert stale is not None
        async with engine.connect() as admin:  # the tests' own superuser: the app's role may not
            await admin.execute(select(literal_column(f"pg_terminate_backend({int(stale['pid'])})")))
        await asyncio.sleep(0.05)
        fresh = await database.reader.first(_backend_pid())  # not an error for the caller
        assert fresh is not None and fresh["pid"] != stale["pid"]
        assert database.read_pool._size == 1


class TestReadTimeout:
    async def test_a_read_past_the_timeout_is_stopped_and_answers_503_read_timeout(
        self, database_url: str, monkeypatch: pytest.MonkeyPatch
    ):
        monkeypatch.setattr(get_settings(), "read_timeout_seconds", 0.2)
        database = Database(database_url, pool_size=1)
        app = FastAPI()
        install_error_handlers(app)

        @app.get("/slow")
        async def slow() -> list[dict[str, object]]:
            return await database.reader.all(select(func.pg_sleep(5).label("slept")))

        try:
            started = time.monotonic()
            async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
                response = await client.get("/slow")
            assert time.monotonic() - started < 3  # stopped at its limit, not after the five seconds
            assert response.status_code == 503
            assert response.json()["code"] == "read_timeout"
            assert response.headers["Retry-After"]
            # The connection is still good for the next read.
            assert await database.reader.first(_backend_pid()) is not None
        finally:
            await database.dispose()


class TestPlannedPerCall:
    async def test_a_report_read_is_never_prepared_so_each_call_is_planned_with_its_values(
        self, database_url: str
    ):
        database = Database(database_url, pool_size=1)  # one connection: its prepared statements are all
        try:
            await self._check(database)
        finally:
            await database.dispose()

    async def _check(self, database: Database) -> None:
        # A prepared statement settles on a generic plan after five runs (the year's funnel ran for minutes
        # on one); `planned_per_call` keeps the statement unnamed, planned with each call's values.
        marker = literal_column("'planned per call'").label("marker")
        report = select(marker).where(literal_column("1") == bindparam("one"))
        listing = select(literal_column("'prepared'").label("marker")).where(
            literal_column("1") == bindparam("one")
        )
        for _ in range(8):
            await database.reader.rows(report, {"one": 1}, planned_per_call=True)
            await database.reader.rows(listing, {"one": 1})
        statements = table("pg_prepared_statements", column("statement"))
        prepared = await database.reader.all(select(statements.c.statement))
        texts = " ".join(row["statement"] for row in prepared)
        assert "'prepared'" in texts  # lists keep psycopg's prepared statements: their plans do not vary
        assert "'planned per call'" not in texts
