"""HTTP of reports: the daily report (JSON and `.xlsx`), the confirmation of consultants' days, and the
summaries of weeks, months and quarters (JSON, `.xlsx`, `.pdf`)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from anchang.core.access import ProjectAccess, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.routing import AppRoute
from anchang.core.schemas import SaneDate
from anchang.org.service import ProjectNotFound
from anchang.reports import policy, schemas, service
from anchang.reports.summary_routes import summary_routes

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["reports"]
)

Readers = Annotated[ProjectAccess, Depends(project_role(*policy.READERS))]
Confirmers = Annotated[ProjectAccess, Depends(project_role(*policy.CONFIRMERS))]
ON_PROJECT = responses(ProjectNotFound, Forbidden)
Day = Annotated[
    SaneDate | None,
    Query(alias="date", description="The project's day (YYYY-MM-DD); today in its time zone by default"),
]


@router.get(
    "/projects/{project_id}/reports/daily",
    responses=ON_PROJECT,
    summary="The daily report (日报): each consultant's day, month and year to date, and the project's",
    response_model=schemas.DailyReport,
)
async def daily_report(reader: ReaderDep, access: Readers, day: Day = None) -> schemas.DailyReport:
    return await service.daily_report(reader, access, day)


@router.get(
    "/projects/{project_id}/reports/daily.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The daily report as a workbook"},
        **ON_PROJECT,
    },
    summary="The daily report as a workbook",
)
async def daily_report_workbook(reader: ReaderDep, access: Readers, day: Day = None) -> Response:
    report = await service.daily_report(reader, access, day)
    filename = f"daily-{access.project.code}-{report.date.isoformat()}.xlsx"
    return attachment(service.daily_workbook(report), filename)


@router.post(
    "/projects/{project_id}/reports/daily/{date}/confirmations",
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, service.AlreadyConfirmed),
    summary="Confirm consultants' day (每日确认当日业绩): their figures are stored as they stand now",
)
async def confirm_daily_report(
    session: SessionDep,
    reader: ReaderDep,
    access: Confirmers,
    day: Annotated[SaneDate, Path(alias="date")],
    body: schemas.ConfirmationCreate,
) -> schemas.Confirmations:
    return await service.confirm_day(session, reader, access, day, body.consultant_ids)


summary_routes(router)
