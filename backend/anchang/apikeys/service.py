"""API keys: made by an organization's admins, shown once, verified on every call, revoked at once.

`Keys` is the app's `api_key_directory` (core/security.py looks a key up through it the first time a
process sees it, core/access.py asks it to note a key's use); main.py wires it.
"""

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.apikeys.models import ApiKey
from anchang.apikeys.schemas import ApiKeyCreate
from anchang.core.credentials import CredentialVersion, revoke_api_key
from anchang.core.db import Database
from anchang.core.errors import NotFound, ValidationFailed
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect, Repository
from anchang.core.security import (
    ApiKeyExpired,
    ApiKeyInvalid,
    Principal,
    new_api_key_secret,
    token_digest,
)
from anchang.org import service as org

PREFIX_LENGTH = 11  # "ak_" and 8 characters of the secret: enough to tell keys apart, useless to guess


class ApiKeyNotFound(NotFound):
    code = "api_key_not_found"


class ApiKeyRepository(Repository[ApiKey]):
    model = ApiKey
    not_found = ApiKeyNotFound


# --- admin ------------------------------------------------------------------------------------


async def create_key(session: AsyncSession, principal: Principal, data: ApiKeyCreate) -> tuple[ApiKey, str]:
    """A new key of the caller's organization, and its secret (shown this once, stored as a digest)."""
    if data.project_ids:
        seen = await org.visible_project_ids(session, principal, set(data.project_ids))
        missing = [str(p) for p in data.project_ids if p not in seen]
        if missing:
            raise ValidationFailed({"project_ids": f"no such project: {', '.join(missing)}"})
    secret = new_api_key_secret()
    key = ApiKey(
        organization_id=principal.organization_id,
        name=data.name,
        prefix=secret[:PREFIX_LENGTH],
        secret_digest=token_digest(secret),
        scopes=data.scopes,
        project_ids=sorted(set(data.project_ids), key=str) if data.project_ids else None,
        created_by=principal.user_id,
        expires_at=data.expires_at,
    )
    session.add(key)
    await session.flush()
    return key, secret


async def revoke_key(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    """The key stops working now, in every worker; revoking it again changes nothing."""
    key = await ApiKeyRepository(session, principal).get_readable(key_id)
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await session.flush()
        await revoke_api_key(session, key.id)
    return key


@per_caller
def keys(caller: Principal) -> AnySelect:
    """The organization's keys, as lists show them, with their creator's name."""
    columns = [c for c in ApiKey.__table__.columns if c.key not in ("secret_digest", "organization_id")]
    return (
        ApiKeyRepository(None, caller)
        .scoped()
        .with_only_columns(*columns, org.user_name_of(caller, ApiKey.created_by).label("created_by_name"))
    )


async def list_keys(reader: Reader, principal: Principal, page: PageParams) -> tuple[list[Row], str | None]:
    """The organization's keys, oldest first (revoked ones too, with when)."""
    return await read_page(
        reader, keys(principal), page, order_by=[ApiKey.created_at, ApiKey.id], updated_at=ApiKey.updated_at
    )


async def read_key(reader: Reader, principal: Principal, key_id: uuid.UUID) -> Row:
    row = await reader.row(keys(principal).where(ApiKey.id == bindparam("id")), {"id": key_id})
    if row is None:
        raise ApiKeyNotFound(f"No API key with id {key_id}")
    return row


# --- verifying (core/security.py, core/access.py) --------------------------------------------

_BY_DIGEST = (
    select(
        ApiKey.id,
        ApiKey.organization_id,
        ApiKey.created_by,
        ApiKey.scopes,
        ApiKey.project_ids,
        ApiKey.expires_at,
        ApiKey.revoked_at,
        org.User.is_admin,
        org.User.is_active,
        select(CredentialVersion.version)
        .where(CredentialVersion.user_id == ApiKey.created_by)
        .scalar_subquery()
        .label("credentials_version"),
    )
    .join(org.User, org.User.id == ApiKey.created_by)
    .where(ApiKey.secret_digest == bindparam("digest"))
)

TOUCH_EVERY = 60.0
"""Seconds between two notes of a key's last use by one worker (not a write per request)."""


class Keys:
    """The apikeys domain as the app's `api_key_directory`."""

    def __init__(self) -> None:
        self._touched: dict[uuid.UUID, float] = {}

    async def verify(self, reader: Reader, digest: str) -> tuple[Principal, datetime | None]:
        """The principal of the key with this digest, and when it expires; 401 if it is unknown,
        revoked, expired or its creator no longer active. Read across organizations (the caller's
        is not known yet): the digest of a 256-bit secret is the key's only handle."""
        row = await reader.row(_BY_DIGEST, {"digest": digest})
        if row is None or row["revoked_at"] is not None or not row["is_active"]:
            raise ApiKeyInvalid("The API key is not valid, or was revoked")
        if row["expires_at"] is not None and row["expires_at"] <= datetime.now(UTC):
            raise ApiKeyExpired("The API key has expired; ask an admin for a new one")
        principal = Principal(
            user_id=row["created_by"],
            organization_id=row["organization_id"],
            is_admin=bool(row["is_admin"]),
            session_id=row["id"],
            credentials_version=int(row["credentials_version"] or 0),
            api_key_id=row["id"],
            scopes=frozenset(row["scopes"]),
            project_ids=frozenset(row["project_ids"]) if row["project_ids"] is not None else None,
        )
        return principal, row["expires_at"]

    async def touch(self, database: Database, key_id: Any) -> None:
        """Note the key's use: one short UPDATE at most once a minute per key and worker (a request
        in a minute pays a round trip; the others a dict lookup)."""
        now = time.monotonic()
        if now - self._touched.get(key_id, -TOUCH_EVERY) < TOUCH_EVERY:
            return
        self._touched[key_id] = now
        # Not through the ORM: a note of use is no change to audit, and bumps no version (ETag).
        try:
            async with database.session() as session, session.begin():
                await session.execute(
                    update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=datetime.now(UTC))
                )
        except Exception:
            self._touched.pop(key_id, None)

    def forget(self) -> None:
        """Forget when keys were last noted (tests)."""
        self._touched.clear()
