"""Complaints on the lean read path (core/reads.py): a project's list one statement per page, one
complaint one statement with its access, its timeline a page at a time. Names of the customer, the unit
and the people come from their domains' subqueries; the deadline state and the allowed actions are
decided in the row loop by this domain's policy, from the project's settings."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, bindparam, cast, literal, or_
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.ladder import now_utc
from anchang.complaints.models import (
    Complaint,
    ComplaintAction,
    ComplaintStatus,
)
from anchang.complaints.policy import complaint_actions, top_level
from anchang.complaints.repository import (
    ComplaintActionRepository,
    ComplaintNotFound,
    ComplaintRepository,
    complaint_row_rule,
)
from anchang.complaints.settings import ComplaintSettings
from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.inventory import service as inventory
from anchang.org import service as org

SHOWN_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "project_id", "source", "channel", "category"),
    *("severity", "status", "title", "description", "customer_id", "deal_id", "unit_id"),
    *("concerned_user_ids", "filed_by", "level", "assignee_id", "acknowledge_due_at", "resolve_due_at"),
    *("acknowledged_at", "acknowledged_on_time", "resolved_at", "resolved_on_time", "closed_at"),
    *("escalation_count", "reopen_count", "resolution", "remedy", "remedy_amount", "remedy_approval_id"),
    *("satisfaction", "satisfaction_comment", "satisfaction_source"),
)


def _shown_columns(caller: Principal) -> list[Any]:
    return [
        *(getattr(Complaint, name) for name in SHOWN_COLUMNS),
        customers.name_of(caller, Complaint.customer_id).label("customer_name"),
        inventory.unit_code_of(caller, Complaint.unit_id).label("unit_code"),
        org.user_name_of(caller, Complaint.filed_by).label("filed_by_name"),
        org.user_name_of(caller, Complaint.assignee_id).label("assignee_name"),
    ]


# Filters a list takes, by query parameter: each present one adds a bind parameter to the statement.
FILTERS: dict[str, Any] = {
    "status": Complaint.status,
    "severity": Complaint.severity,
    "category": Complaint.category,
    "source": Complaint.source,
    "level": Complaint.level,
    "assignee_id": Complaint.assignee_id,
    "customer_id": Complaint.customer_id,
    "deal_id": Complaint.deal_id,
}


def _overdue_at(at: Any) -> Any:
    """Whether the deadline of its status has passed by `at`."""
    return or_(
        and_(Complaint.status == ComplaintStatus.open, Complaint.acknowledge_due_at < at),
        and_(
            Complaint.status.in_([ComplaintStatus.acknowledged, ComplaintStatus.in_progress]),
            Complaint.resolve_due_at < at,
        ),
    )


@per_caller
def complaints_of_project(caller: Principal, filters: frozenset[str], overdue: bool) -> AnySelect:
    """The project `:project_id`'s complaints the caller may read (the row rule), with names; one bind
    parameter per filter present, and `:now` when only the overdue ones are asked for."""
    statement = (
        ComplaintRepository(None, caller)
        .readable()
        .with_only_columns(*_shown_columns(caller))
        .where(Complaint.project_id == bindparam("project_id"))
    )
    for name in sorted(filters):
        column = FILTERS[name]
        statement = statement.where(column == bindparam(name, type_=column.type))
    if overdue:
        statement = statement.where(_overdue_at(bindparam("now", type_=Complaint.resolve_due_at.type)))
    return statement


def shown(row: Row, access: ProjectAccess, now: datetime) -> Row:
    """A complaint as the caller may see it: its deadline state and what they may do with it."""
    settings = ComplaintSettings.of(access.project.settings)
    row["allowed_actions"] = complaint_actions(
        row, access.role, access.principal.user_id, now, settings.reopen_days
    )
    row["remedy_pending"] = row.pop("remedy_approval_id") is not None
    row["top_level"] = top_level(row["source"])
    status = row["status"]
    row["overdue"] = (status is ComplaintStatus.open and row["acknowledge_due_at"] < now) or (
        status in (ComplaintStatus.acknowledged, ComplaintStatus.in_progress) and row["resolve_due_at"] < now
    )
    return row


async def list_complaints(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    filters: dict[str, Any],
    *,
    overdue: bool = False,
) -> tuple[list[Row], str | None]:
    """The project's complaints the caller may read, newest first by default, a page at a time."""
    present = {name: value for name, value in filters.items() if value is not None}
    now = now_utc()
    values: dict[str, Any] = {"project_id": access.project.id, **present}
    if overdue:
        values["now"] = now
    statement = complaints_of_project(access.principal, frozenset(present), overdue)
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        values,
        order_by=[Complaint.created_at, Complaint.id],
        updated_at=Complaint.updated_at,
    )
    for row in rows:
        shown(row, access, now)
    return rows, cursor


@per_caller
def complaint_with_names(caller: Principal) -> AnySelect:
    """The readable complaint `:id` with everything its view shows."""
    return (
        ComplaintRepository(None, caller)
        .readable()
        .with_only_columns(*_shown_columns(caller))
        .where(Complaint.id == bindparam("id"))
    )


class ComplaintViewRepository(ComplaintRepository):
    """Complaints as `GET /complaints/{id}` reads them: the view and the caller's access in one statement."""

    def readable_by_id(self) -> AnySelect:
        return complaint_with_names(self.principal)


def read_complaint(complaint: Row, access: ProjectAccess) -> Row:
    """One complaint (read whole by the route's dependency) as shown to the caller."""
    return shown(complaint, access, now_utc())


async def complaint_view(session: AsyncSession, complaint: Complaint, access: ProjectAccess) -> Row:
    """A complaint just changed in `session`'s transaction, as shown to the caller (as a read shows it)."""
    result = await session.execute(complaint_with_names(access.principal), {"id": complaint.id})
    mapping = result.mappings().one_or_none()
    if mapping is None:  # the caller changed it out of their own sight (cannot happen along the ladder)
        raise ComplaintNotFound(f"No complaint with id {complaint.id}")
    return shown(Row(mapping), access, now_utc())


# --- the timeline ---------------------------------------------------------------------------------


@per_caller
def actions_of(caller: Principal) -> AnySelect:
    """The actions of the complaint `:complaint_id` (which the route resolved as readable), with names."""
    return (
        ComplaintActionRepository(None, caller)
        .scoped()
        .with_only_columns(
            *(
                getattr(ComplaintAction, name)
                for name in ("id", "type", "at", "actor_id", "comment", "from_status", "to_status")
            ),
            *(getattr(ComplaintAction, name) for name in ("from_level", "to_level", "assignee_id", "data")),
            org.user_name_of(caller, ComplaintAction.actor_id).label("actor_name"),
            org.user_name_of(caller, ComplaintAction.assignee_id).label("assignee_name"),
        )
        .where(ComplaintAction.complaint_id == bindparam("complaint_id"))
    )


async def list_actions(
    reader: Reader, principal: Principal, complaint_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """A complaint's timeline, oldest first by default (as it happened), a page at a time."""
    return await read_page(
        reader,
        actions_of(principal),
        page,
        {"complaint_id": complaint_id},
        order_by=[ComplaintAction.at, ComplaintAction.id],
    )


def customer_timeline_source() -> customers.TimelineSource:
    """Complaints about a customer as entries of their timeline: filed when, by whom, the title and the
    status now; only those the caller may read (this domain's row rule)."""
    return customers.TimelineSource(
        rank=7,
        repository=ComplaintRepository,
        at=Complaint.created_at,
        customer=Complaint.customer_id,
        columns=lambda: {
            "kind": literal("complaint", String),
            "ref_id": Complaint.id,
            "actor_id": Complaint.filed_by,
            "notes": Complaint.title,
            "outcome": cast(Complaint.status, String),
        },
        where=lambda caller: [] if caller.is_admin else [complaint_row_rule(caller)],
    )
