"""Counting the SQL statements a request costs, on the lean read path (the Reader) and the ORM alike:
a page must cost the same number whatever its length (no statement per row)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from anchang.core.reader import Reader


@asynccontextmanager
async def counted(connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[list[str]]:
    """The statements run inside the block, the Reader's and the ORM connection's (no savepoints)."""
    statements: list[str] = []
    original_all, original_rows = Reader.all, Reader.rows

    async def all_(self: Reader, statement: Any) -> Any:
        statements.append(str(statement))
        return await original_all(self, statement)

    async def rows(self: Reader, statement: Any, values: Any = None) -> Any:
        statements.append(str(statement))
        return await original_rows(self, statement, values)

    def orm(*args: Any) -> None:
        if "SAVEPOINT" not in args[2]:
            statements.append(args[2])

    monkeypatch.setattr(Reader, "all", all_)
    monkeypatch.setattr(Reader, "rows", rows)
    sync = connection.sync_connection
    assert sync is not None
    event.listen(sync, "before_cursor_execute", orm)
    try:
        yield statements
    finally:
        event.remove(sync, "before_cursor_execute", orm)
        monkeypatch.setattr(Reader, "all", original_all)
        monkeypatch.setattr(Reader, "rows", original_rows)


async def statements_of(
    client: Any,
    connection: AsyncConnection,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    headers: dict[str, str],
) -> list[str]:
    """The statements of one GET of `url` (after a warm-up GET, so per-process reads are done)."""
    assert (await client.get(url, headers=headers)).status_code == 200
    async with counted(connection, monkeypatch) as statements:
        r = await client.get(url, headers=headers)
    assert r.status_code == 200, r.text
    return statements
