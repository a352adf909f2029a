"""The fast read path for GET requests: SQLAlchemy builds the statement, psycopg runs it.

A read through the ORM session costs about ten times the database's own work in Python; here the
statement is still built with SQLAlchemy (from a repository's scoped statement, so tenancy is
applied exactly as everywhere else), compiled once per shape and cached, and executed directly on a
psycopg connection, with rows returned as dicts for the response schemas to validate.
"""

from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import Compiled

_CACHE_SIZE = 1000
Row = dict[str, Any]


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
        if compiled.post_compile_params:
            # IN (…) with a list: SQLAlchemy expands it per call, as in its own execution path.
            expanded = compiled._process_parameters_for_postcompile(params)
            sql, params = expanded.statement, expanded.parameters
        for name, process in compiled._bind_processors.items():
            if name in params and params[name] is not None and callable(process):
                params[name] = process(params[name])
        return sql, params


_compiled = _CompiledCache()


class Reader:
    """Runs SELECT statements for a request and returns plain rows (dicts keyed by column name)."""

    def __init__(self, connect: Callable[[], AbstractAsyncContextManager[psycopg.AsyncConnection[Any]]]):
        self._connect = connect

    async def all(self, statement: Select[Any]) -> list[Row]:
        sql, params = _compiled.prepare(statement)
        async with self._connect() as conn, conn.cursor(row_factory=dict_row) as cursor:
            await cursor.execute(sql, params)
            return await cursor.fetchall()

    async def first(self, statement: Select[Any]) -> Row | None:
        rows = await self.all(statement.limit(1))
        return rows[0] if rows else None
