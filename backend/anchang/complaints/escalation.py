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

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.ladder import CHANNEL, Assigner, now_utc
from anchang.complaints.models import (
    Complaint,
    ComplaintAction,
    ComplaintSeverity,
    ComplaintSource,
    ComplaintStatus,
)
from anchang.complaints.policy import LEVEL_ROLES, top_level
from anchang.complaints.settings import ComplaintSettings
from anchang.core.audit import AuditedChange, record_bulk_audit
from anchang.core.db import Database
from anchang.org import service as org

log = logging.getLogger(__name__)
SWEEP_LOCK = 7421002  # pg_try_advisory_xact_lock key: one escalating worker at a time
BATCH = 2000


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
    `cause`: `manual`, or the deadline missed (`acknowledge_deadline`, `resolve_deadline`). One UPDATE
    and one INSERT whatever the count; returns how many climbed."""
    if not due:
        return 0
    projects = {d.project_id for d in due}
    settings = {
        p: ComplaintSettings.of(s) for p, s in (await org.project_settings(session, projects)).items()
    }
    assigner = await Assigner.load(session, projects, {min(d.level + 1, 4) for d in due})
    changes: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    audits: list[AuditedChange] = []
    climbed = 0
    for d in due:
        why = reason or _deadline_reason(d, cause)
        if d.level >= top_level(d.source):  # missed at the top: said once, then left to its owners
            changes.append(
                _change(d, level=d.level, status=d.status, assignee=d.assignee_id, escalates_at=None)
            )
            actions.append(_action(d, "deadline_missed", at, actor_id, why, cause))
            continue
        level = d.level + 1
        deadlines = settings[d.project_id].deadlines[d.severity]
        assignee = assigner.pick(d.project_id, level)
        change = _change(
            d,
            level=level,
            status=ComplaintStatus.open,
            assignee=assignee,
            escalates_at=at + deadlines.acknowledge,
            acknowledge_due_at=at + deadlines.acknowledge,
            resolve_due_at=at + deadlines.resolve,
            escalated=1,
            missed=None if cause == "manual" else cause,
        )
        changes.append(change)
        action = _action(d, "escalate", at, actor_id, why, cause)
        action.update(
            from_status=d.status.value if d.status is not ComplaintStatus.open else None,
            to_status=ComplaintStatus.open.value if d.status is not ComplaintStatus.open else None,
            from_level=d.level,
            to_level=level,
            assignee_id=assignee,
        )
        if assignee is None:
            action["data"] = {
                **action["data"],
                "unassigned": f"no active {LEVEL_ROLES[level].value} in the project",
            }
        actions.append(action)
        audits.append(
            AuditedChange(
                organization_id=d.organization_id,
                entity_type="complaints",
                entity_id=d.id,
                action="update",
                before={"level": d.level, "status": d.status.value, "assignee_id": _str(d.assignee_id)},
                after={"level": level, "status": ComplaintStatus.open.value, "assignee_id": _str(assignee)},
            )
        )
        climbed += 1
    await _apply(session, changes)
    await session.execute(insert(ComplaintAction), actions)
    await record_bulk_audit(session, audits)
    await _announce(session, [d for d, c in zip(due, changes, strict=True) if c["escalated"]])
    return climbed


def _deadline_reason(d: Due, cause: str) -> str:
    what = "acknowledged" if cause == "acknowledge_deadline" else "resolved"
    return f"Not {what} by level {d.level} ({LEVEL_ROLES[d.level].value}) before its deadline"


def _str(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def _change(
    d: Due,
    *,
    level: int,
    status: ComplaintStatus,
    assignee: uuid.UUID | None,
    escalates_at: datetime | None,
    acknowledge_due_at: datetime | None = None,
    resolve_due_at: datetime | None = None,
    escalated: int = 0,
    missed: str | None = None,
) -> dict[str, Any]:
    return {
        "missed": missed,
        "id": d.id,
        "level": level,
        "status": status.value,
        "assignee": assignee,
        "escalates_at": escalates_at,
        "acknowledge_due_at": acknowledge_due_at,
        "resolve_due_at": resolve_due_at,
        "escalated": escalated,
    }


def _action(
    d: Due, type: str, at: datetime, actor_id: uuid.UUID | None, why: str, cause: str
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "organization_id": d.organization_id,
        "project_id": d.project_id,
        "complaint_id": d.id,
        "type": type,
        "actor_id": actor_id,
        "at": at,
        "comment": why,
        "from_status": None,
        "to_status": None,
        "from_level": None,
        "to_level": None,
        "assignee_id": None,
        "data": {"cause": cause},
    }


_ID_ARRAY = ARRAY(UUID(as_uuid=True))

# One statement for a whole batch: the new values arrive as parallel arrays.
_APPLY = text(
    """
    UPDATE complaints AS c SET
        level = v.level,
        status = v.status::complaint_status,
        assignee_id = v.assignee,
        escalates_at = v.escalates_at,
        acknowledge_due_at = coalesce(v.acknowledge_due_at, c.acknowledge_due_at),
        resolve_due_at = coalesce(v.resolve_due_at, c.resolve_due_at),
        escalation_count = c.escalation_count + v.escalated,
        -- A level that missed its deadline means the complaint was not handled in time, whatever the
        -- next level does: the statistics must not count it on time.
        acknowledged_on_time = CASE WHEN v.missed = 'acknowledge_deadline' AND c.acknowledged_at IS NULL
            THEN false ELSE c.acknowledged_on_time END,
        resolved_on_time = CASE WHEN v.missed = 'resolve_deadline' THEN false ELSE c.resolved_on_time END,
        version = c.version + 1,
        updated_at = clock_timestamp()
    FROM unnest(
            CAST(:ids AS uuid[]), CAST(:levels AS smallint[]), CAST(:statuses AS text[]),
            CAST(:assignees AS uuid[]), CAST(:escalates AS timestamptz[]), CAST(:acks AS timestamptz[]),
            CAST(:resolves AS timestamptz[]), CAST(:escalated AS integer[]), CAST(:missed AS text[])
        )
        AS v(id, level, status, assignee, escalates_at, acknowledge_due_at, resolve_due_at, escalated, missed)
    WHERE c.id = v.id
    """
).bindparams(bindparam("ids", type_=_ID_ARRAY), bindparam("assignees", type_=_ID_ARRAY))


async def _apply(session: AsyncSession, changes: list[dict[str, Any]]) -> None:
    await session.execute(
        _APPLY,
        {
            "ids": [c["id"] for c in changes],
            "levels": [c["level"] for c in changes],
            "statuses": [c["status"] for c in changes],
            "assignees": [c["assignee"] for c in changes],
            "escalates": [c["escalates_at"] for c in changes],
            "acks": [c["acknowledge_due_at"] for c in changes],
            "resolves": [c["resolve_due_at"] for c in changes],
            "escalated": [c["escalated"] for c in changes],
            "missed": [c["missed"] for c in changes],
        },
    )


async def _announce(session: AsyncSession, escalated: list[Due]) -> None:
    if not escalated:
        return
    await session.execute(
        text(
            "SELECT pg_notify(:channel, json_build_object('type', 'complaint.escalated', 'complaint_id', id, "
            "'organization_id', org, 'project_id', project)::text) "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:orgs AS uuid[]), CAST(:projects AS uuid[])) "
            "AS e(id, org, project)"
        ).bindparams(
            bindparam("ids", type_=_ID_ARRAY),
            bindparam("orgs", type_=_ID_ARRAY),
            bindparam("projects", type_=_ID_ARRAY),
        ),
        {
            "channel": CHANNEL,
            "ids": [d.id for d in escalated],
            "orgs": [d.organization_id for d in escalated],
            "projects": [d.project_id for d in escalated],
        },
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
