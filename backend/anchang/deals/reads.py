"""Deals on the lean read path (core/reads.py): the project's list, one statement per page.

Each row carries what the list shows beside the deal's own columns — its unit's code (inventory),
its buyers' names (customers), whether an operation waits for an approval and its mortgage's stage —
as subqueries of the same statement, so a page is one round trip whatever its length.
"""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, bindparam, exists, func, literal_column, select
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
from anchang.deals.models import Deal, DealOperation, DealStatus, Mortgage, OperationStatus
from anchang.deals.policy import deal_actions
from anchang.inventory import service as inventory

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


def buyers_of(caller: Principal, customer_ids: InstrumentedAttribute[list[uuid.UUID]]) -> ScalarSelect[Any]:
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
