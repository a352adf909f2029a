"""The transactional outbox: `emit` writes an event in the caller's transaction, and the webhook
deliveries it owes, in one statement.

Numbering. A number taken at insert is not commit order: transaction A takes 7, B takes 8 and commits
first, a reader at `after=6` gets 8, moves its cursor to 8 and never sees 7. So the row is inserted
without a number, and a deferred constraint trigger (migration integrations_0001) numbers it at
COMMIT from the organization's counter row: the counter's row lock is held from that trigger to the
end of the commit (microseconds), so an organization's numbers are given in its commit order and a
number is visible only once every smaller one of the organization is. Readers never see an unnumbered
row (it is not committed yet).
"""

import uuid
from typing import Any

import orjson
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import _json
from anchang.core.context import organization_id_var
from anchang.integrations.registry import EVENT_TYPES

_FROM_OBJECT: Any = object()
_OWNER_COLUMNS = ("consultant_id", "owner_id")

_EMIT = text(
    """
    WITH event AS (
        INSERT INTO integration_events
            (id, organization_id, type, object_type, object_id, project_id, owner_id, data)
        VALUES (CAST(:id AS uuid), CAST(:organization_id AS uuid), :type, :object_type,
            CAST(:object_id AS uuid), CAST(:project_id AS uuid), CAST(:owner_id AS uuid),
            CAST(:data AS jsonb))
        RETURNING id, organization_id, type, object_id, project_id
    )
    INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, object_id)
    SELECT gen_random_uuid(), event.organization_id, w.id, event.id, event.object_id
    FROM event JOIN webhook_endpoints w ON w.organization_id = event.organization_id
    WHERE w.enabled AND event.type = ANY(w.event_types)
        AND (w.project_ids IS NULL OR event.project_id = ANY(w.project_ids))
    """
)


def snapshot(obj: Any) -> dict[str, Any]:
    """An ORM object's loaded columns as JSON values (secrets the model hides are left out)."""
    state = inspect(obj)
    hidden: frozenset[str] = getattr(type(obj), "__audit_hidden__", frozenset())
    return {
        attr.key: _json(state.dict[attr.key])
        for attr in state.mapper.column_attrs
        if attr.key in state.dict and attr.key not in hidden
    }


async def emit(
    session: AsyncSession,
    type: str,
    obj: Any,
    project_id: uuid.UUID | None = _FROM_OBJECT,
    data: dict[str, Any] | None = None,
    *,
    owner_id: uuid.UUID | None = _FROM_OBJECT,
) -> uuid.UUID:
    """Write event `type` about `obj` (an ORM object: its id, organization, project, owner and, unless
    `data` is given, its new state) in the session's transaction; returns the event's id."""
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}: add it to integrations/registry.py")
    await session.flush()  # the object's id and server-made values, and its row before the event
    if data is None:
        data = snapshot(obj)
    if project_id is _FROM_OBJECT:
        project_id = getattr(obj, "project_id", None)
    if owner_id is _FROM_OBJECT:
        owner_id = next((getattr(obj, c) for c in _OWNER_COLUMNS if getattr(obj, c, None) is not None), None)
    organization_id = getattr(obj, "organization_id", None) or organization_id_var.get()
    event_id = uuid.uuid4()
    await session.execute(
        _EMIT,
        {
            "id": event_id,
            "organization_id": organization_id,
            "type": type,
            "object_type": getattr(obj, "__tablename__", "object"),
            "object_id": obj.id,
            "project_id": project_id,
            "owner_id": owner_id,
            "data": orjson.dumps(_json(data)).decode(),
        },
    )
    return event_id


_EMIT_BULK = text(
    """
    WITH event AS (
        INSERT INTO integration_events
            (id, organization_id, type, object_type, object_id, project_id, owner_id, data)
        SELECT gen_random_uuid(), CAST(:organization_id AS uuid), :type, :object_type, v.object_id,
            v.project_id, v.owner_id, CAST(v.data AS jsonb)
        FROM unnest(CAST(:object_ids AS uuid[]), CAST(:project_ids AS uuid[]), CAST(:owner_ids AS uuid[]),
            CAST(:datas AS text[])) WITH ORDINALITY AS v(object_id, project_id, owner_id, data, n)
        ORDER BY v.n
        RETURNING id, organization_id, type, object_id, project_id
    )
    INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, object_id)
    SELECT gen_random_uuid(), event.organization_id, w.id, event.id, event.object_id
    FROM event JOIN webhook_endpoints w ON w.organization_id = event.organization_id
    WHERE w.enabled AND event.type = ANY(w.event_types)
        AND (w.project_ids IS NULL OR event.project_id = ANY(w.project_ids))
    """
)


async def emit_bulk(
    session: AsyncSession,
    type: str,
    *,
    organization_id: uuid.UUID,
    object_type: str,
    items: list[tuple[uuid.UUID, uuid.UUID | None, uuid.UUID | None, dict[str, Any]]],
) -> int:
    """Write one event `type` per (object id, project id, owner id, data) of `items`, in one statement,
    for changes made by bulk statements (a release of a building's units); returns how many."""
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}: add it to integrations/registry.py")
    if not items:
        return 0
    await session.execute(
        _EMIT_BULK,
        {
            "organization_id": organization_id,
            "type": type,
            "object_type": object_type,
            "object_ids": [i[0] for i in items],
            "project_ids": [i[1] for i in items],
            "owner_ids": [i[2] for i in items],
            "datas": [orjson.dumps(_json(i[3])).decode() for i in items],
        },
    )
    return len(items)
