"""Targets of a week, month, quarter or year, derived from the monthly plans: whole months summed, a
week taking each month's share of its days. Every stored plan counts, whatever its state (a draft is the
best figure there is until it is approved); a month without a plan counts as nought."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.org import service as org
from anchang.targets import figures as fig
from anchang.targets import policy, schemas
from anchang.targets.models import RowLevel, TargetPlan
from anchang.targets.plans import stored_rows
from anchang.targets.repository import TargetPlanRepository

SHARE = Decimal("0.0001")


async def plans_of(
    session: AsyncSession, access: ProjectAccess, months: list[date]
) -> dict[date, tuple[TargetPlan, dict[tuple[RowLevel, uuid.UUID | None], fig.Figures]]]:
    """The stored plans of these months with the rows the caller may read."""
    plans = list(
        await session.scalars(
            TargetPlanRepository(session, access.principal)
            .scoped()
            .where(TargetPlan.project_id == access.project.id, TargetPlan.month.in_(months))
        )
    )
    by_plan: dict[uuid.UUID, dict[tuple[RowLevel, uuid.UUID | None], fig.Figures]] = {p.id: {} for p in plans}
    for row in await stored_rows(session, access, [p.id for p in plans]):
        by_plan[row.plan_id][(row.level, row.user_id)] = {m: getattr(row, m) for m in fig.METRICS}
    return {p.month: (p, by_plan[p.id]) for p in plans}


async def period_view(
    session: AsyncSession, access: ProjectAccess, period: str, start: date
) -> schemas.TargetPeriod:
    """The period's targets per project, team and consultant, with the mismatches of the parts."""
    first, last = fig.period_bounds(period, start)
    shares = fig.month_shares(first, last)
    plans = await plans_of(session, access, sorted(shares))
    keys: set[tuple[RowLevel, uuid.UUID | None]] = {(RowLevel.project, None)}
    for _, rows in plans.values():
        keys |= rows.keys()

    def derived(key: tuple[RowLevel, uuid.UUID | None]) -> dict[str, Decimal]:
        parts = [(rows.get(key, fig.zero()), shares[month]) for month, (_, rows) in plans.items()]
        return fig.derive(parts)

    team = await org.sales_team(session, access.principal, access.project.id)
    names = {m.user_id: m.full_name for m in team}
    teams_of = {m.user_id: m.supervisor_id for m in team}
    missing = {u for _, u in keys if u is not None and u not in names}
    names.update(await org.user_names(session, access.principal, missing))
    figures = {key: derived(key) for key in keys}
    teams = sorted(
        (u for lvl, u in keys if lvl is RowLevel.team and u), key=lambda u: (names.get(u) or "", u)
    )
    consultants = sorted(
        (u for lvl, u in keys if lvl is RowLevel.consultant and u), key=lambda u: (names.get(u) or "", u)
    )
    project = figures[(RowLevel.project, None)]
    mismatch: dict[str, Any] | None = None
    if policy.sees_every_row(access.role):
        mismatch = {
            "teams": fig.mismatch([figures[(RowLevel.team, u)] for u in teams], project),
            "consultants": fig.mismatch([figures[(RowLevel.consultant, u)] for u in consultants], project),
        }
    return schemas.TargetPeriod.model_validate(
        {
            "project_id": access.project.id,
            "period": period,
            "start": first,
            "end": last,
            "derived": period != "month",
            "months": [
                {
                    "month": month,
                    "status": plans[month][0].status if month in plans else None,
                    "share": share.quantize(SHARE),
                }
                for month, share in sorted(shares.items())
            ],
            "project": project,
            "teams": [
                {**figures[(RowLevel.team, u)], "supervisor_id": u, "name": names.get(u)} for u in teams
            ],
            "consultants": [
                {
                    **figures[(RowLevel.consultant, u)],
                    "user_id": u,
                    "name": names.get(u),
                    "supervisor_id": teams_of.get(u),
                }
                for u in consultants
            ],
            "mismatch": mismatch,
        }
    )
