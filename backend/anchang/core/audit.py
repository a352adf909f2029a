"""The audit log: one row per change (who, what, before, after), written in the same transaction.

Every ORM insert, update and delete of an `Audited` model is recorded by a flush hook, so a service
cannot forget it; statements that bypass the ORM (bulk UPDATEs and INSERTs) call `record_bulk_audit`
with what they changed (or `record_audit` for a single row).
"""

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import DateTime, String, event, func, inspect, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from anchang.core.context import actor_id_var, api_key_id_var, organization_id_var, request_id_var
from anchang.core.models import Base

_HIDDEN = "***"


class Audited:
    """Marks a model whose changes are audited. `__audit_hidden__` names fields shown as ***."""

    __audit_hidden__: frozenset[str] = frozenset()


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    organization_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    # The API key that acted (as `actor_id`, its creator, whose rights it holds); null: the person did.
    api_key_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), index=True)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp(), index=True
    )


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json(v) for v in value]
    return str(value)


def record_audit(
    session: Session,
    *,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID,
    organization_id: uuid.UUID,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit row to `session` (sync or the `sync_session` of an async one)."""
    session.add(
        AuditEntry(
            id=uuid.uuid4(),
            organization_id=organization_id,
            actor_id=actor_id_var.get(),
            api_key_id=api_key_id_var.get(),
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            before=_json(before),
            after=_json(after),
            request_id=request_id_var.get(),
        )
    )


@dataclass(frozen=True, slots=True)
class AuditedChange:
    """One row changed by a statement that bypassed the ORM: which, how, and its fields before and after."""

    entity_type: str  # the table's name, as the flush hook records it
    entity_id: uuid.UUID
    organization_id: uuid.UUID
    action: str = "update"
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


# All the rows in one statement whatever their number: the values arrive as parallel arrays (an
# executemany of ten thousand rows cost seconds; this costs what PostgreSQL's own insert does).
_INSERT_BULK = text(
    """
    INSERT INTO audit_log (id, organization_id, actor_id, api_key_id, action, entity_type, entity_id, before,
        after, request_id)
    SELECT gen_random_uuid(), v.organization_id, CAST(:actor AS uuid), CAST(:api_key AS uuid), v.action,
        v.entity_type, v.entity_id, CAST(v.before AS jsonb), CAST(v.after AS jsonb),
        CAST(:request_id AS varchar)
    FROM unnest(
        CAST(:organizations AS uuid[]), CAST(:actions AS text[]), CAST(:entity_types AS text[]),
        CAST(:entity_ids AS uuid[]), CAST(:befores AS text[]), CAST(:afters AS text[])
    ) AS v(organization_id, action, entity_type, entity_id, before, after)
    """
)


async def record_bulk_audit(session: AsyncSession, changes: Iterable[AuditedChange]) -> int:
    """Write an audit row per change in the session's transaction, with the caller's actor and request
    id (none for background work), values made JSON as the flush hook makes them; returns how many."""
    rows = list(changes)
    if not rows:
        return 0

    def dumped(value: dict[str, Any] | None) -> str | None:
        return None if value is None else orjson.dumps(_json(value)).decode()

    await session.execute(
        _INSERT_BULK,
        {
            "actor": actor_id_var.get(),
            "api_key": api_key_id_var.get(),
            "request_id": request_id_var.get(),
            "organizations": [c.organization_id for c in rows],
            "actions": [c.action for c in rows],
            "entity_types": [c.entity_type for c in rows],
            "entity_ids": [c.entity_id for c in rows],
            "befores": [dumped(c.before) for c in rows],
            "afters": [dumped(c.after) for c in rows],
        },
    )
    return len(rows)


_SKIP = frozenset({"created_at", "updated_at", "version"})


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in _SKIP]


def _snapshot(obj: Any, keys: list[str]) -> dict[str, Any]:
    hidden = type(obj).__audit_hidden__
    return {k: (_HIDDEN if k in hidden else getattr(obj, k)) for k in keys}


def _org_of(obj: Any) -> uuid.UUID | None:
    org = getattr(obj, "organization_id", None) or organization_id_var.get()
    if org is None and type(obj).__tablename__ == "organizations":
        org = obj.id
    return org


@event.listens_for(Session, "before_flush")
def _audit_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in list(session.new):
        if isinstance(obj, Audited):
            if getattr(obj, "id", None) is None:
                obj.id = uuid.uuid4()  # type: ignore[attr-defined]
            org = _org_of(obj)
            if org is not None:
                record_audit(
                    session,
                    action="create",
                    entity_type=type(obj).__tablename__,  # type: ignore[attr-defined]
                    entity_id=obj.id,  # type: ignore[attr-defined]
                    organization_id=org,
                    after=_snapshot(obj, _columns(obj)),
                )
    for obj in list(session.dirty):
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            state = inspect(obj)
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            hidden = type(obj).__audit_hidden__
            for key in _columns(obj):
                history = state.attrs[key].history
                if history.has_changes():
                    old = history.deleted[0] if history.deleted else None
                    new = history.added[0] if history.added else None
                    before[key] = _HIDDEN if key in hidden else old
                    after[key] = _HIDDEN if key in hidden else new
            org = _org_of(obj)
            if after and org is not None:
                record_audit(
                    session,
                    action="update",
                    entity_type=type(obj).__tablename__,  # type: ignore[attr-defined]
                    entity_id=obj.id,  # type: ignore[attr-defined]
                    organization_id=org,
                    before=before,
                    after=after,
                )
    for obj in list(session.deleted):
        if isinstance(obj, Audited):
            org = _org_of(obj)
            if org is not None:
                record_audit(
                    session,
                    action="delete",
                    entity_type=type(obj).__tablename__,  # type: ignore[attr-defined]
                    entity_id=obj.id,  # type: ignore[attr-defined]
                    organization_id=org,
                    before=_snapshot(obj, _columns(obj)),
                )
