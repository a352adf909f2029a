"""HTTP of approvals: the inbox, one request, approve and reject."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from anchang.approvals import schemas, service
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.repository import ApprovalNotFound
from anchang.auth.deps import CurrentPrincipal
from anchang.core.db import SessionDep
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.etag import set_etag
from anchang.core.pagination import PageDep
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["approvals"]
)


def _out(approval: Approval, can_decide: bool) -> schemas.Approval:
    return schemas.Approval.model_validate({**_fields(approval), "can_decide": can_decide})


def _fields(approval: Approval) -> dict[str, object]:
    return {k: getattr(approval, k) for k in schemas.Approval.model_fields if k != "can_decide"}


@router.get("/approvals", summary="Approval requests the caller can see (the inbox: ?status=pending)")
async def list_approvals(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: PageDep,
    status: Annotated[ApprovalStatus | None, Query()] = None,
    project_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[schemas.Approval]:
    rows, cursor = await service.list_approvals(
        session, principal, page, status=status, project_id=project_id
    )
    return Page[schemas.Approval](items=[_out(a, can) for a, can in rows], next_cursor=cursor)


@router.get("/approvals/{approval_id}", responses=responses(ApprovalNotFound, Forbidden))
async def get_approval(
    session: SessionDep, principal: CurrentPrincipal, approval_id: uuid.UUID, response: Response
) -> schemas.Approval:
    approval, access = await service.get_approval(session, principal, approval_id)
    set_etag(response, approval.version)
    can = approval.status is ApprovalStatus.pending and service.may_decide(
        access.role, approval.required_role
    )
    return _out(approval, can)


@router.post(
    "/approvals/{approval_id}/approve",
    responses=responses(ApprovalNotFound, Forbidden, service.ApprovalNotPending),
    summary="Approve a pending request (the required role or a higher one)",
)
async def approve(
    session: SessionDep,
    principal: CurrentPrincipal,
    approval_id: uuid.UUID,
    body: schemas.ApproveRequest,
    response: Response,
) -> schemas.Approval:
    approval, _ = await service.decide(session, principal, approval_id, approve=True, comment=body.comment)
    set_etag(response, approval.version)
    return _out(approval, False)


@router.post(
    "/approvals/{approval_id}/reject",
    responses=responses(ApprovalNotFound, Forbidden, service.ApprovalNotPending),
    summary="Reject a pending request, with a comment",
)
async def reject(
    session: SessionDep,
    principal: CurrentPrincipal,
    approval_id: uuid.UUID,
    body: schemas.RejectRequest,
    response: Response,
) -> schemas.Approval:
    approval, _ = await service.decide(session, principal, approval_id, approve=False, comment=body.comment)
    set_etag(response, approval.version)
    return _out(approval, False)
