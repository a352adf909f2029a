"""A customer's timeline: ownership changes, visits, calls, follow-ups and 撞单 attempts merged into one
history, newest first, each entry with the parts an app words in its own language."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.customers import schemas
from anchang.customers.common import now_utc, user_ref, users_by_id
from anchang.customers.customers import require_history
from anchang.customers.models import (
    Call,
    Customer,
    DuplicateAttempt,
    FollowUp,
    OwnershipChange,
    OwnershipEvent,
    Visit,
)
from anchang.customers.repository import (
    CallRepository,
    DuplicateAttemptRepository,
    FollowUpRepository,
    OwnershipEventRepository,
    VisitRepository,
)

TIMELINE_LIMIT = 500


async def timeline(session: AsyncSession, customer: Customer, access: ProjectAccess) -> schemas.Timeline:
    """The customer's history, newest first: ownership, visits, calls, follow-ups and 撞单 attempts
    (their owner and supervisors)."""
    require_history(customer, access)
    principal = access.principal
    customer_id = customer.id

    async def newest(repository: Any, model: Any, at: Any) -> list[Any]:
        # Each source only up to the entries the timeline can show: a long history stays cheap.
        statement = repository(session, principal).scoped().where(model.customer_id == customer_id)
        return list((await session.scalars(statement.order_by(at.desc()).limit(TIMELINE_LIMIT))).all())

    events = await newest(OwnershipEventRepository, OwnershipEvent, OwnershipEvent.created_at)
    visits = await newest(VisitRepository, Visit, Visit.visited_at)
    calls = await newest(CallRepository, Call, Call.called_at)
    follow_ups = await newest(FollowUpRepository, FollowUp, FollowUp.created_at)
    attempts = await newest(DuplicateAttemptRepository, DuplicateAttempt, DuplicateAttempt.created_at)
    ids: set[uuid.UUID | None] = {customer.owner_id}
    for e in events:
        ids |= {e.from_user_id, e.to_user_id, e.actor_id}
    ids |= {v.consultant_id for v in visits} | {v.on_behalf_of_id for v in visits}
    ids |= {c.consultant_id for c in calls} | {f.assignee_id for f in follow_ups}
    ids |= {a.attempted_by_id for a in attempts}
    users = await users_by_id(session, principal, ids)

    def name(user_id: uuid.UUID | None) -> str:
        return users[user_id].full_name if user_id in users else "—"

    entries: list[schemas.TimelineEntry] = []
    for e in events:
        summary = {
            OwnershipChange.registered: f"Registered by {name(e.actor_id)}, owner {name(e.to_user_id)}",
            OwnershipChange.reassigned: (
                f"Reassigned from {name(e.from_user_id)} to {name(e.to_user_id)}: {e.reason}"
            ),
            OwnershipChange.claimed: f"Claimed from the public pool by {name(e.to_user_id)}",
            OwnershipChange.released: f"Released to the public pool by {name(e.actor_id)}",
        }[e.kind]
        entries.append(
            schemas.TimelineEntry(
                at=e.created_at,
                kind=e.kind.value,
                actor=user_ref(users, e.actor_id),
                summary=summary,
                ref_id=e.id,
                from_user=user_ref(users, e.from_user_id),
                to_user=user_ref(users, e.to_user_id),
                reason=e.reason,
            )
        )
    now = now_utc()
    if customer.owner_id is not None and customer.protected_until and customer.protected_until <= now:
        entries.append(
            schemas.TimelineEntry(
                at=customer.protected_until,
                kind="protection_expired",
                actor=None,
                summary=f"Protection of {name(customer.owner_id)} ran out: back in the public pool",
                to_user=user_ref(users, customer.owner_id),
            )
        )
    for v in visits:
        behalf = f" for {name(v.on_behalf_of_id)}" if v.on_behalf_of_id else ""
        entries.append(
            schemas.TimelineEntry(
                at=v.visited_at,
                kind="visit",
                actor=user_ref(users, v.consultant_id),
                summary=f"{v.kind.value.capitalize()} visit, party of {v.party_size}, received by "
                f"{name(v.consultant_id)}{behalf}" + (f": {v.notes}" if v.notes else ""),
                ref_id=v.id,
                on_behalf_of=user_ref(users, v.on_behalf_of_id),
                notes=v.notes,
                visit_kind=v.kind,
                party_size=v.party_size,
            )
        )
    for c in calls:
        entries.append(
            schemas.TimelineEntry(
                at=c.called_at,
                kind="call",
                actor=user_ref(users, c.consultant_id),
                summary=f"{c.direction.value.capitalize()} call" + (f": {c.notes}" if c.notes else ""),
                ref_id=c.id,
                notes=c.notes,
                call_direction=c.direction,
            )
        )
    for f in follow_ups:
        entries.append(
            schemas.TimelineEntry(
                at=f.created_at,
                kind="follow_up",
                actor=user_ref(users, f.assignee_id),
                summary=f"Follow-up planned for {f.due_at.isoformat()}" + (f": {f.notes}" if f.notes else ""),
                ref_id=f.id,
                notes=f.notes,
                due_at=f.due_at,
            )
        )
        if f.done_at is not None:
            entries.append(
                schemas.TimelineEntry(
                    at=f.done_at,
                    kind="follow_up_done",
                    actor=user_ref(users, f.assignee_id),
                    summary=f"Followed up: {f.outcome}",
                    ref_id=f.id,
                    outcome=f.outcome,
                )
            )
    for a in attempts:
        entries.append(
            schemas.TimelineEntry(
                at=a.created_at,
                kind="duplicate_attempt",
                actor=user_ref(users, a.attempted_by_id),
                summary=(
                    f"{name(a.attempted_by_id)} tried to register this phone as {a.attempted_name} (撞单)"
                ),
                ref_id=a.id,
                attempted_name=a.attempted_name,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return schemas.Timeline(customer_id=customer.id, entries=entries[:TIMELINE_LIMIT])
