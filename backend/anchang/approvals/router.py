"""HTTP of approvals: the inbox, one request, approve and reject."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from anchang.approvals import policy, reads, schemas, service
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.repository import ApprovalNotFound, ApprovalRepository
from anchang.core.access import Authorized, CurrentPrincipal, entity_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.etag import set_etag
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["approvals"]
)

# A request the caller may read (a consultant's own, any of their projects' for other roles): 404 otherwise.
ReadableApproval = Annotated[
    Authorized[Approval], Depends(entity_role(ApprovalRepository, path="approval_id"))
]
# The same on the lean read path (GET): the request a plain row of its columns.
ApprovalView = Annotated[
    Authorized[Row], Depends(entity_role(reads.ApprovalViewRepository, path="approval_id"))
]
# …and whose caller holds a role that may decide some request; which one this request needs, the
# service checks (`policy.may_decide`).
DecidableApproval = Annotated[
    Authorized[Approval], Depends(entity_role(ApprovalRepository, *policy.DECIDERS, path="approval_id"))
]


@router.get(
    "/approvals",
    summary="Approval requests the caller can see (the inbox: ?status=pending)",
    response_model=Page[schemas.Approval],
)
async def list_approvals(
    reader: ReaderDep,
    principal: CurrentPrincipal,
    page: PageDep,
    status: Annotated[ApprovalStatus | None, Query()] = None,
    project_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Response:
    items, cursor = await reads.list_approvals(reader, principal, page, status=status, project_id=project_id)
    return answer(Page[schemas.Approval], {"items": items, "next_cursor": cursor})


@router.get(
    "/approvals/{approval_id}",
    responses=responses(ApprovalNotFound, Forbidden),
    summary="A request the caller may read: a consultant's own, any of their projects' for other roles",
    response_model=schemas.Approval,
)
async def get_approval(approval: ApprovalView) -> Response:
    shown = reads.read_approval(approval.entity, approval.access)
    return answer(schemas.Approval, shown, version=shown.version)


@router.post(
    "/approvals/{approval_id}/approve",
    responses=responses(ApprovalNotFound, Forbidden, service.ApprovalNotPending),
    summary="Approve a pending request (the required role or a higher one)",
)
async def approve(
    session: SessionDep, approval: DecidableApproval, body: schemas.ApproveRequest, response: Response
) -> schemas.Approval:
    decided = await service.decide(
        session, approval.entity, approval.access, approve=True, comment=body.comment
    )
    set_etag(response, decided.version)
    return await service.approval_view(session, decided, approval.access)


@router.post(
    "/approvals/{approval_id}/reject",
    responses=responses(ApprovalNotFound, Forbidden, service.ApprovalNotPending),
    summary="Reject a pending request, with a comment",
)
async def reject(
    session: SessionDep, approval: DecidableApproval, body: schemas.RejectRequest, response: Response
) -> schemas.Approval:
    decided = await service.decide(
        session, approval.entity, approval.access, approve=False, comment=body.comment
    )
    set_etag(response, decided.version)
    return await service.approval_view(session, decided, approval.access)
