"""The targets domain as other domains see it (reports, dashboards): each month's targets per project,
team and consultant, as plain dataclasses; and what `main.py` wires into approvals.

The rules live in `plans` (a month's plan and its approval), `periods` (weeks, quarters, years) and
`figures` (the arithmetic); who may do what in `policy`.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.security import Principal
from anchang.org import service as org
from anchang.targets import figures as fig
from anchang.targets.models import PlanStatus, RowLevel
from anchang.targets.periods import plans_of
from anchang.targets.plans import KIND, PlanLocked, PlanNotDraft, PlanNotSubmitted, on_plan_decided

__all__ = [
    "KIND",
    "MonthTargets",
    "PlanLocked",
    "PlanNotDraft",
    "PlanNotSubmitted",
    "PlanStatus",
    "Targets",
    "month_targets",
    "on_plan_decided",
]


@dataclass(frozen=True)
class Targets:
    """One row's figures: counts as ints, money in yuan."""

    units_subscribed: int = 0
    amount_subscribed: Decimal = Decimal(0)
    units_contracted: int = 0
    amount_contracted: Decimal = Decimal(0)
    amount_collected: Decimal = Decimal(0)
    first_visits: int = 0
    new_customers: int = 0
    broker_referrals: int = 0


@dataclass(frozen=True)
class MonthTargets:
    """A month's targets: `status` None when the month has no plan (then every figure is nought)."""

    month: date
    status: PlanStatus | None
    project: Targets
    teams: dict[uuid.UUID, Targets] = field(default_factory=dict)  # by supervisor
    consultants: dict[uuid.UUID, Targets] = field(default_factory=dict)


async def month_targets(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, first_month: date, last_month: date
) -> list[MonthTargets]:
    """The targets of each month from `first_month` to `last_month` (inclusive, any day of them), as
    the caller may read them: a consultant gets the project's figures and their own only."""
    access = await org.project_access(session, principal, project_id)
    months, month = [], first_month.replace(day=1)
    while month <= last_month:
        months.append(month)
        month = fig.next_month(month)
    return await _months(session, access, months)


async def _months(session: AsyncSession, access: ProjectAccess, months: list[date]) -> list[MonthTargets]:
    plans = await plans_of(session, access, months)
    out = []
    for month in months:
        if month not in plans:
            out.append(MonthTargets(month, None, Targets()))
            continue
        plan, rows = plans[month]
        by_level: dict[RowLevel, dict[uuid.UUID, Targets]] = {RowLevel.team: {}, RowLevel.consultant: {}}
        project = Targets()
        for (level, user), figures in rows.items():
            if level is RowLevel.project:
                project = Targets(**figures)  # type: ignore[arg-type]
            elif user is not None:
                by_level[level][user] = Targets(**figures)  # type: ignore[arg-type]
        out.append(
            MonthTargets(month, plan.status, project, by_level[RowLevel.team], by_level[RowLevel.consultant])
        )
    return out
