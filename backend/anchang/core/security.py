"""Passwords, tokens and the principal: who is calling, resolved from the bearer token alone.

The access token carries the user, the organization and the admin flag, so authenticating a request
costs one signature check and no database round trip.
"""

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import anyio
import jwt
from fastapi import Request
from pwdlib import PasswordHash

from anchang.core.config import get_settings
from anchang.core.context import actor_id_var, organization_id_var
from anchang.core.errors import Unauthorized

_hasher = PasswordHash.recommended()
_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    return _hasher.verify(password, password_hash)


# Verifying against this keeps an unknown e-mail as slow as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(8))


def burn_password_check(password: str) -> None:
    _hasher.verify(password, _DUMMY_HASH)


# Argon2 costs a hundred milliseconds or so of CPU on purpose. Run on the event loop, a few logins a
# second stalled every other request; in one worker thread per process (argon2 releases the GIL)
# they queue among themselves, and the loop keeps a core of its own to serve everyone else.
_password_workers = anyio.CapacityLimiter(1)


async def check_password(password: str, password_hash: str | None) -> bool:
    """Whether `password` matches; with no hash (unknown e-mail) it takes as long and answers False."""
    if password_hash is None:
        await anyio.to_thread.run_sync(burn_password_check, password, limiter=_password_workers)
        return False
    return await anyio.to_thread.run_sync(verify_password, password, password_hash, limiter=_password_workers)


async def hash_password_off_loop(password: str) -> str:
    """`hash_password` in the password workers, so creating users never stalls other requests."""
    return await anyio.to_thread.run_sync(hash_password, password, limiter=_password_workers)


def new_refresh_token() -> str:
    return "rt_" + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Refresh tokens and API keys are stored as this digest, never as themselves."""
    return hashlib.sha256(token.encode()).hexdigest()


BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An access token from /auth/token",
}
"""The OpenAPI security scheme every authenticated route declares (added in main.py's document)."""


def principal_from(request: Request) -> "Principal | None":
    """The bearer token's principal (validated; no database round trip), read straight from the
    header: no dependency of its own, so authenticating costs one level of dependency resolution."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    principal = decode_access_token(token.strip())
    actor_id_var.set(principal.user_id)
    organization_id_var.set(principal.organization_id)
    return principal


class TokenExpired(Unauthorized):
    code, title = "token_expired", "Token expired"


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: a user (through an access token)."""

    user_id: uuid.UUID
    organization_id: uuid.UUID
    is_admin: bool
    session_id: uuid.UUID
    credentials_version: int = 0  # core/credentials.py: a token of an older version is revoked


def create_access_token(principal: Principal, *, now: datetime | None = None) -> tuple[str, int]:
    settings = get_settings()
    now = now or datetime.now(UTC)
    ttl = settings.access_token_minutes * 60
    claims = {
        "sub": str(principal.user_id),
        "org": str(principal.organization_id),
        "adm": principal.is_admin,
        "sid": str(principal.session_id),
        "cv": principal.credentials_version,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        "typ": "access",
    }
    return jwt.encode(claims, settings.secret_key, algorithm=_ALGORITHM), ttl


# Verified tokens, so that a client's repeated requests cost a dict lookup, not a signature check.
_verified: dict[str, tuple[Principal, float]] = {}
_VERIFIED_MAX = 10_000


def decode_access_token(token: str) -> Principal:
    """The principal of a valid access token; raises Unauthorized (or TokenExpired)."""
    cached = _verified.get(token)
    if cached is not None:
        if cached[1] > time.time():
            return cached[0]
        del _verified[token]
    principal, expires = _verify(token)
    if len(_verified) >= _VERIFIED_MAX:
        _verified.clear()
    _verified[token] = (principal, expires)
    return principal


def _verify(token: str) -> tuple[Principal, float]:
    try:
        claims = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=[_ALGORITHM],
            options={"require": ["exp", "sub", "org"]},
        )
        if claims.get("typ") != "access":
            raise Unauthorized("Not an access token")
        principal = Principal(
            user_id=uuid.UUID(claims["sub"]),
            organization_id=uuid.UUID(claims["org"]),
            is_admin=bool(claims.get("adm")),
            session_id=uuid.UUID(claims["sid"]),
            credentials_version=int(claims.get("cv", 0)),
        )
        return principal, float(claims["exp"])
    except jwt.ExpiredSignatureError as exc:
        raise TokenExpired("The access token has expired; refresh it") from exc
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise Unauthorized("The access token is not valid") from exc
