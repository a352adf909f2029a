"""Escalation (升级): by hand with a reason, or by itself when a level misses its deadline.

The sweep runs in the app's lifespan like the reservation sweeper: every worker runs one, an advisory
lock lets one sweep at a time, and each complaint it escalates moves its `escalates_at` to the new
level's deadline in the same statement, so a second worker or a restart never escalates it twice. It
writes in bulk (one UPDATE and one INSERT per batch), so ten thousand overdue complaints take one pass.
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.ladder import CHANNEL, Assigner, now_utc
from anchang.complaints.models import (
    Complaint,
    ComplaintSeverity,
    ComplaintSource,
    ComplaintStatus,
)
from anchang.complaints.policy import LEVEL_ROLES, top_level
from anchang.complaints.settings import ComplaintSettings
from anchang.core.context import actor_id_var, request_id_var
from anchang.core.db import Database
from anchang.integrations import service as integrations
from anchang.org import service as org

log = logging.getLogger(__name__)
SWEEP_LOCK = 7421002  # pg_try_advisory_xact_lock key: one escalating worker at a time
BATCH = 10_000  # per round trip: the arrays of one statement, not 65,535 parameters, set the limit


@dataclass(slots=True)
class Due:
    """What the sweep (or a hand) needs of a complaint to escalate it."""

    id: uuid.UUID
    organization_id: uuid.UUID
    project_id: uuid.UUID
    source: ComplaintSource
    severity: ComplaintSeverity
    status: ComplaintStatus
    level: int
    assignee_id: uuid.UUID | None
    escalates_at: datetime | None


DUE_COLUMNS = (
    Complaint.id,
    Complaint.organization_id,
    Complaint.project_id,
    Complaint.source,
    Complaint.severity,
    Complaint.status,
    Complaint.level,
    Complaint.assignee_id,
    Complaint.escalates_at,
)


async def escalate(
    session: AsyncSession,
    due: list[Due],
    *,
    at: datetime,
    actor_id: uuid.UUID | None,
    reason: str | None,
    cause: str,
) -> int:
    """Move each complaint one level up (open again, deadlines restarted, the least loaded member of the
    new level assigned); at the top, a missed deadline is recorded and the sweep stops looking at it.
    `cause`: `manual`, or the deadline missed (`acknowledge_deadline`, `resolve_deadline`). One
    statement whatever the count (the update, the timeline, the audit and the events); how many climbed."""
    if not due:
        return 0
    projects = {d.project_id for d in due}
    settings = {
        p: ComplaintSettings.of(s) for p, s in (await org.project_settings(session, projects)).items()
    }
    assigner = await Assigner.load(session, projects, {min(d.level + 1, 4) for d in due})
    columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    climbed = 0
    for d in due:
        top = d.level >= top_level(d.source)  # missed at the top: said once, then left to its owners
        level = d.level if top else d.level + 1
        deadlines = settings[d.project_id].deadlines[d.severity]
        if top:
            row: tuple[Any, ...] = (d.id, d.level, d.status.value, d.assignee_id, None, None, None, 0)
        else:
            assignee = assigner.pick(d.project_id, level)
            ack, resolve = at + deadlines.acknowledge, at + deadlines.resolve
            row = (d.id, level, ComplaintStatus.open.value, assignee, ack, ack, resolve, 1)
        for name, value in zip(_COLUMNS, row, strict=True):
            columns[name].append(value)
        climbed += 0 if top else 1
    await session.execute(
        _ESCALATE,
        {
            **columns,
            "at": at,
            "actor": actor_id,
            "reason": reason,
            "cause": cause,
            "audit_actor": actor_id_var.get(),
            "request_id": request_id_var.get(),
            "channel": CHANNEL,
        },
    )
    await _publish_escalated(
        session, [i for i, e in zip(columns["ids"], columns["escalated"], strict=True) if e]
    )
    return climbed


async def _publish_escalated(session: AsyncSession, ids: list[uuid.UUID]) -> None:
    """`complaint.escalated` for each complaint that climbed, with its new level, status and assignee."""
    if not ids:
        return
    shown = (Complaint.id, Complaint.project_id, Complaint.filed_by, Complaint.level, Complaint.status)
    rows = (
        await session.execute(
            select(Complaint.organization_id, *shown, Complaint.assignee_id).where(Complaint.id.in_(ids))
        )
    ).all()
    for organization_id in {r[0] for r in rows}:
        await integrations.emit_bulk(
            session,
            "complaint.escalated",
            organization_id=organization_id,
            object_type="complaints",
            items=[
                (
                    r.id,
                    r.project_id,
                    r.filed_by,
                    {
                        "id": r.id,
                        "project_id": r.project_id,
                        "level": r.level,
                        "status": r.status,
                        "assignee_id": r.assignee_id,
                    },
                )
                for r in rows
                if r[0] == organization_id
            ],
        )


_COLUMNS = ("ids", "levels", "statuses", "assignees", "escalates", "acks", "resolves", "escalated")
# The role a level's people hold, as SQL over a level column `{0}` (from policy.LEVEL_ROLES).
_ROLE_OF_LEVEL = "CASE {0} " + " ".join(f"WHEN {n} THEN '{r.value}'" for n, r in LEVEL_ROLES.items()) + " END"

# The update, the timeline rows, the audit rows and the events of a batch, in one statement: the new
# values arrive as parallel arrays, and `old` (the same snapshot) gives what each complaint was before.
_ESCALATE_SQL = """
    WITH v AS (
        SELECT * FROM unnest(
            CAST(:ids AS uuid[]), CAST(:levels AS smallint[]), CAST(:statuses AS text[]),
            CAST(:assignees AS uuid[]), CAST(:escalates AS timestamptz[]), CAST(:acks AS timestamptz[]),
            CAST(:resolves AS timestamptz[]), CAST(:escalated AS integer[])
        ) AS v(id, level, status, assignee, escalates_at, acknowledge_due_at, resolve_due_at, escalated)
    ),
    old AS (SELECT c.id, c.level, c.status, c.assignee_id FROM complaints c JOIN v ON v.id = c.id),
    moved AS (
        UPDATE complaints AS c SET
            level = v.level,
            status = v.status::complaint_status,
            assignee_id = v.assignee,
            escalates_at = v.escalates_at,
            acknowledge_due_at = coalesce(v.acknowledge_due_at, c.acknowledge_due_at),
            resolve_due_at = coalesce(v.resolve_due_at, c.resolve_due_at),
            escalation_count = c.escalation_count + v.escalated,
            -- A level that missed its deadline means the complaint was not handled in time, whatever
            -- the next level does: the statistics must not count it on time.
            acknowledged_on_time = CASE WHEN :cause = 'acknowledge_deadline' AND c.acknowledged_at IS NULL
                THEN false ELSE c.acknowledged_on_time END,
            resolved_on_time = CASE WHEN :cause = 'resolve_deadline' THEN false ELSE c.resolved_on_time END,
            version = c.version + 1,
            updated_at = clock_timestamp()
        FROM v WHERE c.id = v.id
        RETURNING c.id, c.organization_id, c.project_id, c.level, c.status, c.assignee_id
    ),
    logged AS (
        INSERT INTO complaint_actions (id, organization_id, project_id, complaint_id, type, actor_id, at,
            comment, from_status, to_status, from_level, to_level, assignee_id, data)
        SELECT gen_random_uuid(), m.organization_id, m.project_id, m.id,
            CASE WHEN v.escalated = 1 THEN 'escalate' ELSE 'deadline_missed' END,
            CAST(:actor AS uuid), CAST(:at AS timestamptz),
            coalesce(CAST(:reason AS text), format('Not %s by level %s (%s) before its deadline',
                CASE WHEN :cause = 'acknowledge_deadline' THEN 'acknowledged' ELSE 'resolved' END,
                o.level, ROLE_OF(o.level))),
            CASE WHEN v.escalated = 1 AND o.status::text <> 'open' THEN o.status::text END,
            CASE WHEN v.escalated = 1 AND o.status::text <> 'open' THEN 'open' END,
            CASE WHEN v.escalated = 1 THEN o.level END,
            CASE WHEN v.escalated = 1 THEN m.level END,
            CASE WHEN v.escalated = 1 THEN m.assignee_id END,
            CASE WHEN v.escalated = 1 AND m.assignee_id IS NULL
                THEN jsonb_build_object('cause', CAST(:cause AS text), 'unassigned',
                    format('no active %s in the project', ROLE_OF(m.level)))
                ELSE jsonb_build_object('cause', CAST(:cause AS text)) END
        FROM moved m JOIN old o ON o.id = m.id JOIN v ON v.id = m.id
        RETURNING 1
    ),
    audited AS (
        INSERT INTO audit_log (id, organization_id, actor_id, action, entity_type, entity_id, before, after,
            request_id)
        SELECT gen_random_uuid(), m.organization_id, CAST(:audit_actor AS uuid), 'update', 'complaints', m.id,
            jsonb_build_object('level', o.level, 'status', o.status, 'assignee_id', o.assignee_id),
            jsonb_build_object('level', m.level, 'status', m.status, 'assignee_id', m.assignee_id),
            CAST(:request_id AS varchar)
        FROM moved m JOIN old o ON o.id = m.id JOIN v ON v.id = m.id WHERE v.escalated = 1
        RETURNING 1
    )
    SELECT pg_notify(CAST(:channel AS text), json_build_object('type', 'complaint.escalated',
        'complaint_id', m.id, 'organization_id', m.organization_id, 'project_id', m.project_id)::text)
    FROM moved m JOIN v ON v.id = m.id WHERE v.escalated = 1
    """
_ESCALATE = text(
    # Only constants go in: the role names of the ladder, in place of ROLE_OF(…).
    _ESCALATE_SQL.replace("ROLE_OF(o.level)", _ROLE_OF_LEVEL.format("o.level")).replace(
        "ROLE_OF(m.level)", _ROLE_OF_LEVEL.format("m.level")
    )
).bindparams(
    bindparam("ids", type_=ARRAY(UUID(as_uuid=True))), bindparam("assignees", type_=ARRAY(UUID(as_uuid=True)))
)


async def escalate_overdue(session: AsyncSession, now: datetime | None = None) -> int:
    """Escalate every complaint whose level missed its deadline by `now` (the clock, by default);
    how many climbed. Rows another transaction holds are left for the next sweep."""
    at = now or now_utc()
    total = 0
    while True:
        rows = (
            await session.execute(
                select(*DUE_COLUMNS)
                .where(Complaint.escalates_at <= at)
                .order_by(Complaint.escalates_at, Complaint.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if not rows:
            return total
        due = [Due(*row) for row in rows]
        by_cause: dict[str, list[Due]] = {}
        for d in due:
            cause = "acknowledge_deadline" if d.status is ComplaintStatus.open else "resolve_deadline"
            by_cause.setdefault(cause, []).append(d)
        for cause, group in by_cause.items():
            total += await escalate(session, group, at=at, actor_id=None, reason=None, cause=cause)
        if len(rows) < BATCH:
            return total


async def sweep_once(database: Database, now: datetime | None = None) -> int:
    """One sweep, if no other worker is at it; how many complaints climbed."""
    async with database.session() as session:
        if not await session.scalar(text(f"SELECT pg_try_advisory_xact_lock({SWEEP_LOCK})")):
            return 0
        climbed = await escalate_overdue(session, now)
        await session.commit()
        return climbed


async def sweep_forever(database: Database, interval_seconds: float) -> None:
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            climbed = await sweep_once(database)
        except Exception:
            log.exception("complaint escalation sweep failed; retrying in %s s", interval_seconds)
        else:
            if climbed:
                log.info("complaint escalation sweep escalated %d complaints", climbed)
