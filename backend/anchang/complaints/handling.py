"""Acting on a complaint (`POST /complaints/{id}/actions`): acknowledge, start, comment, escalate,
resolve, close and reopen — each a change of state checked against `policy.complaint_actions` and
written down as an action on its timeline — and the decision on a money remedy's approval."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.complaints import schemas
from anchang.complaints.errors import (
    AlreadyAtTop,
    ComplaintClosed,
    ComplaintStatusConflict,
    RemedyPending,
    ReopenWindowPassed,
)
from anchang.complaints.escalation import DUE_COLUMNS, Due, escalate
from anchang.complaints.ladder import action_row, announce, now_utc
from anchang.complaints.models import Complaint, ComplaintSource, ComplaintStatus, Remedy, SatisfactionSource
from anchang.complaints.policy import complaint_actions, handles, may_reopen, top_level
from anchang.complaints.repository import ComplaintRepository
from anchang.complaints.settings import ComplaintSettings
from anchang.core.access import ProjectAccess
from anchang.core.errors import Forbidden, ValidationFailed
from anchang.integrations import service as integrations

REMEDY_KIND = "complaint_remedy"  # the approvals domain's kind for a money remedy
MONEY_REMEDIES = frozenset({Remedy.price_concession, Remedy.refund, Remedy.compensation})


async def act(
    session: AsyncSession, complaint: Complaint, access: ProjectAccess, body: schemas.ComplaintActionRequest
) -> Complaint:
    """Do `body` to a complaint the caller may read (the route loaded it), or say plainly why not."""
    _check_fields(body)
    locked = await _locked(session, complaint)
    at = now_utc()
    settings = ComplaintSettings.of(access.project.settings)
    me = access.principal.user_id
    if body.type not in complaint_actions(locked, access.role, me, at, settings.reopen_days):
        _refuse(locked, access, body.type, at, settings)
    from_status, from_level = locked.status, locked.level

    kind = schemas.ComplaintActionType
    if body.type is kind.escalate:
        due = Due(*(getattr(locked, column.key) for column in DUE_COLUMNS))
        await escalate(session, [due], at=at, actor_id=me, reason=body.comment, cause="manual")
        await session.refresh(locked)
        return locked
    if body.type is kind.resolve:
        return await _resolve(session, locked, access, body, settings, at)

    event: str | None = None
    if body.type is kind.acknowledge:
        _acknowledge(locked, at)
        locked.escalates_at = locked.resolve_due_at
    elif body.type is kind.start:
        locked.status = ComplaintStatus.in_progress
    elif body.type is kind.close:
        _close(locked, body, at)
        event = "complaint.closed"
    elif body.type is kind.reopen:
        _reopen(locked, settings, at)
        event = "complaint.reopened"
    data = {"satisfaction": body.satisfaction} if body.type is kind.close else None
    session.add(
        action_row(
            locked,
            body.type.value,
            actor_id=me,
            at=at,
            comment=body.comment,
            from_status=from_status,
            from_level=from_level,
            data=data,
        )
    )
    await session.flush()
    if event is not None:
        await announce(session, event, locked)
    else:
        await integrations.emit(session, "complaint.updated", locked, owner_id=locked.filed_by)
    return locked


def _check_fields(body: schemas.ComplaintActionRequest) -> None:
    """422 naming each field the action requires and lacks, or takes no part in."""
    required, taken = schemas.ACTION_FIELDS[body.type]
    given = {name for name in body.model_fields_set if name != "type" and getattr(body, name) is not None}
    errors = {name: f"required to {body.type.value}" for name in sorted(required - given)}
    errors |= {name: f"does not apply to {body.type.value}" for name in sorted(given - taken)}
    if errors:
        raise ValidationFailed(errors)


async def _locked(session: AsyncSession, complaint: Complaint) -> Complaint:
    locked = await session.scalar(
        select(Complaint)
        .where(Complaint.id == complaint.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None  # the route just read it in this transaction
    return locked


def _refuse(
    complaint: Complaint, access: ProjectAccess, action: str, at: datetime, settings: ComplaintSettings
) -> None:
    """The most telling reason an action is not allowed now."""
    status = complaint.status
    if status is ComplaintStatus.closed and action != "reopen":
        raise ComplaintClosed("A closed complaint takes no action but reopen")
    if action == "escalate" and complaint.level >= top_level(complaint.source):
        raise AlreadyAtTop(f"Level {complaint.level} is the top of this complaint's ladder")
    if action != "comment" and not handles(complaint, access.role, access.principal.user_id):
        raise Forbidden(f"Only its assignee or someone at level {complaint.level} or above may do this")
    if complaint.remedy_approval_id is not None and action in {"resolve", "escalate"}:
        raise RemedyPending("Wait for the decision on the money remedy")
    if action == "reopen" and status in {ComplaintStatus.resolved, ComplaintStatus.closed}:
        raise ReopenWindowPassed(f"A complaint may be reopened within {settings.reopen_days} days")
    raise ComplaintStatusConflict(f"Cannot {action} a complaint that is {status.value}")


def _acknowledge(complaint: Complaint, at: datetime) -> None:
    complaint.status = ComplaintStatus.acknowledged
    if complaint.acknowledged_at is None:  # the statistics count the first acknowledgement
        complaint.acknowledged_at = at
        # Late if this level is late, or an earlier one missed its deadline (the sweep said false).
        complaint.acknowledged_on_time = (
            complaint.acknowledged_on_time is not False and at <= complaint.acknowledge_due_at
        )


async def _resolve(
    session: AsyncSession,
    complaint: Complaint,
    access: ProjectAccess,
    body: schemas.ComplaintActionRequest,
    settings: ComplaintSettings,
    at: datetime,
) -> Complaint:
    amount, remedy, resolution = body.remedy_amount, body.remedy, body.resolution
    assert remedy is not None and resolution is not None  # required: _check_fields
    if remedy in MONEY_REMEDIES and not amount:
        raise ValidationFailed({"remedy_amount": f"a {remedy.value} needs an amount above 0"})
    if remedy not in MONEY_REMEDIES and amount is not None:
        raise ValidationFailed({"remedy_amount": f"a {remedy.value} carries no amount"})
    from_status, me = complaint.status, access.principal.user_id
    if complaint.status is ComplaintStatus.open:
        _acknowledge(complaint, at)  # resolved on the spot: acknowledged then and there
    complaint.resolution, complaint.remedy, complaint.remedy_amount = resolution, remedy, amount
    approver = settings.approver_for(access.role, amount) if amount else None
    if approver is not None and amount is not None:
        complaint.status = ComplaintStatus.in_progress
        complaint.escalates_at = None  # the wait is the approver's, not the level's
        await session.flush()
        approval = await approvals.request_approval(
            session,
            access,
            kind=REMEDY_KIND,
            subject_id=complaint.id,
            required_role=approver,
            title=f"Complaint remedy ¥{amount:,.2f}: {complaint.title}"[:200],
            summary={
                "complaint_title": complaint.title,
                "remedy": remedy.value,
                "amount": str(amount),
                "resolution": resolution,
            },
            comment=body.comment,
        )
        complaint.remedy_approval_id = approval.id
        session.add(
            action_row(
                complaint,
                "remedy_requested",
                actor_id=me,
                at=at,
                comment=body.comment,
                from_status=from_status,
                data={
                    "approval_id": str(approval.id),
                    "required_role": approver.value,
                    "amount": str(amount),
                },
            )
        )
        await session.flush()
        return complaint
    _settle(complaint, at)
    session.add(
        action_row(
            complaint,
            "resolve",
            actor_id=me,
            at=at,
            comment=body.comment,
            from_status=from_status,
            data=_remedy_data(complaint),
        )
    )
    await session.flush()
    await announce(session, "complaint.resolved", complaint)
    return complaint


def _remedy_data(complaint: Complaint) -> dict[str, str | None]:
    return {
        "resolution": complaint.resolution,
        "remedy": complaint.remedy.value if complaint.remedy else None,
        "remedy_amount": str(complaint.remedy_amount) if complaint.remedy_amount is not None else None,
    }


def _settle(complaint: Complaint, at: datetime) -> None:
    complaint.status = ComplaintStatus.resolved
    complaint.resolved_at = at
    complaint.resolved_on_time = complaint.resolved_on_time is not False and at <= complaint.resolve_due_at
    complaint.escalates_at = None
    complaint.remedy_approval_id = None


def _close(complaint: Complaint, body: schemas.ComplaintActionRequest, at: datetime) -> None:
    if complaint.satisfaction_source is not SatisfactionSource.customer:
        if body.satisfaction is None and complaint.source is ComplaintSource.customer:
            raise ValidationFailed({"satisfaction": "record the customer's satisfaction (1–5) to close"})
        complaint.satisfaction = body.satisfaction
        complaint.satisfaction_comment = body.satisfaction_comment
        complaint.satisfaction_source = SatisfactionSource.staff if body.satisfaction is not None else None
    complaint.status = ComplaintStatus.closed
    complaint.closed_at = at


def _reopen(complaint: Complaint, settings: ComplaintSettings, at: datetime) -> None:
    if not may_reopen(complaint, at, settings.reopen_days):  # pragma: no cover - policy said so already
        raise ReopenWindowPassed(f"A complaint may be reopened within {settings.reopen_days} days")
    complaint.status = ComplaintStatus.in_progress
    complaint.reopen_count += 1
    complaint.resolved_at = complaint.closed_at = None
    complaint.resolved_on_time = None
    complaint.satisfaction = complaint.satisfaction_comment = complaint.satisfaction_source = None
    complaint.rating_token_hash = complaint.rating_expires_at = None
    complaint.resolve_due_at = at + settings.deadlines[complaint.severity].resolve
    complaint.escalates_at = complaint.resolve_due_at


async def on_remedy_decided(
    session: AsyncSession, approval: approvals.Approval, access: ProjectAccess
) -> None:
    """The approvals domain's callback: an approved remedy resolves the complaint, a rejected one sends it
    back to its level with the deadline it had."""
    complaint = await ComplaintRepository(session, access.principal).get(approval.subject_id, for_update=True)
    if complaint.remedy_approval_id != approval.id:
        return  # reopened or otherwise moved on since: the decision no longer applies
    at = now_utc()
    from_status = complaint.status
    if approval.status is approvals.ApprovalStatus.approved:
        _settle(complaint, at)
        action = action_row(
            complaint,
            "resolve",
            actor_id=access.principal.user_id,
            at=at,
            comment=approval.decision_comment,
            from_status=from_status,
            data={**_remedy_data(complaint), "approval_id": str(approval.id)},
        )
        event: str | None = "complaint.resolved"
    else:
        complaint.remedy_approval_id = None
        complaint.remedy = complaint.remedy_amount = complaint.resolution = None  # not granted
        complaint.escalates_at = complaint.resolve_due_at
        action = action_row(
            complaint,
            "remedy_rejected",
            actor_id=access.principal.user_id,
            at=at,
            comment=approval.decision_comment,
            data={"approval_id": str(approval.id)},
        )
        event = None
    session.add(action)
    await session.flush()
    if event:
        await announce(session, event, complaint)
