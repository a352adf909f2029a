"""HTTP of reports: the daily report (JSON and `.xlsx`), the confirmation of consultants' days, and the
summaries of weeks, months and quarters (JSON, `.xlsx`, `.pdf`)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status

from anchang.core.access import ProjectAccess, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.routing import AppRoute
from anchang.core.schemas import SaneDate, SaneMonth
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


Analysts = Annotated[ProjectAccess, Depends(project_role(*policy.ANALYSTS))]
FunnelReaders = Annotated[ProjectAccess, Depends(project_role(*policy.FUNNEL_READERS))]
From = Annotated[SaneDate | None, Query(alias="from", description="First project day (YYYY-MM-DD)")]
To = Annotated[SaneDate | None, Query(alias="to", description="Last project day; today by default")]
By = Annotated[
    Literal["channel", "consultant", "month"],
    Query(description="Group by the customer's channel, their owner, or the month of the first visit"),
]
FromMonth = Annotated[SaneMonth | None, Query(alias="from", description="YYYY-MM")]
ToMonth = Annotated[SaneMonth | None, Query(alias="to", description="YYYY-MM; this month by default")]


@router.get(
    "/projects/{project_id}/reports/funnel",
    responses=ON_PROJECT,
    summary="The conversion funnel (转化漏斗) of the customers first come in the period (default: the "
    "last 30 days): came back, subscribed, contracted, fully paid",
    response_model=schemas.Funnel,
)
async def funnel(
    reader: ReaderDep, access: FunnelReaders, date_from: From = None, date_to: To = None, by: By = "channel"
) -> schemas.Funnel:
    return await service.funnel(reader, access, date_from, date_to, by)


@router.get(
    "/projects/{project_id}/reports/funnel.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The funnel as a workbook"}, **ON_PROJECT},
    summary="The conversion funnel as a workbook",
)
async def funnel_workbook(
    reader: ReaderDep, access: FunnelReaders, date_from: From = None, date_to: To = None, by: By = "channel"
) -> Response:
    report = await service.funnel(reader, access, date_from, date_to, by)
    filename = f"funnel-{access.project.code}-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}-{by}.xlsx"
    return attachment(service.funnel_workbook(report), filename)


@router.get(
    "/projects/{project_id}/reports/output",
    responses=ON_PROJECT,
    summary="Per-consultant output (人均单产) by month (default: the last twelve): roster, contracted "
    "units and amount, and each consultant's amount",
    response_model=schemas.Output,
)
async def output(
    reader: ReaderDep, access: Analysts, month_from: FromMonth = None, month_to: ToMonth = None
) -> schemas.Output:
    return await service.output(reader, access, month_from, month_to)


@router.get(
    "/projects/{project_id}/reports/output.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The output as a workbook"}, **ON_PROJECT},
    summary="Per-consultant output as a workbook",
)
async def output_workbook(
    reader: ReaderDep, access: Analysts, month_from: FromMonth = None, month_to: ToMonth = None
) -> Response:
    report = await service.output(reader, access, month_from, month_to)
    filename = f"output-{access.project.code}-{report.month_from}-{report.month_to}.xlsx"
    return attachment(service.output_workbook(report), filename)


summary_routes(router)
