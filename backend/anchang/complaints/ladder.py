"""The ladder's mechanics shared by filing, handling and the sweep: deadlines of a level, who takes a
complaint at a level (the least loaded member holding its role), the timeline's rows and the events."""

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import Complaint, ComplaintAction, ComplaintStatus
from anchang.complaints.policy import LEVEL_ROLES, OPEN_STATES
from anchang.complaints.settings import ComplaintSettings
from anchang.core.roles import ProjectRole
from anchang.integrations import service as integrations
from anchang.org import service as org

CHANNEL = "complaint_events"  # where the events are announced, as the board's and the approvals' are


_clock: ContextVar[datetime | None] = ContextVar("complaints_clock", default=None)


def now_utc() -> datetime:
    """The complaints' clock: the real time, or the time `clock_at` set (demo data, tests)."""
    return _clock.get() or datetime.now(UTC)


@contextmanager
def clock_at(at: datetime) -> Iterator[None]:
    """Act as if it were `at`: filing, actions and deadlines take their times from it."""
    token = _clock.set(at)
    try:
        yield
    finally:
        _clock.reset(token)


def start_level(complaint: Complaint, level: int, settings: ComplaintSettings, at: datetime) -> None:
    """Put the complaint at `level`, waiting for that level to acknowledge it: the clock restarts."""
    deadlines = settings.deadlines[complaint.severity]
    complaint.level = level
    complaint.status = ComplaintStatus.open
    complaint.acknowledge_due_at = at + deadlines.acknowledge
    complaint.resolve_due_at = at + deadlines.resolve
    complaint.escalates_at = complaint.acknowledge_due_at


async def open_loads(session: AsyncSession, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many unsettled complaints each user is assigned now."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(Complaint.assignee_id, func.count())
        .where(Complaint.assignee_id.in_(ids), Complaint.status.in_(sorted(OPEN_STATES)))
        .group_by(Complaint.assignee_id)
    )
    loads = dict.fromkeys(ids, 0)
    loads.update({user_id: count for user_id, count in rows if user_id is not None})
    return loads


class Assigner:
    """Picks, per project and level, the member holding the level's role with the fewest unsettled
    complaints (ties by id, so the choice is reproducible), counting what it assigns as it goes."""

    def __init__(
        self, members: dict[tuple[uuid.UUID, ProjectRole], list[uuid.UUID]], loads: dict[uuid.UUID, int]
    ):
        self.members = members
        self.loads = loads

    @classmethod
    async def load(cls, session: AsyncSession, project_ids: set[uuid.UUID], levels: set[int]) -> "Assigner":
        roles = {LEVEL_ROLES[level] for level in levels}
        members = await org.active_members_by_role(session, project_ids, roles)
        loads = await open_loads(session, (u for users in members.values() for u in users))
        return cls(members, loads)

    def pick(self, project_id: uuid.UUID, level: int) -> uuid.UUID | None:
        candidates = self.members.get((project_id, LEVEL_ROLES[level]), [])
        if not candidates:
            return None
        chosen = min(candidates, key=lambda user_id: (self.loads.get(user_id, 0), user_id))
        self.loads[chosen] = self.loads.get(chosen, 0) + 1
        return chosen

    def members_of(self, project_id: uuid.UUID, role: ProjectRole) -> list[uuid.UUID]:
        return self.members.get((project_id, role), [])


def action_row(
    complaint: Complaint,
    type: str,
    *,
    actor_id: uuid.UUID | None,
    at: datetime,
    comment: str | None = None,
    from_status: ComplaintStatus | None = None,
    from_level: int | None = None,
    data: dict[str, Any] | None = None,
) -> ComplaintAction:
    """A timeline row for what just happened to `complaint` (its status and level are the new ones)."""
    moved = from_status is not None and from_status is not complaint.status
    climbed = from_level is not None and from_level != complaint.level
    return ComplaintAction(
        id=uuid.uuid4(),
        organization_id=complaint.organization_id,
        project_id=complaint.project_id,
        complaint_id=complaint.id,
        type=type,
        actor_id=actor_id,
        at=at,
        comment=comment,
        from_status=from_status.value if moved and from_status is not None else None,
        to_status=complaint.status.value if moved else None,
        from_level=from_level if climbed else None,
        to_level=complaint.level if climbed else None,
        assignee_id=complaint.assignee_id if climbed or type == "filed" else None,
        data=data or {},
    )


async def announce(session: AsyncSession, event: str, complaint: Complaint) -> None:
    """`complaint.created`, `.escalated`, `.resolved`, `.closed`…, delivered on commit (pg_notify)."""
    payload = {
        "type": event,
        "complaint_id": str(complaint.id),
        "organization_id": str(complaint.organization_id),
        "project_id": str(complaint.project_id),
        "status": complaint.status.value,
        "level": complaint.level,
        "severity": complaint.severity.value,
    }
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": orjson.dumps(payload).decode()},
    )
    published = event if integrations.is_known(event) else "complaint.updated"
    await integrations.emit(session, published, complaint, owner_id=complaint.filed_by)
