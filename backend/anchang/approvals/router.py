"""HTTP of approvals: the inbox, one request, approve and reject."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.approvals import schemas, service
from anchang.approvals.models import Approval, ApprovalStatus
from anchang.approvals.repository import ApprovalNotFound
from anchang.core.access import CurrentPrincipal
from anchang.core.db import SessionDep
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.etag import set_etag
from anchang.core.pagination import PageDep
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.core.security import Principal
from anchang.org import service as org_service

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["approvals"]
)


_COMPUTED = {"can_decide", "requested_by_name", "decided_by_name"}


async def _shown(
    session: AsyncSession, principal: Principal, rows: list[tuple[Approval, bool]]
) -> list[schemas.Approval]:
    """The requests as the inbox shows them: with whether the caller decides, and who asked and decided."""
    people = {a.requested_by for a, _ in rows} | {a.decided_by for a, _ in rows}
    names = await org_service.user_names(session, principal, {p for p in people if p is not None})
    return [
        schemas.Approval.model_validate(
            {
                **{k: getattr(a, k) for k in schemas.Approval.model_fields if k not in _COMPUTED},
                "can_decide": can,
                "requested_by_name": names.get(a.requested_by) if a.requested_by else None,
                "decided_by_name": names.get(a.decided_by) if a.decided_by else None,
            }
        )
        for a, can in rows
    ]


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
    return Page[schemas.Approval](items=await _shown(session, principal, rows), next_cursor=cursor)


@router.get("/approvals/{approval_id}", responses=responses(ApprovalNotFound, Forbidden))
async def get_approval(
    session: SessionDep, principal: CurrentPrincipal, approval_id: uuid.UUID, response: Response
) -> schemas.Approval:
    approval, access = await service.get_approval(session, principal, approval_id)
    set_etag(response, approval.version)
    can = approval.status is ApprovalStatus.pending and service.may_decide(
        access.role, approval.required_role
    )
    return (await _shown(session, principal, [(approval, can)]))[0]


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
    return (await _shown(session, principal, [(approval, False)]))[0]


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
    return (await _shown(session, principal, [(approval, False)]))[0]
