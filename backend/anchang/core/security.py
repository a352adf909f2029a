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
from anchang.core.context import actor_id_var, api_key_id_var, organization_id_var
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
    # A plain SHA-256, not a slow password hash: these secrets are 256 random bits, so no dictionary
    # or brute force can find one from its digest, and a lookup by digest stays an index probe.
    return hashlib.sha256(token.encode()).hexdigest()


API_KEY_PREFIX = "ak_"
"""What an API key's secret starts with (an access token never does: it is a JWT)."""


def new_api_key_secret() -> str:
    """A new API key's secret: `ak_` and 256 random bits."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An access token from /auth/token, or an API key (`ak_…`, from /api-keys)",
}
"""The OpenAPI security scheme every authenticated route declares (added in main.py's document)."""


def bearer_token(request: Request) -> str | None:
    """The token of `Authorization: Bearer <token>`, if sent."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def principal_from(request: Request) -> "Principal | None":
    """The bearer token's principal (validated; no database round trip), read straight from the
    header: no dependency of its own, so authenticating costs one level of dependency resolution.

    An API key is answered from this process's cache of verified keys; a key not in it yet raises
    `KeyNotVerified`, which `core/access.get_principal` answers by looking the key up."""
    token = bearer_token(request)
    if token is None:
        return None
    if token.startswith(API_KEY_PREFIX):
        principal = api_keys.get(token_digest(token))
        if principal is None:
            raise KeyNotVerified()
    else:
        principal = decode_access_token(token)
    act_as(principal)
    return principal


async def authenticate(request: Request) -> "Principal | None":
    """The caller's principal (None without a bearer token): an access token verified, or an API
    key verified once per process and then answered from the cache (core/access.py checks its
    scopes and rate limit, and both kinds' revocation)."""
    try:
        return principal_from(request)
    except KeyNotVerified:
        return await verify_api_key(request)


async def verify_api_key(request: Request) -> "Principal":
    """Look the request's API key up (the app's `api_key_directory`: the apikeys domain) and keep
    it verified in this process; 401 `api_key_invalid` or `api_key_expired`."""
    token = bearer_token(request) or ""
    digest = token_digest(token)
    principal, expires_at = await request.app.state.api_key_directory.verify(
        request.app.state.database.reader, digest
    )
    if expires_at is not None and expires_at <= datetime.now(UTC):
        raise ApiKeyExpired("The API key has expired; ask an admin for a new one")
    api_keys.put(digest, principal, expires_at)
    act_as(principal)
    return principal


def act_as(principal: "Principal") -> None:
    """Make `principal` the actor of the request's audit rows, logs and tenancy."""
    actor_id_var.set(principal.user_id)
    api_key_id_var.set(principal.api_key_id)
    organization_id_var.set(principal.organization_id)


class TokenExpired(Unauthorized):
    code, title = "token_expired", "Token expired"


class ApiKeyInvalid(Unauthorized):
    code, title = "api_key_invalid", "The API key is not valid, or was revoked"


class ApiKeyExpired(Unauthorized):
    code, title = "api_key_expired", "The API key has expired"


class KeyNotVerified(Exception):
    """An API key this process has not verified yet (or forgot): `get_principal` looks it up."""


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: a user (through an access token), or an API key acting as the user who made it.

    A key's principal carries its creator's id, organization and admin flag (read afresh whenever
    the creator's credentials change), so it holds its creator's roles and no more; `scopes` and
    `project_ids` narrow that further."""

    user_id: uuid.UUID
    organization_id: uuid.UUID
    is_admin: bool
    session_id: uuid.UUID  # for a key: the key's id (no login to end)
    credentials_version: int = 0  # core/credentials.py: a token of an older version is revoked
    api_key_id: uuid.UUID | None = None
    scopes: frozenset[str] = frozenset()
    project_ids: frozenset[uuid.UUID] | None = None  # a key's projects; None: all its creator's

    @property
    def is_key(self) -> bool:
        return self.api_key_id is not None

    def may_see_project(self, project_id: uuid.UUID) -> bool:
        """False for a project outside a key's restriction (it is answered 404, as if unseen)."""
        return self.project_ids is None or project_id in self.project_ids


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


class ApiKeyCache:
    """The API keys this process has verified, by digest, so a key's repeated requests cost a dict
    lookup. Revoking a key or changing its creator's credentials drops it here in every worker (the
    credentials channel's NOTIFY, core/credentials.py); it is then looked up afresh."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[Principal, float]] = {}
        self._digests: dict[uuid.UUID, str] = {}  # key id → digest

    def get(self, digest: str) -> Principal | None:
        """The key's principal; None if not verified here; ApiKeyExpired past its expiry."""
        cached = self._keys.get(digest)
        if cached is None:
            return None
        if cached[1] <= time.time():
            raise ApiKeyExpired("The API key has expired; ask an admin for a new one")
        return cached[0]

    def put(self, digest: str, principal: Principal, expires_at: datetime | None) -> None:
        if len(self._keys) >= _VERIFIED_MAX:
            self.clear()
        self._keys[digest] = (principal, expires_at.timestamp() if expires_at else float("inf"))
        if principal.api_key_id is not None:
            self._digests[principal.api_key_id] = digest

    def holds(self, key_id: uuid.UUID | None) -> bool:
        """Whether the key is verified here and not dropped since."""
        return key_id is not None and key_id in self._digests

    def forget_key(self, key_id: uuid.UUID) -> None:
        digest = self._digests.pop(key_id, None)
        if digest is not None:
            self._keys.pop(digest, None)

    def forget_user(self, user_id: uuid.UUID) -> None:
        """Drop the keys `user_id` made (their rights changed): each is read again on its next use."""
        for principal, _ in [entry for entry in self._keys.values() if entry[0].user_id == user_id]:
            if principal.api_key_id is not None:
                self.forget_key(principal.api_key_id)

    def clear(self) -> None:
        self._keys.clear()
        self._digests.clear()


api_keys = ApiKeyCache()
"""This process's verified API keys."""
