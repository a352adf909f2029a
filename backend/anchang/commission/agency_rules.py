"""Agency-fee rules (代理费规则): proposed by the project manager, approved by the developer's rep through
the approvals domain (like a price list), in effect for deals contracted from their date. A deal keeps
the rule version it was earned under (the engine reads it from the settled lines)."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import service as approvals
from anchang.commission import schemas
from anchang.commission.agency_engine import FeeBase, FeeRule, Stage, StageCondition, Tier
from anchang.commission.models import AgencyFeeRule, RuleStatus
from anchang.commission.repository import AgencyFeeRuleRepository
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal

KIND = "agency_fee_rule"  # the approvals domain's kind
UNIT_KINDS = frozenset({"residence", "parking", "storage", "shop"})
HUNDRED = Decimal(100)


def _check(data: schemas.AgencyFeeRuleCreate) -> None:
    """422 naming the field for a rule that cannot be applied as written."""
    errors: dict[str, str] = {}
    if (data.rate is None) == (not data.tiers):
        errors["rate"] = "give either a flat rate or tiers, not both and not neither"
    if data.tiers:
        tiers = data.tiers
        if tiers[0].from_percent != 0:
            errors["tiers.0.from_percent"] = "the first tier starts at 0"
        for i, tier in enumerate(tiers):
            last = i == len(tiers) - 1
            if last and tier.to_percent is not None:
                errors[f"tiers.{i}.to_percent"] = "the last tier has no upper bound (null)"
            if not last:
                if tier.to_percent is None or tier.to_percent <= tier.from_percent:
                    errors[f"tiers.{i}.to_percent"] = "must be above from_percent"
                elif tiers[i + 1].from_percent != tier.to_percent:
                    errors[f"tiers.{i + 1}.from_percent"] = (
                        "must start where the tier before ends (no gap, no overlap)"
                    )
    if sum((s.share for s in data.stages), Decimal(0)) != HUNDRED:
        errors["stages"] = "the shares must add up to exactly 100"
    if len({s.name for s in data.stages}) != len(data.stages):
        errors["stages"] = "each stage needs its own name"
    for kind in data.fixed_amounts:
        if kind not in UNIT_KINDS:
            errors[f"fixed_amounts.{kind}"] = f"not a unit kind ({', '.join(sorted(UNIT_KINDS))})"
    if errors:
        raise ValidationFailed(errors)


def _tier(tier: schemas.TierIn) -> dict[str, str | None]:
    to = None if tier.to_percent is None else str(tier.to_percent)
    return {"from_percent": str(tier.from_percent), "to_percent": to, "rate": str(tier.rate)}


async def propose_rule(
    session: AsyncSession, access: ProjectAccess, data: schemas.AgencyFeeRuleCreate
) -> AgencyFeeRule:
    """A new rule version, waiting for the developer's rep's approval."""
    _check(data)
    repository = AgencyFeeRuleRepository(session, access.principal)
    latest = await session.scalar(
        repository.scoped()
        .where(AgencyFeeRule.project_id == access.project.id)
        .with_only_columns(func.max(AgencyFeeRule.number))
    )
    rule = AgencyFeeRule(
        id=uuid.uuid4(),
        organization_id=access.project.organization_id,
        project_id=access.project.id,
        number=(latest or 0) + 1,
        effective_from=data.effective_from,
        status=RuleStatus.proposed,
        base=data.base.value,
        rate=data.rate,
        tiers=[_tier(t) for t in data.tiers],
        premium_share=data.premium_share,
        fixed_amounts={kind: f"{amount:.2f}" for kind, amount in data.fixed_amounts.items()},
        stages=[{"name": s.name, "share": str(s.share), "condition": s.condition.value} for s in data.stages],
        note=data.note,
        proposed_by=access.principal.user_id,
    )
    session.add(rule)
    await session.flush()
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=rule.id,
        required_role=ProjectRole.developer_rep,
        title=f"代理费规则 v{rule.number}（{rule.effective_from} 起）",
        summary={
            "number": rule.number,
            "effective_from": rule.effective_from.isoformat(),
            "base": rule.base,
            "rate": None if rule.rate is None else str(rule.rate),
            "tiers": rule.tiers,
            "stages": rule.stages,
        },
        comment=data.note,
    )
    rule.approval_id = approval.id
    await session.flush()
    return rule


async def on_rule_decided(session: AsyncSession, approval: approvals.Approval, access: ProjectAccess) -> None:
    """The approvals domain's callback: the rule takes effect, or is rejected."""
    rule = await AgencyFeeRuleRepository(session, access.principal).get(approval.subject_id, for_update=True)
    approved = approval.status is approvals.ApprovalStatus.approved
    rule.status = RuleStatus.approved if approved else RuleStatus.rejected
    await session.flush()


def as_engine_rule(row: Any) -> FeeRule:
    """A stored rule (ORM row or read row) as the engine takes it."""
    return FeeRule(
        id=row.id,
        version=row.number,
        effective_from=row.effective_from,
        base=FeeBase(row.base),
        rate=row.rate,
        tiers=tuple(
            Tier(
                Decimal(t["from_percent"]),
                None if t["to_percent"] is None else Decimal(t["to_percent"]),
                Decimal(t["rate"]),
            )
            for t in row.tiers
        ),
        premium_share=row.premium_share,
        fixed={kind: Decimal(amount) for kind, amount in row.fixed_amounts.items()},
        stages=tuple(
            Stage(s["name"], Decimal(s["share"]), StageCondition(s["condition"])) for s in row.stages
        ),
    )


async def approved_rules(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> list[FeeRule]:
    """The project's approved rules as the engine takes them, in version order."""
    rows = await session.scalars(
        AgencyFeeRuleRepository(session, principal)
        .scoped()
        .where(AgencyFeeRule.project_id == project_id, AgencyFeeRule.status == RuleStatus.approved)
        .order_by(AgencyFeeRule.number)
    )
    return [as_engine_rule(row) for row in rows]


async def rules_by_id(session: AsyncSession, principal: Principal, ids: set[uuid.UUID]) -> list[FeeRule]:
    """Rules settled lines were earned under, whatever their status now."""
    if not ids:
        return []
    rows = await session.scalars(
        AgencyFeeRuleRepository(session, principal).scoped().where(AgencyFeeRule.id.in_(sorted(ids)))
    )
    return [as_engine_rule(row) for row in rows]
