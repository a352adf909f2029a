"""The consultants' commission on the lean read path (core/reads.py), and the repositories every read
and write of it starts from: a consultant reads their own statements and rewards, supervisors and up and
finance every one of their projects'."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission.consultant_policy import statement_actions
from anchang.commission.models import (
    CommissionLine,
    CommissionPlan,
    CommissionStatement,
    CreditStatus,
    DealCredit,
    RewardPenalty,
)
from anchang.core.access import ProjectAccess
from anchang.core.errors import NotFound
from anchang.core.membership import projects_where_role
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect, Repository
from anchang.core.roles import SUPERVISORS_AND_ABOVE, ProjectRole
from anchang.core.security import Principal
from anchang.org import service as org

# Who reads every consultant's statements and rewards of a project; a consultant reads their own.
PAYROLL_READERS = SUPERVISORS_AND_ABOVE | {ProjectRole.finance}


class PlanNotFound(NotFound):
    code = "commission_plan_not_found"


class StatementNotFound(NotFound):
    code = "commission_statement_not_found"


class RewardPenaltyNotFound(NotFound):
    code = "reward_penalty_not_found"


def _own_or_payroll(principal: Principal, consultant: Any, project: Any) -> ColumnElement[bool] | None:
    if principal.is_admin:
        return None
    return or_(consultant == principal.user_id, project.in_(projects_where_role(principal, PAYROLL_READERS)))


class PlanRepository(Repository[CommissionPlan]):
    model = CommissionPlan
    not_found = PlanNotFound


class CreditRepository(Repository[DealCredit]):
    model = DealCredit


class RewardPenaltyRepository(Repository[RewardPenalty]):
    model = RewardPenalty
    not_found = RewardPenaltyNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        return _own_or_payroll(self.principal, RewardPenalty.consultant_id, RewardPenalty.project_id)


class StatementRepository(Repository[CommissionStatement]):
    model = CommissionStatement
    not_found = StatementNotFound

    def row_rule(self) -> ColumnElement[bool] | None:
        return _own_or_payroll(
            self.principal, CommissionStatement.consultant_id, CommissionStatement.project_id
        )


class LineRepository(Repository[CommissionLine]):
    """Lines are read through their statement (the route resolves it first), so scope is enough."""

    model = CommissionLine


# --- plans --------------------------------------------------------------------------------------

PLAN_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "number", "project_id", "effective_from", "status"),
    "rates",
    *("fixed_amounts", "supervisor_override", "stages", "note", "proposed_by", "approval_id"),
)


@per_caller
def plans_of_project(caller: Principal) -> AnySelect:
    """The commission plans of the project `:project_id`."""
    return (
        PlanRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(CommissionPlan, name) for name in PLAN_COLUMNS))
        .where(CommissionPlan.project_id == bindparam("project_id"))
    )


async def list_plans(reader: Reader, access: ProjectAccess, page: PageParams) -> tuple[list[Row], str | None]:
    """The project's plans, oldest first."""
    return await read_page(
        reader,
        plans_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[CommissionPlan.created_at, CommissionPlan.id],
        updated_at=CommissionPlan.updated_at,
    )


# --- deal credits -------------------------------------------------------------------------------


@per_caller
def credits_of_deal(caller: Principal) -> AnySelect:
    """The name of the deal's consultant `:consultant_id` (whom credits default to) on every row, beside
    the deal `:deal_id`'s credits in effect or proposed, oldest first: one row with no credit if none."""
    owner = select(
        org.user_name_of(caller, bindparam("consultant_id", type_=UUID(as_uuid=True))).label("owner_name")
    ).subquery("owner")
    credits = (
        CreditRepository(None, caller)
        .scoped()
        .with_only_columns(
            DealCredit.consultant_id,
            DealCredit.share,
            DealCredit.status,
            DealCredit.approval_id,
            DealCredit.created_at,
            DealCredit.id,
            org.user_name_of(caller, DealCredit.consultant_id).label("consultant_name"),
        )
        .where(
            DealCredit.deal_id == bindparam("deal_id"),
            DealCredit.status.in_([CreditStatus.active, CreditStatus.proposed]),
        )
        .subquery("credit")
        .lateral()
    )
    return (
        select(owner.c.owner_name, *(credits.c[name] for name in ("consultant_id", "share", "status")))
        .add_columns(credits.c.approval_id, credits.c.consultant_name)
        .select_from(owner.outerjoin(credits, true()))
        .order_by(credits.c.created_at, credits.c.id)
    )


async def deal_credits(reader: Reader, access: ProjectAccess, deal: Row) -> dict[str, Any]:
    """The deal's credits in effect (by default its consultant's 100 %) and any proposal waiting for
    approval, with names: one statement."""
    rows = await reader.rows(
        credits_of_deal(access.principal), {"deal_id": deal.id, "consultant_id": deal.consultant_id}
    )

    def shown(row: Row) -> dict[str, Any]:
        return {
            "consultant_id": row.consultant_id,
            "consultant_name": row.consultant_name,
            "share": row.share,
        }

    active = [shown(r) for r in rows if r.status is CreditStatus.active]
    pending = [r for r in rows if r.status is CreditStatus.proposed]
    default = not active
    if default and deal.consultant_id:
        active = [
            {
                "consultant_id": deal.consultant_id,
                "consultant_name": rows[0].owner_name,
                "share": Decimal("100.00"),
            }
        ]
    return {
        "deal_id": deal.id,
        "credits": active,
        "default": default,
        "pending": [shown(r) for r in pending] if pending else None,
        "pending_approval_id": pending[0].approval_id if pending else None,
        "pending_status": CreditStatus.proposed if pending else None,
    }


# --- rewards and penalties ----------------------------------------------------------------------

REWARD_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "project_id", "consultant_id", "amount"),
    *("category", "reason", "status", "proposed_by", "approval_id"),
)


@per_caller
def rewards_of_project(caller: Principal, by_month: bool, by_consultant: bool) -> AnySelect:
    """The rewards and penalties of the project `:project_id` the caller may read."""
    statement = (
        RewardPenaltyRepository(None, caller)
        .readable()
        .with_only_columns(
            *(getattr(RewardPenalty, name) for name in REWARD_COLUMNS),
            func.to_char(RewardPenalty.month, "YYYY-MM").label("month"),
            org.user_name_of(caller, RewardPenalty.consultant_id).label("consultant_name"),
        )
        .where(RewardPenalty.project_id == bindparam("project_id"))
    )
    if by_month:
        statement = statement.where(RewardPenalty.month == bindparam("month", type_=RewardPenalty.month.type))
    if by_consultant:
        statement = statement.where(RewardPenalty.consultant_id == bindparam("consultant_id"))
    return statement


async def list_rewards(
    reader: Reader, access: ProjectAccess, page: PageParams, filters: dict[str, Any]
) -> tuple[list[Row], str | None]:
    """The project's rewards and penalties the caller may read, oldest first."""
    present = {k: v for k, v in filters.items() if v is not None}
    return await read_page(
        reader,
        rewards_of_project(access.principal, "month" in present, "consultant_id" in present),
        page,
        {"project_id": access.project.id, **present},
        order_by=[RewardPenalty.created_at, RewardPenalty.id],
        updated_at=RewardPenalty.updated_at,
    )


async def reward_view(session: AsyncSession, access: ProjectAccess, entry_id: uuid.UUID) -> Row:
    """One entry just written in `session`'s transaction, as a list shows it."""
    statement = rewards_of_project(access.principal, False, False).where(RewardPenalty.id == entry_id)
    result = await session.execute(statement, {"project_id": access.project.id})
    return Row(result.mappings().one())


# --- statements and lines -----------------------------------------------------------------------

STATEMENT_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "project_id", "consultant_id", "status"),
    *("grade", "total", "line_count", "computed_at", "submitted_by", "submitted_at", "approved_by"),
    *("approved_at", "paid_by", "paid_at"),
)


def _statement_columns(caller: Principal) -> list[Any]:
    return [
        *(getattr(CommissionStatement, name) for name in STATEMENT_COLUMNS),
        func.to_char(CommissionStatement.month, "YYYY-MM").label("month"),
        org.user_name_of(caller, CommissionStatement.consultant_id).label("consultant_name"),
    ]


@per_caller
def statements_of_project(caller: Principal, by_month: bool, by_status: bool) -> AnySelect:
    """The statements of the project `:project_id` the caller may read (a consultant: their own)."""
    statement = (
        StatementRepository(None, caller)
        .readable()
        .with_only_columns(*_statement_columns(caller))
        .where(CommissionStatement.project_id == bindparam("project_id"))
    )
    if by_month:
        statement = statement.where(
            CommissionStatement.month == bindparam("month", type_=CommissionStatement.month.type)
        )
    if by_status:
        statement = statement.where(
            CommissionStatement.status == bindparam("status", type_=CommissionStatement.status.type)
        )
    return statement


async def list_statements(
    reader: Reader, access: ProjectAccess, page: PageParams, filters: dict[str, Any]
) -> tuple[list[Row], str | None]:
    """The project's statements the caller may read, oldest first."""
    present = {k: v for k, v in filters.items() if v is not None}
    rows, cursor = await read_page(
        reader,
        statements_of_project(access.principal, "month" in present, "status" in present),
        page,
        {"project_id": access.project.id, **present},
        order_by=[CommissionStatement.created_at, CommissionStatement.id],
        updated_at=CommissionStatement.updated_at,
    )
    for row in rows:
        shown_statement(row, access)
    return rows, cursor


def shown_statement(row: Row, access: ProjectAccess) -> Row:
    """A statement with what the caller may do with it now."""
    row["allowed_actions"] = statement_actions(row, access.role)
    return row


@per_caller
def statement_with_name(caller: Principal) -> AnySelect:
    """The readable statement `:id` with the consultant's name."""
    return (
        StatementRepository(None, caller)
        .readable()
        .with_only_columns(*_statement_columns(caller))
        .where(CommissionStatement.id == bindparam("id"))
    )


class StatementViewRepository(StatementRepository):
    """Statements as `GET /commission-statements/{id}` reads them: the view and the access in one go."""

    def readable_by_id(self) -> AnySelect:
        return statement_with_name(self.principal)


async def statement_view(session: AsyncSession, access: ProjectAccess, statement_id: uuid.UUID) -> Row:
    """A statement just written in `session`'s transaction, as a read shows it."""
    result = await session.execute(statement_with_name(access.principal), {"id": statement_id})
    return shown_statement(Row(result.mappings().one()), access)


@per_caller
def statements_with_names(caller: Principal) -> AnySelect:
    """The readable statements of the ids `:ids` with the consultants' names."""
    return (
        StatementRepository(None, caller)
        .readable()
        .with_only_columns(*_statement_columns(caller))
        .where(CommissionStatement.id == func.any(bindparam("ids", type_=ARRAY(UUID(as_uuid=True)))))
    )


async def statement_views(
    session: AsyncSession, access: ProjectAccess, statement_ids: list[uuid.UUID]
) -> list[Row]:
    """Statements just written in `session`'s transaction, as a read shows them, in the order of
    `statement_ids` (one round trip, however many)."""
    if not statement_ids:
        return []
    result = await session.execute(statements_with_names(access.principal), {"ids": statement_ids})
    found = {row["id"]: Row(row) for row in result.mappings()}
    return [shown_statement(found[statement_id], access) for statement_id in statement_ids]


LINE_COLUMNS = (
    *("id", "seq", "source", "kind", "deal_id", "unit_code", "stage", "plan_version", "base", "rate"),
    *("share", "fixed", "amount", "earned_on", "reward_penalty_id", "note"),
)


@per_caller
def lines_of(caller: Principal) -> AnySelect:
    """The lines of the statement `:statement_id` (which the route resolved as readable)."""
    return (
        LineRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(CommissionLine, name) for name in LINE_COLUMNS))
        .where(CommissionLine.statement_id == bindparam("statement_id"))
    )


async def list_lines(
    reader: Reader, principal: Principal, statement_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """A statement's lines in their order, a page at a time."""
    return await read_page(
        reader,
        lines_of(principal),
        page,
        {"statement_id": statement_id},
        order_by=[CommissionLine.seq, CommissionLine.id],
    )
