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

from anchang.approvals import repository as repo
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.core.access import ProjectAccess
from anchang.core.errors import Conflict, Forbidden
from anchang.core.pagination import PageParams, paginate
from anchang.core.roles import SALES_RANK, ProjectRole
from anchang.core.security import Principal
from anchang.org import service as org_service
from anchang.org.service import project_access

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


def may_decide(role: ProjectRole | None, required: ProjectRole) -> bool:
    """The required role or a higher one of the sales line; a developer's say is the developer rep's."""
    if role is None or role is ProjectRole.consultant:
        return False
    if role is required:
        return True
    if required in SALES_RANK and role in SALES_RANK:
        return SALES_RANK[role] >= SALES_RANK[required]
    return False


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
    return approval


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


async def list_approvals(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    status: ApprovalStatus | None,
    project_id: uuid.UUID | None,
) -> tuple[list[tuple[Approval, bool]], str | None]:
    approvals = repo.ApprovalRepository(session, principal)
    statement = approvals.filtered(status=status, project_id=project_id)
    if not principal.is_admin:
        # Consultants see the requests they made; others every request of their projects.
        consultant_of = org_service.projects_where_caller_is(principal, ProjectRole.consultant)
        statement = statement.where(
            (Approval.project_id.not_in(consultant_of)) | (Approval.requested_by == principal.user_id)
        )
    rows, cursor = await paginate(
        session, statement, page, order_by=[Approval.created_at, Approval.id], updated_at=Approval.updated_at
    )
    roles = await org_service.caller_roles(session, principal, {a.project_id for a in rows})
    return [
        (a, a.status is ApprovalStatus.pending and may_decide(roles.get(a.project_id), a.required_role))
        for a in rows
    ], cursor


async def get_approval(
    session: AsyncSession, principal: Principal, approval_id: uuid.UUID
) -> tuple[Approval, ProjectAccess]:
    approval = await repo.ApprovalRepository(session, principal).get(approval_id)
    access = await project_access(session, principal, approval.project_id)
    if access.role is None or (
        access.role is ProjectRole.consultant and approval.requested_by != principal.user_id
    ):
        raise Forbidden("Your role in this project does not allow this")
    return approval, access


async def decide(
    session: AsyncSession, principal: Principal, approval_id: uuid.UUID, *, approve: bool, comment: str | None
) -> tuple[Approval, ProjectAccess]:
    approval, access = await get_approval(session, principal, approval_id)
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
    locked.decided_by = principal.user_id
    locked.decided_at = await session.scalar(select(func.now()))
    locked.decision_comment = comment
    await session.flush()  # audited by the flush hook: before pending, after approved/rejected
    handler = _handlers.get(locked.kind)
    if handler is not None:
        await handler(session, locked, access)
    await _announce(session, "approval.approved" if approve else "approval.rejected", locked)
    return locked, access
