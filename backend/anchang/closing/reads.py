"""Daily closes on the lean read path (core/reads.py): a project's list, newest day first, one statement a
page; one close with the names of who built, closed and signed it, one statement (run by the reader for a
GET, by the request's session after a change, so a POST answers what it wrote)."""

import uuid
from typing import Any

from sqlalchemy import Integer, bindparam, cast, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing import policy, schemas
from anchang.closing.models import DailyClose
from anchang.closing.repository import CloseNotFound, CloseRepository
from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org

C = DailyClose
SUMMARY = [
    *("id", "created_at", "updated_at", "version", "project_id", "status", "cutoff_at"),
    *("differences_count", "receipts_total", "closed_at", "finance_signed_at", "developer_signed_at"),
]
PEOPLE = ("built_by", "closed_by", "finance_signed_by", "developer_signed_by")


@per_caller
def _list(caller: Principal) -> Any:
    # Newest day first on an ascending cursor: the days before the end of the calendar.
    before_end = cast(literal_column("DATE '9999-12-31'") - C.day, Integer).label("before_end")
    inner = (
        CloseRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(C, n) for n in SUMMARY), C.day.label("date"), before_end)
        .where(C.project_id == bindparam("project_id"))
        .subquery("closes")
    )
    return inner


async def list_closes(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's closes, newest day first, a page at a time."""
    inner = _list(access.principal)
    rows, cursor = await read_page(
        reader,
        select(inner),
        page,
        {"project_id": access.project.id},
        order_by=[inner.c.before_end, inner.c.id],
        updated_at=inner.c.updated_at,
    )
    for row in rows:
        row.pop("before_end")
    return rows, cursor


@per_caller
def _one(caller: Principal) -> AnySelect:
    return (
        CloseRepository(None, caller)
        .scoped()
        .with_only_columns(
            *(getattr(C, n) for n in SUMMARY),
            C.day.label("date"),
            C.built_at,
            C.board,
            C.receipts,
            C.differences,
            *(getattr(C, n) for n in PEOPLE),
            *(org.user_name_of(caller, getattr(C, n)).label(f"{n}_name") for n in PEOPLE),
        )
        .where(C.project_id == bindparam("project_id"), C.id == bindparam("close_id"))
    )


def _shown(row: dict[str, Any], access: ProjectAccess) -> schemas.Close:
    row["board_at"] = row["cutoff_at"]
    row["allowed_actions"] = policy.close_actions(row, access)
    return schemas.Close.model_validate(row)


async def read_close(reader: Reader, access: ProjectAccess, close_id: uuid.UUID) -> schemas.Close:
    """One close of the project with its snapshot and signatures; 404 for one the caller may not see."""
    row = await reader.row(_one(access.principal), {"project_id": access.project.id, "close_id": close_id})
    if row is None:
        raise CloseNotFound(f"No close with id {close_id} in this project")
    return _shown(dict(row), access)


async def close_as_written(
    session: AsyncSession, access: ProjectAccess, close_id: uuid.UUID
) -> schemas.Close:
    """The close as the request's own transaction now has it (after a change)."""
    result = await session.execute(
        _one(access.principal), {"project_id": access.project.id, "close_id": close_id}
    )
    row = result.mappings().one()
    return _shown(dict(row), access)
