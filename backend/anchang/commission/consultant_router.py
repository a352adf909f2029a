"""HTTP of the consultants' commission (酬金, 奖罚): plans, deal credits, rewards and penalties, and the
monthly statements with their lines and state actions."""

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals.service import ApprovalAlreadyRequested
from anchang.commission import consultant_credits as credits
from anchang.commission import consultant_plans as plans
from anchang.commission import consultant_policy
from anchang.commission import consultant_reads as reads
from anchang.commission import consultant_rewards as rewards
from anchang.commission import consultant_schemas as schemas
from anchang.commission import consultant_statements as statements
from anchang.commission.consultant_reads import (
    StatementNotFound,
    StatementRepository,
    StatementViewRepository,
)
from anchang.commission.models import CommissionStatement, CommissionStatementStatus
from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.roles import MANAGEMENT, SUPERVISORS_AND_ABOVE, ProjectRole
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page, SaneMonth
from anchang.deals import service as deals
from anchang.deals.service import DealNotFound
from anchang.org.service import ProjectNotFound

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["commission"]
)

R = ProjectRole
# Everyone of the agency's side; developer reps have no business with the consultants' pay.
PAYROLL = (*SUPERVISORS_AND_ABOVE, R.consultant, R.finance)
Payroll = Annotated[ProjectAccess, Depends(project_role(*PAYROLL))]
Managers = Annotated[ProjectAccess, Depends(project_role(*MANAGEMENT))]
Supervisors = Annotated[ProjectAccess, Depends(project_role(*SUPERVISORS_AND_ABOVE))]
DealRead = Annotated[Authorized[Row], Depends(entity_role(deals.DealRepository, *PAYROLL, path="deal_id"))]
DealForSellers = Annotated[
    Authorized[Any],
    Depends(entity_role(deals.DealRepository, *SUPERVISORS_AND_ABOVE, R.consultant, path="deal_id")),
]
StatementRead = Annotated[
    Authorized[Row], Depends(entity_role(StatementViewRepository, *PAYROLL, path="commission_statement_id"))
]


def _statement(*roles: ProjectRole) -> object:
    return Depends(entity_role(StatementRepository, *roles, path="commission_statement_id"))


ForSubmit = Annotated[Authorized[CommissionStatement], _statement(*consultant_policy.SUBMITTERS)]
ForApproval = Annotated[Authorized[CommissionStatement], _statement(*consultant_policy.APPROVERS)]
ForPayment = Annotated[Authorized[CommissionStatement], _statement(*consultant_policy.PAYERS)]

ON_PROJECT = responses(ProjectNotFound, Forbidden)
ON_DEAL = responses(DealNotFound, Forbidden)
ON_STATEMENT = responses(StatementNotFound, Forbidden)
TRANSITION = responses(
    StatementNotFound, Forbidden, statements.StatementLocked, statements.StatementStatusConflict
)


# --- plans --------------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/commission-plans",
    responses=ON_PROJECT,
    summary="The project's commission plans (酬金方案), every version with its approval state",
    response_model=Page[schemas.CommissionPlan],
)
async def list_commission_plans(reader: ReaderDep, access: Payroll, page: PageDep) -> Response:
    items, cursor = await reads.list_plans(reader, access, page)
    return answer(Page[schemas.CommissionPlan], {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/commission-plans",
    status_code=201,
    responses=responses(ProjectNotFound, Forbidden),
    summary="Propose a new plan version: rates per grade, fixed amounts, override, payout stages "
    "(a project manager approves it)",
    response_model=schemas.CommissionPlan,
)
async def propose_commission_plan(
    session: SessionDep, access: Managers, body: schemas.CommissionPlanCreate
) -> schemas.CommissionPlan:
    plan = await plans.propose_plan(session, access, body)
    return schemas.CommissionPlan.model_validate(plan, from_attributes=True)


# --- deal credits -------------------------------------------------------------------------------


@router.get(
    "/deals/{deal_id}/credits",
    responses=ON_DEAL,
    summary="Who shares the deal's commission (by default its consultant, 100 %), and any proposal",
    response_model=schemas.DealCredits,
)
async def get_deal_credits(reader: ReaderDep, deal: DealRead) -> Response:
    view = await reads.deal_credits(reader, deal.access, deal.entity)
    return answer(schemas.DealCredits, view)


@router.post(
    "/deals/{deal_id}/credits",
    status_code=201,
    responses=responses(DealNotFound, Forbidden, ApprovalAlreadyRequested),
    summary="Propose new credits (shares add up to exactly 100; each a consultant of the project): "
    "a site manager approves, and they replace the credits in effect",
    response_model=schemas.DealCredits,
)
async def propose_deal_credits(
    session: SessionDep, deal: DealForSellers, body: schemas.DealCreditsChange
) -> schemas.DealCredits:
    view = await credits.propose_credits(session, deal.access, deal.entity, body)
    return schemas.DealCredits.model_validate(view)


# --- rewards and penalties ----------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/rewards-penalties",
    responses=ON_PROJECT,
    summary="Rewards and penalties (奖罚) the caller may see (a consultant: their own)",
    response_model=Page[schemas.RewardPenalty],
)
async def list_rewards_penalties(
    reader: ReaderDep,
    access: Payroll,
    page: PageDep,
    month: Annotated[SaneMonth | None, Query(description="YYYY-MM")] = None,
    consultant_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Response:
    items, cursor = await reads.list_rewards(
        reader, access, page, {"month": month, "consultant_id": consultant_id}
    )
    return answer(Page[schemas.RewardPenalty], {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/rewards-penalties",
    status_code=201,
    responses=ON_PROJECT,
    summary="Propose a reward (amount > 0) or a penalty (< 0) for a consultant's month; a site manager "
    "approves it, and only then does it reach a statement",
    response_model=schemas.RewardPenalty,
)
async def propose_reward_penalty(
    session: SessionDep, access: Supervisors, body: schemas.RewardPenaltyCreate
) -> Response:
    entry = await rewards.propose(session, access, body)
    view = await reads.reward_view(session, access, entry.id)
    return answer(schemas.RewardPenalty, view, status_code=201, version=entry.version)


# --- statements ---------------------------------------------------------------------------------


@router.post(
    "/projects/{project_id}/commission-statements",
    responses=ON_PROJECT,
    summary="Compute (or recompute) the month's draft statement of every consultant; submitted ones "
    "are left as they are",
    response_model=schemas.StatementsComputed,
)
async def compute_commission_statements(
    session: SessionDep, access: Supervisors, body: schemas.StatementsCompute
) -> Response:
    made = await statements.compute(session, access, body.month)
    views = await reads.statement_views(session, access, [s.id for s in made])
    return answer(schemas.StatementsComputed, {"month": f"{body.month:%Y-%m}", "statements": views})


@router.get(
    "/projects/{project_id}/commission-statements",
    responses=ON_PROJECT,
    summary="The project's monthly statements (a consultant sees only their own)",
    response_model=Page[schemas.CommissionStatement],
)
async def list_commission_statements(
    reader: ReaderDep,
    access: Payroll,
    page: PageDep,
    month: Annotated[SaneMonth | None, Query(description="YYYY-MM")] = None,
    status: Annotated[CommissionStatementStatus | None, Query()] = None,
) -> Response:
    filters: dict[str, date | CommissionStatementStatus | None] = {"month": month, "status": status}
    items, cursor = await reads.list_statements(reader, access, page, filters)
    return answer(Page[schemas.CommissionStatement], {"items": items, "next_cursor": cursor})


@router.get(
    "/commission-statements/{commission_statement_id}",
    responses=ON_STATEMENT,
    summary="One statement with its total (a consultant: only their own, 404 for another's)",
    response_model=schemas.CommissionStatement,
)
async def get_commission_statement(statement: StatementRead) -> Response:
    view = reads.shown_statement(statement.entity, statement.access)
    return answer(schemas.CommissionStatement, view, version=view["version"])


@router.get(
    "/commission-statements/{commission_statement_id}/lines",
    responses=ON_STATEMENT,
    summary="The statement's lines in order: deal stages, clawbacks, reversals, adjustments, overrides, "
    "rewards and penalties",
    response_model=Page[schemas.CommissionLine],
)
async def list_commission_lines(reader: ReaderDep, statement: StatementRead, page: PageDep) -> Response:
    items, cursor = await reads.list_lines(reader, statement.access.principal, statement.entity["id"], page)
    return answer(Page[schemas.CommissionLine], {"items": items, "next_cursor": cursor})


async def _shown(session: AsyncSession, access: ProjectAccess, statement: CommissionStatement) -> Response:
    view = await reads.statement_view(session, access, statement.id)
    return answer(schemas.CommissionStatement, view, version=statement.version)


@router.post(
    "/commission-statements/{commission_statement_id}/submit",
    responses=TRANSITION,
    summary="Submit a draft (supervisors and up): recomputed as it stands, it becomes what is settled",
    response_model=schemas.CommissionStatement,
)
async def submit_commission_statement(session: SessionDep, statement: ForSubmit) -> Response:
    changed = await statements.submit(session, statement.access, statement.entity)
    return await _shown(session, statement.access, changed)


@router.post(
    "/commission-statements/{commission_statement_id}/approve",
    responses=TRANSITION,
    summary="Approve a submitted statement (site or project manager); it never changes again",
    response_model=schemas.CommissionStatement,
)
async def approve_commission_statement(session: SessionDep, statement: ForApproval) -> Response:
    changed = await statements.approve(session, statement.access, statement.entity)
    return await _shown(session, statement.access, changed)


@router.post(
    "/commission-statements/{commission_statement_id}/pay",
    responses=TRANSITION,
    summary="Mark an approved statement paid (finance)",
    response_model=schemas.CommissionStatement,
)
async def pay_commission_statement(session: SessionDep, statement: ForPayment) -> Response:
    changed = await statements.pay(session, statement.access, statement.entity)
    return await _shown(session, statement.access, changed)
