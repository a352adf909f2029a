"""The customers domain on the lean read path (core/reads.py): one statement per page or detail view.

Each statement is built once per caller and shape by a `@per_caller` builder from the repository's
`readable()` (or `scoped()` where the route has always read with scoped semantics), with the request's
values as bind parameters and people's names as subqueries of the org domain's, so a page is one round
trip whatever its length. What depends on the caller and the clock — masked phones, `in_pool`,
`allowed_actions`, `overdue`, `expired` — is computed in the row loop by the policy functions the
write path uses, on the rows as read.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import UUID

from anchang.core.access import ProjectAccess
from anchang.core.calendar import day_bounds, now_utc, project_zone, today_in
from anchang.core.errors import Forbidden, ValidationFailed
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import policy
from anchang.customers.customers import require_history
from anchang.customers.models import (
    Call,
    Customer,
    DuplicateAttempt,
    FollowUp,
    Stage,
    Visit,
)
from anchang.customers.phones import mask_phone
from anchang.customers.repository import (
    CallRepository,
    CustomerRepository,
    DuplicateAttemptRepository,
    FollowUpRepository,
    VisitRepository,
)
from anchang.customers.search import QueryTooShort, SearchQuery, parse_query
from anchang.org import service as org

# --- customers ------------------------------------------------------------------------------

CUSTOMER_COLUMNS = (
    Customer.id,
    Customer.created_at,
    Customer.updated_at,
    Customer.version,
    Customer.project_id,
    Customer.name,
    Customer.phone,
    Customer.channel,
    Customer.intent,
    Customer.stage,
    Customer.budget,
    Customer.wanted_layouts,
    Customer.notes,
    Customer.co_buyers,
    Customer.lost_reason,
    Customer.owner_id,
    Customer.protected_until,
    Customer.last_activity_at,
    Customer.campaign_id,
)


def user_ref(user_id: uuid.UUID | None, name: str | None) -> dict[str, Any] | None:
    """A `UserRef` as the write path's `user_ref` gives it: None unless the user is known."""
    if user_id is None or name is None:
        return None
    return {"id": user_id, "full_name": name}


@per_caller
def customers_of_project(
    caller: Principal,
    *,
    view: str,
    everything: bool,
    owner: bool,
    stage: bool,
    intent: bool,
    channel: bool,
) -> AnySelect:
    """The project's customers the caller may read (the row rule), narrowed by `view` (already
    resolved from "default"), with their owner's name; bind parameters: `project_id`, `me`, and
    `owner_id`, `stage`, `intent`, `channel` when the shape has them."""
    me = bindparam("me", type_=UUID(as_uuid=True))
    statement = (
        CustomerRepository(None, caller)
        .readable()
        .with_only_columns(*CUSTOMER_COLUMNS, org.user_name_of(caller, Customer.owner_id).label("owner_name"))
        .where(Customer.project_id == bindparam("project_id"))
    )
    if view == "mine":
        statement = statement.where(Customer.owner_id == me)
    elif view == "pool":
        statement = statement.where(policy.in_pool())
    elif not everything:
        # "all" below supervisors: their own and the pool. A consultant may read no more anyway;
        # finance and the developer's representative read every customer by id, but list only these.
        statement = statement.where((Customer.owner_id == me) | policy.in_pool())
    if owner:
        statement = statement.where(Customer.owner_id == bindparam("owner_id"))
    if stage:
        statement = statement.where(Customer.stage == bindparam("stage", type_=Customer.stage.type))
    if intent:
        statement = statement.where(Customer.intent == bindparam("intent", type_=Customer.intent.type))
    if channel:
        statement = statement.where(Customer.channel == bindparam("channel", type_=Customer.channel.type))
    return statement


@per_caller
def customers_matching(caller: Principal, query: SearchQuery, **shape: Any) -> AnySelect:
    """`customers_of_project` of that shape, narrowed to those matching a search: a statement per
    query, as its grams are inlined in the SQL for the planner (see `CustomerRepository.matching`)."""
    statement = customers_of_project(caller, **shape)
    return CustomerRepository.matching(statement, bindparam("project_id"), query)


@per_caller
def customer_by_id(caller: Principal) -> AnySelect:
    """The customer `:id` the caller may read, with their owner's name: how a GET's `entity_role`
    reads a customer (`CustomerRepository.read_readable`)."""
    return (
        CustomerRepository(None, caller)
        .readable()
        .with_only_columns(*CUSTOMER_COLUMNS, org.user_name_of(caller, Customer.owner_id).label("owner_name"))
        .where(Customer.id == bindparam("id"))
    )


def present_customer(row: Row, access: ProjectAccess, now: datetime) -> Row:
    """A customer row as `schemas.Customer` (what `customers.present` gives for an ORM row): masked
    unless `sees_full_phone`, with `in_pool` and the caller's actions."""
    full = policy.sees_full_phone(row, access)
    row["co_buyers"] = [
        {
            "name": c.get("name", ""),
            "phone": None if c.get("phone") is None else (c["phone"] if full else mask_phone(c["phone"])),
            "relation": c.get("relation"),
        }
        for c in row.co_buyers
    ]
    if not full:
        row["phone"] = mask_phone(row.phone)
        row["budget"] = None
        row["notes"] = None
    row["phone_masked"] = not full
    row["owner"] = user_ref(row.owner_id, row.pop("owner_name"))
    row["in_pool"] = policy.is_pooled(row, now)
    row["allowed_actions"] = policy.customer_actions(row, access, now)
    del row["owner_id"]
    return row


async def list_customers(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    q: str | None = None,
    view: str = "default",
    owner_id: uuid.UUID | None = None,
    stage: Stage | None = None,
    intent: Any = None,
    channel: Any = None,
) -> tuple[list[Row], str | None]:
    """The customers the caller may read (the row rule), narrowed by `view`: consultants' default is
    their own (`mine`), supervisors' everyone (`all`); `pool` is the public pool."""
    everything = policy.oversees(access)
    if view == "default":
        view = "all" if everything else "mine"
    statement = customers_of_project(
        access.principal,
        view=view,
        everything=everything,
        owner=owner_id is not None,
        stage=stage is not None,
        intent=intent is not None,
        channel=channel is not None,
    )
    values: dict[str, Any] = {"project_id": access.project.id}
    if view == "mine" or (view != "pool" and not everything):
        values["me"] = access.principal.user_id
    if owner_id is not None:
        values["owner_id"] = owner_id
    if stage is not None:
        values["stage"] = stage
    if intent is not None:
        values["intent"] = intent
    if channel is not None:
        values["channel"] = channel
    order_by = [Customer.created_at, Customer.id]
    if q:
        try:
            query = parse_query(q)
        except QueryTooShort as exc:
            raise ValidationFailed({"q": str(exc)}) from exc
        statement = customers_matching(
            access.principal,
            query,
            view=view,
            everything=everything,
            owner=owner_id is not None,
            stage=stage is not None,
            intent=intent is not None,
            channel=channel is not None,
        )
    rows, cursor = await read_page(
        reader, statement, page, values, order_by=order_by, updated_at=Customer.updated_at
    )
    now = now_utc()
    return [present_customer(row, access, now) for row in rows], cursor


def read_customer(customer: Row, access: ProjectAccess) -> Row:
    """The customer as the caller may see them, from the route's read (`customer_by_id`)."""
    return present_customer(Row(customer), access, now_utc())


@per_caller
def duplicate_attempts_of_project(caller: Principal) -> AnySelect:
    """The project's 撞单 attempts (`:project_id`) with the names of who tried and who owns."""
    return (
        DuplicateAttemptRepository(None, caller)
        .scoped()
        .with_only_columns(
            DuplicateAttempt.id,
            DuplicateAttempt.created_at,
            DuplicateAttempt.updated_at,
            DuplicateAttempt.version,
            DuplicateAttempt.project_id,
            DuplicateAttempt.customer_id,
            DuplicateAttempt.attempted_by_id,
            org.user_name_of(caller, DuplicateAttempt.attempted_by_id).label("attempted_by_name"),
            DuplicateAttempt.owner_id,
            org.user_name_of(caller, DuplicateAttempt.owner_id).label("owner_name"),
            DuplicateAttempt.attempted_name,
            DuplicateAttempt.channel,
        )
        .where(DuplicateAttempt.project_id == bindparam("project_id"))
    )


async def list_duplicate_attempts(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's 撞单 attempts, oldest first, for supervisors to settle."""
    rows, cursor = await read_page(
        reader,
        duplicate_attempts_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[DuplicateAttempt.created_at, DuplicateAttempt.id],
        updated_at=DuplicateAttempt.updated_at,
    )
    for row in rows:
        row["attempted_by"] = {
            "id": row.pop("attempted_by_id"),
            "full_name": row.pop("attempted_by_name") or "",
        }
        row["owner"] = {"id": row.pop("owner_id"), "full_name": row.pop("owner_name") or ""}
    return rows, cursor


# --- visits, calls, follow-ups --------------------------------------------------------------

VISIT_COLUMNS = (
    Visit.id,
    Visit.created_at,
    Visit.updated_at,
    Visit.version,
    Visit.project_id,
    Visit.customer_id,
    Visit.consultant_id,
    Visit.on_behalf_of_id,
    Visit.kind,
    Visit.channel,
    Visit.party_size,
    Visit.visited_at,
    Visit.notes,
    Visit.via_rotation,
    Visit.campaign_id,
)


@per_caller
def visits_of_customer(caller: Principal) -> AnySelect:
    """The visits of the customer `:customer_id` (scoped: the route has authorized the customer)."""
    return (
        VisitRepository(None, caller)
        .scoped()
        .with_only_columns(*VISIT_COLUMNS)
        .where(Visit.customer_id == bindparam("customer_id"))
    )


@per_caller
def visits_of_project(caller: Principal, *, consultant: bool, day: bool) -> AnySelect:
    """The visits of the project `:project_id`; `:consultant_id`, and `:start`–`:end` for a day."""
    statement = (
        VisitRepository(None, caller)
        .scoped()
        .with_only_columns(*VISIT_COLUMNS)
        .where(Visit.project_id == bindparam("project_id"))
    )
    if consultant:
        statement = statement.where(Visit.consultant_id == bindparam("consultant_id"))
    if day:
        statement = statement.where(
            Visit.visited_at >= bindparam("start", type_=Visit.visited_at.type),
            Visit.visited_at < bindparam("end", type_=Visit.visited_at.type),
        )
    return statement


async def list_customer_visits(
    reader: Reader, customer: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """A customer's visits, oldest first: their owner and supervisors."""
    require_history(customer, access)
    return await read_page(
        reader,
        visits_of_customer(access.principal),
        page,
        {"customer_id": customer.id},
        order_by=[Visit.visited_at, Visit.id],
        updated_at=Visit.updated_at,
    )


async def list_project_visits(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    day: date | None = None,
    consultant_id: uuid.UUID | None = None,
) -> tuple[list[Row], str | None]:
    """The project's visits, optionally of one day: a consultant's own, anyone's for supervisors."""
    values: dict[str, Any] = {"project_id": access.project.id}
    if not policy.oversees(access):
        values["consultant_id"] = access.principal.user_id
    elif consultant_id is not None:
        values["consultant_id"] = consultant_id
    if day is not None:
        values["start"], values["end"] = day_bounds(day, project_zone(access))
    statement = visits_of_project(access.principal, consultant="consultant_id" in values, day=day is not None)
    return await read_page(
        reader, statement, page, values, order_by=[Visit.visited_at, Visit.id], updated_at=Visit.updated_at
    )


@per_caller
def calls_of_customer(caller: Principal) -> AnySelect:
    """The calls of the customer `:customer_id` (scoped: the route has authorized the customer)."""
    return (
        CallRepository(None, caller)
        .scoped()
        .with_only_columns(
            Call.id,
            Call.created_at,
            Call.updated_at,
            Call.version,
            Call.project_id,
            Call.customer_id,
            Call.consultant_id,
            Call.direction,
            Call.called_at,
            Call.duration_seconds,
            Call.notes,
        )
        .where(Call.customer_id == bindparam("customer_id"))
    )


async def list_calls(
    reader: Reader, customer: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """A customer's calls, oldest first: their owner and supervisors."""
    require_history(customer, access)
    return await read_page(
        reader,
        calls_of_customer(access.principal),
        page,
        {"customer_id": customer.id},
        order_by=[Call.called_at, Call.id],
        updated_at=Call.updated_at,
    )


FOLLOW_UP_COLUMNS = (
    FollowUp.id,
    FollowUp.created_at,
    FollowUp.updated_at,
    FollowUp.version,
    FollowUp.project_id,
    FollowUp.customer_id,
    FollowUp.assignee_id,
    FollowUp.due_at,
    FollowUp.method,
    FollowUp.notes,
    FollowUp.done_at,
    FollowUp.outcome,
)


def present_follow_up(row: Row, now: datetime) -> Row:
    """A follow-up row as `schemas.FollowUp`, with whether it is overdue at `now`."""
    row["overdue"] = row.done_at is None and row.due_at < now
    return row


@per_caller
def follow_ups_of_customer(caller: Principal) -> AnySelect:
    """The follow-ups of the customer `:customer_id` the caller may read (the row rule)."""
    return (
        FollowUpRepository(None, caller)
        .readable()
        .with_only_columns(*FOLLOW_UP_COLUMNS)
        .where(FollowUp.customer_id == bindparam("customer_id"))
    )


@per_caller
def follow_ups_of_assignee(caller: Principal, *, due: str) -> AnySelect:
    """The follow-ups of `:assignee_id` in the project `:project_id` the caller may read, by `due`:
    `:now` for overdue ones, `:start`–`:end` for today's."""
    statement = (
        FollowUpRepository(None, caller)
        .readable()
        .with_only_columns(*FOLLOW_UP_COLUMNS)
        .where(
            FollowUp.project_id == bindparam("project_id"), FollowUp.assignee_id == bindparam("assignee_id")
        )
    )
    at = FollowUp.due_at.type
    if due != "all":
        statement = statement.where(FollowUp.done_at.is_(None))
    if due == "overdue":
        statement = statement.where(FollowUp.due_at < bindparam("now", type_=at))
    elif due == "today":
        statement = statement.where(
            FollowUp.due_at >= bindparam("start", type_=at), FollowUp.due_at < bindparam("end", type_=at)
        )
    return statement


async def list_customer_follow_ups(
    reader: Reader, customer: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """A customer's follow-ups by due time: their owner and supervisors."""
    require_history(customer, access)
    rows, cursor = await read_page(
        reader,
        follow_ups_of_customer(access.principal),
        page,
        {"customer_id": customer.id},
        order_by=[FollowUp.due_at, FollowUp.id],
        updated_at=FollowUp.updated_at,
    )
    now = now_utc()
    return [present_follow_up(row, now) for row in rows], cursor


async def list_follow_ups(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    due: str = "open",
    assignee_id: uuid.UUID | None = None,
) -> tuple[list[Row], str | None]:
    """ "My follow-ups": due today, overdue, open or all; supervisors may look at another assignee's."""
    me = access.principal.user_id
    if assignee_id is not None and assignee_id != me and not policy.may_act_for_others(access):
        raise Forbidden("Only supervisors and above may do this")
    now = now_utc()
    values: dict[str, Any] = {"project_id": access.project.id, "assignee_id": assignee_id or me}
    if due == "overdue":
        values["now"] = now
    elif due == "today":
        values["start"], values["end"] = day_bounds(today_in(access), project_zone(access))
    rows, cursor = await read_page(
        reader,
        follow_ups_of_assignee(access.principal, due=due),
        page,
        values,
        order_by=[FollowUp.due_at, FollowUp.id],
        updated_at=FollowUp.updated_at,
    )
    return [present_follow_up(row, now) for row in rows], cursor
