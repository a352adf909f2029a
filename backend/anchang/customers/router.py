"""HTTP of customers, visits, calls, follow-ups, brokers and referrals: parse, authorize, call, shape."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from anchang.core.access import CurrentPrincipal, ProjectAccess, project_role
from anchang.core.db import SessionDep
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.pagination import PageDep
from anchang.core.roles import SALES_RANK, SUPERVISORS_AND_ABOVE, ProjectRole, at_least
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.customers import schemas, service
from anchang.customers.models import Broker, Channel, Intent, ReferralStatus, Stage
from anchang.customers.repository import (
    BrokerNotFound,
    CustomerNotFound,
    FollowUpNotFound,
    ReferralNotFound,
)
from anchang.org.repository import ProjectNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
Sales = Annotated[ProjectAccess, Depends(project_role(*SALES_RANK))]
SiteManagers = Annotated[ProjectAccess, Depends(project_role(*at_least(ProjectRole.site_manager)))]
Supervisors = Annotated[ProjectAccess, Depends(project_role(*SUPERVISORS_AND_ABOVE))]
ON_PROJECT = responses(ProjectNotFound, Forbidden)


async def _one(
    session: SessionDep, access: ProjectAccess, customer: object, response: Response
) -> schemas.Customer:
    [shown] = await service.present_many(session, access, [customer])  # type: ignore[list-item]
    set_etag(response, shown.version)
    return shown


# --- customers ------------------------------------------------------------------------------


@router.post(
    "/projects/{project_id}/customers",
    tags=["customers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        ProjectNotFound,
        Forbidden,
        service.CustomerOwnedByOther,
        service.CustomerInPool,
        service.CustomerExists,
    ),
    summary="Register a customer; an owned phone → 409 customer_owned_by_other naming the owner (撞单)",
)
async def create_customer(
    session: SessionDep, access: Sales, body: schemas.CustomerCreate, response: Response
) -> schemas.Customer:
    customer = await service.register_customer(session, access, body)
    return await _one(session, access, customer, response)


@router.get(
    "/projects/{project_id}/customers",
    tags=["customers"],
    responses=ON_PROJECT,
    summary="Customers: search by name or part of a phone (`q`); consultants see their own and the pool",
)
async def list_customers(
    session: SessionDep,
    access: AnyMember,
    page: PageDep,
    q: Annotated[
        str | None, Query(max_length=100, description="A name, or at least 3 digits of a phone")
    ] = None,
    view: Annotated[
        Literal["default", "mine", "pool", "all"],
        Query(description="mine: the caller's; pool: the public pool (公客); all: what the caller may see"),
    ] = "default",
    owner_id: uuid.UUID | None = None,
    stage: Stage | None = None,
    intent: Intent | None = None,
    channel: Channel | None = None,
) -> Page[schemas.Customer]:
    rows, cursor = await service.list_customers(
        session, access, page, q=q, view=view, owner_id=owner_id, stage=stage, intent=intent, channel=channel
    )
    return Page[schemas.Customer](items=await service.present_many(session, access, rows), next_cursor=cursor)


@router.get(
    "/projects/{project_id}/customers.xlsx",
    tags=["customers"],
    response_class=Response,
    responses={
        200: {"content": {service.XLSX: {}}, "description": "The project's customers as a workbook"},
        **ON_PROJECT,
    },
    summary="Export the project's customers (site managers and above; every export is audited)",
)
async def export_customers(session: SessionDep, access: SiteManagers) -> Response:
    content = await service.export_customers(session, access)
    filename = f"customers-{access.project.code}.xlsx"
    return Response(
        content,
        media_type=service.XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/projects/{project_id}/duplicate-attempts",
    tags=["customers"],
    responses=ON_PROJECT,
    summary="Attempts to register another consultant's customer (撞单), for supervisors to settle",
)
async def list_duplicate_attempts(
    session: SessionDep, access: Supervisors, page: PageDep
) -> Page[schemas.DuplicateAttempt]:
    items, cursor = await service.list_duplicate_attempts(session, access, page)
    return Page[schemas.DuplicateAttempt](items=items, next_cursor=cursor)


@router.get(
    "/customers/{customer_id}",
    tags=["customers"],
    responses=responses(CustomerNotFound),
    summary="A customer; the phone is masked unless the caller owns them or supervises",
)
async def get_customer(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, response: Response
) -> schemas.Customer:
    customer, access = await service.get_customer(session, principal, customer_id)
    return await _one(session, access, customer, response)


@router.patch(
    "/customers/{customer_id}",
    tags=["customers"],
    responses=responses(CustomerNotFound, service.NotYourCustomer, PreconditionFailed, service.PhoneTaken),
    summary="Change a customer's details; `lost_reason` marks them lost (owner and supervisors)",
)
async def update_customer(
    session: SessionDep,
    principal: CurrentPrincipal,
    customer_id: uuid.UUID,
    body: schemas.CustomerUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Customer:
    customer, access = await service.update_customer(
        session, principal, customer_id, body, expected_version(if_match)
    )
    return await _one(session, access, customer, response)


@router.post(
    "/customers/{customer_id}/reassign",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden),
    summary="Give the customer to another consultant, with a reason (supervisors and above)",
)
async def reassign_customer(
    session: SessionDep,
    principal: CurrentPrincipal,
    customer_id: uuid.UUID,
    body: schemas.Reassign,
    response: Response,
) -> schemas.Customer:
    customer, access = await service.reassign_customer(session, principal, customer_id, body)
    return await _one(session, access, customer, response)


@router.post(
    "/customers/{customer_id}/claim",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden, service.NotInPool),
    summary="Claim a customer from the public pool (公客)",
)
async def claim_customer(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, response: Response
) -> schemas.Customer:
    customer, access = await service.claim_customer(session, principal, customer_id)
    return await _one(session, access, customer, response)


@router.get(
    "/customers/{customer_id}/timeline",
    tags=["customers"],
    responses=responses(CustomerNotFound, service.NotYourCustomer),
    summary="The customer's history: ownership, visits, calls, follow-ups, disputes (newest first)",
)
async def get_timeline(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID
) -> schemas.Timeline:
    return await service.timeline(session, principal, customer_id)


@router.get("/projects/{project_id}/alerts", tags=["customers"], responses=ON_PROJECT, summary="My alerts")
async def my_alerts(session: SessionDep, access: AnyMember) -> schemas.MyAlerts:
    """Overdue follow-ups of the caller, and their customers about to fall back to the public pool."""
    return await service.my_alerts(session, access)


# --- visits and calls -----------------------------------------------------------------------


@router.post(
    "/customers/{customer_id}/visits",
    tags=["visits"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, service.NotYourCustomer, Forbidden),
    summary="Log a visit (来访): renews protection, credits a broker's registration within its window",
)
async def add_visit(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, body: schemas.VisitCreate
) -> schemas.Visit:
    return schemas.Visit.model_validate(await service.add_visit(session, principal, customer_id, body))


@router.get(
    "/customers/{customer_id}/visits",
    tags=["visits"],
    responses=responses(CustomerNotFound, service.NotYourCustomer),
)
async def list_customer_visits(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, page: PageDep
) -> Page[schemas.Visit]:
    rows, cursor = await service.list_customer_visits(session, principal, customer_id, page)
    return Page[schemas.Visit].model_validate({"items": rows, "next_cursor": cursor}, from_attributes=True)


@router.get(
    "/projects/{project_id}/visits",
    tags=["visits"],
    responses=ON_PROJECT,
    summary="Visits of the project (consultants: their own), optionally of one day",
)
async def list_project_visits(
    session: SessionDep,
    access: AnyMember,
    page: PageDep,
    day: Annotated[date | None, Query(alias="date", description="A day in the project's time zone")] = None,
    consultant_id: uuid.UUID | None = None,
) -> Page[schemas.Visit]:
    rows, cursor = await service.list_project_visits(
        session, access, page, day=day, consultant_id=consultant_id
    )
    return Page[schemas.Visit].model_validate({"items": rows, "next_cursor": cursor}, from_attributes=True)


@router.post(
    "/customers/{customer_id}/calls",
    tags=["calls"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, service.NotYourCustomer),
    summary="Log a call (来电 / 去电)",
)
async def add_call(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, body: schemas.CallCreate
) -> schemas.Call:
    return schemas.Call.model_validate(await service.add_call(session, principal, customer_id, body))


@router.get(
    "/customers/{customer_id}/calls",
    tags=["calls"],
    responses=responses(CustomerNotFound, service.NotYourCustomer),
)
async def list_calls(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, page: PageDep
) -> Page[schemas.Call]:
    rows, cursor = await service.list_calls(session, principal, customer_id, page)
    return Page[schemas.Call].model_validate({"items": rows, "next_cursor": cursor}, from_attributes=True)


# --- follow-ups -----------------------------------------------------------------------------


@router.post(
    "/customers/{customer_id}/follow-ups",
    tags=["follow-ups"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, service.NotYourCustomer, Forbidden),
)
async def add_follow_up(
    session: SessionDep,
    principal: CurrentPrincipal,
    customer_id: uuid.UUID,
    body: schemas.FollowUpCreate,
    response: Response,
) -> schemas.FollowUp:
    follow_up = await service.add_follow_up(session, principal, customer_id, body)
    set_etag(response, follow_up.version)
    return service.present_follow_up(follow_up, service.now_utc())


@router.get(
    "/customers/{customer_id}/follow-ups",
    tags=["follow-ups"],
    responses=responses(CustomerNotFound, service.NotYourCustomer),
)
async def list_customer_follow_ups(
    session: SessionDep, principal: CurrentPrincipal, customer_id: uuid.UUID, page: PageDep
) -> Page[schemas.FollowUp]:
    rows, cursor = await service.list_customer_follow_ups(session, principal, customer_id, page)
    now = service.now_utc()
    return Page[schemas.FollowUp](items=[service.present_follow_up(f, now) for f in rows], next_cursor=cursor)


@router.patch(
    "/follow-ups/{follow_up_id}",
    tags=["follow-ups"],
    responses=responses(FollowUpNotFound, Forbidden, PreconditionFailed),
    summary="Change a follow-up; an `outcome` marks it done and renews the customer's protection",
)
async def update_follow_up(
    session: SessionDep,
    principal: CurrentPrincipal,
    follow_up_id: uuid.UUID,
    body: schemas.FollowUpUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.FollowUp:
    follow_up = await service.update_follow_up(
        session, principal, follow_up_id, body, expected_version(if_match)
    )
    set_etag(response, follow_up.version)
    return service.present_follow_up(follow_up, service.now_utc())


@router.get(
    "/projects/{project_id}/follow-ups",
    tags=["follow-ups"],
    responses=ON_PROJECT,
    summary="My follow-ups: due today, overdue, open or all (supervisors may pass another assignee)",
)
async def list_follow_ups(
    session: SessionDep,
    access: AnyMember,
    page: PageDep,
    due: schemas.DueFilter = "open",
    assignee_id: uuid.UUID | None = None,
) -> Page[schemas.FollowUp]:
    rows, cursor = await service.list_follow_ups(session, access, page, due=due, assignee_id=assignee_id)
    now = service.now_utc()
    return Page[schemas.FollowUp](items=[service.present_follow_up(f, now) for f in rows], next_cursor=cursor)


# --- brokers and referrals ------------------------------------------------------------------


@router.get("/projects/{project_id}/brokers", tags=["brokers"], responses=ON_PROJECT)
async def list_brokers(session: SessionDep, access: AnyMember, page: PageDep) -> Page[schemas.Broker]:
    rows, cursor = await service.list_brokers(session, access, page)
    return Page[schemas.Broker].model_validate({"items": rows, "next_cursor": cursor}, from_attributes=True)


@router.post(
    "/projects/{project_id}/brokers",
    tags=["brokers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, service.BrokerNameTaken),
    summary="Add a broker (分销 / 中介) to the project (supervisors and above)",
)
async def create_broker(
    session: SessionDep, access: Supervisors, body: schemas.BrokerCreate, response: Response
) -> schemas.Broker:
    broker = await service.create_broker(session, access, body)
    set_etag(response, broker.version)
    return schemas.Broker.model_validate(broker)


@router.get("/brokers/{broker_id}", tags=["brokers"], responses=responses(BrokerNotFound))
async def get_broker(
    session: SessionDep, principal: CurrentPrincipal, broker_id: uuid.UUID, response: Response
) -> schemas.Broker:
    broker = await service.get_broker(session, principal, broker_id)
    set_etag(response, broker.version)
    return schemas.Broker.model_validate(broker)


@router.patch(
    "/brokers/{broker_id}",
    tags=["brokers"],
    responses=responses(BrokerNotFound, Forbidden, PreconditionFailed, service.BrokerNameTaken),
)
async def update_broker(
    session: SessionDep,
    principal: CurrentPrincipal,
    broker_id: uuid.UUID,
    body: schemas.BrokerUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Broker:
    broker = await service.update_broker(session, principal, broker_id, body, expected_version(if_match))
    set_etag(response, broker.version)
    return schemas.Broker.model_validate(broker)


@router.get("/brokers/{broker_id}/agents", tags=["brokers"], responses=responses(BrokerNotFound))
async def list_agents(
    session: SessionDep, principal: CurrentPrincipal, broker_id: uuid.UUID, page: PageDep
) -> Page[schemas.Agent]:
    rows, cursor = await service.list_agents(session, principal, broker_id, page)
    return Page[schemas.Agent].model_validate({"items": rows, "next_cursor": cursor}, from_attributes=True)


async def _broker(session: SessionDep, principal: CurrentPrincipal, broker_id: uuid.UUID) -> Broker:
    # A dependency, so that another organization's broker answers 404 before the body is validated.
    return await service.get_broker(session, principal, broker_id)


@router.post(
    "/brokers/{broker_id}/agents",
    tags=["brokers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(BrokerNotFound, Forbidden, service.AgentPhoneTaken),
    summary="Add an agent (经纪人) to a broker (supervisors and above)",
)
async def add_agent(
    session: SessionDep,
    principal: CurrentPrincipal,
    broker: Annotated[Broker, Depends(_broker)],
    body: schemas.AgentCreate,
) -> schemas.Agent:
    return schemas.Agent.model_validate(await service.add_agent(session, principal, broker, body))


@router.post(
    "/projects/{project_id}/referrals",
    tags=["referrals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        ProjectNotFound, Forbidden, service.ReferralExists, service.CustomerAlreadyRegistered
    ),
    summary="A broker registers a customer before the visit (报备), valid for the project's window",
)
async def create_referral(
    session: SessionDep, access: Sales, body: schemas.ReferralCreate
) -> schemas.Referral:
    referral = await service.create_referral(session, access, body)
    return service.present_referral(referral, access, service.now_utc())


@router.get("/projects/{project_id}/referrals", tags=["referrals"], responses=ON_PROJECT)
async def list_referrals(
    session: SessionDep,
    access: AnyMember,
    page: PageDep,
    broker_id: uuid.UUID | None = None,
    status: ReferralStatus | None = None,
) -> Page[schemas.Referral]:
    rows, cursor = await service.list_referrals(session, access, page, broker_id=broker_id, status=status)
    now = service.now_utc()
    return Page[schemas.Referral](
        items=[service.present_referral(r, access, now) for r in rows], next_cursor=cursor
    )


@router.get(
    "/projects/{project_id}/referrals/monthly",
    tags=["referrals"],
    responses=ON_PROJECT,
    summary="Credited referrals per consultant in a month, against the target (default 4)",
)
async def referral_month(
    session: SessionDep,
    access: AnyMember,
    month: Annotated[
        str | None, Query(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM; default this month")
    ] = None,
) -> schemas.ReferralMonth:
    return await service.referral_month(session, access, month)


@router.get("/referrals/{referral_id}", tags=["referrals"], responses=responses(ReferralNotFound))
async def get_referral(
    session: SessionDep, principal: CurrentPrincipal, referral_id: uuid.UUID
) -> schemas.Referral:
    referral, access = await service.get_referral(session, principal, referral_id)
    return service.present_referral(referral, access, service.now_utc())
