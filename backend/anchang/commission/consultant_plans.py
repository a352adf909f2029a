"""Commission plans (酬金方案): proposed, then approved by a project manager like price lists, each a
version in effect for deals contracted from its date; and the approved plans as the engine takes them."""

import uuid
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.commission import consultant_schemas as schemas
from anchang.commission.agency_engine import Stage, StageCondition
from anchang.commission.consultant_engine import Plan
from anchang.commission.consultant_reads import PlanRepository
from anchang.commission.models import CommissionPlan, RuleStatus
from anchang.commission.money import HUNDRED
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole

KIND = "commission_plan"  # the approvals domain's kind


def check_stages(stages: list[schemas.PayoutStage]) -> None:
    """422 naming `stages` unless their shares add up to exactly 100 and their names differ."""
    total = sum((s.share for s in stages), Decimal(0))
    if total != HUNDRED:
        raise ValidationFailed({"stages": f"the stages' shares add up to {total}, not 100"})
    names = [s.name for s in stages]
    if len(set(names)) != len(names):
        raise ValidationFailed({"stages": "each stage needs a name of its own"})


async def propose_plan(
    session: AsyncSession, access: ProjectAccess, data: schemas.CommissionPlanCreate
) -> CommissionPlan:
    """A new version of the project's plan, waiting for a project manager's approval."""
    check_stages(data.stages)
    project_id = access.project.id
    # Versions are given out one at a time per project.
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(f"commission_plan:{project_id}", 0)))
    )
    plans = PlanRepository(session, access.principal)
    last = await session.scalar(
        plans.scoped()
        .with_only_columns(func.max(CommissionPlan.number))
        .where(CommissionPlan.project_id == project_id)
    )
    plan = CommissionPlan(
        id=uuid.uuid4(),
        organization_id=access.project.organization_id,
        project_id=project_id,
        number=(last or 0) + 1,
        effective_from=data.effective_from,
        status=RuleStatus.proposed,
        rates={grade: str(rate) for grade, rate in data.rates.model_dump().items()},
        # Dumped as the API writes them (decimal strings), as every JSONB amount is kept.
        fixed_amounts={k: v for k, v in data.fixed_amounts.model_dump().items() if v is not None},
        supervisor_override=data.supervisor_override,
        stages=[{"name": s.name, "share": str(s.share), "condition": s.condition.value} for s in data.stages],
        note=data.note,
        proposed_by=access.principal.user_id,
    )
    session.add(plan)
    await session.flush()
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=plan.id,
        required_role=ProjectRole.project_manager,
        title=f"酬金方案 v{plan.number} from {plan.effective_from}",
        summary={
            "number": plan.number,
            "effective_from": plan.effective_from.isoformat(),
            "rates": plan.rates,
            "supervisor_override": str(plan.supervisor_override) if plan.supervisor_override else None,
        },
        comment=data.note,
    )
    plan.approval_id = approval.id
    await session.flush()
    return plan


async def on_plan_decided(session: AsyncSession, approval: approvals.Approval, access: ProjectAccess) -> None:
    """The approvals domain's callback: the plan becomes approved, or rejected."""
    plan = await PlanRepository(session, access.principal).get(approval.subject_id, for_update=True)
    if plan.status is not RuleStatus.proposed:
        return
    approved = approval.status is approvals.ApprovalStatus.approved
    plan.status = RuleStatus.approved if approved else RuleStatus.rejected
    await session.flush()


def as_plan(row: CommissionPlan) -> Plan:
    """A stored plan as the engine takes it."""
    return Plan(
        id=row.id,
        version=row.number,
        effective_from=row.effective_from,
        rates={grade: Decimal(rate) for grade, rate in row.rates.items()},
        fixed={kind: Decimal(amount) for kind, amount in row.fixed_amounts.items()},
        supervisor_override=row.supervisor_override,
        stages=tuple(
            Stage(s["name"], Decimal(s["share"]), StageCondition(s["condition"])) for s in row.stages
        ),
    )


async def approved_plans(session: AsyncSession, access: ProjectAccess) -> list[Plan]:
    """The project's approved plans, oldest first (and those stages were settled under)."""
    rows = await session.scalars(
        PlanRepository(session, access.principal)
        .scoped()
        .where(CommissionPlan.project_id == access.project.id, CommissionPlan.status == RuleStatus.approved)
        .order_by(CommissionPlan.effective_from, CommissionPlan.number)
    )
    return [as_plan(row) for row in rows]
