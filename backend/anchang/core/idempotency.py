"""`Idempotency-Key` on POST: claimed in PostgreSQL, in the same transaction as the business write.

The claim is a transaction-scoped advisory lock on (caller, key): a concurrent request with the same
key cannot take it and gets 409. The first response is stored, in that same transaction, when the
handler returns; a retry within 24 h replays it, and a retry with another body gets 422.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import DateTime, Integer, LargeBinary, String, UniqueConstraint, delete, func, select, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from starlette.responses import Response

from anchang.core.config import get_settings
from anchang.core.errors import AppError, Conflict
from anchang.core.models import Base

HEADER = "Idempotency-Key"
_REPLAYED_HEADERS = ("content-type", "etag", "location")


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("caller", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    organization_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    caller: Mapped[str] = mapped_column(String(80), nullable=False)
    key: Mapped[str] = mapped_column(String(255), nullable=False)
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    headers: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False)
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp(), index=True
    )


class IdempotencyKeyInUse(Conflict):
    code, title = "idempotency_key_in_use", "A request with this Idempotency-Key is still running"


class IdempotencyKeyReused(AppError):
    status, code, title = 422, "idempotency_key_reused", "This Idempotency-Key was used with another request"


class InvalidIdempotencyKey(AppError):
    status, code, title = (
        422,
        "invalid_idempotency_key",
        "Idempotency-Key must be 1 to 255 printable characters",
    )


class IdempotentReplay(AppError):
    """Not an error: carries the stored first response, which the handler sends again."""

    status, code = 200, "idempotent_replay"

    def __init__(self, record: IdempotencyRecord):
        super().__init__("replay")
        # Copied out: the session rolls back (and expires the record) before the handler runs.
        self.stored = (record.status_code, dict(record.headers), bytes(record.body))


@dataclass(slots=True)
class Claim:
    organization_id: uuid.UUID
    caller: str
    key: str
    request_hash: str


async def _body(request: Request) -> bytes:
    """The request's body as sent; a form's fields and files when FastAPI has already parsed the form
    (its stream is consumed then: `request.body()` would fail)."""
    if not request.headers.get("content-type", "").startswith(
        ("multipart/form-data", "application/x-www-form")
    ):
        return await request.body()
    parts: list[bytes] = []
    for name, value in (await request.form()).multi_items():  # parsed once, cached on the request
        if isinstance(value, str):
            parts.append(f"{name}={value}".encode())
        else:
            content = await value.read()
            await value.seek(0)
            parts.append(f"{name}:{value.filename}:".encode() + hashlib.sha256(content).digest())
    return b"\n".join(parts)


async def claim_key(
    session: AsyncSession, request: Request, *, organization_id: uuid.UUID, caller: str
) -> None:
    """Claim the request's Idempotency-Key for `caller`, or raise the replay / conflict it calls for."""
    key = request.headers.get(HEADER)
    if key is None or request.method != "POST":
        return
    if not (0 < len(key) <= 255) or not key.isprintable():
        raise InvalidIdempotencyKey()
    digest = hashlib.sha256(
        b"\n".join(
            [
                request.method.encode(),
                request.url.path.encode(),
                request.url.query.encode(),
                await _body(request),
            ]
        )
    ).hexdigest()

    locked = await session.scalar(
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"{caller}\n{key}"}
    )
    if not locked:
        raise IdempotencyKeyInUse()
    found = await session.scalar(
        select(IdempotencyRecord).where(IdempotencyRecord.caller == caller, IdempotencyRecord.key == key)
    )
    if found is not None:
        window = timedelta(hours=get_settings().idempotency_hours)
        if found.created_at > datetime.now(UTC) - window:
            if found.request_hash != digest:
                raise IdempotencyKeyReused()
            raise IdempotentReplay(found)
        await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == found.id))
    request.state.idempotency_claim = Claim(organization_id, caller, key, digest)


async def store_response(request: Request, response: Response) -> None:
    """Keep the first response of a claimed key, in the request's (still open) transaction."""
    claim: Claim | None = getattr(request.state, "idempotency_claim", None)
    if claim is None or response.status_code >= 500:
        return
    session: AsyncSession = request.state.session
    headers = {k: v for k, v in response.headers.items() if k in _REPLAYED_HEADERS}
    session.add(
        IdempotencyRecord(
            organization_id=claim.organization_id,
            caller=claim.caller,
            key=claim.key,
            request_hash=claim.request_hash,
            status_code=response.status_code,
            headers=headers,
            body=bytes(response.body),
        )
    )
    await session.flush()


async def replay_response(_: Request, exc: Exception) -> Response:
    """The exception handler for `IdempotentReplay`: the stored first response, marked as replayed."""
    assert isinstance(exc, IdempotentReplay)
    status_code, stored_headers, body = exc.stored
    headers: dict[str, Any] = {**stored_headers, "Idempotent-Replayed": "true"}
    return Response(content=body, status_code=status_code, headers=headers)
