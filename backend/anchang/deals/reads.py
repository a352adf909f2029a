"""Deals on the lean read path (core/reads.py): the project's list, one statement per page, and one
deal's view, one statement beside the deal itself.

Each row carries what the list shows beside the deal's own columns — its unit's code (inventory),
its buyers' names (customers), whether an operation waits for an approval and its mortgage's stage —
as subqueries of the same statement, so a page is one round trip whatever its length.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, bindparam, cast, exists, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import InstrumentedAttribute

from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import repository as repo
from anchang.deals.models import (
    MONEY,
    Deal,
    DealOperation,
    DealStatus,
    Mortgage,
    OperationStatus,
    ScheduleLine,
)
from anchang.deals.policy import deal_actions, shown_below_floor
from anchang.inventory import service as inventory

FEN = Decimal("0.01")

SUMMARY_COLUMNS = (
    Deal.id,
    Deal.created_at,
    Deal.updated_at,
    Deal.version,
    Deal.project_id,
    Deal.unit_id,
    Deal.customer_ids,
    Deal.consultant_id,
    Deal.status,
    Deal.payment_method,
    Deal.final_price,
    Deal.subscribed_on,
    Deal.contract_number,
)


def buyers_of(
    caller: Principal, customer_ids: InstrumentedAttribute[list[uuid.UUID]] | ColumnElement[Any]
) -> ScalarSelect[Any]:
    """The buyers `[{id, name}]` of a deal's `customer_ids`, in their order, as a JSON array (a name
    the caller may not see is empty)."""
    buyer = func.unnest(customer_ids).table_valued("id", with_ordinality="position").render_derived()
    name = func.coalesce(customers.name_of(caller, buyer.c.id), "")
    listed = func.json_agg(
        aggregate_order_by(func.json_build_object("id", buyer.c.id, "name", name), buyer.c.position)
    )
    return select(func.coalesce(listed, literal_column("'[]'::json"))).select_from(buyer).scalar_subquery()


def waits_for_approval(caller: Principal) -> ColumnElement[bool]:
    """Whether an operation of the row's deal waits for an approval (a pending operation)."""
    pending = (
        repo.OperationRepository(None, caller)
        .scoped()
        .with_only_columns(DealOperation.id)
        .where(DealOperation.deal_id == Deal.id, DealOperation.status == OperationStatus.pending)
    )
    return exists(pending)


def mortgage_stage_of(caller: Principal) -> ScalarSelect[Any]:
    """The stage of the row's deal's mortgage, null when it has none."""
    return (
        repo.MortgageRepository(None, caller)
        .scoped()
        .with_only_columns(Mortgage.stage)
        .where(Mortgage.deal_id == Deal.id)
        .scalar_subquery()
    )


@per_caller
def deals_of_project(caller: Principal, *, status: bool, mine: bool, customer: bool) -> AnySelect:
    """The project's deals the caller may read, with what the list shows of each; bind parameters:
    `project_id`, and `status`, `consultant_id`, `customer_ids` when the shape has them."""
    statement = (
        repo.DealRepository(None, caller)
        .readable()
        .with_only_columns(
            *SUMMARY_COLUMNS,
            func.coalesce(inventory.unit_code_of(caller, Deal.unit_id), "").label("unit_code"),
            buyers_of(caller, Deal.customer_ids).label("buyers"),
            waits_for_approval(caller).label("pending"),
            mortgage_stage_of(caller).label("mortgage_stage"),
        )
        .where(Deal.project_id == bindparam("project_id"))
    )
    if status:
        statement = statement.where(Deal.status == bindparam("status", type_=Deal.status.type))
    if mine:
        statement = statement.where(Deal.consultant_id == bindparam("consultant_id"))
    if customer:  # a customer's deals, for their timeline
        statement = statement.where(
            Deal.customer_ids.contains(bindparam("customer_ids", type_=Deal.customer_ids.type))
        )
    return statement


async def list_deals(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    status: DealStatus | None,
    mine: bool = False,
    customer_id: uuid.UUID | None = None,
) -> tuple[list[Row], str | None]:
    """The project's deals the caller may read (a consultant's own), each with its unit code, buyers'
    names and the caller's allowed actions."""
    statement = deals_of_project(
        access.principal, status=status is not None, mine=mine, customer=customer_id is not None
    )
    values: dict[str, Any] = {"project_id": access.project.id}
    if status is not None:
        values["status"] = status
    if mine:
        values["consultant_id"] = access.principal.user_id
    if customer_id is not None:
        values["customer_ids"] = [customer_id]
    rows, cursor = await read_page(
        reader, statement, page, values, order_by=[Deal.created_at, Deal.id], updated_at=Deal.updated_at
    )
    for row in rows:
        row["allowed_actions"] = deal_actions(
            row, access, pending=row.pop("pending"), mortgage=row.pop("mortgage_stage")
        )
    return rows, cursor


# --- one deal ---------------------------------------------------------------------------------

SHOWN_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "project_id",
    "unit_id",
    "customer_ids",
    "consultant_id",
    "status",
    "payment_method",
    "list_price",
    "final_price",
    "deposit",
    "subscribed_on",
    "contract_number",
    "signed_on",
    "contracted_at",
    "handed_over_at",
    "cancelled_at",
    "cancel_reason",
    "refund_amount",
)
"""The deal's own columns a view shows as stored (the rest are shown through the caller's rules)."""


def _schedule_sum(
    caller: Principal, amount: ColumnElement[Decimal] | InstrumentedAttribute[Decimal]
) -> ScalarSelect[Any]:
    # Over the active schedule, 0.00 when it has no line (two decimals, as money is written).
    total = func.coalesce(func.sum(amount), 0)
    return (
        repo.ScheduleRepository(None, caller)
        .scoped()
        .with_only_columns(cast(total, MONEY))
        .where(ScheduleLine.deal_id == Deal.id, ScheduleLine.active.is_(True))
        .scalar_subquery()
    )


def pending_approval_of(caller: Principal) -> ScalarSelect[Any]:
    """The approval the row's deal's pending operation waits for (null: none, or none recorded)."""
    return (
        repo.OperationRepository(None, caller)
        .scoped()
        .with_only_columns(DealOperation.approval_id)
        .where(DealOperation.deal_id == Deal.id, DealOperation.status == OperationStatus.pending)
        .limit(1)
        .scalar_subquery()
    )


@per_caller
def deal_with_extras(caller: Principal) -> AnySelect:
    """The readable deal `:id` with what its view shows beyond its own columns: its unit's code, buyers'
    names, paid and outstanding, the approval it waits for and its mortgage's stage."""
    return (
        repo.DealRepository(None, caller)
        .readable_by_id()
        .add_columns(
            func.coalesce(inventory.unit_code_of(caller, Deal.unit_id), "").label("unit_code"),
            buyers_of(caller, Deal.customer_ids).label("buyers"),
            _schedule_sum(caller, ScheduleLine.paid).label("paid"),
            _schedule_sum(caller, ScheduleLine.amount - ScheduleLine.paid).label("outstanding"),
            waits_for_approval(caller).label("pending"),
            pending_approval_of(caller).label("pending_approval_id"),
            mortgage_stage_of(caller).label("mortgage_stage"),
        )
    )


class DealViewRepository(repo.DealRepository):
    """Deals as `GET /deals/{id}` reads them: the deal, all its view shows and the caller's access to
    its project in one statement (the route's `entity_role`)."""

    def readable_by_id(self) -> AnySelect:
        return deal_with_extras(self.principal)


def percent_shown(rate: Decimal) -> str:
    """A rate as the API writes a percentage (`Percent`): no trailing zeros, no exponent."""
    return f"{rate.normalize():f}"


def discount_shown(discount: dict[str, Any]) -> dict[str, Any]:
    """A stored discount as the API shows it (`DiscountOut`): every field, money with two decimals."""
    return {
        "kind": discount["kind"],
        "value": discount["value"],
        "reason": discount["reason"],
        "amount": f"{Decimal(discount['amount']).quantize(FEN, rounding=ROUND_HALF_UP):.2f}",
        "approval_id": discount.get("approval_id"),
        "approved_by": discount.get("approved_by"),
    }


def read_deal(deal: Row, access: ProjectAccess) -> dict[str, Any]:
    """The deal as `deal_view` shows it, from the row `DealViewRepository` read (with its extras)."""
    extras = deal
    shown = {name: deal[name] for name in SHOWN_COLUMNS}
    shown["method_discount_rate"] = percent_shown(deal.method_discount_rate)
    shown["discounts"] = [discount_shown(d) for d in deal.discounts]
    shown["below_floor"] = shown_below_floor(deal.below_floor, access)
    shown["unit_code"] = extras.unit_code
    shown["buyers"] = extras.buyers
    shown["paid"] = extras.paid
    shown["outstanding"] = extras.outstanding
    shown["pending_approval_id"] = extras.pending_approval_id
    shown["allowed_actions"] = deal_actions(
        deal, access, pending=extras.pending, mortgage=extras.mortgage_stage
    )
    return shown
