"""Receivables and collection (催款): the open schedule lines of the project's live deals with their
age buckets, and the notes collectors keep on a deal."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.pagination import PageParams, paginate
from anchang.deals import policy
from anchang.deals import repository as repo
from anchang.deals.base import ZERO, today_in
from anchang.deals.buyers import buyer_names
from anchang.deals.models import CollectionNote, Deal, ScheduleLine
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


async def receivables(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    overdue: bool,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Open schedule lines of the project's live deals, oldest due first, with age buckets.

    Ages count in the project's time zone; the lines are those of the deals the caller may read (a
    consultant's own)."""
    today = as_of or today_in(access)
    deals_read = repo.DealRepository(session, access.principal)
    statement = deals_read.readable_of(
        repo.receivable_lines(repo.ScheduleRepository(session, access.principal), access.project.id)
    )
    if overdue:
        statement = statement.where(ScheduleLine.due_on < today)
    age = today - ScheduleLine.due_on  # date - date → integer days in PostgreSQL
    bucket = case(
        (age <= 0, "not_due"),
        (age <= 30, "0-30"),
        (age <= 60, "31-60"),
        (age <= 90, "61-90"),
        else_="90+",
    )
    totals = await session.execute(
        statement.with_only_columns(
            bucket.label("bucket"), func.count(), func.sum(ScheduleLine.amount - ScheduleLine.paid)
        ).group_by(bucket)
    )
    by_bucket = {b: (n, s) for b, n, s in totals}
    rows, cursor = await paginate(
        session,
        statement,
        page,
        order_by=[ScheduleLine.due_on, ScheduleLine.id],
        updated_at=ScheduleLine.updated_at,
    )
    deal_ids = {ln.deal_id for ln in rows}
    deals = (
        {
            d.id: d
            for d in (await session.scalars(deals_read.scoped().where(Deal.id.in_(list(deal_ids))))).all()
        }
        if deal_ids
        else {}
    )
    units = await inventory.units_for_deals(session, access.principal, [d.unit_id for d in deals.values()])
    names = await buyer_names(session, access.principal, {c for d in deals.values() for c in d.customer_ids})
    notes = await _last_notes(session, access, deal_ids)
    items = []
    for ln in rows:
        deal = deals[ln.deal_id]
        days = (today - ln.due_on).days
        items.append(
            {
                "line_id": ln.id,
                "deal_id": deal.id,
                "unit_id": deal.unit_id,
                "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
                "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
                "kind": ln.kind,
                "due_on": ln.due_on,
                "amount": ln.amount,
                "paid": ln.paid,
                "outstanding": ln.amount - ln.paid,
                "days_overdue": max(days, 0),
                "bucket": bucket_of(days),
                "assigned_to": deal.consultant_id,
                "last_note": notes.get(deal.id),
            }
        )
    return {
        "as_of": today,
        "buckets": [
            {
                "bucket": b,
                "lines": by_bucket.get(b, (0, None))[0],
                "outstanding": by_bucket.get(b, (0, ZERO))[1] or ZERO,
            }
            for b in BUCKETS
            if not overdue or b != "not_due"
        ],
        "items": items,
        "next_cursor": cursor,
    }


async def _last_notes(
    session: AsyncSession, access: ProjectAccess, deal_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not deal_ids:
        return {}
    notes = repo.CollectionNoteRepository(session, access.principal)
    rows = await session.execute(
        notes.scope(select(CollectionNote.deal_id, CollectionNote.note))
        .where(CollectionNote.deal_id.in_(list(deal_ids)))
        .ext(distinct_on(CollectionNote.deal_id))
        .order_by(CollectionNote.deal_id, CollectionNote.created_at.desc())
    )
    return {d: n for d, n in rows}


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


async def list_collection_notes(
    session: AsyncSession, deal: Deal, access: ProjectAccess, page: PageParams
) -> tuple[list[CollectionNote], str | None]:
    """The deal's collection notes, oldest first."""
    notes = repo.CollectionNoteRepository(session, access.principal)
    return await paginate(
        session,
        notes.of_deal(deal.id),
        page,
        order_by=[CollectionNote.created_at, CollectionNote.id],
        updated_at=CollectionNote.updated_at,
    )
