"""Agency-fee statements (结算单): generated for a period from the deals as they stand and what earlier
statements settled, then submitted to the developer, confirmed (or disputed and returned), invoiced and
paid. A draft can be recomputed as often as wanted (same deals, same lines); from submission its lines
are settled, and from confirmation it never changes — later corrections are lines of the next one.

Generation holds a per-project advisory lock, so two people pressing it at once get one draft; the
partial unique index of drafts per period stands behind it."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission import schemas
from anchang.commission.agency_engine import AchievementMissing, DraftLine, LineKind, Settled, draft_lines
from anchang.commission.agency_rules import approved_rules, rules_by_id
from anchang.commission.models import (
    AgencyFeeLine,
    AgencyFeeReceipt,
    AgencyFeeStatement,
    AgencyStatementStatus,
)
from anchang.commission.money import ZERO
from anchang.commission.policy import SETTLED, actions_in_state, statement_actions
from anchang.commission.repository import AgencyFeeLineRepository, AgencyFeeStatementRepository
from anchang.core.access import ProjectAccess
from anchang.core.errors import Conflict, Forbidden, ValidationFailed
from anchang.core.security import Principal
from anchang.deals import service as deals
from anchang.integrations import service as integrations

MAX_PERIOD_DAYS = 366
_KIND_ORDER = {LineKind.reversal: 0, LineKind.clawback: 1, LineKind.earned: 2, LineKind.adjustment: 3}


class StatementLocked(Conflict):
    code, title = "statement_locked", "The statement can no longer change"


class StatementStateConflict(Conflict):
    code, title = "statement_state_conflict", "This action does not apply to the statement in its state"


def _lock_key(project_id: uuid.UUID) -> int:
    # pg_advisory_xact_lock takes a bigint: the project's id folded into one.
    return (project_id.int % (2**63 - 1)) or 1


async def settled_ledger(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> dict[tuple[uuid.UUID, str], Settled]:
    """Per deal and stage: what submitted statements settled, and how it was last earned."""
    rows = await session.execute(
        AgencyFeeLineRepository(session, principal)
        .scope(
            select(
                AgencyFeeLine.deal_id,
                AgencyFeeLine.stage,
                AgencyFeeLine.kind,
                AgencyFeeLine.amount,
                AgencyFeeLine.rule_id,
                AgencyFeeLine.rule_version,
                AgencyFeeLine.rate,
                AgencyFeeLine.unit_id,
            )
        )
        .join(AgencyFeeStatement, AgencyFeeStatement.id == AgencyFeeLine.statement_id)
        .where(AgencyFeeLine.project_id == project_id, AgencyFeeStatement.status.in_(sorted(SETTLED)))
        .order_by(AgencyFeeStatement.number, AgencyFeeLine.seq)
    )
    ledger: dict[tuple[uuid.UUID, str], Settled] = {}
    for deal_id, stage, kind, amount, rule_id, version, rate, unit_id in rows:
        before = ledger.get((deal_id, stage))
        total = (before.amount if before else ZERO) + amount
        if kind in (LineKind.earned, LineKind.adjustment) or before is None:
            ledger[(deal_id, stage)] = Settled(total, rule_id, version, rate, unit_id)
        else:  # a clawback or reversal moves the amount, not how it was earned
            ledger[(deal_id, stage)] = Settled(
                total, before.rule_id, before.rule_version, before.rate, before.unit_id
            )
    return ledger


async def compute_lines(
    session: AsyncSession, access: ProjectAccess, statement: AgencyFeeStatement
) -> list[DraftLine]:
    """The lines of `statement`'s period, as the deals stand now against what is settled."""
    project = access.project
    settled = await settled_ledger(session, access.principal, project.id)
    rules = await approved_rules(session, access.principal, project.id)
    known = {rule.id for rule in rules}
    rules += await rules_by_id(session, access.principal, {s.rule_id for s in settled.values()} - known)
    facts = await deals.deals_for_settlement(
        session, access.principal, project.id, statement.period_end, project.timezone
    )
    try:
        lines = draft_lines(facts, rules, settled, statement.achievement_percent)
    except AchievementMissing as exc:
        raise ValidationFailed({"achievement_percent": f"required: {exc}"}) from exc
    return sorted(
        lines, key=lambda line: (line.unit_code or "~", str(line.deal_id), line.stage, _KIND_ORDER[line.kind])
    )


# A statement's lines in one statement, whatever their number: the values arrive as parallel arrays
# (COPY would be faster still, but PostgreSQL refuses it on tables under row-level security).
_INSERT_LINES = text(
    """
    INSERT INTO agency_fee_lines (id, organization_id, statement_id, project_id, seq, deal_id, unit_id,
        unit_code, stage, kind, rule_id, rule_version, base, rate, premium, fixed, amount, earned_on)
    SELECT gen_random_uuid(), :organization_id, :statement_id, :project_id, v.* FROM unnest(
        CAST(:seq AS integer[]), CAST(:deal_id AS uuid[]), CAST(:unit_id AS uuid[]),
        CAST(:unit_code AS text[]), CAST(:stage AS text[]), CAST(:kind AS text[]), CAST(:rule_id AS uuid[]),
        CAST(:rule_version AS integer[]), CAST(:base AS numeric[]), CAST(:rate AS numeric[]),
        CAST(:premium AS numeric[]), CAST(:fixed AS numeric[]), CAST(:amount AS numeric[]),
        CAST(:earned_on AS date[])
    ) AS v
    """
).bindparams(
    *(bindparam(name, type_=ARRAY(UUID(as_uuid=True))) for name in ("deal_id", "unit_id", "rule_id")),
    bindparam("organization_id", type_=UUID(as_uuid=True)),
    bindparam("statement_id", type_=UUID(as_uuid=True)),
    bindparam("project_id", type_=UUID(as_uuid=True)),
)


async def _write_lines(session: AsyncSession, statement: AgencyFeeStatement, lines: list[DraftLine]) -> None:
    await session.execute(delete(AgencyFeeLine).where(AgencyFeeLine.statement_id == statement.id))
    if lines:
        await session.execute(
            _INSERT_LINES,
            {
                "organization_id": statement.organization_id,
                "statement_id": statement.id,
                "project_id": statement.project_id,
                "seq": list(range(1, len(lines) + 1)),
                "deal_id": [line.deal_id for line in lines],
                "unit_id": [line.unit_id for line in lines],
                "unit_code": [line.unit_code for line in lines],
                "stage": [line.stage for line in lines],
                "kind": [line.kind.value for line in lines],
                "rule_id": [line.rule_id for line in lines],
                "rule_version": [line.rule_version for line in lines],
                "base": [line.base for line in lines],
                "rate": [line.rate for line in lines],
                "premium": [line.premium for line in lines],
                "fixed": [line.fixed for line in lines],
                "amount": [line.amount for line in lines],
                "earned_on": [line.earned_on for line in lines],
            },
        )
    statement.total = sum((line.amount for line in lines), ZERO)
    statement.line_count = len(lines)


async def _overlapping(
    session: AsyncSession, access: ProjectAccess, statement_id: uuid.UUID | None, start: Any, end: Any
) -> AgencyFeeStatement | None:
    """A settled statement (submitted or later) whose period overlaps [start, end]."""
    statement = (
        AgencyFeeStatementRepository(session, access.principal)
        .scoped()
        .where(
            AgencyFeeStatement.project_id == access.project.id,
            AgencyFeeStatement.status.in_(sorted(SETTLED)),
            AgencyFeeStatement.period_start <= end,
            AgencyFeeStatement.period_end >= start,
        )
        .limit(1)
    )
    if statement_id is not None:
        statement = statement.where(AgencyFeeStatement.id != statement_id)
    found: AgencyFeeStatement | None = await session.scalar(statement)
    return found


async def generate_statement(
    session: AsyncSession, access: ProjectAccess, data: schemas.StatementCreate
) -> tuple[AgencyFeeStatement, bool]:
    """The period's draft, computed now (made, or recomputed if it exists); whether it was made."""
    if data.period_start > data.period_end:
        raise ValidationFailed({"period_end": "must be on or after period_start"})
    if (data.period_end - data.period_start) > timedelta(days=MAX_PERIOD_DAYS):
        raise ValidationFailed({"period_end": f"a statement covers at most {MAX_PERIOD_DAYS} days"})
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(access.project.id)})
    clash = await _overlapping(session, access, None, data.period_start, data.period_end)
    if clash is not None:
        period = f"{clash.period_start}–{clash.period_end}, {clash.status.value}"
        raise ValidationFailed({"period_start": f"overlaps statement No. {clash.number} ({period})"})
    repository = AgencyFeeStatementRepository(session, access.principal)
    statement = await session.scalar(
        repository.scoped()
        .where(
            AgencyFeeStatement.project_id == access.project.id,
            AgencyFeeStatement.status == AgencyStatementStatus.draft,
            AgencyFeeStatement.period_start == data.period_start,
            AgencyFeeStatement.period_end == data.period_end,
        )
        .with_for_update()
    )
    made = statement is None
    if statement is None:
        number = await session.scalar(
            repository.scoped()
            .where(AgencyFeeStatement.project_id == access.project.id)
            .with_only_columns(func.coalesce(func.max(AgencyFeeStatement.number), 0))
        )
        statement = AgencyFeeStatement(
            id=uuid.uuid4(),
            organization_id=access.project.organization_id,
            project_id=access.project.id,
            number=(number or 0) + 1,
            period_start=data.period_start,
            period_end=data.period_end,
            status=AgencyStatementStatus.draft,
            achievement_percent=data.achievement_percent,
            total=ZERO,
            received=ZERO,
            created_by=access.principal.user_id,
        )
        session.add(statement)
        await session.flush()
    elif data.achievement_percent is not None:
        statement.achievement_percent = data.achievement_percent
    await _write_lines(session, statement, await compute_lines(session, access, statement))
    await integrations.emit(session, "commission.statement_generated", statement, owner_id=None)
    return statement, made


async def _locked(session: AsyncSession, statement: AgencyFeeStatement) -> AgencyFeeStatement:
    locked = await session.scalar(
        select(AgencyFeeStatement)
        .where(AgencyFeeStatement.id == statement.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None  # the route just read it in this transaction
    return locked


def _allow(statement: AgencyFeeStatement, access: ProjectAccess, action: str) -> None:
    """403 for a role that may not, 409 `statement_locked` once submitted (its lines are settled) for
    what would change it, 409 `statement_state_conflict` for what its state does not take."""
    if action in statement_actions(statement, access.role):
        return
    if action in actions_in_state(statement.status):
        raise Forbidden("Your role in this project does not allow this")
    if statement.status is not AgencyStatementStatus.draft:
        raise StatementLocked(f"Statement No. {statement.number} is {statement.status.value}")
    raise StatementStateConflict(f"Cannot {action} a statement that is {statement.status.value}")


async def act_on_statement(
    session: AsyncSession,
    statement: AgencyFeeStatement,
    access: ProjectAccess,
    action: str,
    body: Any = None,
) -> AgencyFeeStatement:
    """One transition of a statement, checked against `statement_actions`."""
    locked = await _locked(session, statement)
    _allow(locked, access, action)
    now = await session.scalar(select(func.now()))
    me = access.principal.user_id
    if action == "recompute":
        await _write_lines(session, locked, await compute_lines(session, access, locked))
    elif action == "submit":
        clash = await _overlapping(session, access, locked.id, locked.period_start, locked.period_end)
        if clash is not None:
            raise StatementStateConflict(
                f"Statement No. {clash.number} was submitted for an overlapping period since: recompute it"
            )
        locked.status, locked.submitted_by, locked.submitted_at = AgencyStatementStatus.submitted, me, now
        locked.return_comment = None
    elif action == "confirm":
        locked.status, locked.confirmed_by, locked.confirmed_at = AgencyStatementStatus.confirmed, me, now
    elif action == "dispute":
        assert isinstance(body, schemas.DisputeRequest)
        result = await session.execute(
            update(AgencyFeeLine)
            .where(AgencyFeeLine.statement_id == locked.id, AgencyFeeLine.id.in_(body.line_ids))
            .values(disputed=True, dispute_comment=body.comment)
        )
        if result.rowcount != len(set(body.line_ids)):  # type: ignore[attr-defined]
            raise ValidationFailed({"line_ids": "not all of these are lines of this statement"})
    elif action == "return":
        assert isinstance(body, schemas.ReturnRequest)
        locked.status, locked.return_comment = AgencyStatementStatus.draft, body.comment
        locked.submitted_at = locked.submitted_by = None
    elif action == "invoice":
        assert isinstance(body, schemas.InvoiceRequest)
        locked.status, locked.invoice_number, locked.invoiced_at = (
            AgencyStatementStatus.invoiced,
            body.invoice_number,
            now,
        )
    elif action == "record_payment":
        assert isinstance(body, schemas.ReceiptCreate)
        outstanding = locked.total - locked.received
        if body.amount <= 0 or body.amount > outstanding:
            raise ValidationFailed(
                {"amount": f"must be above 0 and at most what is outstanding ({outstanding:.2f})"}
            )
        session.add(
            AgencyFeeReceipt(
                id=uuid.uuid4(),
                organization_id=locked.organization_id,
                statement_id=locked.id,
                project_id=locked.project_id,
                amount=body.amount,
                received_on=body.received_on,
                reference=body.reference,
                recorded_by=me,
            )
        )
        locked.received = locked.received + body.amount
        if locked.received >= locked.total:
            locked.status, locked.paid_at = AgencyStatementStatus.paid, now
    published = "commission.statement_paid" if locked.status is AgencyStatementStatus.paid else None
    published = published or _PUBLISHED.get(action, "commission.statement_updated")
    await integrations.emit(session, published, locked, owner_id=None)
    return locked


_PUBLISHED = {
    "submit": "commission.statement_submitted",
    "confirm": "commission.statement_confirmed",
    "invoice": "commission.statement_invoiced",
}
