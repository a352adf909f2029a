"""A month's plan of targets: its view (rows, names, teams, mismatches), edits of a draft, the equal
split, and its way to approval: draft → submitted → approved, or returned with a comment.

A plan that was never saved reads as its defaults (a row per current supervisor and consultant, the
customers settings' monthly broker-referral target per consultant); the first edit or submission
stores it. An approved plan never changes again.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from anchang.approvals import service as approvals
from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import Conflict, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.roles import ProjectRole
from anchang.customers import service as customers
from anchang.org import service as org
from anchang.targets import figures as fig
from anchang.targets import policy, schemas
from anchang.targets.models import PlanStatus, RowLevel, TargetPlan, TargetRow
from anchang.targets.repository import TargetPlanRepository, TargetRowRepository

KIND = "target_plan"  # the approvals domain's kind

Key = tuple[RowLevel, uuid.UUID | None]


class PlanLocked(Conflict):
    code, title = "plan_locked", "An approved plan of targets cannot change"


class PlanNotDraft(Conflict):
    code, title = "plan_not_draft", "The plan waits for approval: it cannot change until it is returned"


class PlanNotSubmitted(Conflict):
    code, title = "plan_not_submitted", "Only a submitted plan can be approved or returned"


@dataclass
class Rows:
    """A plan's rows by (level, user): what is stored, or the defaults of a plan not saved yet."""

    figures: dict[Key, fig.Figures] = field(default_factory=dict)

    def of(self, level: RowLevel) -> dict[uuid.UUID, fig.Figures]:
        return {user: f for (lvl, user), f in self.figures.items() if lvl is level and user is not None}

    @property
    def project(self) -> fig.Figures:
        return self.figures.get((RowLevel.project, None)) or fig.zero()


def _figures_of(row: Any) -> fig.Figures:
    return {m: getattr(row, m) for m in fig.METRICS}


async def find_plan(
    session: AsyncSession, access: ProjectAccess, month: date, *, for_update: bool = False
) -> TargetPlan | None:
    """The project's stored plan of `month` (its first day), if any."""
    statement = (
        TargetPlanRepository(session, access.principal)
        .scoped()
        .where(TargetPlan.project_id == access.project.id, TargetPlan.month == month)
    )
    if for_update:
        statement = statement.with_for_update()
    return await session.scalar(statement)


async def stored_rows(
    session: AsyncSession, access: ProjectAccess, plan_ids: list[uuid.UUID]
) -> list[TargetRow]:
    """The rows of these plans the caller may read (a consultant: the project's and their own)."""
    if not plan_ids:
        return []
    rows = await session.scalars(
        TargetRowRepository(session, access.principal).readable().where(TargetRow.plan_id.in_(plan_ids))
    )
    return list(rows)


def _referral_target(access: ProjectAccess) -> int:
    return customers.CustomerSettings.of(access.project.settings).referral_monthly_target


def default_rows(access: ProjectAccess, team: list[org.SalesMember]) -> Rows:
    """A new plan: each consultant owes the monthly referral target; teams and the project are the sums
    of their consultants, so a fresh plan shows no mismatch."""
    referrals = _referral_target(access)
    rows = Rows()
    consultants = [m for m in team if m.role is ProjectRole.consultant]
    for member in consultants:
        rows.figures[(RowLevel.consultant, member.user_id)] = {**fig.zero(), "broker_referrals": referrals}
    for member in team:
        if member.role is ProjectRole.supervisor:
            mine = [
                rows.figures[(RowLevel.consultant, c.user_id)]
                for c in consultants
                if c.supervisor_id == member.user_id
            ]
            rows.figures[(RowLevel.team, member.user_id)] = fig.total(mine)
    rows.figures[(RowLevel.project, None)] = fig.total(rows.of(RowLevel.consultant).values())
    return rows


def _with_newcomers(rows: Rows, access: ProjectAccess, team: list[org.SalesMember]) -> Rows:
    """A stored draft with a row for each supervisor or consultant who joined since it was saved."""
    defaults = default_rows(access, team)
    for key, figures in defaults.figures.items():
        if key[0] is not RowLevel.project and key not in rows.figures:
            rows.figures[key] = figures if key[0] is RowLevel.consultant else fig.zero()
    return rows


@dataclass
class Loaded:
    plan: TargetPlan | None
    rows: Rows
    team: list[org.SalesMember]


async def load(
    session: AsyncSession, access: ProjectAccess, month: date, *, for_update: bool = False
) -> Loaded:
    """The month's plan (None if never saved), every row the caller may read, and the sales team now."""
    team = await org.sales_team(session, access.principal, access.project.id)
    plan = await find_plan(session, access, month, for_update=for_update)
    if plan is None:
        rows = default_rows(access, team)
    else:
        rows = Rows(
            {(r.level, r.user_id): _figures_of(r) for r in await stored_rows(session, access, [plan.id])}
        )
        if plan.status in policy.EDITABLE:
            rows = _with_newcomers(rows, access, team)
    if not policy.sees_every_row(access.role):
        me = access.principal.user_id
        rows = Rows(
            {
                k: v
                for k, v in rows.figures.items()
                if k[0] is RowLevel.project or k == (RowLevel.consultant, me)
            }
        )
    return Loaded(plan, rows, team)


async def plan_view(session: AsyncSession, access: ProjectAccess, month: date) -> schemas.TargetPlan:
    """The month's plan as the caller may see it, with what they may do and the mismatches."""
    return await _view(session, access, month, await load(session, access, month))


async def _view(
    session: AsyncSession, access: ProjectAccess, month: date, loaded: Loaded
) -> schemas.TargetPlan:
    plan, rows = loaded.plan, loaded.rows
    status = plan.status if plan else PlanStatus.draft
    row_actions = policy.row_actions(status, access.role)
    names = {m.user_id: m.full_name for m in loaded.team}
    teams_of = {m.user_id: m.supervisor_id for m in loaded.team}
    missing = {u for (_, u) in rows.figures if u is not None and u not in names}
    names.update(await org.user_names(session, access.principal, missing))
    consultants = rows.of(RowLevel.consultant)
    teams = [
        {
            **figures,
            "supervisor_id": sup,
            "name": names.get(sup),
            "allowed_actions": row_actions,
            "mismatch": fig.mismatch([f for c, f in consultants.items() if teams_of.get(c) == sup], figures),
        }
        for sup, figures in sorted(
            rows.of(RowLevel.team).items(), key=lambda kv: (names.get(kv[0]) or "", kv[0])
        )
    ]
    shown_consultants = [
        {
            **figures,
            "user_id": user,
            "name": names.get(user),
            "supervisor_id": teams_of.get(user),
            "allowed_actions": row_actions,
        }
        for user, figures in sorted(consultants.items(), key=lambda kv: (names.get(kv[0]) or "", kv[0]))
    ]
    mismatch = None
    if policy.sees_every_row(access.role):
        mismatch = {
            "teams": fig.mismatch(rows.of(RowLevel.team).values(), rows.project),
            "consultants": fig.mismatch(consultants.values(), rows.project),
        }
    return schemas.TargetPlan.model_validate(
        {
            "project_id": access.project.id,
            "month": month,
            "stored": plan is not None,
            "status": status,
            "version": plan.version if plan else 0,
            "submitted_at": plan.submitted_at if plan else None,
            "submitted_late": plan.submitted_late if plan else False,
            "decided_at": plan.decided_at if plan else None,
            "return_comment": plan.return_comment if plan else None,
            "approval_id": plan.approval_id if plan else None,
            "allowed_actions": policy.plan_actions(status, access.role),
            "project": {**rows.project, "allowed_actions": row_actions},
            "teams": teams,
            "consultants": shown_consultants,
            "mismatch": mismatch,
        }
    )


# --- changes -------------------------------------------------------------------------------------


def _check_editable(plan: TargetPlan | None) -> None:
    if plan is None or plan.status in policy.EDITABLE:
        return
    if plan.status is PlanStatus.approved:
        raise PlanLocked(f"The plan of {plan.month:%Y-%m} is approved")
    raise PlanNotDraft(f"The plan of {plan.month:%Y-%m} is {plan.status.value}")


async def _lock_month(session: AsyncSession, access: ProjectAccess, month: date) -> None:
    # Two first saves of the same month wait for each other instead of one failing on the unique key.
    key = f"target_plan:{access.project.id}:{month:%Y-%m}"
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


async def _stored_plan(
    session: AsyncSession, access: ProjectAccess, month: date, expected: int | None
) -> tuple[TargetPlan, Loaded]:
    """The month's plan locked for a change, created (from its defaults) if it was never saved."""
    await _lock_month(session, access, month)
    loaded = await load(session, access, month, for_update=True)
    plan = loaded.plan
    check_version(expected, plan.version if plan else 0)
    _check_editable(plan)
    if plan is None:
        plan = TargetPlan(
            id=uuid.uuid4(),
            organization_id=access.project.organization_id,
            project_id=access.project.id,
            month=month,
            status=PlanStatus.draft,
            submitted_late=False,
        )
        session.add(plan)
        await session.flush()
        await _write_rows(session, access, plan, loaded.rows)
        loaded.plan = plan
    return plan, loaded


def _validate(data: schemas.TargetPlanUpdate, team: list[org.SalesMember]) -> Rows:
    """The rows asked for, each naming a supervisor or consultant of the project, once (422 naming the
    field otherwise)."""
    supervisors = {m.user_id for m in team if m.role is ProjectRole.supervisor}
    consultants = {m.user_id for m in team if m.role is ProjectRole.consultant}
    rows = Rows({(RowLevel.project, None): data.project.model_dump(include=set(fig.METRICS))})
    for i, t in enumerate(data.teams):
        if t.supervisor_id not in supervisors:
            raise ValidationFailed({f"teams.{i}.supervisor_id": "not a supervisor of this project"})
        if (RowLevel.team, t.supervisor_id) in rows.figures:
            raise ValidationFailed({f"teams.{i}.supervisor_id": "this team has a row already"})
        rows.figures[(RowLevel.team, t.supervisor_id)] = t.model_dump(include=set(fig.METRICS))
    for i, c in enumerate(data.consultants):
        if c.user_id not in consultants:
            raise ValidationFailed({f"consultants.{i}.user_id": "not a consultant of this project"})
        if (RowLevel.consultant, c.user_id) in rows.figures:
            raise ValidationFailed({f"consultants.{i}.user_id": "this consultant has a row already"})
        rows.figures[(RowLevel.consultant, c.user_id)] = c.model_dump(include=set(fig.METRICS))
    return rows


async def _write_rows(session: AsyncSession, access: ProjectAccess, plan: TargetPlan, rows: Rows) -> None:
    """Make the plan's stored rows exactly `rows`: changed ones updated, new ones added, others removed."""
    existing = {
        (r.level, r.user_id): r
        for r in await session.scalars(
            TargetRowRepository(session, access.principal).scoped().where(TargetRow.plan_id == plan.id)
        )
    }
    for key, figures in rows.figures.items():
        row = existing.pop(key, None)
        if row is None:
            session.add(
                TargetRow(
                    id=uuid.uuid4(),
                    organization_id=plan.organization_id,
                    project_id=plan.project_id,
                    plan_id=plan.id,
                    level=key[0],
                    user_id=key[1],
                    **figures,
                )
            )
        else:
            for m in fig.METRICS:
                if getattr(row, m) != figures[m]:
                    setattr(row, m, figures[m])
    for row in existing.values():
        await session.delete(row)
    await session.flush()


def _touch(plan: TargetPlan) -> None:
    # Any change of its rows is a new version of the plan (its ETag), although the plan row is unchanged.
    flag_modified(plan, "status")


async def set_rows(
    session: AsyncSession,
    access: ProjectAccess,
    month: date,
    data: schemas.TargetPlanUpdate,
    expected: int | None,
) -> schemas.TargetPlan:
    """Replace every row of the month's draft (creating it if need be)."""
    plan, loaded = await _stored_plan(session, access, month, expected)
    loaded.rows = _validate(data, loaded.team)
    await _write_rows(session, access, plan, loaded.rows)
    _touch(plan)
    await session.flush()
    return await plan_view(session, access, month)


async def split_equally(
    session: AsyncSession, access: ProjectAccess, month: date, expected: int | None
) -> schemas.TargetPlan:
    """Spread the project's row over the plan's consultants equally (counts by the largest remainder,
    money to the fen), and make each team's row the sum of its consultants': every part adds up."""
    plan, loaded = await _stored_plan(session, access, month, expected)
    rows = loaded.rows
    consultants = sorted(rows.of(RowLevel.consultant))
    shares = dict(zip(consultants, fig.split(rows.project, len(consultants)), strict=True))
    teams_of = {m.user_id: m.supervisor_id for m in loaded.team}
    split = Rows({(RowLevel.project, None): rows.project})
    for user, figures in shares.items():
        split.figures[(RowLevel.consultant, user)] = figures
    for sup in rows.of(RowLevel.team):
        split.figures[(RowLevel.team, sup)] = fig.total(
            f for u, f in shares.items() if teams_of.get(u) == sup
        )
    await _write_rows(session, access, plan, split)
    _touch(plan)
    await session.flush()
    return await plan_view(session, access, month)


async def submit(
    session: AsyncSession, access: ProjectAccess, month: date, expected: int | None, comment: str | None
) -> schemas.TargetPlan:
    """Send the draft for a project manager's approval. Before the month begins it is on time; later it
    is still taken, marked `submitted_late`."""
    plan, loaded = await _stored_plan(session, access, month, expected)
    await _write_rows(session, access, plan, loaded.rows)  # with any newcomer's default row
    plan.status = PlanStatus.submitted
    plan.submitted_at = await session.scalar(select(func.now()))
    plan.submitted_by = access.principal.user_id
    plan.submitted_late = today_in(access) >= month
    plan.return_comment = None
    project = loaded.rows.project
    approval = await approvals.request_approval(
        session,
        access,
        kind=KIND,
        subject_id=plan.id,
        required_role=ProjectRole.project_manager,
        title=f"目标计划 {month:%Y-%m}" + ("（逾期提交）" if plan.submitted_late else ""),
        summary={
            "month": f"{month:%Y-%m}",
            "submitted_late": plan.submitted_late,
            **{m: str(project[m]) for m in fig.METRICS},
        },
        comment=comment,
    )
    plan.approval_id = approval.id
    await session.flush()
    return await plan_view(session, access, month)


async def on_plan_decided(session: AsyncSession, approval: approvals.Approval, access: ProjectAccess) -> None:
    """The approvals domain's callback: the plan becomes approved, or returned to its author as a draft
    with the decider's comment."""
    plan = await TargetPlanRepository(session, access.principal).get(approval.subject_id, for_update=True)
    if plan.status is not PlanStatus.submitted:
        return
    approved = approval.status is approvals.ApprovalStatus.approved
    plan.status = PlanStatus.approved if approved else PlanStatus.returned
    plan.decided_at = approval.decided_at
    plan.decided_by = approval.decided_by
    plan.return_comment = None if approved else approval.decision_comment
    await session.flush()


async def decide(
    session: AsyncSession, access: ProjectAccess, month: date, *, approve: bool, comment: str | None
) -> schemas.TargetPlan:
    """Approve or return the submitted plan from its own page: the same decision as in the inbox."""
    plan = await find_plan(session, access, month)
    if plan is None or plan.status is not PlanStatus.submitted:
        if plan is not None and plan.status is PlanStatus.approved:
            raise PlanLocked(f"The plan of {month:%Y-%m} is approved already")
        raise PlanNotSubmitted(f"The plan of {month:%Y-%m} has not been submitted")
    approval = await approvals.pending_request(session, access.principal, kind=KIND, subject_id=plan.id)
    if approval is None:
        raise PlanNotSubmitted("The plan waits for no decision")
    await approvals.decide(session, approval, access, approve=approve, comment=comment)
    session.expire(plan)
    return await plan_view(session, access, month)


def default_month(access: ProjectAccess) -> date:
    """Next month in the project's calendar: the plan a supervisor prepares now."""
    return fig.next_month(today_in(access).replace(day=1))
