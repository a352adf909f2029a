"""Revocation that takes effect at once: a version of each user's credentials, and revoked logins.

An access token carries the version of its user's credentials when it was issued (`cv`). Taking
rights away (deactivating, demoting an admin, a new password) bumps the version; logging out or a
reused refresh token revokes that login's session; revoking an API key drops it from every worker's
cache of verified keys (core/security.py), as does any change of its creator's credentials. Every
request compares its token with the process's cache (a dict lookup, no round trip; a user is loaded
once per process on first sight), and PostgreSQL `NOTIFY` tells every worker's cache the moment the
change commits. Streams of a user (`watch`) are told too, so they close instead of sending on.

If the listening connection drops, the cache is emptied and reloaded user by user, so a missed
notification can never keep a revoked token alive.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import DateTime, ForeignKey, Integer, delete, func, select, text
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.config import get_settings
from anchang.core.errors import Unauthorized
from anchang.core.models import Base
from anchang.core.reader import Reader
from anchang.core.security import Principal, api_keys

log = logging.getLogger(__name__)

CHANNEL = "credentials"


class CredentialVersion(Base):
    """The version of a user's credentials; no row is version 0."""

    __tablename__ = "credential_versions"

    # A cascade on purpose: the counter is part of the user's own record, nothing of the business.
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class RevokedSession(Base):
    """A login ended before its access tokens expired; kept as long as those could live."""

    __tablename__ = "revoked_sessions"

    session_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)


class TokenRevoked(Unauthorized):
    code, title = "token_revoked", "This login was ended or its rights changed; log in again"


# --- changing credentials (in the business transaction; told to every worker on commit) -------


async def current_version(session: AsyncSession, user_id: uuid.UUID) -> int:
    """The version a new access token of `user_id` carries."""
    version = await session.scalar(
        select(CredentialVersion.version).where(CredentialVersion.user_id == user_id)
    )
    return int(version or 0)


async def revoke_credentials(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Every access token of the user stops working (their rights were taken away or changed)."""
    version = await session.scalar(
        insert(CredentialVersion)
        .values(user_id=user_id, version=1)
        .on_conflict_do_update(
            index_elements=[CredentialVersion.user_id], set_={"version": CredentialVersion.version + 1}
        )
        .returning(CredentialVersion.version)
    )
    await _notify(session, f"user:{user_id}:{version}")
    credentials.forget_user(user_id)  # this process need not wait for the notification


async def revoke_session(session: AsyncSession, session_id: uuid.UUID) -> None:
    """The access tokens of one login stop working (logout, or a stolen refresh token)."""
    expires_at = datetime.now(UTC) + timedelta(minutes=get_settings().access_token_minutes)
    await session.execute(
        insert(RevokedSession)
        .values(session_id=session_id, expires_at=expires_at)
        .on_conflict_do_update(index_elements=[RevokedSession.session_id], set_={"expires_at": expires_at})
    )
    await session.execute(delete(RevokedSession).where(RevokedSession.expires_at < func.now()))
    await _notify(session, f"session:{session_id}")
    credentials.revoke_session_locally(session_id)


async def revoke_api_key(session: AsyncSession, key_id: uuid.UUID) -> None:
    """The API key stops working in every worker the moment the transaction commits."""
    await _notify(session, f"apikey:{key_id}")
    api_keys.forget_key(key_id)
    credentials.wake_all()  # its streams re-check now


async def access_changed(session: AsyncSession, user_id: uuid.UUID) -> None:
    """The user's roles in a project changed: their open streams close (and reconnect, re-checked)."""
    await _notify(session, f"access:{user_id}")


async def _notify(session: AsyncSession, payload: str) -> None:
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


# --- checking (every request) -----------------------------------------------------------------


class Credentials:
    """This process's view of credential versions and revoked sessions, kept fresh by NOTIFY."""

    def __init__(self) -> None:
        self._versions: dict[uuid.UUID, int] = {}
        self._revoked: dict[uuid.UUID, datetime] = {}
        self._watchers: dict[uuid.UUID, set[asyncio.Event]] = {}
        self._task: asyncio.Task[None] | None = None

    async def check(self, principal: Principal, reader: Reader) -> None:
        """401 token_revoked unless the token's login is live and its rights are current."""
        expires = self._revoked.get(principal.session_id)
        if expires is not None:
            if expires > datetime.now(UTC):
                raise TokenRevoked()
            del self._revoked[principal.session_id]
        version = self._versions.get(principal.user_id)
        if version is None:
            row = await reader.first(
                select(CredentialVersion.version).where(CredentialVersion.user_id == principal.user_id)
            )
            version = int(row["version"]) if row else 0
            self._versions[principal.user_id] = version
        if principal.credentials_version != version:
            raise TokenRevoked()

    def forget_user(self, user_id: uuid.UUID) -> None:
        self._versions.pop(user_id, None)
        api_keys.forget_user(user_id)  # the keys they made are read again, with their rights now
        self._wake(user_id)

    def revoke_session_locally(self, session_id: uuid.UUID) -> None:
        self._revoked[session_id] = datetime.now(UTC) + timedelta(minutes=get_settings().access_token_minutes)
        self._wake(None)

    @contextlib.contextmanager
    def watch(self, user_id: uuid.UUID) -> Iterator[asyncio.Event]:
        """An event set when the user's credentials, logins or access change: a stream ends on it."""
        event = asyncio.Event()
        self._watchers.setdefault(user_id, set()).add(event)
        try:
            yield event
        finally:
            watchers = self._watchers.get(user_id, set())
            watchers.discard(event)
            if not watchers:
                self._watchers.pop(user_id, None)

    def _wake(self, user_id: uuid.UUID | None) -> None:
        # A revoked session's user is not in the payload: every stream re-checks its token then.
        targets = self._watchers.values() if user_id is None else [self._watchers.get(user_id, set())]
        for events in targets:
            for event in events:
                event.set()

    def apply(self, payload: str) -> None:
        """One notification from another worker (or this one)."""
        kind, _, rest = payload.partition(":")
        try:
            if kind == "user":
                user_id, _, version = rest.partition(":")
                self._versions[uuid.UUID(user_id)] = int(version)
                api_keys.forget_user(uuid.UUID(user_id))
                self._wake(uuid.UUID(user_id))
            elif kind == "session":
                self.revoke_session_locally(uuid.UUID(rest))
            elif kind == "access":
                self._wake(uuid.UUID(rest))
            elif kind == "apikey":
                api_keys.forget_key(uuid.UUID(rest))
                self.wake_all()
        except ValueError:
            log.warning("ignored a malformed credentials notification: %r", payload)

    async def _reload_revoked(self, conn: psycopg.AsyncConnection[tuple[object, ...]]) -> None:
        cursor = await conn.execute(
            "SELECT session_id, expires_at FROM revoked_sessions WHERE expires_at > now()"
        )
        self._revoked = {row[0]: row[1] for row in await cursor.fetchall()}  # type: ignore[misc]

    async def listen(self, conninfo: str, *, ready: asyncio.Event | None = None) -> None:
        """LISTEN for changes until cancelled, reconnecting; each (re)connect starts from a clean cache."""
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self._versions.clear()  # whatever was missed while not listening is reloaded
                    api_keys.clear()
                    await self._reload_revoked(conn)
                    self.wake_all()
                    if ready is not None:
                        ready.set()
                    async for note in conn.notifies():
                        self.apply(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("credentials listener failed; reconnecting")
                self._versions.clear()
                api_keys.clear()
                await asyncio.sleep(1)

    def wake_all(self) -> None:
        for events in self._watchers.values():
            for event in events:
                event.set()


credentials = Credentials()
"""This process's credentials cache (one per worker, like the app)."""
