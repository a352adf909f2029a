"""Rewards and penalties (奖罚) of consultants: proposed by a supervisor or above, approved by a site
manager; only approved ones reach a statement (that of their month, or the next one still open)."""

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.commission import consultant_schemas as schemas
from anchang.commission.consultant_reads import RewardPenaltyRepository
from anchang.commission.models import EntryStatus, RewardPenalty
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.org import service as org

KIND = "reward_penalty"  # the approvals domain's kind


async def propose(
    session: AsyncSession, access: ProjectAccess, data: schemas.RewardPenaltyCreate
) -> RewardPenalty:
    """A reward or penalty waiting for a site manager's approval."""
    if data.amount == Decimal(0):
        raise ValidationFailed({"amount": "must not be 0: positive for a reward, negative for a penalty"})
    if await org.member_role(session, access, data.consultant_id) is not ProjectRole.consultant:
        raise ValidationFailed({"consultant_id": "is not a consultant of this project"})
    entry = RewardPenalty(
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        consultant_id=data.consultant_id,
        month=data.month,
        amount=data.amount,
        category=data.category.value,
        reason=data.reason,
        status=EntryStatus.proposed,
        proposed_by=access.principal.user_id,
    )
    session.add(entry)
    await session.flush()
    name = await org.user_name(session, access.principal, data.consultant_id)
    word = "奖励" if data.amount > 0 else "处罚"
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=entry.id,
        required_role=ProjectRole.site_manager,
        title=f"{word} {name} ¥{data.amount:,.2f} ({data.month:%Y-%m}): {data.reason}"[:200],
        summary={
            "consultant_id": str(data.consultant_id),
            "month": f"{data.month:%Y-%m}",
            "amount": f"{data.amount:.2f}",
            "category": data.category.value,
        },
        comment=data.reason,
    )
    entry.approval_id = approval.id
    await session.flush()
    return entry


async def on_reward_decided(
    session: AsyncSession, approval: approvals.Approval, access: ProjectAccess
) -> None:
    """The approvals domain's callback: the entry becomes approved (and reaches a statement) or rejected."""
    entry = await RewardPenaltyRepository(session, access.principal).get(approval.subject_id, for_update=True)
    if entry.status is not EntryStatus.proposed:
        return
    approved = approval.status is approvals.ApprovalStatus.approved
    entry.status = EntryStatus.approved if approved else EntryStatus.rejected
    await session.flush()
