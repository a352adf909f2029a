"""Database engines and the one-transaction-per-request session.

Safe methods (GET, HEAD) run on an autocommit engine: a read then costs one round trip, with no
BEGIN/COMMIT around it. Every other request gets one transaction, committed after the handler
returns and before the response is sent, rolled back on any error.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from anchang.core.config import get_settings
from anchang.core.errors import AppError, Unauthorized
from anchang.core.idempotency import claim_key
from anchang.core.reader import Reader, ReadPool
from anchang.core.security import Principal, principal_from
from anchang.core.tenant_guard import connection_options, guard_engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Database:
    """The engines and session factories of one process."""

    def __init__(self, url: str, *, pool_size: int = 10, app_role: str | None = None):
        self.url = url
        libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.libpq_conninfo = libpq  # for connections of our own (LISTEN)
        # Row-level security behind the application's filter (core/tenant_guard.py).
        options = connection_options(get_settings().db_app_role if app_role is None else app_role)
        connect_args = {"options": options} if options else {}
        self.read_pool = ReadPool(libpq, max_size=pool_size, options=options)
        self.reader = Reader(self.read_pool.connection)
        # A write's connection is tested before use (a round trip beside a transaction's several): after a
        # database restart no write fails on a connection the server already closed. Reads need no
        # test: the fast read path sends a read again on a fresh connection, and a stale autocommit
        # read answers 503 with Retry-After, which a client may safely follow.
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size, connect_args=connect_args, pool_pre_ping=True
        )
        self.read_engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            isolation_level="AUTOCOMMIT",
            connect_args=connect_args,
        )
        guard_engine(self.engine, autocommit=False)
        guard_engine(self.read_engine, autocommit=True)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self.read_sessionmaker = async_sessionmaker(self.read_engine, expire_on_commit=False, autoflush=False)

    def session(self, *, read_only: bool = False) -> AsyncSession:
        return (self.read_sessionmaker if read_only else self.sessionmaker)()

    async def dispose(self) -> None:
        await self.read_pool.close()
        await self.engine.dispose()
        await self.read_engine.dispose()


def get_database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def _caller(request: Request) -> Principal | None:
    # An expired or foreign token is the caller's route's business (CurrentPrincipal answers 401);
    # here it only means no idempotency claim, so logging in again with a stale header still works.
    try:
        return principal_from(request)
    except Unauthorized:
        return None


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    db = get_database(request)
    if request.method in SAFE_METHODS:
        # A read: nothing to claim or commit, and many reads never use the session (the lean read
        # path), so it costs only its creation.
        session = db.session(read_only=True)
        request.state.session = session
        try:
            yield session
            if session.in_transaction():  # used: e.g. an export's audit record
                await session.commit()
        finally:
            await session.close()
        return
    principal = _caller(request)
    async with db.session(read_only=request.method in SAFE_METHODS) as session:
        request.state.session = session
        try:
            if principal is not None:
                # Claimed per caller, inside the transaction the business write will use.
                await claim_key(
                    session,
                    request,
                    organization_id=principal.organization_id,
                    caller=f"user:{principal.user_id}",
                )
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


async def get_reader(request: Request) -> Reader:
    return get_database(request).reader


ReaderDep = Annotated[Reader, Depends(get_reader)]
"""The fast read path (core/reader.py) for GET handlers whose reads are hot."""

# scope="function": the commit runs when the handler returns, before the response is sent, so a
# client never sees success for a write that did not commit.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
