"""Approval requests other domains raise and the decisions on them.

A domain asks with `request_approval(kind=…, subject_id=…, required_role=…)` and registers, once, what
happens when a request of its kind is decided (`register("price_list_version", on_decided)`). The
decision is a conditional change of a pending request (a second decision gets 409), audited, and
announced on the `approval_events` channel in the same transaction.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import schemas
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.policy import FLOOR_SECRETS, approval_actions, may_decide
from anchang.approvals.repository import ApprovalRepository
from anchang.core.access import ProjectAccess
from anchang.core.errors import Conflict, Forbidden
from anchang.core.roles import ProjectRole, sees_floor_price
from anchang.core.security import Principal
from anchang.integrations import service as integrations
from anchang.org import service as org_service

__all__ = [
    "Approval",
    "ApprovalAlreadyRequested",
    "ApprovalNotPending",
    "ApprovalStatus",
    "approval_view",
    "decide",
    "may_decide",
    "pending_request",
    "register",
    "request_approval",
]

CHANNEL = "approval_events"

OnDecided = Callable[[AsyncSession, Approval, ProjectAccess], Awaitable[None]]
_handlers: dict[str, OnDecided] = {}


class ApprovalNotPending(Conflict):
    code, title = "approval_not_pending", "The approval request has already been decided"


class ApprovalAlreadyRequested(Conflict):
    code, title = "approval_already_pending", "This subject already waits for an approval"


def register(kind: str, on_decided: OnDecided) -> None:
    """What to do when a request of `kind` is approved or rejected (inside the deciding transaction)."""
    _handlers[kind] = on_decided


async def request_approval(
    session: AsyncSession,
    access: ProjectAccess,
    *,
    kind: str,
    subject_id: uuid.UUID,
    required_role: ProjectRole,
    title: str,
    summary: dict[str, Any] | None = None,
    comment: str | None = None,
) -> Approval:
    pending = await session.scalar(
        select(Approval.id).where(
            Approval.kind == kind,
            Approval.subject_id == subject_id,
            Approval.status == ApprovalStatus.pending,
        )
    )
    if pending is not None:
        raise ApprovalAlreadyRequested(f"Approval {pending} is still pending")
    approval = Approval(
        id=uuid.uuid4(),
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        kind=kind,
        subject_id=subject_id,
        required_role=required_role,
        status=ApprovalStatus.pending,
        title=title,
        summary=summary or {},
        requested_by=access.principal.user_id,
        request_comment=comment,
    )
    session.add(approval)
    await session.flush()
    await _announce(session, "approval.requested", approval)
    await integrations.emit(session, "approval.requested", approval, owner_id=approval.requested_by)
    return approval


async def pending_request(
    session: AsyncSession, principal: Principal, *, kind: str, subject_id: uuid.UUID
) -> Approval | None:
    """The pending request of `kind` about `subject_id`, if the caller may read it (to decide it from
    the subject's own page rather than the inbox)."""
    return await session.scalar(
        ApprovalRepository(session, principal)
        .readable()
        .where(
            Approval.kind == kind,
            Approval.subject_id == subject_id,
            Approval.status == ApprovalStatus.pending,
        )
    )


async def _announce(session: AsyncSession, event: str, approval: Approval) -> None:
    payload = {
        "type": event,
        "approval_id": str(approval.id),
        "project_id": str(approval.project_id),
        "kind": approval.kind,
        "subject_id": str(approval.subject_id),
        "required_role": approval.required_role.value,
        "status": approval.status.value,
    }
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": orjson.dumps(payload).decode()},
    )


async def approval_view(session: AsyncSession, approval: Approval, access: ProjectAccess) -> schemas.Approval:
    """One request as shown to a caller with `access` to its project."""
    return (await _shown(session, access.principal, [(approval, access.role)]))[0]


_COMPUTED = {"can_decide", "allowed_actions", "requested_by_name", "decided_by_name"}


async def _shown(
    session: AsyncSession, principal: Principal, rows: list[tuple[Approval, ProjectRole | None]]
) -> list[schemas.Approval]:
    """The requests with what the caller may do with them, and the names of who asked and decided."""
    people = {a.requested_by for a, _ in rows} | {a.decided_by for a, _ in rows}
    names = await org_service.user_names(session, principal, {p for p in people if p is not None})
    shown = []
    for approval, role in rows:
        actions = approval_actions(approval, role)
        fields = {k: getattr(approval, k) for k in schemas.Approval.model_fields if k not in _COMPUTED}
        if not sees_floor_price(role):
            # Whether a price is below the floor shows in the level and the summary: kept from them.
            fields["required_role"] = "approval"
            fields["summary"] = {k: v for k, v in approval.summary.items() if k not in FLOOR_SECRETS}
        shown.append(
            schemas.Approval.model_validate(
                {
                    **fields,
                    "can_decide": bool(actions),
                    "allowed_actions": actions,
                    "requested_by_name": names.get(approval.requested_by) if approval.requested_by else None,
                    "decided_by_name": names.get(approval.decided_by) if approval.decided_by else None,
                }
            )
        )
    return shown


async def decide(
    session: AsyncSession, approval: Approval, access: ProjectAccess, *, approve: bool, comment: str | None
) -> Approval:
    """Approve or reject a request the caller may read (the route loaded it): 403 unless their role
    suffices (`may_decide`), 409 when it was already decided."""
    if not may_decide(access.role, approval.required_role):
        raise Forbidden(f"This request needs a {approval.required_role.value} to decide it")
    locked = await session.scalar(
        select(Approval)
        .where(Approval.id == approval.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None
    if locked.status is not ApprovalStatus.pending:
        raise ApprovalNotPending(f"It was already {locked.status.value}")
    locked.status = ApprovalStatus.approved if approve else ApprovalStatus.rejected
    locked.decided_by = access.principal.user_id
    locked.decided_at = await session.scalar(select(func.now()))
    locked.decision_comment = comment
    await session.flush()  # audited by the flush hook: before pending, after approved/rejected
    handler = _handlers.get(locked.kind)
    if handler is not None:
        await handler(session, locked, access)
    await _announce(session, "approval.approved" if approve else "approval.rejected", locked)
    await integrations.emit(session, "approval.decided", locked, owner_id=locked.requested_by)
    return locked
