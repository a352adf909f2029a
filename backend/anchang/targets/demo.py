"""Demo targets: c1 and c2 in the supervisor's team; last month's and this month's plans approved (split
equally), next month's a draft whose consultants do not yet add up to the project, so the page shows a
mismatch to resolve."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import local_today, now_utc
from anchang.core.membership import ProjectMember
from anchang.core.security import Principal
from anchang.org.service import project_access
from anchang.targets import plans, schemas
from anchang.targets.figures import next_month
from anchang.targets.models import PlanStatus

PROJECT: dict[str, int | Decimal] = {
    "units_subscribed": 12,
    "amount_subscribed": Decimal("36000000.00"),
    "units_contracted": 10,
    "amount_contracted": Decimal("30000000.00"),
    "amount_collected": Decimal("24000000.00"),
    "first_visits": 240,
    "new_customers": 120,
    "broker_referrals": 8,
}


async def seed_targets(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, ids: dict[str, uuid.UUID]
) -> None:
    slug = next(
        k.removeprefix("org_") for k, v in ids.items() if k.startswith("org_") and v == organization_id
    )
    supervisor, c1, c2 = ids[f"sup@{slug}"], ids[f"c1@{slug}"], ids[f"c2@{slug}"]
    await session.execute(
        update(ProjectMember)
        .where(ProjectMember.project_id == project_id, ProjectMember.user_id.in_([c1, c2]))
        .values(supervisor_id=supervisor)
    )
    principal = Principal(
        user_id=ids[f"pm@{slug}"], organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
    )
    access = await project_access(session, principal, project_id)
    this = local_today(access.project.timezone).replace(day=1)
    last = (this - timedelta(days=1)).replace(day=1)
    for month in (last, this):
        await plans.set_rows(
            session, access, month, schemas.TargetPlanUpdate.model_validate({"project": PROJECT}), None
        )
        await plans.split_equally(session, access, month, None)
        await _approved(session, access, month, supervisor, principal.user_id)
    # Next month: more contracts asked of the project than the consultants' rows yet promise.
    whole = {**PROJECT, "units_contracted": 12, "amount_contracted": Decimal("36000000.00")}
    half = {key: value // 2 for key, value in PROJECT.items()}
    draft = schemas.TargetPlanUpdate.model_validate(
        {
            "project": whole,
            "teams": [{"supervisor_id": supervisor, **whole}],
            "consultants": [{"user_id": c1, **half}, {"user_id": c2, **half}],
        }
    )
    await plans.set_rows(session, access, next_month(this), draft, None)


async def _approved(
    session: AsyncSession, access: ProjectAccess, month: date, by: uuid.UUID, approver: uuid.UUID
) -> None:
    """Mark a demo plan sent on time and approved, as if it had gone through the inbox back then."""
    plan = await plans.find_plan(session, access, month)
    assert plan is not None
    at = now_utc()
    plan.status, plan.submitted_by, plan.submitted_at, plan.submitted_late = (
        PlanStatus.approved,
        by,
        at,
        False,
    )
    plan.decided_by, plan.decided_at = approver, at
    await session.flush()
