"""Database engines and the one-transaction-per-request session.

Safe methods (GET, HEAD) run on an autocommit engine: a read then costs one round trip, with no
BEGIN/COMMIT around it. Every other request gets one transaction, committed after the handler
returns and before the response is sent, rolled back on any error.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from anchang.core.errors import AppError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Database:
    """The engines and session factories of one process."""

    def __init__(self, url: str, *, pool_size: int = 10):
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, pool_size=pool_size, max_overflow=pool_size)
        self.read_engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size, isolation_level="AUTOCOMMIT"
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self.read_sessionmaker = async_sessionmaker(self.read_engine, expire_on_commit=False, autoflush=False)

    def session(self, *, read_only: bool = False) -> AsyncSession:
        return (self.read_sessionmaker if read_only else self.sessionmaker)()

    async def dispose(self) -> None:
        await self.engine.dispose()
        await self.read_engine.dispose()


def get_database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    db = get_database(request)
    async with db.session(read_only=request.method in SAFE_METHODS) as session:
        request.state.session = session
        try:
            yield session
        except AppError as exc:
            if exc.commit_on_error:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


# scope="function": the commit runs when the handler returns, before the response is sent, so a
# client never sees success for a write that did not commit.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
