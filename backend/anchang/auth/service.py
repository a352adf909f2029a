"""Logging in, rotating refresh tokens, logging out, and throttling password guessing."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.auth.models import LoginAttempt, RefreshToken
from anchang.auth.schemas import TokenPair
from anchang.core.config import get_settings
from anchang.core.credentials import current_version, revoke_session
from anchang.core.errors import TooManyRequests, Unauthorized
from anchang.core.security import (
    Principal,
    check_password,
    create_access_token,
    new_refresh_token,
    token_digest,
)
from anchang.org import service as org
from anchang.org.service import User


class InvalidCredentials(Unauthorized):
    code, title = "invalid_credentials", "Incorrect e-mail or password"
    commit_on_error = True  # the failed attempt must be counted


class LoginThrottled(TooManyRequests):
    code, title = "login_throttled", "Too many failed logins"
    commit_on_error = True


class LoginInProgress(TooManyRequests):
    code, title = "login_in_progress", "Another login of this e-mail from this address is being checked"


class InvalidRefreshToken(Unauthorized):
    code, title = "invalid_refresh_token", "The refresh token is not valid"


class RefreshTokenReused(Unauthorized):
    code, title = "refresh_token_reused", "This refresh token was already used; the login has been ended"
    commit_on_error = True  # the family's revocation must stick


async def _principal(session: AsyncSession, user: User, family_id: uuid.UUID) -> Principal:
    return Principal(
        user_id=user.id,
        organization_id=user.organization_id,
        is_admin=user.is_admin,
        session_id=family_id,
        credentials_version=await current_version(session, user.id),
    )


async def _issue(session: AsyncSession, user: User, family_id: uuid.UUID) -> TokenPair:
    refresh = new_refresh_token()
    session.add(
        RefreshToken(
            organization_id=user.organization_id,
            user_id=user.id,
            family_id=family_id,
            token_digest=token_digest(refresh),
            expires_at=datetime.now(UTC) + timedelta(days=get_settings().refresh_token_days),
        )
    )
    await session.flush()
    access, ttl = create_access_token(await _principal(session, user, family_id))
    return TokenPair(access_token=access, refresh_token=refresh, expires_in=ttl)


async def _failures_since(session: AsyncSession, since: datetime, limit: int, *where: Any) -> list[datetime]:
    """The newest `limit` failed attempts matching `where` since `since`, newest first."""
    rows = await session.scalars(
        select(LoginAttempt.at)
        .where(LoginAttempt.succeeded.is_(False), LoginAttempt.at > since, *where)
        .order_by(LoginAttempt.at.desc())
        .limit(limit)
    )
    return list(rows.all())


async def _throttle(session: AsyncSession, email: str, source: str) -> None:
    """429 once this e-mail failed N times from this address, or this address failed M times at all.

    Per e-mail *and* address: a stranger's guesses cannot lock the owner out of their own device.
    The attempts of one e-mail and address queue on a lock until each is counted, so parallel
    guesses cannot squeeze more checks past the limit than it allows."""
    settings = get_settings()
    # One attempt of an e-mail from an address at a time, counted before the next may start. A second
    # one meanwhile is told to retry rather than wait: waiting, a burst of them held the write pool's
    # connections through each other's password checks, and every other write got 503s.
    claimed = await session.scalar(
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"login:{source}:{email}"},
    )
    if not claimed:
        raise LoginInProgress(
            "Another login of this e-mail from here is being checked; try again", retry_after=1
        )
    window = timedelta(minutes=settings.login_failure_window_minutes)
    now = datetime.now(UTC)
    for limit, where in (
        (settings.login_max_failures, (LoginAttempt.email == email, LoginAttempt.source == source)),
        (settings.login_max_failures_per_source, (LoginAttempt.source == source,)),
    ):
        failures = await _failures_since(session, now - window, limit, *where)
        if len(failures) >= limit:
            # Open again when the oldest of the last N failures leaves the window.
            retry_after = max(1, int((failures[-1] + window - now).total_seconds()) + 1)
            raise LoginThrottled(
                f"{len(failures)} failed logins in {settings.login_failure_window_minutes} minutes; "
                f"try again in {retry_after} s",
                retry_after=retry_after,
            )


async def login(session: AsyncSession, email: str, password: str, source: str) -> TokenPair:
    """Exchange e-mail and password for a token pair; unknown e-mail and wrong password look alike,
    in answer and in time. `source` is the client's address, for throttling."""
    email = email.strip().lower()
    source = source[:64]
    await _throttle(session, email, source)
    user = await org.find_user_by_email(session, email)
    matches = await check_password(password, None if user is None else user.password_hash)
    if user is None or not matches or not user.is_active:
        session.add(LoginAttempt(email=email, source=source, succeeded=False))
        await session.flush()
        raise InvalidCredentials()
    await session.execute(
        delete(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.source == source)
    )
    return await _issue(session, user, family_id=uuid.uuid4())


async def refresh(session: AsyncSession, refresh_token: str) -> TokenPair:
    """Rotate: the presented token is spent and a new pair of the same login is issued."""
    token = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_digest == token_digest(refresh_token)).with_for_update()
    )
    now = datetime.now(UTC)
    if token is None or token.expires_at <= now:
        raise InvalidRefreshToken()
    if token.used_at is not None or token.revoked_at is not None:
        # A spent token presented again: someone holds a copy. End the whole login.
        await _revoke_family(session, token.family_id)
        raise RefreshTokenReused()
    user = await org.find_user(session, token.user_id)
    if user is None or not user.is_active:
        raise InvalidRefreshToken()
    token.used_at = now
    return await _issue(session, user, family_id=token.family_id)


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    """End a login: its refresh tokens, and at once its access tokens (the family is the session)."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )
    await revoke_session(session, family_id)


async def logout(session: AsyncSession, principal: Principal, refresh_token: str | None) -> None:
    """End the caller's login: its refresh tokens stop working (and the one presented, if any)."""
    await _revoke_family(session, principal.session_id)
    if refresh_token:
        token = await session.scalar(
            select(RefreshToken).where(
                RefreshToken.token_digest == token_digest(refresh_token),
                RefreshToken.user_id == principal.user_id,
            )
        )
        if token is not None:
            await _revoke_family(session, token.family_id)
