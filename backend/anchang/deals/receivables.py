"""Receivables and collection (催款): the open schedule lines of the project's live deals with their
age buckets, and the notes collectors keep on a deal."""

import uuid
from datetime import date
from typing import Any

import orjson
from sqlalchemy import CTE, Date, ScalarSelect, Text, bindparam, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import policy
from anchang.deals import repository as repo
from anchang.deals.models import MONEY, CollectionNote, Deal, ScheduleLine
from anchang.deals.reads import buyers_of
from anchang.deals.schemas import CollectionNoteCreate
from anchang.deals.timeline import record_event
from anchang.inventory import service as inventory

BUCKETS = ("not_due", "0-30", "31-60", "61-90", "90+")


def bucket_of(days_overdue: int) -> str:
    """The age bucket of a line `days_overdue` days past its due date."""
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "0-30"
    if days_overdue <= 60:
        return "31-60"
    if days_overdue <= 90:
        return "61-90"
    return "90+"


def _open_lines(caller: Principal, overdue: bool) -> AnySelect:
    # The open lines of the project's live deals the caller may read (the deal's row rule on the
    # joined deal); bind parameters `project_id`, and `today` when only overdue lines are asked for.
    statement = repo.DealRepository(None, caller).readable_of(
        repo.receivable_lines(repo.ScheduleRepository(None, caller), bindparam("project_id"))
    )
    if overdue:
        statement = statement.where(ScheduleLine.due_on < bindparam("today", type_=Date))
    return statement


@per_caller
def open_lines(caller: Principal, *, overdue: bool) -> CTE:
    """The open lines the caller may read (`_open_lines`), with what a page shows of their deal and each
    line's age bucket (from the bind parameter `today`), once per statement: the page and the totals by
    bucket both read this (a CTE that PostgreSQL materializes), so the lines, their deals and the access
    rule are scanned once per request, not once for the page and once more for the totals."""
    age = bindparam("today", type_=Date) - ScheduleLine.due_on  # date - date → integer days
    bucket = case(
        (age <= 0, "not_due"),
        (age <= 30, "0-30"),
        (age <= 60, "31-60"),
        (age <= 90, "61-90"),
        else_="90+",
    )
    return (
        _open_lines(caller, overdue)
        .with_only_columns(
            ScheduleLine.id,
            ScheduleLine.deal_id,
            ScheduleLine.kind,
            ScheduleLine.due_on,
            ScheduleLine.amount,
            ScheduleLine.paid,
            ScheduleLine.updated_at,
            Deal.unit_id,
            Deal.customer_ids,
            Deal.consultant_id,
            bucket.label("bucket"),
        )
        .cte("open_lines")
    )


def _totals(lines: CTE) -> ScalarSelect[Any]:
    """`{bucket: [lines, "outstanding"]}` over every open line (not one page), as JSON text."""
    grouped = (
        select(
            lines.c.bucket,
            func.count().label("lines"),
            cast(func.sum(lines.c.amount - lines.c.paid), MONEY).label("outstanding"),
        )
        .group_by(lines.c.bucket)
        .subquery()
    )
    # Money as text, as the API writes it ("390000.00"); JSON numbers would come back as floats.
    by_bucket = func.json_object_agg(
        grouped.c.bucket, func.json_build_array(grouped.c.lines, cast(grouped.c.outstanding, Text))
    )
    return select(cast(by_bucket, Text)).scalar_subquery()


@per_caller
def receivable_page(caller: Principal, *, overdue: bool) -> AnySelect:
    """The project's open lines the caller may read, each with its deal's unit code, buyers, consultant
    and last collection note, and the totals by age bucket of all of them (the same on every row: an
    init plan, run once); bind parameters `project_id`, `today`. Page it by `open_lines`' columns."""
    lines = open_lines(caller, overdue=overdue)
    last_note = (
        repo.CollectionNoteRepository(None, caller)
        .scoped()
        .with_only_columns(CollectionNote.note)
        .where(CollectionNote.deal_id == lines.c.deal_id)
        .order_by(CollectionNote.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(
        lines.c.id,
        lines.c.deal_id,
        lines.c.unit_id,
        func.coalesce(inventory.unit_code_of(caller, lines.c.unit_id), "").label("unit_code"),
        buyers_of(caller, lines.c.customer_ids).label("buyers"),
        lines.c.kind,
        lines.c.due_on,
        lines.c.amount,
        lines.c.paid,
        (lines.c.amount - lines.c.paid).label("outstanding"),
        lines.c.consultant_id.label("assigned_to"),
        last_note.label("last_note"),
        _totals(lines).label("totals"),
    )


@per_caller
def receivable_totals(caller: Principal, *, overdue: bool) -> AnySelect:
    """The totals of `receivable_page` alone, for a page that has no row to carry them."""
    return select(_totals(open_lines(caller, overdue=overdue)).label("totals"))


async def receivables(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    overdue: bool,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Open schedule lines of the project's live deals, oldest due first, with age buckets.

    Ages count in the project's time zone; the lines are those of the deals the caller may read (a
    consultant's own). One statement per page."""
    today = as_of or today_in(access)
    values = {"project_id": access.project.id, "today": today}
    lines = open_lines(access.principal, overdue=overdue)
    rows, cursor = await read_page(
        reader,
        receivable_page(access.principal, overdue=overdue),
        page,
        values,
        order_by=[lines.c.due_on, lines.c.id],
        updated_at=lines.c.updated_at,
    )
    if rows:
        totals = rows[0]["totals"]
    else:
        found = await reader.row(receivable_totals(access.principal, overdue=overdue), values)
        totals = found["totals"] if found else None
    by_bucket: dict[str, list[Any]] = orjson.loads(totals) if totals else {}
    for row in rows:
        del row["totals"]
        row["line_id"] = row.pop("id")
        days = (today - row.due_on).days
        row["days_overdue"] = max(days, 0)
        row["bucket"] = bucket_of(days)
    return {
        "as_of": today,
        "buckets": [
            {
                "bucket": b,
                "lines": by_bucket.get(b, (0, None))[0],
                "outstanding": by_bucket.get(b, (0, "0.00"))[1],
            }
            for b in BUCKETS
            if not overdue or b != "not_due"
        ],
        "items": rows,
        "next_cursor": cursor,
    }


async def add_collection_note(
    session: AsyncSession, deal: Deal, access: ProjectAccess, data: CollectionNoteCreate
) -> CollectionNote:
    """A collector's note on the deal (or one line of its schedule), with the next follow-up date."""
    policy.check("add_collection_note", deal, access)
    if data.line_id is not None:
        line = await session.scalar(
            select(ScheduleLine.id).where(ScheduleLine.id == data.line_id, ScheduleLine.deal_id == deal.id)
        )
        if line is None:
            raise ValidationFailed({"line_id": "not a line of this deal's schedule"})
    note = CollectionNote(
        id=uuid.uuid4(),
        organization_id=deal.organization_id,
        project_id=deal.project_id,
        deal_id=deal.id,
        line_id=data.line_id,
        author_id=access.principal.user_id,
        note=data.note,
        next_follow_up_on=data.next_follow_up_on,
    )
    session.add(note)
    await record_event(session, deal, access, "collection_note", note=data.note, line_id=data.line_id)
    await session.flush()
    return note
