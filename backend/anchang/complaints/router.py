"""HTTP of complaints: filing, the list and one complaint, its actions and timeline, the customer's
rating link and public page, and the statistics."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from anchang.complaints import project_settings, schemas, service
from anchang.complaints.errors import (
    AlreadyAtTop,
    AlreadyRated,
    ComplaintClosed,
    ComplaintStatusConflict,
    RemedyPending,
    ReopenWindowPassed,
)
from anchang.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintSeverity,
    ComplaintSource,
    ComplaintStatus,
)
from anchang.complaints.policy import OVERSEERS
from anchang.complaints.rating import RatingLinkExpired, RatingLinkNotFound, RatingLinkUsed
from anchang.complaints.reads import ComplaintViewRepository
from anchang.complaints.repository import ComplaintNotFound, ComplaintRepository
from anchang.complaints.settings import ComplaintSettings
from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import (
    Forbidden,
    PreconditionFailed,
    TooManyRequests,
    Unauthorized,
    ValidationFailed,
    responses,
)
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.roles import ProjectRole
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.core.throttle import SlidingWindow
from anchang.org.service import ProjectNotFound

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["complaints"]
)
public_router = APIRouter(route_class=AppRoute, responses=responses(ValidationFailed), tags=["complaints"])

Members = Annotated[ProjectAccess, Depends(project_role())]
Managers = Annotated[ProjectAccess, Depends(project_role(ProjectRole.admin, ProjectRole.project_manager))]
# The statistics: the sales line from supervisor up, and the developer's rep.
StatisticsReaders = Annotated[
    ProjectAccess, Depends(project_role(*OVERSEERS, ProjectRole.admin, ProjectRole.developer_rep))
]
ReadableComplaint = Annotated[
    Authorized[Complaint], Depends(entity_role(ComplaintRepository, path="complaint_id"))
]
ComplaintRead = Annotated[Authorized[Row], Depends(entity_role(ComplaintViewRepository, path="complaint_id"))]

ON_PROJECT = responses(ProjectNotFound, Forbidden)
ON_COMPLAINT = responses(ComplaintNotFound, Forbidden)
# The public rating page: per client address, in the worker's memory (core/throttle.py).
RATINGS = SlidingWindow(30, 60)
Token = Annotated[str, Path(min_length=10, max_length=100, description="The link's token")]


@router.post(
    "/projects/{project_id}/complaints",
    status_code=201,
    responses=ON_PROJECT,
    summary="File a complaint (any member): it starts at level 1 (critical: 3) with its deadlines running",
    response_model=schemas.Complaint,
)
async def file_complaint(
    session: SessionDep, access: Members, body: schemas.ComplaintCreate, response: Response
) -> Response:
    complaint = await service.file_complaint(session, access, body)
    view = await service.complaint_view(session, complaint, access)
    return answer(schemas.Complaint, view, status_code=201, version=complaint.version)


@router.get(
    "/projects/{project_id}/complaints",
    responses=ON_PROJECT,
    summary="The project's complaints the caller may see (consultants: theirs and their customers')",
    response_model=Page[schemas.Complaint],
)
async def list_complaints(
    reader: ReaderDep,
    access: Members,
    page: PageDep,
    status: Annotated[ComplaintStatus | None, Query()] = None,
    severity: Annotated[ComplaintSeverity | None, Query()] = None,
    category: Annotated[ComplaintCategory | None, Query()] = None,
    source: Annotated[ComplaintSource | None, Query()] = None,
    level: Annotated[int | None, Query(ge=1, le=4)] = None,
    assignee_id: Annotated[uuid.UUID | None, Query()] = None,
    customer_id: Annotated[uuid.UUID | None, Query()] = None,
    deal_id: Annotated[uuid.UUID | None, Query()] = None,
    overdue: Annotated[bool, Query(description="Only those past the deadline of their status")] = False,
) -> Response:
    filters = {
        "status": status,
        "severity": severity,
        "category": category,
        "source": source,
        "level": level,
        "assignee_id": assignee_id,
        "customer_id": customer_id,
        "deal_id": deal_id,
    }
    items, cursor = await service.list_complaints(reader, access, page, filters, overdue=overdue)
    return answer(Page[schemas.Complaint], {"items": items, "next_cursor": cursor})


@router.get(
    "/complaints/{complaint_id}",
    responses=ON_COMPLAINT,
    summary="One complaint, with its level, deadlines and the actions the caller may take",
    response_model=schemas.Complaint,
)
async def get_complaint(complaint: ComplaintRead) -> Response:
    view = service.read_complaint(complaint.entity, complaint.access)
    return answer(schemas.Complaint, view, version=view["version"])


@router.get(
    "/complaints/{complaint_id}/actions",
    responses=ON_COMPLAINT,
    summary="The complaint's timeline: every action, who and when, oldest first",
    response_model=Page[schemas.ComplaintActionView],
)
async def list_actions(reader: ReaderDep, complaint: ComplaintRead, page: PageDep) -> Response:
    items, cursor = await service.list_actions(reader, complaint.access.principal, complaint.entity.id, page)
    return answer(Page[schemas.ComplaintActionView], {"items": items, "next_cursor": cursor})


@router.post(
    "/complaints/{complaint_id}/actions",
    responses=responses(
        ComplaintNotFound,
        Forbidden,
        ComplaintClosed,
        AlreadyAtTop,
        ComplaintStatusConflict,
        RemedyPending,
        ReopenWindowPassed,
    ),
    summary="Act on a complaint: acknowledge, start, comment, escalate, resolve, close or reopen",
    response_model=schemas.Complaint,
)
async def act(
    session: SessionDep,
    complaint: ReadableComplaint,
    body: schemas.ComplaintActionRequest,
    response: Response,
) -> Response:
    changed = await service.act(session, complaint.entity, complaint.access, body)
    view = await service.complaint_view(session, changed, complaint.access)
    set_etag(response, changed.version)
    return answer(schemas.Complaint, view, version=changed.version)


@router.post(
    "/complaints/{complaint_id}/rating-link",
    status_code=201,
    responses=responses(ComplaintNotFound, Forbidden, AlreadyRated, ComplaintStatusConflict),
    summary="A one-time link for the customer to rate the resolution (valid 14 days; shown once)",
)
async def make_rating_link(session: SessionDep, complaint: ReadableComplaint) -> schemas.RatingLink:
    return await service.make_rating_link(session, complaint.entity, complaint.access)


def _throttle(request: Request) -> None:
    client = request.client.host if request.client else ""
    RATINGS.check(client, TooManyRequests, "Too many requests: try again in a minute")


@public_router.get(
    "/public/complaint-ratings/{token}",
    responses=responses(RatingLinkNotFound, TooManyRequests),
    summary="The public rating page: the complaint's title and resolution, and whether it takes a rating",
)
async def public_rating(request: Request, session: SessionDep, token: Token) -> schemas.PublicRating:
    _throttle(request)
    return await service.public_view(session, token)


@public_router.post(
    "/public/complaint-ratings/{token}",
    responses=responses(RatingLinkNotFound, RatingLinkExpired, RatingLinkUsed, TooManyRequests),
    summary="The customer's rating, 1–5 with a comment, once per link (no login)",
)
async def rate(
    request: Request, session: SessionDep, token: Token, body: schemas.RatingRequest
) -> schemas.PublicRating:
    _throttle(request)
    return await service.rate(session, token, body)


@router.get(
    "/projects/{project_id}/settings/complaints",
    responses=ON_PROJECT,
    summary="The project's complaint rules: deadlines per severity, remedy authority, reopen and link days",
    response_model=schemas.ComplaintSettingsView,
)
async def get_complaint_settings(access: Members) -> Response:
    view = project_settings.settings_view(ComplaintSettings.of(access.project.settings))
    return answer(schemas.ComplaintSettingsView, view, version=access.project.version)


@router.patch(
    "/projects/{project_id}/settings/complaints",
    responses=responses(ProjectNotFound, Forbidden, PreconditionFailed),
    summary="Change them (project managers and admins); If-Match takes the project's ETag",
    response_model=schemas.ComplaintSettingsView,
)
async def update_complaint_settings(
    session: SessionDep,
    access: Managers,
    body: schemas.ComplaintSettingsUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    settings = await project_settings.update_settings(session, access, body, expected_version(if_match))
    return answer(
        schemas.ComplaintSettingsView,
        project_settings.settings_view(settings),
        version=access.project.version,
    )


@router.get(
    "/projects/{project_id}/reports/complaints",
    responses=ON_PROJECT,
    summary="Complaint statistics of the period (filing dates in the project's time zone; default 30 days)",
    response_model=schemas.ComplaintStatistics,
)
async def complaint_statistics(
    reader: ReaderDep,
    access: StatisticsReaders,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> schemas.ComplaintStatistics:
    return await service.complaint_statistics(reader, access, date_from, date_to)


@router.get(
    "/projects/{project_id}/reports/complaints.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The statistics as a workbook"}, **ON_PROJECT},
    summary="Complaint statistics of the period as a workbook",
)
async def complaint_statistics_workbook(
    reader: ReaderDep,
    access: StatisticsReaders,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    figures = await service.complaint_statistics(reader, access, date_from, date_to)
    filename = f"complaints-{access.project.code}-{figures.date_from}-{figures.date_to}.xlsx"
    return attachment(service.statistics_workbook(figures), filename)
