"""HTTP of targets (目标): a month's plan, its edits and its way to approval, derived periods, and the
plan as a workbook."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from anchang.approvals.service import ApprovalAlreadyRequested, ApprovalNotPending
from anchang.core.access import ProjectAccess, project_role
from anchang.core.db import SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.routing import AppRoute
from anchang.core.schemas import SaneDate, SaneMonth
from anchang.org.service import ProjectNotFound
from anchang.targets import periods, plans, policy, schemas
from anchang.targets.export import plan_workbook

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["targets"]
)

# Every role of the project reads (policy.READERS); what a consultant sees is narrowed to their own row.
Readers = Annotated[ProjectAccess, Depends(project_role())]
Writers = Annotated[ProjectAccess, Depends(project_role(*policy.WRITERS))]
Approvers = Annotated[ProjectAccess, Depends(project_role(*policy.APPROVERS))]

Month = Annotated[
    SaneMonth | None, Query(description="YYYY-MM; by default next month in the project's calendar")
]
ON_PROJECT = responses(ProjectNotFound, Forbidden)
CHANGE = responses(ProjectNotFound, Forbidden, PreconditionFailed, plans.PlanLocked, plans.PlanNotDraft)


def _month(access: ProjectAccess, month: date | None) -> date:
    return month or plans.default_month(access)


def _shown(response: Response, plan: schemas.TargetPlan) -> schemas.TargetPlan:
    set_etag(response, plan.version)
    return plan


@router.get(
    "/projects/{project_id}/targets",
    responses=ON_PROJECT,
    summary="A month's plan of targets (rows, mismatches, actions), or with `period` and `start` the "
    "targets of a week, month, quarter or year derived from the monthly plans",
    response_model=schemas.TargetsView,
)
async def get_targets(
    session: SessionDep,
    access: Readers,
    response: Response,
    month: Month = None,
    period: Annotated[Literal["week", "month", "quarter", "year"] | None, Query()] = None,
    start: Annotated[
        SaneDate | None, Query(description="YYYY-MM-DD: the week's first day, or a day of the period")
    ] = None,
) -> schemas.TargetPlan | schemas.TargetPeriod:
    if period is None:
        if start is not None:
            raise ValidationFailed({"period": "name the period that `start` opens"})
        return _shown(response, await plans.plan_view(session, access, _month(access, month)))
    if month is not None:
        raise ValidationFailed({"month": "ask for a month, or for a period and its start, not both"})
    if start is None:
        raise ValidationFailed({"start": "required with `period`"})
    return await periods.period_view(session, access, period, start)


@router.put(
    "/projects/{project_id}/targets",
    responses=CHANGE,
    summary="Set every row of the month's draft (rows left out are removed); If-Match the plan's ETag",
    response_model=schemas.TargetPlan,
)
async def set_targets(
    session: SessionDep,
    access: Writers,
    body: schemas.TargetPlanUpdate,
    response: Response,
    month: Month = None,
    if_match: IfMatch = None,
) -> schemas.TargetPlan:
    plan = await plans.set_rows(session, access, _month(access, month), body, expected_version(if_match))
    return _shown(response, plan)


@router.post(
    "/projects/{project_id}/targets/split",
    responses=CHANGE,
    summary="Spread the project's figures over the consultants equally (counts by largest remainder, "
    "money to the fen); each team's row becomes its consultants' sum",
    response_model=schemas.TargetPlan,
)
async def split_targets(
    session: SessionDep, access: Writers, response: Response, month: Month = None, if_match: IfMatch = None
) -> schemas.TargetPlan:
    plan = await plans.split_equally(session, access, _month(access, month), expected_version(if_match))
    return _shown(response, plan)


@router.post(
    "/projects/{project_id}/targets/submit",
    responses=responses(
        ProjectNotFound,
        Forbidden,
        PreconditionFailed,
        plans.PlanLocked,
        plans.PlanNotDraft,
        ApprovalAlreadyRequested,
    ),
    summary="Send the month's draft for a project manager's approval (late once the month has begun: "
    "accepted, marked `submitted_late`)",
    response_model=schemas.TargetPlan,
)
async def submit_targets(
    session: SessionDep,
    access: Writers,
    response: Response,
    body: schemas.TargetPlanComment | None = None,
    month: Month = None,
    if_match: IfMatch = None,
) -> schemas.TargetPlan:
    comment = body.comment if body else None
    plan = await plans.submit(session, access, _month(access, month), expected_version(if_match), comment)
    return _shown(response, plan)


@router.post(
    "/projects/{project_id}/targets/approve",
    responses=responses(
        ProjectNotFound, Forbidden, plans.PlanLocked, plans.PlanNotSubmitted, ApprovalNotPending
    ),
    summary="Approve the submitted plan (as its request in the approvals inbox does): it is locked then",
    response_model=schemas.TargetPlan,
)
async def approve_targets(
    session: SessionDep,
    access: Approvers,
    response: Response,
    body: schemas.TargetPlanComment | None = None,
    month: Month = None,
) -> schemas.TargetPlan:
    comment = body.comment if body else None
    plan = await plans.decide(session, access, _month(access, month), approve=True, comment=comment)
    return _shown(response, plan)


@router.post(
    "/projects/{project_id}/targets/return",
    responses=responses(
        ProjectNotFound, Forbidden, plans.PlanLocked, plans.PlanNotSubmitted, ApprovalNotPending
    ),
    summary="Return the submitted plan to its authors as a draft, with a comment saying why",
    response_model=schemas.TargetPlan,
)
async def return_targets(
    session: SessionDep,
    access: Approvers,
    body: schemas.TargetPlanReturn,
    response: Response,
    month: Month = None,
) -> schemas.TargetPlan:
    plan = await plans.decide(session, access, _month(access, month), approve=False, comment=body.comment)
    return _shown(response, plan)


@router.get(
    "/projects/{project_id}/targets.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The month's plan as a workbook"}, **ON_PROJECT},
    summary="The month's plan as a workbook: the rows the caller may read and the mismatches",
)
async def targets_workbook(session: SessionDep, access: Readers, month: Month = None) -> Response:
    first = _month(access, month)
    content = plan_workbook(await plans.plan_view(session, access, first), access.project.name)
    filename = f"targets-{access.project.code}-{first:%Y%m}.xlsx"
    return attachment(content, filename)
