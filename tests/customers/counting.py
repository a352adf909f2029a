"""Counting the SQL statements a request costs, on the lean read path and through the ORM alike."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from anchang.core.reader import Reader


@asynccontextmanager
async def statements_of(
    connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[list[str]]:
    """Every statement sent while the block runs (savepoints of the test's transaction aside)."""
    statements: list[str] = []

    def orm(*args: Any) -> None:
        if "SAVEPOINT" not in args[2]:
            statements.append(args[2])

    original_all, original_rows = Reader.all, Reader.rows

    async def counted_all(self: Reader, statement: Any) -> Any:
        statements.append(str(statement))
        return await original_all(self, statement)

    async def counted_rows(self: Reader, statement: Any, values: Any = None) -> Any:
        statements.append(str(statement))
        return await original_rows(self, statement, values)

    with monkeypatch.context() as patch:
        patch.setattr(Reader, "all", counted_all)
        patch.setattr(Reader, "rows", counted_rows)
        sync = connection.sync_connection
        assert sync is not None
        event.listen(sync, "before_cursor_execute", orm)
        try:
            yield statements
        finally:
            event.remove(sync, "before_cursor_execute", orm)
