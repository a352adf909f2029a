"""Demo commission of the consultants: graded consultants, an approved plan, a reward and a penalty of
last month, and last month's statements computed by the statements service — c1's and c2's submitted and
approved — then this month's drafts, with the demo deals' stages and the supervisor's override."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission import consultant_statements as statements
from anchang.commission.models import CommissionPlan, EntryStatus, RewardPenalty, RuleStatus
from anchang.core.access import ProjectAccess
from anchang.core.calendar import local_today
from anchang.core.membership import ProjectMember
from anchang.core.security import Principal
from anchang.org.service import project_access

GRADES = {"c1": "mid", "c2": "junior"}
PLAN_RATES = {"trainee": "0.1000", "junior": "0.1500", "mid": "0.2000", "senior": "0.3000"}
STAGES = [
    {"name": "签约", "share": "50.00", "condition": "contracted"},
    {"name": "回款", "share": "50.00", "condition": "fully_paid_or_loan"},
]


def this_month(timezone: str) -> date:
    return local_today(timezone).replace(day=1)


def last_month(timezone: str) -> date:
    first = this_month(timezone)
    return (
        first.replace(year=first.year - 1, month=12)
        if first.month == 1
        else first.replace(month=first.month - 1)
    )


async def _access(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, user_id: uuid.UUID
) -> ProjectAccess:
    principal = Principal(
        user_id=user_id, organization_id=organization_id, is_admin=False, session_id=uuid.uuid4()
    )
    return await project_access(session, principal, project_id)


async def seed_consultant_commission(
    session: AsyncSession, organization_id: uuid.UUID, project_id: uuid.UUID, users: dict[str, uuid.UUID]
) -> None:
    """Seed the project's consultant commission; `users` maps "c1@<org slug>" (and "c2", "sup", "sm", "pm")
    to user ids, as `anchang.demo.seed` collects them. Run after the deals are seeded."""
    slug = next((k[4:] for k, v in users.items() if k.startswith("org_") and v == organization_id), None)
    who = {local: users.get(f"{local}@{slug}") for local in ("c1", "c2", "sup", "sm", "pm")}
    if any(v is None for v in who.values()):
        return
    ids = {k: v for k, v in who.items() if v is not None}
    for local, grade in GRADES.items():
        member = await session.scalar(
            select(ProjectMember).where(
                ProjectMember.project_id == project_id, ProjectMember.user_id == ids[local]
            )
        )
        if member is not None:
            member.grade = grade
    session.add(
        CommissionPlan(
            organization_id=organization_id,
            project_id=project_id,
            number=1,
            effective_from=date(2020, 1, 1),
            status=RuleStatus.approved,
            rates=PLAN_RATES,
            fixed_amounts={"parking": "500.00"},
            supervisor_override=Decimal("0.0500"),
            stages=STAGES,
            note="2026 年度酬金方案",
            proposed_by=ids["pm"],
        )
    )
    sup = await _access(session, organization_id, project_id, ids["sup"])
    month = last_month(sup.project.timezone)
    for local, amount, category, reason in (
        ("c1", Decimal("1000.00"), "top_seller", "上月销冠"),
        ("c2", Decimal("-200.00"), "lateness", "迟到两次"),
    ):
        session.add(
            RewardPenalty(
                organization_id=organization_id,
                project_id=project_id,
                consultant_id=ids[local],
                month=month,
                amount=amount,
                category=category,
                reason=reason,
                status=EntryStatus.approved,
                proposed_by=ids["sup"],
            )
        )
    await session.flush()
    made = await statements.compute(session, sup, month)
    sm = await _access(session, organization_id, project_id, ids["sm"])
    for statement in made:
        if statement.consultant_id in (ids["c1"], ids["c2"]):
            await statements.submit(session, sup, statement)
            await statements.approve(session, sm, statement)
    # The demo's deals were recorded as contracted today (deals.demo), so their stages fall in this
    # month: its drafts show the deal lines, the override and what last month's approval settled.
    await statements.compute(session, sup, this_month(sup.project.timezone))
