"""What a deal's own pages read on the lean read path (core/reads.py): its schedule, payments,
collection notes, mortgage and timeline, each one statement built once per caller, the deal's id a bind
parameter. The deal itself was read by the route's dependency (the caller may read it, or 404)."""

from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam

from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import repository as repo
from anchang.deals.base import ZERO
from anchang.deals.models import CollectionNote, DealEvent, DealOperation, Mortgage, Payment, ScheduleLine
from anchang.deals.policy import shown_payload

RECORD = ("id", "created_at", "updated_at", "version")


def _columns(model: Any, names: tuple[str, ...]) -> list[Any]:
    return [getattr(model, name) for name in names]


@per_caller
def schedule_lines(caller: Principal) -> AnySelect:
    """The active lines of the deal `:deal_id`, by due date, with what is outstanding on each."""
    return (
        repo.ScheduleRepository(None, caller)
        .scoped()
        .with_only_columns(
            *_columns(ScheduleLine, ("id", "seq", "kind", "due_on", "amount", "paid")),
            (ScheduleLine.amount - ScheduleLine.paid).label("outstanding"),
        )
        .where(ScheduleLine.deal_id == bindparam("deal_id"), ScheduleLine.active.is_(True))
        .order_by(ScheduleLine.due_on, ScheduleLine.seq)
    )


async def read_schedule(reader: Reader, deal: Row, access: ProjectAccess) -> dict[str, Any]:
    """The active schedule with its totals and what is outstanding on each line."""
    lines = await reader.rows(schedule_lines(access.principal), {"deal_id": deal.id})
    total: Decimal = sum((ln.amount for ln in lines), ZERO)
    paid: Decimal = sum((ln.paid for ln in lines), ZERO)
    return {"deal_id": deal.id, "total": total, "paid": paid, "outstanding": total - paid, "lines": lines}


PAYMENT_COLUMNS = (
    *RECORD,
    *("deal_id", "kind", "amount", "method", "paid_at", "reference", "note", "allocations"),
    *("recorded_by", "reverses_id", "reversed_by_id"),
)


@per_caller
def payments_of_deal(caller: Principal) -> AnySelect:
    """The payments of the deal `:deal_id` (receipts, refunds and reversals)."""
    return (
        repo.PaymentRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(Payment, PAYMENT_COLUMNS))
        .where(Payment.deal_id == bindparam("deal_id"))
    )


async def read_payments(
    reader: Reader, deal: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The deal's payments, oldest first, a page at a time."""
    return await read_page(
        reader,
        payments_of_deal(access.principal),
        page,
        {"deal_id": deal.id},
        order_by=[Payment.created_at, Payment.id],
        updated_at=Payment.updated_at,
    )


NOTE_COLUMNS = (*RECORD, "deal_id", "line_id", "author_id", "note", "next_follow_up_on")


@per_caller
def notes_of_deal(caller: Principal) -> AnySelect:
    """The collection notes of the deal `:deal_id`."""
    return (
        repo.CollectionNoteRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(CollectionNote, NOTE_COLUMNS))
        .where(CollectionNote.deal_id == bindparam("deal_id"))
    )


async def read_collection_notes(
    reader: Reader, deal: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The deal's collection notes, oldest first, a page at a time."""
    return await read_page(
        reader,
        notes_of_deal(access.principal),
        page,
        {"deal_id": deal.id},
        order_by=[CollectionNote.created_at, CollectionNote.id],
        updated_at=CollectionNote.updated_at,
    )


MORTGAGE_COLUMNS = (*RECORD, "deal_id", "bank", "loan_amount", "stage", "stage_dates", "note", "payment_id")


@per_caller
def mortgage_of_deal(caller: Principal) -> AnySelect:
    """The mortgage of the deal `:deal_id` (at most one)."""
    return (
        repo.MortgageRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(Mortgage, MORTGAGE_COLUMNS))
        .where(Mortgage.deal_id == bindparam("deal_id"))
    )


async def read_mortgage(reader: Reader, deal: Row, access: ProjectAccess) -> Row:
    """The deal's mortgage, or 404 `mortgage_not_found`."""
    mortgage = await reader.row(mortgage_of_deal(access.principal), {"deal_id": deal.id})
    if mortgage is None:
        raise repo.MortgageNotFound("This deal has no mortgage yet")
    return mortgage


@per_caller
def events_of_deal(caller: Principal) -> AnySelect:
    """The timeline events of the deal `:deal_id`, oldest first."""
    return (
        repo.EventRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(DealEvent, ("id", "kind", "actor_id", "at", "data")))
        .where(DealEvent.deal_id == bindparam("deal_id"))
        .order_by(DealEvent.at, DealEvent.id)
    )


OPERATION_COLUMNS = (*RECORD, "deal_id", "kind", "status", "payload", "requested_by", "approval_id")


@per_caller
def operations_of_deal(caller: Principal) -> AnySelect:
    """The operations of the deal `:deal_id`, oldest first."""
    return (
        repo.OperationRepository(None, caller)
        .scoped()
        .with_only_columns(*_columns(DealOperation, OPERATION_COLUMNS))
        .where(DealOperation.deal_id == bindparam("deal_id"))
        .order_by(DealOperation.created_at, DealOperation.id)
    )


async def read_timeline(reader: Reader, deal: Row, access: ProjectAccess) -> dict[str, Any]:
    """The events and operations of the deal, oldest first, as the caller may see them
    (nothing of the floor price for whoever may not know it)."""
    values = {"deal_id": deal.id}
    events = await reader.rows(events_of_deal(access.principal), values)
    operations = await reader.rows(operations_of_deal(access.principal), values)
    for event in events:
        event["data"] = shown_payload(event.data, access)
    for operation in operations:
        operation["payload"] = shown_payload(operation.payload, access)
    return {"deal_id": deal.id, "events": events, "operations": operations}
