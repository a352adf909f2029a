"""Database engines and the one-transaction-per-request session.

Safe methods (GET, HEAD) run on an autocommit engine: a read then costs one round trip, with no
BEGIN/COMMIT around it. Every other request gets one transaction, committed after the handler
returns and before the response is sent, rolled back on any error.
"""

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from anchang.core.config import get_settings
from anchang.core.errors import AppError, Unauthorized
from anchang.core.idempotency import claim_key
from anchang.core.reader import Reader, ReadPool
from anchang.core.security import Principal, authenticate
from anchang.core.tenant_guard import connection_options, guard_engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def read_options(options: str) -> str:
    """The fast read path's connection options: the app's, and the read timeout (`read_timeout_seconds`)."""
    timeout_ms = int(get_settings().read_timeout_seconds * 1000)
    return f"{options} -c statement_timeout={timeout_ms}".strip() if timeout_ms else options


class Database:
    """The engines and session factories of one process."""

    def __init__(self, url: str, *, pool_size: int = 10, app_role: str | None = None):
        self.url = url
        libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.libpq_conninfo = libpq  # for connections of our own (LISTEN)
        # Row-level security behind the application's filter (core/tenant_guard.py).
        options = connection_options(get_settings().db_app_role if app_role is None else app_role)
        connect_args = {"options": options} if options else {}
        self.read_pool = ReadPool(libpq, max_size=pool_size, options=read_options(options))
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


async def _caller(request: Request) -> Principal | None:
    # An expired or foreign token is the caller's route's business (CurrentPrincipal answers 401);
    # here it only means no idempotency claim, so logging in again with a stale header still works.
    try:
        return await authenticate(request)
    except Unauthorized:
        return None


async def begin_request(request: Request) -> AsyncSession:
    """The session of a write request (`AppRoute` calls this before the handler): its transaction is
    begun and the request's `Idempotency-Key` claimed in it, per caller."""
    session = get_database(request).session()
    request.state.session = session
    principal = await _caller(request)
    if principal is not None:
        try:
            await claim_key(
                session,
                request,
                organization_id=principal.organization_id,
                caller=f"key:{principal.api_key_id}" if principal.is_key else f"user:{principal.user_id}",
            )
        except BaseException as exc:  # a replay of the key's first response, or the database is gone
            await end_request(session, exc)
            raise
    return session


async def end_request(session: AsyncSession, error: BaseException | None) -> None:
    """Commit the request's session, or roll it back on `error` (unless the error must be kept: a
    failed login is still counted); then close it."""
    try:
        if error is None or (isinstance(error, AppError) and error.commit_on_error):
            if session.in_transaction():
                await session.commit()
        else:
            await session.rollback()
    finally:
        await session.close()


async def _request_session(request: Request) -> AsyncSession:
    # A plain function, not a generator: FastAPI's generator machinery cost every read several per cent.
    # Writes get the session `AppRoute` began; a read gets one only when a handler asks (most reads
    # run on the lean read path and never do), which `AppRoute` closes after the handler.
    session: AsyncSession | None = getattr(request.state, "session", None)
    if session is None:
        if request.method not in SAFE_METHODS:
            raise RuntimeError(
                "a write's session is begun by AppRoute: build the router with route_class=AppRoute"
            )
        session = request.state.session = get_database(request).session(read_only=True)
    return session


async def get_reader(request: Request) -> Reader:
    return get_database(request).reader


ReaderDep = Annotated[Reader, Depends(get_reader)]
"""The fast read path (core/reader.py) for GET handlers whose reads are hot."""

# The commit runs in `AppRoute` when the handler returns, before the response is sent, so a client
# never sees success for a write that did not commit.
SessionDep = Annotated[AsyncSession, Depends(_request_session)]
