"""The agency fee on the lean read path (core/reads.py): rules and statements a page per statement, a
statement with its disputed lines counted in one statement, its lines a page at a time in their order,
and the payments received against it with who recorded each."""

import uuid
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission.models import AgencyFeeLine, AgencyFeeReceipt, AgencyFeeRule, AgencyFeeStatement
from anchang.commission.policy import statement_actions
from anchang.commission.repository import (
    AgencyFeeLineRepository,
    AgencyFeeReceiptRepository,
    AgencyFeeRuleRepository,
    AgencyFeeStatementRepository,
)
from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org

RULE_COLUMNS = (
    *(
        "id",
        "created_at",
        "updated_at",
        "version",
        "project_id",
        "number",
        "effective_from",
        "status",
        "base",
    ),
    "rate",
    *("tiers", "premium_share", "fixed_amounts", "stages", "note", "proposed_by", "approval_id"),
)
STATEMENT_COLUMNS = (
    *("id", "created_at", "updated_at", "version", "project_id", "number", "period_start", "period_end"),
    *("status", "achievement_percent", "total", "line_count", "received", "invoice_number", "created_by"),
    *("submitted_at", "confirmed_at", "invoiced_at", "paid_at", "return_comment"),
)
LINE_COLUMNS = (
    *("id", "seq", "deal_id", "unit_id", "unit_code", "stage", "kind", "rule_id", "rule_version", "base"),
    *("rate", "premium", "fixed", "amount", "earned_on", "disputed", "dispute_comment"),
)
RECEIPT_COLUMNS = ("id", "amount", "received_on", "reference", "recorded_by", "recorded_at")


@per_caller
def rules_of_project(caller: Principal) -> AnySelect:
    return (
        AgencyFeeRuleRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(AgencyFeeRule, name) for name in RULE_COLUMNS))
        .where(AgencyFeeRule.project_id == bindparam("project_id"))
    )


async def list_rules(reader: Reader, access: ProjectAccess, page: PageParams) -> tuple[list[Row], str | None]:
    """The project's rule versions, oldest first, with their approval state."""
    return await read_page(
        reader,
        rules_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[AgencyFeeRule.created_at, AgencyFeeRule.id],
        updated_at=AgencyFeeRule.updated_at,
    )


def _disputed(caller: Principal) -> Any:
    return (
        AgencyFeeLineRepository(None, caller)
        .scope(select(func.count()))
        .where(AgencyFeeLine.statement_id == AgencyFeeStatement.id, AgencyFeeLine.disputed.is_(True))
        .scalar_subquery()
    )


def _statement_columns(caller: Principal) -> list[Any]:
    return [
        *(getattr(AgencyFeeStatement, n) for n in STATEMENT_COLUMNS),
        _disputed(caller).label("disputed_lines"),
    ]


@per_caller
def statements_of_project(caller: Principal) -> AnySelect:
    return (
        AgencyFeeStatementRepository(None, caller)
        .scoped()
        .with_only_columns(*_statement_columns(caller))
        .where(AgencyFeeStatement.project_id == bindparam("project_id"))
    )


def shown_statement(row: Row, access: ProjectAccess) -> Row:
    row["outstanding"] = row["total"] - row["received"]
    row["allowed_actions"] = statement_actions(row, access.role)
    return row


async def list_statements(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's statements by number."""
    rows, cursor = await read_page(
        reader,
        statements_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[AgencyFeeStatement.number, AgencyFeeStatement.id],
        updated_at=AgencyFeeStatement.updated_at,
    )
    for row in rows:
        shown_statement(row, access)
    return rows, cursor


@per_caller
def statement_with_counts(caller: Principal) -> AnySelect:
    return (
        AgencyFeeStatementRepository(None, caller)
        .scoped()
        .with_only_columns(*_statement_columns(caller))
        .where(AgencyFeeStatement.id == bindparam("id"))
    )


class StatementViewRepository(AgencyFeeStatementRepository):
    """Statements as `GET /agency-fee-statements/{id}` reads them: with the disputed lines counted."""

    def readable_by_id(self) -> AnySelect:
        return statement_with_counts(self.principal)


@per_caller
def lines_of_statement(caller: Principal) -> AnySelect:
    return (
        AgencyFeeLineRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(AgencyFeeLine, name) for name in LINE_COLUMNS))
        .where(AgencyFeeLine.statement_id == bindparam("statement_id"))
    )


async def list_lines(
    reader: Reader, principal: Principal, statement_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """A statement's lines in their order (by unit), a page at a time."""
    return await read_page(
        reader,
        lines_of_statement(principal),
        page,
        {"statement_id": statement_id},
        order_by=[AgencyFeeLine.seq, AgencyFeeLine.id],
    )


@per_caller
def receipts_of_statement(caller: Principal) -> AnySelect:
    return (
        AgencyFeeReceiptRepository(None, caller)
        .scoped()
        .with_only_columns(
            *(getattr(AgencyFeeReceipt, name) for name in RECEIPT_COLUMNS),
            org.user_name_of(caller, AgencyFeeReceipt.recorded_by).label("recorded_by_name"),
        )
        .where(AgencyFeeReceipt.statement_id == bindparam("statement_id"))
    )


async def list_receipts(
    reader: Reader, principal: Principal, statement_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """The payments received against a statement in the order they were recorded, a page at a time."""
    return await read_page(
        reader,
        receipts_of_statement(principal),
        page,
        {"statement_id": statement_id},
        order_by=[AgencyFeeReceipt.recorded_at, AgencyFeeReceipt.id],
    )


async def statement_view(session: AsyncSession, statement: AgencyFeeStatement, access: ProjectAccess) -> Row:
    """A statement just changed in `session`'s transaction, as a read shows it."""
    result = await session.execute(statement_with_counts(access.principal), {"id": statement.id})
    return shown_statement(Row(result.mappings().one()), access)
