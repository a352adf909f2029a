"""HTTP of customers, visits, calls, follow-ups, brokers and referrals: parse, authorize, call, shape."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.calendar import now_utc
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page, SaneDate, SaneMonth
from anchang.customers import (
    activities,
    alerts,
    broker_reads,
    brokers,
    customers,
    errors,
    export,
    follow_ups,
    policy,
    reads,
    schemas,
    timeline,
)
from anchang.customers.models import (
    Broker,
    Channel,
    Customer,
    FollowUp,
    Intent,
    Referral,
    ReferralStatus,
    Stage,
)
from anchang.customers.repository import (
    BrokerNotFound,
    BrokerRepository,
    CustomerNotFound,
    CustomerRepository,
    FollowUpNotFound,
    FollowUpRepository,
    ReferralNotFound,
    ReferralRepository,
)
from anchang.org.service import ProjectNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
Sales = Annotated[ProjectAccess, Depends(project_role(*policy.SALES))]
Exporters = Annotated[ProjectAccess, Depends(project_role(*policy.EXPORTERS))]
Supervisors = Annotated[ProjectAccess, Depends(project_role(*policy.SUPERVISORS))]
# Entities by id: read through their repository's row rule (404 for what the caller's lists hide).
ReadableCustomer = Annotated[
    Authorized[Customer], Depends(entity_role(CustomerRepository, path="customer_id"))
]
SalesCustomer = Annotated[
    Authorized[Customer], Depends(entity_role(CustomerRepository, *policy.SALES, path="customer_id"))
]
SupervisedCustomer = Annotated[
    Authorized[Customer], Depends(entity_role(CustomerRepository, *policy.SUPERVISORS, path="customer_id"))
]
# The same on GET, where the route reads the entity on the lean read path: a plain row of its columns.
ReadableCustomerRow = Annotated[Authorized[Row], Depends(entity_role(CustomerRepository, path="customer_id"))]
SalesCustomerRow = Annotated[
    Authorized[Row], Depends(entity_role(CustomerRepository, *policy.SALES, path="customer_id"))
]
ReadableBrokerRow = Annotated[Authorized[Row], Depends(entity_role(BrokerRepository, path="broker_id"))]
ReadableReferralRow = Annotated[Authorized[Row], Depends(entity_role(ReferralRepository, path="referral_id"))]
ReadableFollowUp = Annotated[
    Authorized[FollowUp], Depends(entity_role(FollowUpRepository, path="follow_up_id"))
]
ReadableBroker = Annotated[Authorized[Broker], Depends(entity_role(BrokerRepository, path="broker_id"))]
SupervisedBroker = Annotated[
    Authorized[Broker], Depends(entity_role(BrokerRepository, *policy.SUPERVISORS, path="broker_id"))
]
ReadableReferral = Annotated[
    Authorized[Referral], Depends(entity_role(ReferralRepository, path="referral_id"))
]
ON_PROJECT = responses(ProjectNotFound, Forbidden)


async def _one(
    session: SessionDep, access: ProjectAccess, customer: Customer, response: Response
) -> schemas.Customer:
    [shown] = await customers.present_many(session, access, [customer])
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
        errors.CustomerOwnedByOther,
        errors.CustomerInPool,
        errors.CustomerExists,
    ),
    summary="Register a customer; an owned phone → 409 customer_owned_by_other naming the owner (撞单)",
)
async def create_customer(
    session: SessionDep, access: Sales, body: schemas.CustomerCreate, response: Response
) -> schemas.Customer:
    customer = await customers.register_customer(session, access, body)
    return await _one(session, access, customer, response)


@router.get(
    "/projects/{project_id}/customers",
    tags=["customers"],
    responses=ON_PROJECT,
    summary="Customers: search by name or part of a phone (`q`); consultants see their own and the pool",
    response_model=Page[schemas.Customer],
)
async def list_customers(
    reader: ReaderDep,
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
) -> Response:
    rows, cursor = await reads.list_customers(
        reader, access, page, q=q, view=view, owner_id=owner_id, stage=stage, intent=intent, channel=channel
    )
    return answer(Page[schemas.Customer], {"items": rows, "next_cursor": cursor})


@router.get(
    "/projects/{project_id}/customers.xlsx",
    tags=["customers"],
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The project's customers as a workbook"},
        **ON_PROJECT,
    },
    summary="Export the project's customers (site managers and above; every export is audited)",
)
async def export_customers(session: SessionDep, access: Exporters) -> Response:
    content = await export.export_customers(session, access)
    filename = f"customers-{access.project.code}.xlsx"
    return attachment(content, filename)


@router.get(
    "/projects/{project_id}/duplicate-attempts",
    tags=["customers"],
    responses=ON_PROJECT,
    summary="Attempts to register another consultant's customer (撞单), for supervisors to settle",
    response_model=Page[schemas.DuplicateAttempt],
)
async def list_duplicate_attempts(reader: ReaderDep, access: Supervisors, page: PageDep) -> Response:
    items, cursor = await reads.list_duplicate_attempts(reader, access, page)
    return answer(Page[schemas.DuplicateAttempt], {"items": items, "next_cursor": cursor})


@router.get(
    "/customers/{customer_id}",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden),
    summary="A customer the caller may read; the phone is masked unless the caller owns them or supervises",
    response_model=schemas.Customer,
)
async def get_customer(customer: ReadableCustomerRow) -> Response:
    shown = reads.read_customer(customer.entity, customer.access)
    return answer(schemas.Customer, shown, version=shown.version)


@router.patch(
    "/customers/{customer_id}",
    tags=["customers"],
    responses=responses(
        CustomerNotFound, Forbidden, errors.NotYourCustomer, PreconditionFailed, errors.PhoneTaken
    ),
    summary="Change a customer's details; `lost_reason` marks them lost (owner and supervisors)",
)
async def update_customer(
    session: SessionDep,
    customer: SalesCustomer,
    body: schemas.CustomerUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Customer:
    changed = await customers.update_customer(
        session, customer.entity, customer.access, body, expected_version(if_match)
    )
    return await _one(session, customer.access, changed, response)


@router.post(
    "/customers/{customer_id}/reassign",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden),
    summary="Give the customer to another consultant, with a reason (supervisors and above)",
)
async def reassign_customer(
    session: SessionDep, customer: SupervisedCustomer, body: schemas.Reassign, response: Response
) -> schemas.Customer:
    changed = await customers.reassign_customer(session, customer.entity, customer.access, body)
    return await _one(session, customer.access, changed, response)


@router.post(
    "/customers/{customer_id}/claim",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden, errors.NotInPool),
    summary="Claim a customer from the public pool (公客)",
)
async def claim_customer(
    session: SessionDep, customer: SalesCustomer, response: Response
) -> schemas.Customer:
    claimed = await customers.claim_customer(session, customer.entity, customer.access)
    return await _one(session, customer.access, claimed, response)


@router.get(
    "/customers/{customer_id}/timeline",
    tags=["customers"],
    responses=responses(CustomerNotFound, Forbidden, errors.NotYourCustomer),
    summary="The customer's history: ownership, visits, calls, follow-ups, disputes (newest first, paged)",
    response_model=schemas.Timeline,
)
async def get_timeline(reader: ReaderDep, customer: SalesCustomerRow, page: PageDep) -> Response:
    return answer(schemas.Timeline, await timeline.timeline(reader, customer.entity, customer.access, page))


@router.get(
    "/projects/{project_id}/alerts",
    tags=["customers"],
    responses=ON_PROJECT,
    summary="My alerts",
    response_model=schemas.MyAlerts,
)
async def my_alerts(reader: ReaderDep, access: AnyMember) -> Response:
    """Overdue follow-ups of the caller, and their customers about to fall back to the public pool."""
    return answer(schemas.MyAlerts, await alerts.my_alerts(reader, access))


# --- visits and calls -----------------------------------------------------------------------


@router.post(
    "/customers/{customer_id}/visits",
    tags=["visits"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, errors.NotYourCustomer, Forbidden),
    summary="Log a visit (来访): renews protection, credits a broker's registration within its window",
)
async def add_visit(session: SessionDep, customer: SalesCustomer, body: schemas.VisitCreate) -> schemas.Visit:
    visit = await activities.add_visit(session, customer.entity, customer.access, body)
    return schemas.Visit.model_validate(visit)


@router.get(
    "/customers/{customer_id}/visits",
    tags=["visits"],
    responses=responses(CustomerNotFound, Forbidden, errors.NotYourCustomer),
    response_model=Page[schemas.Visit],
)
async def list_customer_visits(reader: ReaderDep, customer: SalesCustomerRow, page: PageDep) -> Response:
    rows, cursor = await reads.list_customer_visits(reader, customer.entity, customer.access, page)
    return answer(Page[schemas.Visit], {"items": rows, "next_cursor": cursor})


@router.get(
    "/projects/{project_id}/visits",
    tags=["visits"],
    responses=ON_PROJECT,
    summary="Visits of the project (consultants: their own), optionally of one day",
    response_model=Page[schemas.Visit],
)
async def list_project_visits(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    day: Annotated[
        SaneDate | None, Query(alias="date", description="A day in the project's time zone")
    ] = None,
    consultant_id: uuid.UUID | None = None,
) -> Response:
    rows, cursor = await reads.list_project_visits(reader, access, page, day=day, consultant_id=consultant_id)
    return answer(Page[schemas.Visit], {"items": rows, "next_cursor": cursor})


@router.post(
    "/customers/{customer_id}/calls",
    tags=["calls"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, Forbidden, errors.NotYourCustomer),
    summary="Log a call (来电 / 去电)",
)
async def add_call(session: SessionDep, customer: SalesCustomer, body: schemas.CallCreate) -> schemas.Call:
    call = await activities.add_call(session, customer.entity, customer.access, body)
    return schemas.Call.model_validate(call)


@router.get(
    "/customers/{customer_id}/calls",
    tags=["calls"],
    responses=responses(CustomerNotFound, Forbidden, errors.NotYourCustomer),
    response_model=Page[schemas.Call],
)
async def list_calls(reader: ReaderDep, customer: SalesCustomerRow, page: PageDep) -> Response:
    rows, cursor = await reads.list_calls(reader, customer.entity, customer.access, page)
    return answer(Page[schemas.Call], {"items": rows, "next_cursor": cursor})


# --- follow-ups -----------------------------------------------------------------------------


@router.post(
    "/customers/{customer_id}/follow-ups",
    tags=["follow-ups"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(CustomerNotFound, errors.NotYourCustomer, Forbidden),
)
async def add_follow_up(
    session: SessionDep, customer: SalesCustomer, body: schemas.FollowUpCreate, response: Response
) -> schemas.FollowUp:
    follow_up = await follow_ups.add_follow_up(session, customer.entity, customer.access, body)
    set_etag(response, follow_up.version)
    return follow_ups.present_follow_up(follow_up, now_utc())


@router.get(
    "/customers/{customer_id}/follow-ups",
    tags=["follow-ups"],
    responses=responses(CustomerNotFound, Forbidden, errors.NotYourCustomer),
    response_model=Page[schemas.FollowUp],
)
async def list_customer_follow_ups(reader: ReaderDep, customer: SalesCustomerRow, page: PageDep) -> Response:
    rows, cursor = await reads.list_customer_follow_ups(reader, customer.entity, customer.access, page)
    return answer(Page[schemas.FollowUp], {"items": rows, "next_cursor": cursor})


@router.patch(
    "/follow-ups/{follow_up_id}",
    tags=["follow-ups"],
    responses=responses(FollowUpNotFound, Forbidden, PreconditionFailed),
    summary="Change a follow-up; an `outcome` marks it done and renews the customer's protection",
)
async def update_follow_up(
    session: SessionDep,
    follow_up: ReadableFollowUp,
    body: schemas.FollowUpUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.FollowUp:
    changed = await follow_ups.update_follow_up(
        session, follow_up.entity, follow_up.access, body, expected_version(if_match)
    )
    set_etag(response, changed.version)
    return follow_ups.present_follow_up(changed, now_utc())


@router.get(
    "/projects/{project_id}/follow-ups",
    tags=["follow-ups"],
    responses=ON_PROJECT,
    summary="My follow-ups: due today, overdue, open or all (supervisors may pass another assignee)",
    response_model=Page[schemas.FollowUp],
)
async def list_follow_ups(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    due: schemas.DueFilter = "open",
    assignee_id: uuid.UUID | None = None,
) -> Response:
    rows, cursor = await reads.list_follow_ups(reader, access, page, due=due, assignee_id=assignee_id)
    return answer(Page[schemas.FollowUp], {"items": rows, "next_cursor": cursor})


# --- brokers and referrals ------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/brokers",
    tags=["brokers"],
    responses=ON_PROJECT,
    response_model=Page[schemas.Broker],
)
async def list_brokers(reader: ReaderDep, access: AnyMember, page: PageDep) -> Response:
    rows, cursor = await broker_reads.list_brokers(reader, access, page)
    return answer(Page[schemas.Broker], {"items": rows, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/brokers",
    tags=["brokers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, errors.BrokerNameTaken),
    summary="Add a broker (分销 / 中介) to the project (supervisors and above)",
)
async def create_broker(
    session: SessionDep, access: Supervisors, body: schemas.BrokerCreate, response: Response
) -> schemas.Broker:
    broker = await brokers.create_broker(session, access, body)
    set_etag(response, broker.version)
    return schemas.Broker.model_validate(broker)


@router.get(
    "/brokers/{broker_id}",
    tags=["brokers"],
    responses=responses(BrokerNotFound, Forbidden),
    response_model=schemas.Broker,
)
async def get_broker(broker: ReadableBrokerRow) -> Response:
    # The route's read of the broker is all the answer needs.
    return answer(schemas.Broker, broker_reads.present_broker(broker.entity), version=broker.entity.version)


@router.patch(
    "/brokers/{broker_id}",
    tags=["brokers"],
    responses=responses(BrokerNotFound, Forbidden, PreconditionFailed, errors.BrokerNameTaken),
)
async def update_broker(
    session: SessionDep,
    broker: SupervisedBroker,
    body: schemas.BrokerUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Broker:
    changed = await brokers.update_broker(
        session, broker.entity, broker.access, body, expected_version(if_match)
    )
    set_etag(response, changed.version)
    return schemas.Broker.model_validate(changed)


@router.get(
    "/brokers/{broker_id}/agents",
    tags=["brokers"],
    responses=responses(BrokerNotFound, Forbidden),
    response_model=Page[schemas.Agent],
)
async def list_agents(reader: ReaderDep, broker: ReadableBrokerRow, page: PageDep) -> Response:
    rows, cursor = await broker_reads.list_agents(reader, broker.entity, broker.access, page)
    return answer(Page[schemas.Agent], {"items": rows, "next_cursor": cursor})


@router.post(
    "/brokers/{broker_id}/agents",
    tags=["brokers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(BrokerNotFound, Forbidden, errors.AgentPhoneTaken),
    summary="Add an agent (经纪人) to a broker (supervisors and above)",
)
async def add_agent(
    session: SessionDep, broker: SupervisedBroker, body: schemas.AgentCreate
) -> schemas.Agent:
    # The broker is a dependency: another organization's answers 404 before the body is validated.
    return schemas.Agent.model_validate(await brokers.add_agent(session, broker.entity, broker.access, body))


@router.post(
    "/projects/{project_id}/referrals",
    tags=["referrals"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, errors.ReferralExists, errors.CustomerAlreadyRegistered),
    summary="A broker registers a customer before the visit (报备), valid for the project's window",
)
async def create_referral(
    session: SessionDep, access: Sales, body: schemas.ReferralCreate
) -> schemas.Referral:
    referral = await brokers.create_referral(session, access, body)
    return brokers.present_referral(referral, access, now_utc())


@router.get(
    "/projects/{project_id}/referrals",
    tags=["referrals"],
    responses=ON_PROJECT,
    response_model=Page[schemas.Referral],
)
async def list_referrals(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    broker_id: uuid.UUID | None = None,
    status: ReferralStatus | None = None,
) -> Response:
    rows, cursor = await broker_reads.list_referrals(reader, access, page, broker_id=broker_id, status=status)
    return answer(Page[schemas.Referral], {"items": rows, "next_cursor": cursor})


@router.get(
    "/projects/{project_id}/referrals/monthly",
    tags=["referrals"],
    responses=ON_PROJECT,
    summary="Credited referrals per consultant in a month, against the target (default 4)",
    response_model=schemas.ReferralMonth,
)
async def referral_month(
    reader: ReaderDep,
    access: AnyMember,
    month: Annotated[SaneMonth | None, Query(description="YYYY-MM; default this month")] = None,
) -> Response:
    return answer(schemas.ReferralMonth, await broker_reads.referral_month(reader, access, month))


@router.get(
    "/referrals/{referral_id}",
    tags=["referrals"],
    responses=responses(ReferralNotFound, Forbidden),
    response_model=schemas.Referral,
)
async def get_referral(referral: ReadableReferralRow) -> Response:
    # The route's read of the referral is all the answer needs.
    return answer(
        schemas.Referral, broker_reads.present_referral(referral.entity, referral.access, now_utc())
    )
