"""The fast read path for GET requests: SQLAlchemy builds the statement, psycopg runs it.

A read through the ORM session costs about ten times the database's own work in Python; here the
statement is still built with SQLAlchemy (from a repository's scoped statement, so tenancy is
applied exactly as everywhere else), compiled once per shape and cached, and executed directly on a
psycopg connection, with rows returned as dicts for the response schemas to validate.
"""

import asyncio
import logging
import re
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import lru_cache
from types import TracebackType
from typing import Any

import orjson
import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import tuple_row
from psycopg.types.json import set_json_loads
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import Compiled

from anchang.core.errors import AppError
from anchang.core.tenant_guard import carry_organization

_CACHE_SIZE = 1000

# `_CompiledCache` leans on SQLAlchemy internals that have no public equivalent fast enough: compiling
# per call through the public API (`compile_kwargs={"render_postcompile": True}`) cost ~1.1 ms against
# ~9 us with the cache, and a whole GET /projects costs ~400 us of CPU. So SQLAlchemy is pinned to the
# version these were verified on (pyproject.toml), and tests/core/test_reader_sqlalchemy.py fails on any
# other version, or if one of these names is gone, naming what to re-verify.
SQLALCHEMY_VERIFIED = "2.1.9"
PRIVATE_SQLALCHEMY_API = {
    "Select._generate_cache_key": "the statement's cache key: .key to find the compiled form, .bindparams "
    "to pass to construct_params(extracted_parameters=…) for this call's values",
    "SQLCompiler._process_parameters_for_postcompile": "expands IN (…) lists (post-compile parameters) "
    "into the SQL text and parameters, as SQLAlchemy's own execution does",
    "SQLCompiler._bind_processors": "the dialect's per-parameter converters (enums to their values…), "
    "applied to the parameters before psycopg gets them",
}


class Row(dict[str, Any]):
    """A row read on the fast path: a dict (what orjson writes) whose columns also read as attributes,
    so the domain's functions written for ORM objects (`deal.status`) take it unchanged."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _row_factory(cursor: Any) -> Callable[[Any], Row]:
    description = cursor.description
    if description is None:
        return lambda values: Row()
    names = [column.name for column in description]
    return lambda values: Row(zip(names, values, strict=True))


Connection = psycopg.AsyncConnection[Any]
logger = logging.getLogger(__name__)


class _CompiledCache:
    def __init__(self) -> None:
        self.dialect = PGDialect_psycopg()
        self._entries: OrderedDict[Any, Compiled] = OrderedDict()

    def prepare(self, statement: Select[Any]) -> tuple[str, Any]:
        """The SQL text and parameters for `statement`, compiling only a shape not seen before."""
        cache_key = statement._generate_cache_key()
        compiled: Any
        if cache_key is None:
            compiled = statement.compile(dialect=self.dialect)
            params: Any = compiled.construct_params()
        else:
            compiled = self._entries.get(cache_key.key)
            if compiled is None:
                compiled = statement.compile(dialect=self.dialect, cache_key=cache_key)
                self._entries[cache_key.key] = compiled
                if len(self._entries) > _CACHE_SIZE:
                    self._entries.popitem(last=False)
            params = compiled.construct_params(extracted_parameters=cache_key.bindparams)
        sql = compiled.string
        if compiled.post_compile_params or compiled.literal_execute_params:
            # IN (…) with a list, and values rendered in the SQL (literal_execute): SQLAlchemy
            # expands them per call, as in its own execution path.
            expanded = compiled._process_parameters_for_postcompile(params)
            sql, params = expanded.statement, expanded.parameters
        for name, process in compiled._bind_processors.items():
            if name in params and params[name] is not None and callable(process):
                params[name] = process(params[name])
        return sql, params


_compiled = _CompiledCache()


_PLACEHOLDER = re.compile(r"%\(([^)]*)\)s|%%")


def numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """SQLAlchemy's `%(name)s` SQL as PostgreSQL's own `$1…$n` (a name used twice keeps its number), and
    the names in that order. psycopg would convert the text on every execution, and caches the result
    only for statements under 4 KB: our pages with their subqueries are longer, and the conversion
    cost a receivables page about a seventh of its CPU."""
    order: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:  # "%%", a literal percent sign in pyformat
            return "%"
        return f"${order.setdefault(name, len(order) + 1)}"

    return _PLACEHOLDER.sub(number, sql), tuple(order)


class Prepared:
    """A statement compiled once: its SQL (numbered, as PostgreSQL takes it), the values it carries (its
    caller's organization, user, roles…), the converters of the values a call passes, and SQLAlchemy's
    result processors (a stored enum value to the domain's enum), so a row read here equals what the
    ORM would give."""

    __slots__ = ("base", "bind", "names", "order", "results", "row_maker", "sql")

    def __init__(self, statement: Select[Any]):
        compiled: Any = statement.compile(dialect=_compiled.dialect)
        base = compiled.construct_params(_check=False)
        sql = compiled.string
        if compiled.post_compile_params or compiled.literal_execute_params:
            # Literal IN (…) lists (a caller's roles) and values rendered in the SQL (literal_execute:
            # the search grams) are fixed for a memoized statement: expand once.
            expanded = compiled._process_parameters_for_postcompile(base)
            sql, base = expanded.statement, dict(expanded.parameters)
        bind = {name: p for name, p in compiled._bind_processors.items() if callable(p)}
        for name, process in bind.items():
            if base.get(name) is not None:
                base[name] = process(base[name])
        self.sql, self.order = numbered(sql)
        self.base: dict[str, Any] = base
        self.bind: dict[str, Callable[[Any], Any]] = bind
        self.names = frozenset(base)
        results = []
        for position, column in enumerate(statement.selected_columns):
            process = column.type.result_processor(_compiled.dialect, None)
            if process is not None:
                results.append((position, process))
        self.results: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(results)
        self.row_maker: Callable[[Any], Row] | None = None

    def row_factory(self, cursor: Any) -> Callable[[Any], Row]:
        """psycopg's row factory: made from the first result's columns, then reused (the columns of a
        compiled statement never change, and reading a result's description costs per query)."""
        if self.row_maker is not None:
            return self.row_maker
        names = [column.name for column in cursor.description]
        processed = [(names[position], process) for position, process in self.results]

        def row_maker(values: Any) -> Row:
            row = Row(zip(names, values, strict=True))
            for name, process in processed:
                row[name] = process(row[name])
            return row

        self.row_maker = row_maker
        return row_maker

    def params(self, values: dict[str, Any]) -> list[Any]:
        """The statement's parameters with this call's `values` (each a bind parameter's name), in the
        order of their numbers in `sql`."""
        params = dict(self.base)
        for name, value in values.items():
            if name not in self.names:
                raise KeyError(f"the statement has no bind parameter {name!r}")
            process = self.bind.get(name)
            params[name] = process(value) if process is not None and value is not None else value
        return [params[name] for name in self.order]


# By identity (statements are memoized per caller and shape); the statement is kept beside its plan so
# that its id cannot be reused by another while the entry lives.
_prepared: dict[int, tuple[Select[Any], Prepared]] = {}


def prepared(statement: Select[Any]) -> Prepared:
    """`statement` compiled, once per statement object (build statements once, pass values)."""
    found = _prepared.get(id(statement))
    if found is None or found[0] is not statement:
        if len(_prepared) >= 4 * _CACHE_SIZE:
            _prepared.clear()  # a crude bound: statements are memoized, so this is rare
        found = _prepared[id(statement)] = (statement, Prepared(statement))
    return found[1]


class DatabaseBusy(AppError):
    status, code, title = 503, "database_busy", "Too many requests are waiting for the database"


class ReadPool:
    """Autocommit connections for the fast read path: idle ones on a stack, waiters in a queue.

    psycopg_pool's general-purpose pool (a lock, a condition, statistics and a COMMIT on every
    return) cost about 50 µs of CPU per read; taking an idle connection here is a list pop. A
    connection that comes back broken or inside a transaction (a cancelled query) is closed and its
    place given to the next waiter, who connects anew.
    """

    def __init__(self, conninfo: str, *, max_size: int, timeout: float = 30.0, options: str = ""):
        self.conninfo = conninfo
        self.options = options  # libpq options of each connection (the role it acts as)
        self.max_size = max_size
        self.timeout = timeout
        self._idle: list[Connection] = []
        self._size = 0  # connections open or being opened, idle or lent
        # Each waiter's future gets a connection, or None: "a place is free, connect yourself".
        self._waiters: deque[asyncio.Future[Connection | None]] = deque()
        self._closed = False

    def connection(self) -> "_Lease":
        """`async with pool.connection() as conn`: a connection for one statement."""
        return _Lease(self)

    async def acquire(self) -> Connection:
        while True:
            if self._closed:
                raise DatabaseBusy("The server is shutting down")
            if self._idle:
                return self._idle.pop()
            if self._size < self.max_size:
                return await self._connect()
            loop = asyncio.get_running_loop()
            future: asyncio.Future[Connection | None] = loop.create_future()
            self._waiters.append(future)
            # A timer, not asyncio.wait_for: waiting is the common case under load, and wait_for's
            # extra task would cost more than the rest of the pool.
            timer = loop.call_later(self.timeout, self._expire, future)
            try:
                conn = await future
            except asyncio.CancelledError:
                if future.done() and not future.cancelled() and (given := future.result()) is not None:
                    self.release(given)  # handed over just as the request was cancelled
                elif future.done() and not future.cancelled():
                    self._pass_place()
                raise
            finally:
                timer.cancel()
            if conn is not None:
                return conn

    def release(self, conn: Connection) -> None:
        if self._closed or conn.broken or conn.pgconn.transaction_status != TransactionStatus.IDLE:
            self._discard(conn)
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        self._idle.append(conn)

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            await conn.close()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _expire(self, future: "asyncio.Future[Connection | None]") -> None:
        if not future.done():
            future.set_exception(DatabaseBusy(f"No database connection came free in {self.timeout:g} s"))

    async def _connect(self) -> Connection:
        self._size += 1
        try:
            conn = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True, options=self.options)
            # JSON columns parsed by orjson: the standard library's parser cost a list with JSON in its
            # rows (buyers, settings) several per cent of its time.
            set_json_loads(orjson.loads, conn)
            return conn
        except BaseException:
            self._pass_place()
            raise

    def _discard(self, conn: Connection) -> None:
        logger.info("closing a read connection returned broken or mid-transaction")
        task = asyncio.get_running_loop().create_task(conn.close())
        _closing.add(task)
        task.add_done_callback(_closing.discard)
        self._pass_place()

    def _pass_place(self) -> None:
        self._size -= 1
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return


class _StaleConnection(Exception):
    pass


_closing: set[asyncio.Task[None]] = set()  # strong references until the closes finish


class _Lease:
    __slots__ = ("_conn", "_pool")

    def __init__(self, pool: ReadPool):
        self._pool = pool

    async def __aenter__(self) -> Connection:
        self._conn = conn = await self._pool.acquire()
        try:
            await carry_organization(conn)
        except BaseException:
            self._pool.release(conn)
            raise
        return conn

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pool.release(self._conn)


class Reader:
    """Runs SELECT statements for a request and returns plain rows (dicts keyed by column name)."""

    def __init__(self, connect: Callable[[], AbstractAsyncContextManager[psycopg.AsyncConnection[Any]]]):
        self._connect = connect

    async def all(self, statement: Select[Any]) -> list[Row]:
        sql, params = _compiled.prepare(statement)
        try:
            return await self._fetch(sql, params)
        except _StaleConnection:
            # An idle connection whose server went away (a restart, a terminated backend) fails on
            # first use; a read is safe to send again, on a fresh connection.
            return await self._fetch(sql, params)

    async def _fetch(
        self,
        sql: str,
        params: Any,
        plan: Prepared | None = None,
        row_factory: Any = _row_factory,
        *,
        numbered: bool = False,
        prepare: bool | None = None,
    ) -> list[Any]:
        async with self._connect() as conn:
            try:
                factory = plan.row_factory if plan is not None else row_factory
                # A prepared statement's SQL is numbered already ($1…): a raw cursor sends it as it is.
                cursor_class: Any = psycopg.AsyncRawCursor if numbered else psycopg.AsyncCursor
                async with cursor_class(conn, row_factory=factory) as cursor:
                    await cursor.execute(sql, params, prepare=prepare)
                    return await cursor.fetchall()
            except psycopg.OperationalError as exc:
                if conn.broken:
                    raise _StaleConnection from exc
                raise

    async def rows(
        self, statement: Select[Any], values: dict[str, Any] | None = None, *, planned_per_call: bool = False
    ) -> list[Row]:
        """The rows of a statement built once (core/reads.py), run with this call's `values`.

        `planned_per_call`: never a server-side prepared statement, so PostgreSQL plans it with these
        values each time. For reports whose best plan depends on the values (a month or three years): a
        prepared statement settles after five runs on a generic plan that guesses every range at a few
        rows, and a year's funnel ran for minutes on it."""
        plan = prepared(statement)
        params = plan.params(values or {})
        prepare = False if planned_per_call else None
        try:
            return await self._fetch(plan.sql, params, plan, numbered=True, prepare=prepare)
        except _StaleConnection:
            return await self._fetch(plan.sql, params, plan, numbered=True, prepare=prepare)

    async def tuples(
        self, statement: Select[Any], values: dict[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """`rows` as plain tuples, for reads of thousands of rows (the board), where making each row a
        dict costs more than the rest of the read. Values are as psycopg loads them: no result
        processors, so select text (`cast(…, String)`), not enums."""
        plan = prepared(statement)
        params = plan.params(values or {})
        try:
            return await self._fetch(plan.sql, params, None, tuple_row, numbered=True)
        except _StaleConnection:
            return await self._fetch(plan.sql, params, None, tuple_row, numbered=True)

    async def row(self, statement: Select[Any], values: dict[str, Any] | None = None) -> Row | None:
        """The first row of `rows(statement, values)`, or None."""
        rows = await self.rows(statement, values)
        return rows[0] if rows else None

    async def first(self, statement: Select[Any]) -> Row | None:
        rows = await self.all(_first_row(statement))
        return rows[0] if rows else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """A connection in a transaction, committed when the block ends (rolled back on an error): for
        the few rows a read keeps (the daily report's facts, reports/facts.py)."""
        async with self._connect() as conn, conn.transaction():
            yield conn


@lru_cache(maxsize=1024)
def _first_row(statement: Select[Any]) -> Select[Any]:
    # A memoized (per-caller) statement gets the same LIMIT 1 statement back, cache key and all:
    # a new one would cost SQLAlchemy a fresh cache key, more than the round trip.
    return statement.limit(1)
