"""Monthly commission statements per consultant (酬金结算单): computed (or recomputed, idempotently) as
drafts from the deals as they stood at the month's end in the project's time zone, then submitted by a
supervisor, approved by a site or project manager, and paid by finance. What submitted statements carry
is what was settled: an approved or paid statement never changes (409 `statement_locked`), and later
corrections come out of the engine as lines of the next month's statements."""

import calendar
import uuid
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

import orjson
from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission.consultant_credits import active_credits
from anchang.commission.consultant_engine import (
    Entry,
    Key,
    Line,
    Settled,
    Source,
    by_consultant,
    commission_lines,
)
from anchang.commission.consultant_plans import approved_plans
from anchang.commission.consultant_reads import LineRepository, RewardPenaltyRepository, StatementRepository
from anchang.commission.models import (
    CommissionLine,
    CommissionStatement,
    CommissionStatementStatus,
    EntryStatus,
    RewardPenalty,
)
from anchang.commission.money import ZERO
from anchang.core.access import ProjectAccess
from anchang.core.errors import Conflict, ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.deals import service as deals
from anchang.org import service as org

Status = CommissionStatementStatus
LOCKED = frozenset({Status.approved, Status.paid})


class StatementLocked(Conflict):
    code, title = "statement_locked", "The statement is approved or paid: it never changes again"


class StatementStatusConflict(Conflict):
    code, title = "statement_status_conflict", "The statement is not in a status that allows this"


async def _now(session: AsyncSession) -> datetime:
    now: datetime = (await session.execute(select(func.now()))).scalar_one()
    return now


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


async def _lock(session: AsyncSession, project_id: uuid.UUID) -> None:
    # One computation or transition of a project's statements at a time: two people pressing "compute"
    # at once get the same drafts, and nothing is settled twice.
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(f"commission_statements:{project_id}", 0)))
    )


async def _settled(session: AsyncSession, access: ProjectAccess) -> tuple[dict[Key, Settled], set[uuid.UUID]]:
    """What the project's submitted, approved and paid statements settled, and the rewards they carried."""
    statements = StatementRepository(session, access.principal).scoped()
    rows = await session.execute(
        LineRepository(session, access.principal)
        .scoped()
        .with_only_columns(
            *(
                CommissionLine.deal_id,
                CommissionLine.stage,
                CommissionLine.consultant_id,
                CommissionLine.source,
            ),
            *(
                CommissionLine.amount,
                CommissionLine.plan_id,
                CommissionLine.plan_version,
                CommissionLine.rate,
            ),
            CommissionLine.unit_id,
            CommissionLine.reward_penalty_id,
        )
        .join(CommissionStatement, CommissionStatement.id == CommissionLine.statement_id)
        .where(
            CommissionLine.project_id == access.project.id,
            CommissionStatement.id.in_(
                statements.with_only_columns(CommissionStatement.id).where(
                    CommissionStatement.project_id == access.project.id,
                    CommissionStatement.status != Status.draft,
                )
            ),
        )
        .order_by(CommissionStatement.month, CommissionStatement.submitted_at, CommissionLine.seq)
    )
    settled: dict[Key, Settled] = {}
    rewards: set[uuid.UUID] = set()
    for deal_id, stage, person, source, amount, plan_id, plan_version, rate, unit_id, reward_id in rows:
        if reward_id is not None:
            rewards.add(reward_id)
            continue
        # Deal and override lines always name their deal, stage, plan and rate (engine.Line).
        key: Key = (cast(uuid.UUID, deal_id), cast(str, stage), person, Source(source))
        before = settled.get(key)
        settled[key] = Settled(
            (before.amount if before else ZERO) + amount,
            cast(uuid.UUID, plan_id),
            cast(int, plan_version),
            cast(Decimal, rate),
            unit_id,
        )
    return settled, rewards


async def _entries(
    session: AsyncSession, access: ProjectAccess, month: date, settled: set[uuid.UUID]
) -> list[Entry]:
    """Approved rewards and penalties of the month or before that no submitted statement carried yet."""
    rows = await session.scalars(
        RewardPenaltyRepository(session, access.principal)
        .scoped()
        .where(
            RewardPenalty.project_id == access.project.id,
            RewardPenalty.status == EntryStatus.approved,
            RewardPenalty.month <= month,
        )
        .order_by(RewardPenalty.month, RewardPenalty.created_at, RewardPenalty.id)
    )
    return [Entry(r.id, r.consultant_id, r.amount, r.category, r.reason) for r in rows if r.id not in settled]


async def _refuse_before_later_months(session: AsyncSession, access: ProjectAccess, month: date) -> None:
    later = await session.scalar(
        StatementRepository(session, access.principal)
        .scoped()
        .with_only_columns(func.max(CommissionStatement.month))
        .where(
            CommissionStatement.project_id == access.project.id,
            CommissionStatement.status != Status.draft,
            CommissionStatement.month > month,
        )
    )
    if later is not None:
        raise ValidationFailed(
            {"month": f"{later:%Y-%m} has submitted statements already; corrections go to the newest month"}
        )


# Every line of the month in one statement, whatever their number. The lines travel as one JSON document
# (orjson writes the engine's dataclasses directly) that PostgreSQL unpacks: an ORM executemany of 10,000
# rows cost most of a second, and parallel arrays as agency-fee lines use cost 0.4 s of psycopg quoting each
# text element; COPY is refused on tables under row-level security.
# A draft whose lines come out exactly as it holds them keeps them: most of a write's cost is the foreign
# keys checked for every row, and recomputing a month where little changed is the common case. Values
# compare as PostgreSQL stores them (numeric by value), so a kept draft reads exactly as a rewritten one.
_WRITE_LINES = text(
    """
    WITH doc AS (
        SELECT s.statement_id, s.lines
        FROM json_to_recordset(CAST(:statements AS json)) AS s(statement_id uuid, lines json)
    ), computed AS MATERIALIZED (
        SELECT doc.statement_id, l.seq, l.consultant_id, l.source, l.kind, l.deal_id, l.unit_id, l.unit_code,
            l.stage, l.plan_id, l.plan_version, l.base, l.rate, l.share, l.fixed, l.amount, l.earned_on,
            l.reward_penalty_id, l.note
        FROM doc CROSS JOIN LATERAL ROWS FROM (
            json_to_recordset(doc.lines) AS (consultant_id uuid, source text, kind text, deal_id uuid,
                unit_id uuid, unit_code text, stage text, plan_id uuid, plan_version integer, base numeric,
                rate numeric, share numeric, fixed numeric, amount numeric, earned_on date,
                reward_penalty_id uuid, note text)
        ) WITH ORDINALITY AS l(consultant_id, source, kind, deal_id, unit_id, unit_code, stage, plan_id,
            plan_version, base, rate, share, fixed, amount, earned_on, reward_penalty_id, note, seq)
    ), held AS (
        SELECT statement_id, seq, consultant_id, source, kind, deal_id, unit_id, unit_code, stage, plan_id,
            plan_version, base, rate, share, fixed, amount, earned_on, reward_penalty_id, note
        FROM commission_lines WHERE statement_id IN (SELECT statement_id FROM doc)
    ), changed AS MATERIALIZED (
        SELECT DISTINCT coalesce(c.statement_id, h.statement_id) AS statement_id
        FROM computed c FULL JOIN held h ON h.statement_id = c.statement_id AND h.seq = c.seq
        WHERE ROW(c.*) IS DISTINCT FROM ROW(h.*)
    ), gone AS (
        DELETE FROM commission_lines WHERE statement_id IN (SELECT statement_id FROM changed)
    )
    INSERT INTO commission_lines (id, organization_id, project_id, statement_id, seq, consultant_id, source,
        kind, deal_id, unit_id, unit_code, stage, plan_id, plan_version, base, rate, share, fixed, amount,
        earned_on, reward_penalty_id, note)
    SELECT gen_random_uuid(), :organization_id, :project_id, c.* FROM computed c
    WHERE c.statement_id IN (SELECT statement_id FROM changed)
    """
).bindparams(
    bindparam("organization_id", type_=UUID(as_uuid=True)),
    bindparam("project_id", type_=UUID(as_uuid=True)),
)


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not serializable")


async def _write_lines(
    session: AsyncSession, project: Any, owned: list[tuple[CommissionStatement, list[Line]]]
) -> None:
    """Make the statements hold these lines, numbered from 1 within each statement in their order."""
    statements = [{"statement_id": s.id, "lines": lines} for s, lines in owned]
    if statements:
        await session.execute(
            _WRITE_LINES,
            {
                "organization_id": project.organization_id,
                "project_id": project.id,
                "statements": orjson.dumps(statements, default=_decimal).decode(),
            },
        )


async def compute(
    session: AsyncSession, access: ProjectAccess, month: date, *, only: Collection[uuid.UUID] | None = None
) -> list[CommissionStatement]:
    """The month's drafts, made or made again (of `only` these consultants, if given); a consultant
    whose statement of the month is submitted or later is left alone."""
    project = access.project
    await _lock(session, project.id)
    await _refuse_before_later_months(session, access, month)
    facts = await deals.deals_for_settlement(
        session, access.principal, project.id, month_end(month), project.timezone
    )
    grades = {
        p: g.value if g else None
        for p, g in (await org.member_grades(session, access, ProjectRole.consultant)).items()
    }
    supervisors = sorted(await org.members_with_role(session, access, ProjectRole.supervisor), key=str)
    settled, settled_rewards = await _settled(session, access)
    lines = commission_lines(
        facts,
        await approved_plans(session, access),
        await active_credits(session, access.principal, project.id),
        grades,
        supervisors,
        settled,
        await _entries(session, access, month, settled_rewards),
    )
    grouped = by_consultant(lines)
    existing = (
        await session.scalars(
            StatementRepository(session, access.principal)
            .scoped()
            .where(CommissionStatement.project_id == project.id, CommissionStatement.month == month)
            .with_for_update()
        )
    ).all()
    closed = {s.consultant_id for s in existing if s.status is not Status.draft}
    drafts = {s.consultant_id: s for s in existing if s.status is Status.draft}
    people = (set(grades) | set(grouped) | set(drafts)) - closed
    if only is not None:
        people &= set(only)
    now = await _now(session)
    out, owned = [], []
    for person in sorted(people, key=str):
        total, mine = grouped.get(person, (ZERO, []))
        statement = drafts.get(person)
        if statement is None:
            statement = CommissionStatement(
                id=uuid.uuid4(),
                organization_id=project.organization_id,
                project_id=project.id,
                consultant_id=person,
                month=month,
                status=Status.draft,
                created_by=access.principal.user_id,
                total=ZERO,
                computed_at=now,
            )
            session.add(statement)
        statement.total, statement.line_count = total, len(mine)
        statement.grade, statement.computed_at = grades.get(person), now
        owned.append((statement, mine))
        out.append(statement)
    await session.flush()
    await _write_lines(session, project, owned)
    return out


async def _locked_statement(
    session: AsyncSession, access: ProjectAccess, statement: CommissionStatement
) -> CommissionStatement:
    locked = await StatementRepository(session, access.principal).get(statement.id, for_update=True)
    await session.refresh(locked)
    return locked


async def submit(
    session: AsyncSession, access: ProjectAccess, statement: CommissionStatement
) -> CommissionStatement:
    """A draft, recomputed as it stands now, becomes what is settled for the consultant this month."""
    await _lock(session, access.project.id)
    statement = await _locked_statement(session, access, statement)
    _expect(statement, Status.draft, "submitted")
    await compute(session, access, statement.month, only={statement.consultant_id})
    await session.refresh(statement)
    statement.status = Status.submitted
    statement.submitted_by = access.principal.user_id
    statement.submitted_at = await _now(session)
    await session.flush()
    return statement


async def approve(
    session: AsyncSession, access: ProjectAccess, statement: CommissionStatement
) -> CommissionStatement:
    statement = await _locked_statement(session, access, statement)
    _expect(statement, Status.submitted, "approved")
    statement.status = Status.approved
    statement.approved_by = access.principal.user_id
    statement.approved_at = await _now(session)
    await session.flush()
    return statement


async def pay(
    session: AsyncSession, access: ProjectAccess, statement: CommissionStatement
) -> CommissionStatement:
    statement = await _locked_statement(session, access, statement)
    if statement.status is Status.paid:
        raise StatementLocked("It was paid already")
    _expect(statement, Status.approved, "paid", locked_ok=True)
    statement.status = Status.paid
    statement.paid_by = access.principal.user_id
    statement.paid_at = await _now(session)
    await session.flush()
    return statement


def _expect(statement: CommissionStatement, status: Status, to: str, *, locked_ok: bool = False) -> None:
    if statement.status is status:
        return
    if statement.status in LOCKED and not locked_ok:
        raise StatementLocked(f"It is {statement.status.value}: corrections go to next month's statement")
    raise StatementStatusConflict(
        f"A {statement.status.value} statement cannot be {to}; it must be {status.value}"
    )
