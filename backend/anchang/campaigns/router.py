"""HTTP of campaigns: the project's campaigns and today's choices, one campaign, its cost entries, and
the channel and campaign report with its workbook."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from anchang.campaigns import schemas, service
from anchang.campaigns.models import Campaign, CampaignKind
from anchang.campaigns.policy import READERS, WRITERS
from anchang.campaigns.reads import CampaignViewRepository
from anchang.campaigns.repository import CampaignNotFound, CampaignRepository
from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page, SaneDate
from anchang.org.service import ProjectNotFound

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["campaigns"]
)

Members = Annotated[ProjectAccess, Depends(project_role())]
Readers = Annotated[ProjectAccess, Depends(project_role(*READERS))]
Writers = Annotated[ProjectAccess, Depends(project_role(*WRITERS))]
CampaignRead = Annotated[
    Authorized[Row], Depends(entity_role(CampaignViewRepository, *READERS, path="campaign_id"))
]
CampaignCosts = Annotated[
    Authorized[Row], Depends(entity_role(CampaignRepository, *READERS, path="campaign_id"))
]
WritableCampaign = Annotated[
    Authorized[Campaign], Depends(entity_role(CampaignRepository, *WRITERS, path="campaign_id"))
]

ON_PROJECT = responses(ProjectNotFound, Forbidden)
ON_CAMPAIGN = responses(CampaignNotFound, Forbidden)
Period = Annotated[
    date | None, Query(alias="from", description="First day (the project's); default 30 days ago")
]
PeriodEnd = Annotated[date | None, Query(alias="to", description="Last day, inclusive; default today")]


@router.post(
    "/projects/{project_id}/campaigns",
    status_code=201,
    responses=ON_PROJECT,
    summary="Create a campaign (广告 / 活动 / 促销) with its dates and budget (AD PM SM)",
    response_model=schemas.Campaign,
)
async def create_campaign(session: SessionDep, access: Writers, body: schemas.CampaignCreate) -> Response:
    campaign = await service.create_campaign(session, access, body)
    view = await service.campaign_view(session, campaign.id, access)
    return answer(schemas.Campaign, view, status_code=201, version=campaign.version)


@router.get(
    "/projects/{project_id}/campaigns",
    responses=ON_PROJECT,
    summary="The project's campaigns with their cost, optionally those running on a day or of one kind",
    response_model=Page[schemas.Campaign],
)
async def list_campaigns(
    reader: ReaderDep,
    access: Readers,
    page: PageDep,
    active_on: Annotated[SaneDate | None, Query(description="Only those running on this day")] = None,
    kind: Annotated[CampaignKind | None, Query()] = None,
) -> Response:
    items, cursor = await service.list_campaigns(reader, access, page, active_on=active_on, kind=kind)
    return answer(Page[schemas.Campaign], {"items": items, "next_cursor": cursor})


@router.get(
    "/projects/{project_id}/campaign-choices",
    responses=ON_PROJECT,
    summary="The campaigns running today, names only: what the walk-in and visit forms offer (any member)",
    response_model=schemas.CampaignChoices,
)
async def campaign_choices(reader: ReaderDep, access: Members) -> Response:
    return answer(schemas.CampaignChoices, await service.campaign_choices(reader, access))


@router.get(
    "/campaigns/{campaign_id}",
    responses=ON_CAMPAIGN,
    summary="One campaign with its cost",
    response_model=schemas.Campaign,
)
async def get_campaign(campaign: CampaignRead) -> Response:
    view = service.read_campaign(campaign.entity, campaign.access)
    return answer(schemas.Campaign, view, version=view["version"])


@router.patch(
    "/campaigns/{campaign_id}",
    responses=responses(CampaignNotFound, Forbidden, PreconditionFailed),
    summary="Change a campaign (AD PM SM); If-Match takes its ETag",
    response_model=schemas.Campaign,
)
async def update_campaign(
    session: SessionDep, campaign: WritableCampaign, body: schemas.CampaignUpdate, if_match: IfMatch = None
) -> Response:
    changed = await service.update_campaign(session, campaign.entity, body, expected_version(if_match))
    view = await service.campaign_view(session, changed.id, campaign.access)
    return answer(schemas.Campaign, view, version=changed.version)


@router.get(
    "/campaigns/{campaign_id}/costs",
    responses=ON_CAMPAIGN,
    summary="The campaign's cost entries, in the order they were recorded",
    response_model=Page[schemas.CampaignCost],
)
async def list_costs(reader: ReaderDep, campaign: CampaignCosts, page: PageDep) -> Response:
    items, cursor = await service.list_costs(reader, campaign.access.principal, campaign.entity.id, page)
    return answer(Page[schemas.CampaignCost], {"items": items, "next_cursor": cursor})


@router.post(
    "/campaigns/{campaign_id}/costs",
    status_code=201,
    responses=ON_CAMPAIGN,
    summary="Record an amount spent on the campaign (AD PM SM)",
    response_model=schemas.CampaignCost,
)
async def add_cost(
    session: SessionDep, campaign: WritableCampaign, body: schemas.CampaignCostCreate
) -> Response:
    cost = await service.add_cost(session, campaign.entity, campaign.access, body)
    view = await service.cost_view(session, campaign.access.principal, cost)
    return answer(schemas.CampaignCost, view, status_code=201, version=cost.version)


@router.get(
    "/projects/{project_id}/reports/channels",
    responses=ON_PROJECT,
    summary="Channels and campaigns of the period: visits, new customers, deals, cost per visit and per "
    "deal, return on spend (the project's days; default 30 days)",
    response_model=schemas.ChannelReport,
)
async def channel_report(
    reader: ReaderDep, access: Readers, date_from: Period = None, date_to: PeriodEnd = None
) -> schemas.ChannelReport:
    return await service.channel_report(reader, access, date_from, date_to)


@router.get(
    "/projects/{project_id}/reports/channels.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The report as a workbook"}, **ON_PROJECT},
    summary="The channel and campaign report as a workbook",
)
async def channel_report_workbook(
    reader: ReaderDep, access: Readers, date_from: Period = None, date_to: PeriodEnd = None
) -> Response:
    report = await service.channel_report(reader, access, date_from, date_to)
    filename = f"channels-{access.project.code}-{report.date_from}-{report.date_to}.xlsx"
    return attachment(service.report_workbook(report), filename)
