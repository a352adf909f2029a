"""HTTP of the agency fee: rules, statements, their lines, transitions, payments and the workbook."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from anchang.commission import figures, policy, reads, schemas, service
from anchang.commission.models import AgencyFeeStatement
from anchang.commission.reads import StatementViewRepository
from anchang.commission.repository import AgencyFeeStatementRepository, StatementNotFound
from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.roles import ProjectRole
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page, SaneMonth
from anchang.org.service import ProjectNotFound

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["agency-fee"]
)

Readers = Annotated[ProjectAccess, Depends(project_role(*policy.READERS))]
Proposers = Annotated[ProjectAccess, Depends(project_role(*policy.RULE_PROPOSERS))]
Preparers = Annotated[ProjectAccess, Depends(project_role(*policy.PREPARERS))]
StatementRead = Annotated[
    Authorized[Row], Depends(entity_role(StatementViewRepository, *policy.READERS, path="statement_id"))
]


def _statement(*roles: ProjectRole) -> Any:
    """The statement of the path, if the caller holds one of `roles` in its project (403 otherwise)."""
    return Depends(entity_role(AgencyFeeStatementRepository, *roles, path="statement_id"))


Recomputing = Annotated[Authorized[AgencyFeeStatement], _statement(*policy.PREPARERS)]
Submitting = Annotated[Authorized[AgencyFeeStatement], _statement(*policy.SUBMITTERS)]
Developer = Annotated[Authorized[AgencyFeeStatement], _statement(*policy.DEVELOPER)]
Invoicing = Annotated[Authorized[AgencyFeeStatement], _statement(*policy.INVOICERS)]
Collecting = Annotated[Authorized[AgencyFeeStatement], _statement(*policy.COLLECTORS)]
ON_PROJECT = responses(ProjectNotFound, Forbidden)
ON_STATEMENT = responses(StatementNotFound, Forbidden)
TRANSITION = responses(StatementNotFound, Forbidden, service.StatementLocked, service.StatementStateConflict)


@router.get(
    "/projects/{project_id}/agency-fee-rules",
    responses=ON_PROJECT,
    summary="The project's agency-fee rule versions with their approval state",
    response_model=Page[schemas.AgencyFeeRule],
)
async def list_rules(reader: ReaderDep, access: Readers, page: PageDep) -> Response:
    items, cursor = await service.list_rules(reader, access, page)
    return answer(Page[schemas.AgencyFeeRule], {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/agency-fee-rules",
    status_code=201,
    responses=ON_PROJECT,
    summary="Propose a rule version (project managers); the developer's rep approves it in the inbox",
    response_model=schemas.AgencyFeeRule,
)
async def propose_rule(session: SessionDep, access: Proposers, body: schemas.AgencyFeeRuleCreate) -> Response:
    rule = await service.propose_rule(session, access, body)
    content = {name: getattr(rule, name) for name in schemas.AgencyFeeRule.model_fields}
    return answer(schemas.AgencyFeeRule, content, status_code=201, version=rule.version)


@router.get(
    "/projects/{project_id}/agency-fee-statements",
    responses=ON_PROJECT,
    summary="The project's agency-fee statements (结算单) by number",
    response_model=Page[schemas.AgencyFeeStatement],
)
async def list_statements(reader: ReaderDep, access: Readers, page: PageDep) -> Response:
    items, cursor = await service.list_statements(reader, access, page)
    return answer(Page[schemas.AgencyFeeStatement], {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/agency-fee-statements",
    status_code=201,
    responses=ON_PROJECT,
    summary="Compute the period's statement: made (201), or the period's draft recomputed (200)",
    response_model=schemas.AgencyFeeStatement,
)
async def generate_statement(
    session: SessionDep, access: Preparers, body: schemas.StatementCreate
) -> Response:
    statement, made = await service.generate_statement(session, access, body)
    view = await service.statement_view(session, statement, access)
    return answer(
        schemas.AgencyFeeStatement, view, status_code=201 if made else 200, version=statement.version
    )


@router.get(
    "/agency-fee-statements/{statement_id}.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The statement as a workbook"},
        **ON_STATEMENT,
    },
    summary="The statement as a workbook: header, lines, totals and signatures",
)
async def export_statement(session: SessionDep, statement: StatementRead) -> Response:
    # Declared before the statement's own route, which would take `<id>.xlsx` for an id.
    content = await service.statement_workbook(session, statement.entity, statement.access)
    filename = f"agency-fee-{statement.access.project.code}-{statement.entity.number}.xlsx"
    return attachment(content, filename)


@router.get(
    "/agency-fee-statements/{statement_id}",
    responses=ON_STATEMENT,
    summary="A statement with its total, what was received and the actions the caller may take",
    response_model=schemas.AgencyFeeStatement,
)
async def get_statement(statement: StatementRead) -> Response:
    view = service.shown_statement(statement.entity, statement.access)
    return answer(schemas.AgencyFeeStatement, view, version=view["version"])


@router.get(
    "/agency-fee-statements/{statement_id}/lines",
    responses=ON_STATEMENT,
    summary="The statement's lines in their order: one per deal and stage, each with how it was reached",
    response_model=Page[schemas.AgencyFeeLine],
)
async def list_lines(reader: ReaderDep, statement: StatementRead, page: PageDep) -> Response:
    items, cursor = await service.list_lines(reader, statement.access.principal, statement.entity["id"], page)
    return answer(Page[schemas.AgencyFeeLine], {"items": items, "next_cursor": cursor})


@router.get(
    "/agency-fee-statements/{statement_id}/payments",
    responses=ON_STATEMENT,
    summary="The payments received against the statement in the order they were recorded, with who "
    "recorded each",
    response_model=Page[schemas.AgencyFeeReceipt],
)
async def list_payments(reader: ReaderDep, statement: StatementRead, page: PageDep) -> Response:
    caller = statement.access.principal
    items, cursor = await reads.list_receipts(reader, caller, statement.entity["id"], page)
    return answer(Page[schemas.AgencyFeeReceipt], {"items": items, "next_cursor": cursor})


async def _act(
    session: SessionDep, statement: Authorized[AgencyFeeStatement], action: str, body: object = None
) -> Response:
    changed = await service.act_on_statement(session, statement.entity, statement.access, action, body)
    view = await service.statement_view(session, changed, statement.access)
    return answer(schemas.AgencyFeeStatement, view, version=changed.version)


@router.post(
    "/agency-fee-statements/{statement_id}/recompute",
    responses=TRANSITION,
    summary="Compute a draft again from the deals as they stand now",
    response_model=schemas.AgencyFeeStatement,
)
async def recompute(session: SessionDep, statement: Recomputing) -> Response:
    return await _act(session, statement, "recompute")


@router.post(
    "/agency-fee-statements/{statement_id}/submit",
    responses=TRANSITION,
    summary="Send the draft to the developer: its lines are settled from now on",
    response_model=schemas.AgencyFeeStatement,
)
async def submit(session: SessionDep, statement: Submitting) -> Response:
    return await _act(session, statement, "submit")


@router.post(
    "/agency-fee-statements/{statement_id}/confirm",
    responses=TRANSITION,
    summary="Confirm it (the developer's rep): it never changes again",
    response_model=schemas.AgencyFeeStatement,
)
async def confirm(session: SessionDep, statement: Developer) -> Response:
    return await _act(session, statement, "confirm")


@router.post(
    "/agency-fee-statements/{statement_id}/dispute",
    responses=TRANSITION,
    summary="Dispute lines with a comment (the developer's rep), before confirming or returning it",
    response_model=schemas.AgencyFeeStatement,
)
async def dispute(session: SessionDep, statement: Developer, body: schemas.DisputeRequest) -> Response:
    return await _act(session, statement, "dispute", body)


@router.post(
    "/agency-fee-statements/{statement_id}/return",
    responses=TRANSITION,
    summary="Send it back to the agency as a draft, with a comment (the developer's rep)",
    response_model=schemas.AgencyFeeStatement,
)
async def return_statement(
    session: SessionDep, statement: Developer, body: schemas.ReturnRequest
) -> Response:
    return await _act(session, statement, "return", body)


@router.post(
    "/agency-fee-statements/{statement_id}/invoice",
    responses=TRANSITION,
    summary="Record the invoice sent for a confirmed statement",
    response_model=schemas.AgencyFeeStatement,
)
async def invoice(session: SessionDep, statement: Invoicing, body: schemas.InvoiceRequest) -> Response:
    return await _act(session, statement, "invoice", body)


@router.post(
    "/agency-fee-statements/{statement_id}/pay",
    responses=TRANSITION,
    summary="Record money received for an invoiced statement; paid in full, it is `paid`",
    response_model=schemas.AgencyFeeStatement,
)
async def pay(session: SessionDep, statement: Collecting, body: schemas.ReceiptCreate) -> Response:
    return await _act(session, statement, "record_payment", body)


Figures = Annotated[ProjectAccess, Depends(project_role(*policy.FIGURES))]


@router.get(
    "/projects/{project_id}/reports/commission",
    responses=ON_PROJECT,
    summary="By month: sales, per-capita output (人均单产), commission cost and share, agency fee earned, "
    "invoiced and received (default: the last twelve months)",
    response_model=schemas.CommissionFigures,
)
async def commission_figures(
    reader: ReaderDep,
    access: Figures,
    date_from: Annotated[SaneMonth | None, Query(alias="from", description="YYYY-MM")] = None,
    date_to: Annotated[SaneMonth | None, Query(alias="to", description="YYYY-MM")] = None,
) -> Response:
    first, last = figures.months_asked(access, date_from, date_to)
    return answer(schemas.CommissionFigures, await figures.commission_figures(reader, access, first, last))


@router.get(
    "/projects/{project_id}/reports/commission.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The figures as a workbook"},
        **ON_PROJECT,
    },
    summary="The commission figures as a workbook",
)
async def commission_figures_workbook(
    reader: ReaderDep,
    access: Figures,
    date_from: Annotated[SaneMonth | None, Query(alias="from", description="YYYY-MM")] = None,
    date_to: Annotated[SaneMonth | None, Query(alias="to", description="YYYY-MM")] = None,
) -> Response:
    first, last = figures.months_asked(access, date_from, date_to)
    content = figures.figures_workbook(await figures.commission_figures(reader, access, first, last))
    filename = f"commission-{access.project.code}-{first:%Y%m}-{last:%Y%m}.xlsx"
    return attachment(content, filename)
