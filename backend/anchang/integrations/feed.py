"""The changes feed on the lean read path (core/reads.py): one statement per page, in sequence order,
from the caller's readable events."""

import uuid
from typing import Any

from sqlalchemy import String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.integrations.models import IntegrationEvent as E
from anchang.integrations.registry import TEST
from anchang.integrations.repository import EventRepository

MAX_LIMIT = 1000

COLUMNS = (E.id, E.sequence, E.type, E.object_type, E.object_id, E.project_id, E.occurred_at, E.data)


@per_caller
def events(caller: Principal, by_types: bool, by_project: bool) -> AnySelect:
    """The caller's events after `:after`, `:limit` of them, optionally of `:types` and `:project_id`."""
    statement = (
        EventRepository(None, caller)
        .readable()
        .with_only_columns(*COLUMNS)
        .where(E.sequence > bindparam("after"), E.type != TEST)
    )
    if by_types:
        statement = statement.where(E.type == bindparam("types", type_=ARRAY(String)).any_())
    if by_project:
        statement = statement.where(E.project_id == bindparam("project_id"))
    return statement.order_by(E.sequence).limit(bindparam("limit"))


async def read_events(
    reader: Reader,
    caller: Principal,
    *,
    after: int,
    limit: int,
    types: list[str] | None,
    project_id: uuid.UUID | None,
) -> dict[str, Any]:
    """A page of the feed: `items`, `next_after` (the last sequence read, else `after`), `has_more`."""
    values: dict[str, Any] = {"after": after, "limit": limit + 1}
    if types:
        values["types"] = types
    if project_id is not None:
        values["project_id"] = project_id
    rows: list[Row] = await reader.rows(events(caller, bool(types), project_id is not None), values)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_after": rows[-1]["sequence"] if rows else after, "has_more": more}
