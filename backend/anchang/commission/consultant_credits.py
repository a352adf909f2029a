"""Deal credits (业绩分配): who shares a deal's commission and how much. By default the deal's
consultant has it all; a change is a proposal that a site manager approves, which then replaces the
credits in effect."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.commission import consultant_schemas as schemas
from anchang.commission.consultant_engine import Credit
from anchang.commission.consultant_reads import CreditRepository
from anchang.commission.models import CreditStatus, DealCredit
from anchang.commission.money import HUNDRED
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.org import service as org

KIND = "deal_credits"  # the approvals domain's kind


async def active_credits(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> dict[uuid.UUID, list[Credit]]:
    """The approved credits of the project's deals that have any (the others: their consultant's)."""
    rows = await session.execute(
        CreditRepository(session, principal)
        .scoped()
        .with_only_columns(DealCredit.deal_id, DealCredit.consultant_id, DealCredit.share)
        .where(DealCredit.project_id == project_id, DealCredit.status == CreditStatus.active)
        .order_by(DealCredit.deal_id, DealCredit.created_at, DealCredit.id)
    )
    out: dict[uuid.UUID, list[Credit]] = defaultdict(list)
    for deal_id, consultant_id, share in rows:
        out[deal_id].append(Credit(consultant_id, share))
    return dict(out)


async def credits_view(session: AsyncSession, access: ProjectAccess, deal: Any) -> dict[str, Any]:
    """The deal's credits in effect and any proposal waiting for approval, with names."""
    rows = (
        await session.scalars(
            CreditRepository(session, access.principal)
            .scoped()
            .where(
                DealCredit.deal_id == deal.id,
                DealCredit.status.in_([CreditStatus.active, CreditStatus.proposed]),
            )
            .order_by(DealCredit.created_at, DealCredit.id)
        )
    ).all()
    people = {r.consultant_id for r in rows} | ({deal.consultant_id} if deal.consultant_id else set())
    names = await org.user_names(session, access.principal, people)

    def shown(consultant_id: uuid.UUID, share: Decimal) -> dict[str, Any]:
        return {
            "consultant_id": consultant_id,
            "consultant_name": names.get(consultant_id),
            "share": str(share),
        }

    active = [shown(r.consultant_id, r.share) for r in rows if r.status is CreditStatus.active]
    pending = [r for r in rows if r.status is CreditStatus.proposed]
    default = not active
    if default and deal.consultant_id:
        active = [shown(deal.consultant_id, Decimal("100.00"))]
    return {
        "deal_id": deal.id,
        "credits": active,
        "default": default,
        "pending": [shown(r.consultant_id, r.share) for r in pending] if pending else None,
        "pending_approval_id": pending[0].approval_id if pending else None,
        "pending_status": CreditStatus.proposed if pending else None,
    }


async def _check(session: AsyncSession, access: ProjectAccess, credits: Sequence[schemas.CreditIn]) -> None:
    total = sum((c.share for c in credits), Decimal(0))
    if total != HUNDRED:
        raise ValidationFailed({"credits": f"the shares add up to {total}, not exactly 100"})
    people = [c.consultant_id for c in credits]
    if len(set(people)) != len(people):
        raise ValidationFailed({"credits": "name each consultant once"})
    consultants = set(await org.members_with_role(session, access, ProjectRole.consultant))
    strangers = [str(p) for p in people if p not in consultants]
    if strangers:
        raise ValidationFailed({"credits": f"not consultants of this project: {', '.join(strangers)}"})


async def propose_credits(
    session: AsyncSession, access: ProjectAccess, deal: Any, data: schemas.DealCreditsChange
) -> dict[str, Any]:
    """New credits for the deal, waiting for a site manager's approval (409 if a proposal waits)."""
    await _check(session, access, data.credits)
    names = await org.user_names(session, access.principal, {c.consultant_id for c in data.credits})
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=deal.id,
        required_role=ProjectRole.site_manager,
        title="业绩分配: " + ", ".join(f"{names.get(c.consultant_id, '?')} {c.share}%" for c in data.credits),
        summary={
            "deal_id": str(deal.id),
            "credits": [{"consultant_id": str(c.consultant_id), "share": str(c.share)} for c in data.credits],
        },
        comment=data.comment,
    )
    for credit in data.credits:
        session.add(
            DealCredit(
                organization_id=access.project.organization_id,
                project_id=access.project.id,
                deal_id=deal.id,
                consultant_id=credit.consultant_id,
                share=credit.share,
                status=CreditStatus.proposed,
                proposed_by=access.principal.user_id,
                approval_id=approval.id,
            )
        )
    await session.flush()
    return await credits_view(session, access, deal)


async def on_credits_decided(
    session: AsyncSession, approval: approvals.Approval, access: ProjectAccess
) -> None:
    """The approvals domain's callback: approved credits replace those in effect; rejected ones stay
    on record as rejected."""
    proposed = (
        await session.scalars(
            CreditRepository(session, access.principal)
            .scoped()
            .where(DealCredit.approval_id == approval.id, DealCredit.status == CreditStatus.proposed)
            .with_for_update()
        )
    ).all()
    if not proposed:
        return
    if approval.status is approvals.ApprovalStatus.approved:
        replaced = await session.scalars(
            CreditRepository(session, access.principal)
            .scoped()
            .where(DealCredit.deal_id == approval.subject_id, DealCredit.status == CreditStatus.active)
            .with_for_update()
        )
        for credit in replaced:
            credit.status = CreditStatus.replaced
        status = CreditStatus.active
    else:
        status = CreditStatus.rejected
    for credit in proposed:
        credit.status = status
    await session.flush()
