"""Counting the SQL statements a request costs, on the lean read path (the Reader) and through the ORM
alike: a page must cost the same number whatever its length (no statement per row)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection

from anchang.core.reader import Reader


@asynccontextmanager
async def counted(connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[list[str]]:
    """Every statement sent while the block runs (the test transaction's savepoints aside)."""
    statements: list[str] = []

    def orm(*args: Any) -> None:
        if "SAVEPOINT" not in args[2]:
            statements.append(args[2])

    def counting(name: str) -> Any:
        original = getattr(Reader, name)

        async def run(self: Reader, statement: Any, *args: Any) -> Any:
            statements.append(str(statement))
            return await original(self, statement, *args)

        return run

    with monkeypatch.context() as patch:
        for name in ("all", "rows", "tuples"):
            patch.setattr(Reader, name, counting(name))
        sync = connection.sync_connection
        assert sync is not None
        event.listen(sync, "before_cursor_execute", orm)
        try:
            yield statements
        finally:
            event.remove(sync, "before_cursor_execute", orm)


async def statements_of_get(
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
