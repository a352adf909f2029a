"""HTTP of deals: parse, authorize (the route's declared access), call the service, shape the response."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from anchang.approvals.service import ApprovalAlreadyRequested
from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.etag import set_etag
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.deals import aging, deal_reads, policy, reads, schemas, service
from anchang.deals.models import Deal, DealOperation, DealStatus, Payment
from anchang.deals.repository import (
    DealNotFound,
    DealRepository,
    MortgageNotFound,
    PaymentNotFound,
    PaymentRepository,
)
from anchang.inventory.service import UnitNotAvailable, UnitNotFound, UnitTransitionNotAllowed
from anchang.org.service import ProjectNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
Sellers = Annotated[ProjectAccess, Depends(project_role(*policy.SELLERS))]
Collectors = Annotated[ProjectAccess, Depends(project_role(*policy.COLLECTORS))]
# A deal the caller may read (a consultant's own; 404 otherwise), with the roles that may act on it (403).
ReadableDeal = Annotated[Authorized[Deal], Depends(entity_role(DealRepository, path="deal_id"))]
# The same on the lean read path (GET): the deal a plain row of its columns.
DealRead = Annotated[Authorized[Row], Depends(entity_role(DealRepository, path="deal_id"))]
DealView = Annotated[Authorized[Row], Depends(entity_role(reads.DealViewRepository, path="deal_id"))]
DealForSellers = Annotated[
    Authorized[Deal], Depends(entity_role(DealRepository, *policy.SELLERS, path="deal_id"))
]
DealForCollectors = Annotated[
    Authorized[Deal], Depends(entity_role(DealRepository, *policy.COLLECTORS, path="deal_id"))
]
PaymentForReversal = Annotated[
    Authorized[Payment],
    Depends(entity_role(PaymentRepository, *policy.SUPERVISORS_AND_FINANCE, path="payment_id")),
]
ON_DEAL = responses(DealNotFound, Forbidden)
OPERATION = responses(
    DealNotFound, Forbidden, service.DealStatusConflict, service.OperationPending, ApprovalAlreadyRequested
)


async def _deal_out(
    session: SessionDep, deal: Deal, access: ProjectAccess, response: Response
) -> schemas.Deal:
    set_etag(response, deal.version)
    return schemas.Deal.model_validate(await service.deal_view(session, deal, access))


async def _operation_out(
    session: SessionDep, deal: Authorized[Deal], operation: DealOperation
) -> schemas.OperationResult:
    shown = await service.operation_view(session, deal.entity, operation, deal.access)
    return schemas.OperationResult(
        deal=schemas.Deal.model_validate(shown["deal"]),
        operation=schemas.Operation.model_validate(shown["operation"]),
    )


# --- subscription ---------------------------------------------------------------------------


@router.post(
    "/projects/{project_id}/deals",
    tags=["deals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        ProjectNotFound,
        Forbidden,
        service.BuyerNotYours,
        service.BuyerOwnedByOther,
        UnitNotFound,
        UnitNotAvailable,
    ),
    summary="Subscribe (认购): take the unit and write the deal, or 409 unit_not_available",
)
async def create_deal(
    session: SessionDep, access: Sellers, body: schemas.DealCreate, response: Response
) -> schemas.Deal:
    deal = await service.subscribe(session, access, body)
    return await _deal_out(session, deal, access, response)


@router.post(
    "/projects/{project_id}/deals/quote",
    tags=["deals"],
    responses=responses(ProjectNotFound, Forbidden, service.QuoteThrottled),
    summary="The price, the approval it would need and the schedule, without taking the unit; "
    "at most 30 a minute per user",
)
async def quote_deal(session: SessionDep, access: Sellers, body: schemas.DealQuote) -> schemas.Quote:
    priced = await service.quote(session, access, body)
    return schemas.Quote.model_validate(service.quote_view(priced, access))


@router.get(
    "/projects/{project_id}/deals",
    tags=["deals"],
    responses=responses(ProjectNotFound, Forbidden),
    response_model=Page[schemas.DealSummary],
)
async def list_deals(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    status: DealStatus | None = None,
    mine: Annotated[
        bool, Query(description="Only the caller's own deals (always so for consultants)")
    ] = False,
    customer_id: Annotated[uuid.UUID | None, Query(description="Only deals with this buyer")] = None,
) -> Response:
    items, cursor = await service.list_deals(
        reader, access, page, status=status, mine=mine, customer_id=customer_id
    )
    return answer(Page[schemas.DealSummary], {"items": items, "next_cursor": cursor})


@router.get("/deals/{deal_id}", tags=["deals"], responses=ON_DEAL, response_model=schemas.Deal)
async def get_deal(deal: DealView) -> Response:
    shown = reads.read_deal(deal.entity, deal.access)
    return answer(schemas.Deal, shown, version=shown["version"])


@router.get("/deals/{deal_id}/timeline", tags=["deals"], responses=ON_DEAL, response_model=schemas.Timeline)
async def get_timeline(reader: ReaderDep, deal: DealRead) -> Response:
    return answer(schemas.Timeline, await deal_reads.read_timeline(reader, deal.entity, deal.access))


# --- lifecycle ------------------------------------------------------------------------------


@router.post(
    "/deals/{deal_id}/contract",
    tags=["deals"],
    responses=responses(
        DealNotFound,
        Forbidden,
        service.DealStatusConflict,
        service.ContractNumberTaken,
        UnitTransitionNotAllowed,
    ),
    summary="Sign the purchase contract (签约)",
)
async def contract_deal(
    session: SessionDep, deal: DealForSellers, body: schemas.ContractRequest, response: Response
) -> schemas.Deal:
    done = await service.contract(session, deal.entity, deal.access, body)
    return await _deal_out(session, done, deal.access, response)


@router.post(
    "/deals/{deal_id}/handover",
    tags=["deals"],
    responses=responses(DealNotFound, Forbidden, service.DealStatusConflict, service.DealNotPaid),
    summary="Hand the unit over (交房); 409 deal_not_paid with the outstanding amount",
)
async def handover_deal(
    session: SessionDep, deal: DealForSellers, body: schemas.HandoverRequest, response: Response
) -> schemas.Deal:
    done = await service.handover(session, deal.entity, deal.access, body)
    return await _deal_out(session, done, deal.access, response)


@router.post(
    "/deals/{deal_id}/cancel",
    tags=["deals"],
    responses=OPERATION,
    summary="Cancel (退房): at once for a site manager or above, else an approval request",
)
async def cancel_deal(
    session: SessionDep, deal: DealForSellers, body: schemas.CancelRequest
) -> schemas.OperationResult:
    operation = await service.cancel(session, deal.entity, deal.access, body)
    return await _operation_out(session, deal, operation)


@router.post(
    "/deals/{deal_id}/change-unit",
    tags=["deals"],
    responses={**OPERATION, **responses(UnitNotAvailable)},
    summary="Change the unit (换房), repriced; approval by a site manager (developer rep below floor)",
)
async def change_unit(
    session: SessionDep, deal: DealForSellers, body: schemas.ChangeUnitRequest
) -> schemas.OperationResult:
    operation = await service.change_unit(session, deal.entity, deal.access, body)
    return await _operation_out(session, deal, operation)


@router.post(
    "/deals/{deal_id}/change-buyers",
    tags=["deals"],
    responses={**OPERATION, **responses(service.BuyerNotYours, service.BuyerOwnedByOther)},
    summary="Change the buyers (更名), with approval",
)
async def change_buyers(
    session: SessionDep, deal: DealForSellers, body: schemas.ChangeBuyersRequest
) -> schemas.OperationResult:
    operation = await service.change_buyers(session, deal.entity, deal.access, body)
    return await _operation_out(session, deal, operation)


# --- schedule and payments ------------------------------------------------------------------


@router.get("/deals/{deal_id}/schedule", tags=["deals"], responses=ON_DEAL, response_model=schemas.Schedule)
async def get_schedule(reader: ReaderDep, deal: DealRead) -> Response:
    return answer(schemas.Schedule, await deal_reads.read_schedule(reader, deal.entity, deal.access))


@router.post(
    "/deals/{deal_id}/schedule",
    tags=["deals"],
    responses=OPERATION,
    summary="Edit the schedule (lines adding up to the final price), with approval",
)
async def edit_schedule(
    session: SessionDep, deal: DealForSellers, body: schemas.ScheduleEditRequest
) -> schemas.OperationResult:
    operation = await service.edit_schedule(session, deal.entity, deal.access, body)
    return await _operation_out(session, deal, operation)


@router.post(
    "/deals/{deal_id}/payments",
    tags=["deals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(DealNotFound, Forbidden, service.DealStatusConflict),
    summary="Record a payment (实收), matched to the oldest open lines; send an Idempotency-Key",
)
async def record_payment(
    session: SessionDep, deal: DealForCollectors, body: schemas.PaymentCreate
) -> schemas.Payment:
    payment = await service.record_payment(session, deal.entity, deal.access, body)
    return schemas.Payment.model_validate(payment)


@router.get(
    "/deals/{deal_id}/payments", tags=["deals"], responses=ON_DEAL, response_model=Page[schemas.Payment]
)
async def list_payments(reader: ReaderDep, deal: DealRead, page: PageDep) -> Response:
    items, cursor = await deal_reads.read_payments(reader, deal.entity, deal.access, page)
    return answer(Page[schemas.Payment], {"items": items, "next_cursor": cursor})


@router.post(
    "/payments/{payment_id}/reverse",
    tags=["deals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        PaymentNotFound, Forbidden, service.DealStatusConflict, service.PaymentAlreadyReversed
    ),
    summary="Reverse a payment (冲正): a negative entry, never a deletion",
)
async def reverse_payment(
    session: SessionDep, payment: PaymentForReversal, body: schemas.ReversalCreate
) -> schemas.Payment:
    reversal = await service.reverse_payment(session, payment.entity, payment.access, body.reason)
    return schemas.Payment.model_validate(reversal)


# --- receivables and collection -------------------------------------------------------------


@router.get(
    "/projects/{project_id}/receivables",
    tags=["deals"],
    responses=responses(ProjectNotFound, Forbidden),
    summary="Open schedule lines with age buckets (in the project's time zone); ?overdue=true for 催款",
    response_model=schemas.Receivables,
)
async def list_receivables(
    reader: ReaderDep,
    access: Collectors,
    page: PageDep,
    overdue: Annotated[bool, Query()] = False,
) -> Response:
    data = await service.receivables(reader, access, page, overdue=overdue)
    return answer(schemas.Receivables, data)


@router.get(
    "/projects/{project_id}/reports/receivables-aging",
    tags=["deals"],
    responses=responses(ProjectNotFound, Forbidden),
    summary="Receivables aging (应收账龄) by bucket, consultant and kind of line, as of a day",
    response_model=schemas.ReceivablesAging,
)
async def receivables_aging(
    reader: ReaderDep, access: Collectors, as_of: Annotated[date | None, Query()] = None
) -> schemas.ReceivablesAging:
    return await aging.receivables_aging(reader, access, as_of)


@router.get(
    "/projects/{project_id}/reports/receivables-aging.xlsx",
    tags=["deals"],
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The aging as a workbook"},
        **responses(ProjectNotFound, Forbidden),
    },
    summary="Receivables aging as a workbook",
)
async def receivables_aging_workbook(
    reader: ReaderDep, access: Collectors, as_of: Annotated[date | None, Query()] = None
) -> Response:
    figures = await aging.receivables_aging(reader, access, as_of)
    filename = f"receivables-aging-{access.project.code}-{figures.as_of}.xlsx"
    return attachment(aging.aging_workbook(figures), filename)


@router.post(
    "/deals/{deal_id}/collection-notes",
    tags=["deals"],
    status_code=status.HTTP_201_CREATED,
    responses=ON_DEAL,
)
async def add_collection_note(
    session: SessionDep, deal: DealForCollectors, body: schemas.CollectionNoteCreate
) -> schemas.CollectionNote:
    note = await service.add_collection_note(session, deal.entity, deal.access, body)
    return schemas.CollectionNote.model_validate(note)


@router.get(
    "/deals/{deal_id}/collection-notes",
    tags=["deals"],
    responses=ON_DEAL,
    response_model=Page[schemas.CollectionNote],
)
async def list_collection_notes(reader: ReaderDep, deal: DealRead, page: PageDep) -> Response:
    items, cursor = await deal_reads.read_collection_notes(reader, deal.entity, deal.access, page)
    return answer(Page[schemas.CollectionNote], {"items": items, "next_cursor": cursor})


# --- mortgage -------------------------------------------------------------------------------


@router.get(
    "/deals/{deal_id}/mortgage",
    tags=["deals"],
    responses=responses(DealNotFound, Forbidden, MortgageNotFound),
    response_model=schemas.Mortgage,
)
async def get_mortgage(reader: ReaderDep, deal: DealRead) -> Response:
    mortgage = await deal_reads.read_mortgage(reader, deal.entity, deal.access)
    return answer(schemas.Mortgage, mortgage)


@router.post(
    "/deals/{deal_id}/mortgage",
    tags=["deals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(DealNotFound, Forbidden, service.DealStatusConflict, service.MortgageExists),
)
async def create_mortgage(
    session: SessionDep, deal: DealForCollectors, body: schemas.MortgageCreate
) -> schemas.Mortgage:
    mortgage = await service.create_mortgage(session, deal.entity, deal.access, body)
    return schemas.Mortgage.model_validate(mortgage)


@router.post(
    "/deals/{deal_id}/mortgage/stage",
    tags=["deals"],
    responses=responses(DealNotFound, Forbidden, MortgageNotFound, service.MortgageStageNotAllowed),
    summary="Move the mortgage on; `disbursed` records the loan as a payment",
)
async def change_mortgage_stage(
    session: SessionDep, deal: DealForCollectors, body: schemas.MortgageStageChange
) -> schemas.Mortgage:
    mortgage = await service.change_mortgage_stage(session, deal.entity, deal.access, body)
    return schemas.Mortgage.model_validate(mortgage)


# --- the subscription agreement -------------------------------------------------------------


@router.get(
    "/deals/{deal_id}/subscription.pdf",
    tags=["deals"],
    responses={
        **ON_DEAL,
        **responses(service.PdfUnavailable),
        200: {"content": {"application/pdf": {}}, "description": "认购书 (PDF)"},
    },
    response_class=Response,
)
async def subscription_pdf(session: SessionDep, deal: ReadableDeal) -> Response:
    body = await service.subscription_pdf(session, deal.entity, deal.access)
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="subscription-{deal.entity.id}.pdf"'},
    )
