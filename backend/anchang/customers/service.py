"""Rules of the customers domain: ownership and protection (客户保护期), 撞单, the public pool (公客),
privacy, visits, calls, follow-ups, brokers and referrals (报备).

Other domains call the functions under "for other domains" at the bottom; they never touch the tables.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import record_audit
from anchang.core.errors import Conflict, Forbidden, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.pagination import PageParams, paginate
from anchang.core.roles import SALES_RANK, SUPERVISORS_AND_ABOVE, ProjectRole
from anchang.core.security import Principal
from anchang.customers import schemas
from anchang.customers.models import (
    Broker,
    BrokerAgent,
    Call,
    Customer,
    DuplicateAttempt,
    FollowUp,
    OwnershipChange,
    OwnershipEvent,
    Referral,
    ReferralStatus,
    Stage,
    Visit,
    VisitKind,
)
from anchang.customers.phones import mask_phone
from anchang.customers.repository import (
    AgentRepository,
    BrokerRepository,
    CallRepository,
    CustomerNotFound,
    CustomerRepository,
    DuplicateAttemptRepository,
    FollowUpRepository,
    OwnershipEventRepository,
    ReferralRepository,
    VisitRepository,
    in_pool,
)
from anchang.customers.search import QueryTooShort, parse_query
from anchang.customers.settings import CustomerSettings
from anchang.org import service as org_service
from anchang.org.models import User
from anchang.org.service import project_access

# --- errors ---------------------------------------------------------------------------------


class CustomerOwnedByOther(Conflict):
    """撞单: the phone belongs to another consultant's protected customer. The attempt is kept."""

    code, title = "customer_owned_by_other", "This customer is owned by another consultant"
    commit_on_error = True  # the attempt is recorded even though the request fails


class CustomerInPool(Conflict):
    code, title = "customer_in_pool", "This customer is in the public pool: claim them instead"


class CustomerExists(Conflict):
    code, title = "customer_exists", "This customer is already registered to you"


class PhoneTaken(Conflict):
    code, title = "phone_taken", "Another customer of the project has this phone"


class NotInPool(Conflict):
    code, title = "customer_not_in_pool", "This customer is protected by their owner and cannot be claimed"


class NotYourCustomer(Forbidden):
    code, title = "not_your_customer", "Only the customer's owner and supervisors may do this"


class BrokerNameTaken(Conflict):
    code, title = "broker_name_taken", "Another broker of the project has this name"


class AgentPhoneTaken(Conflict):
    code, title = "agent_phone_taken", "The broker already has an agent with this phone"


class ReferralExists(Conflict):
    code, title = "referral_exists", "A broker's registration for this phone is still valid"


class CustomerAlreadyRegistered(Conflict):
    code, title = "customer_already_registered", "The customer is already registered in this project"


# --- helpers --------------------------------------------------------------------------------


def now_utc() -> datetime:
    return datetime.now(UTC)


def sees_everything(role: ProjectRole | None) -> bool:
    return role in SUPERVISORS_AND_ABOVE


def is_pooled(customer: Customer, now: datetime) -> bool:
    return customer.owner_id is None or (
        customer.protected_until is not None and customer.protected_until <= now
    )


def sees_full(access: ProjectAccess, customer: Customer) -> bool:
    """Supervisors and above see every customer in full; a consultant only the ones they own."""
    return sees_everything(access.role) or customer.owner_id == access.principal.user_id


def may_handle(access: ProjectAccess, customer: Customer, now: datetime) -> bool:
    """Log visits, calls, follow-ups and change details: supervisors+, or the owner while protected."""
    if sees_everything(access.role):
        return True
    return customer.owner_id == access.principal.user_id and not is_pooled(customer, now)


def _require_handle(access: ProjectAccess, customer: Customer, now: datetime) -> None:
    if not may_handle(access, customer, now):
        raise NotYourCustomer("Only the customer's owner (while protected) and supervisors may do this")


def _require_sales(access: ProjectAccess) -> None:
    if access.role not in SALES_RANK:
        raise Forbidden("Your role in this project does not allow this")


def _require_supervisor(access: ProjectAccess) -> None:
    if not sees_everything(access.role):
        raise Forbidden("Only supervisors and above may do this")


def project_zone(access: ProjectAccess) -> ZoneInfo:
    try:
        return ZoneInfo(access.project.timezone)
    except (KeyError, ValueError):  # pragma: no cover - validated on write
        return ZoneInfo("Asia/Shanghai")


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def today_in(access: ProjectAccess) -> date:
    return now_utc().astimezone(project_zone(access)).date()


async def customer_access(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Customer, ProjectAccess]:
    """The customer if visible (else 404), with the caller's access to its project."""
    customer = await CustomerRepository(session, principal).get(customer_id, for_update=for_update)
    return customer, await project_access(session, principal, customer.project_id)


async def users_by_id(
    session: AsyncSession, principal: Principal, ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, User]:
    return await org_service.users_by_id(session, principal, {i for i in ids if i is not None})


def user_ref(users: dict[uuid.UUID, User], user_id: uuid.UUID | None) -> schemas.UserRef | None:
    if user_id is None or user_id not in users:
        return None
    return schemas.UserRef(id=user_id, full_name=users[user_id].full_name)


async def sales_member(session: AsyncSession, access: ProjectAccess, user_id: uuid.UUID, field: str) -> User:
    """A user holding a sales role in the project, or 422 naming `field`."""
    if await org_service.member_role(session, access, user_id) not in SALES_RANK:
        raise ValidationFailed({field: "is not a sales member (consultant or above) of this project"})
    users = await org_service.users_by_id(session, access.principal, {user_id})
    return users[user_id]


def _renew(customer: Customer, settings: CustomerSettings, at: datetime) -> None:
    """A visit or a follow-up renews the owner's protection and marks the customer active."""
    if customer.owner_id is not None and not is_pooled(customer, at):
        renewed = at + timedelta(days=settings.protection_days)
        if customer.protected_until is None or renewed > customer.protected_until:
            customer.protected_until = renewed
    if customer.last_activity_at is None or at > customer.last_activity_at:
        customer.last_activity_at = at


async def _lock_phone(session: AsyncSession, project_id: uuid.UUID, phone: str) -> None:
    """Serialize registrations of one phone in one project (two consultants at once)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"customer-phone:{project_id}:{phone}"},
    )


# --- presenting -----------------------------------------------------------------------------


def present(
    customer: Customer, access: ProjectAccess, users: dict[uuid.UUID, User], now: datetime
) -> schemas.Customer:
    full = sees_full(access, customer)
    co_buyers = [
        schemas.CoBuyer(
            name=c.get("name", ""),
            phone=None if c.get("phone") is None else (c["phone"] if full else mask_phone(c["phone"])),
            relation=c.get("relation"),
        )
        for c in customer.co_buyers
    ]
    return schemas.Customer(
        id=customer.id,
        created_at=customer.created_at,
        updated_at=customer.updated_at,
        version=customer.version,
        project_id=customer.project_id,
        name=customer.name,
        phone=customer.phone if full else mask_phone(customer.phone),
        phone_masked=not full,
        channel=customer.channel,
        intent=customer.intent,
        stage=customer.stage,
        budget=customer.budget if full else None,
        wanted_layouts=list(customer.wanted_layouts),
        notes=customer.notes if full else None,
        co_buyers=co_buyers,
        lost_reason=customer.lost_reason,
        owner=user_ref(users, customer.owner_id),
        protected_until=customer.protected_until,
        in_pool=is_pooled(customer, now),
        last_activity_at=customer.last_activity_at,
    )


async def present_many(
    session: AsyncSession, access: ProjectAccess, customers: list[Customer]
) -> list[schemas.Customer]:
    users = await users_by_id(session, access.principal, {c.owner_id for c in customers})
    now = now_utc()
    return [present(c, access, users, now) for c in customers]


# --- customers ------------------------------------------------------------------------------


async def _refuse_duplicate(
    session: AsyncSession, access: ProjectAccess, existing: Customer, attempted_name: str, channel: Any
) -> None:
    now = now_utc()
    me = access.principal.user_id
    if is_pooled(existing, now):
        raise CustomerInPool(
            "This phone belongs to a customer in the public pool; claim them instead",
            customer_id=str(existing.id),
        )
    if existing.owner_id == me:
        raise CustomerExists("You already own this customer", customer_id=str(existing.id))
    assert existing.owner_id is not None
    session.add(
        DuplicateAttempt(
            organization_id=existing.organization_id,
            project_id=existing.project_id,
            customer_id=existing.id,
            attempted_by_id=me,
            owner_id=existing.owner_id,
            attempted_name=attempted_name,
            channel=channel,
        )
    )
    await session.flush()
    owner = (await users_by_id(session, access.principal, {existing.owner_id})).get(existing.owner_id)
    owner_name = owner.full_name if owner else "another consultant"
    until = existing.protected_until.isoformat() if existing.protected_until else None
    raise CustomerOwnedByOther(
        f"This phone is {owner_name}'s customer, protected until {until}; "
        "the attempt is recorded for your supervisor",
        owner={"id": str(existing.owner_id), "full_name": owner_name},
        customer_id=str(existing.id),
        protected_until=until,
    )


async def register_customer(
    session: AsyncSession, access: ProjectAccess, data: schemas.CustomerCreate
) -> Customer:
    _require_sales(access)
    me = access.principal.user_id
    owner_id = me
    if data.owner_id is not None and data.owner_id != me:
        _require_supervisor(access)
        owner_id = (await sales_member(session, access, data.owner_id, "owner_id")).id
    project_id = access.project.id
    customers = CustomerRepository(session, access.principal)
    await _lock_phone(session, project_id, data.phone)
    existing = await customers.by_phone(project_id, data.phone, for_update=True)
    if existing is not None:
        await _refuse_duplicate(session, access, existing, data.name, data.channel)
    settings = CustomerSettings.of(access.project.settings)
    now = now_utc()
    customer = Customer(
        id=uuid.uuid4(),
        organization_id=access.principal.organization_id,
        project_id=project_id,
        name=data.name,
        phone=data.phone,
        channel=data.channel,
        intent=data.intent,
        budget=data.budget,
        wanted_layouts=list(data.wanted_layouts),
        notes=data.notes,
        co_buyers=[c.model_dump(exclude_none=True) for c in data.co_buyers],
        owner_id=owner_id,
        protected_until=now + timedelta(days=settings.protection_days),
        last_activity_at=now,
    )
    session.add(customer)
    session.add(
        OwnershipEvent(
            organization_id=customer.organization_id,
            project_id=project_id,
            customer_id=customer.id,
            kind=OwnershipChange.registered,
            to_user_id=owner_id,
            actor_id=me,
        )
    )
    await session.flush()
    await customers.index(customer)
    return customer


async def list_customers(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    q: str | None = None,
    view: str = "default",
    owner_id: uuid.UUID | None = None,
    stage: Stage | None = None,
    intent: Any = None,
    channel: Any = None,
) -> tuple[list[Customer], str | None]:
    """Consultants list their own customers (`view=mine`, the default for them) and the pool
    (`view=pool`); supervisors and above list everyone (`view=all`, their default)."""
    project_id = access.project.id
    customers = CustomerRepository(session, access.principal)
    statement = customers.of_project(project_id)
    now = now_utc()
    everything = sees_everything(access.role)
    if view == "default":
        view = "all" if everything else "mine"
    if view == "mine":
        statement = statement.where(Customer.owner_id == access.principal.user_id)
    elif view == "pool":
        statement = statement.where(in_pool(now))
    elif not everything:
        # A consultant's "all": their own customers and the pool, never a colleague's protected ones.
        statement = statement.where((Customer.owner_id == access.principal.user_id) | in_pool(now))
    if owner_id is not None:
        statement = statement.where(Customer.owner_id == owner_id)
    if stage is not None:
        statement = statement.where(Customer.stage == stage)
    if intent is not None:
        statement = statement.where(Customer.intent == intent)
    if channel is not None:
        statement = statement.where(Customer.channel == channel)
    if q:
        try:
            query = parse_query(q)
        except QueryTooShort as exc:
            raise ValidationFailed({"q": str(exc)}) from exc
        statement = customers.matching(statement, project_id, query)
    return await paginate(
        session, statement, page, order_by=[Customer.created_at, Customer.id], updated_at=Customer.updated_at
    )


async def get_customer(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID
) -> tuple[Customer, ProjectAccess]:
    return await customer_access(session, principal, customer_id)


_NOT_NULL = ("name", "phone", "channel", "wanted_layouts", "co_buyers")


async def update_customer(
    session: AsyncSession,
    principal: Principal,
    customer_id: uuid.UUID,
    data: schemas.CustomerUpdate,
    expected: int | None,
) -> tuple[Customer, ProjectAccess]:
    customer, access = await customer_access(session, principal, customer_id, for_update=True)
    _require_handle(access, customer, now_utc())
    check_version(expected, customer.version)
    changes = data.model_dump(exclude_unset=True)
    for field in _NOT_NULL:
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    customers = CustomerRepository(session, principal)
    if "phone" in changes and changes["phone"] != customer.phone:
        await _lock_phone(session, customer.project_id, changes["phone"])
        if await customers.by_phone(customer.project_id, changes["phone"]) is not None:
            raise PhoneTaken(f"Another customer of the project has the phone {mask_phone(changes['phone'])}")
    if "lost_reason" in changes:
        reason = changes.pop("lost_reason")
        customer.lost_reason = reason
        if reason is not None:
            customer.stage = Stage.lost
        elif customer.stage is Stage.lost:
            visits = await VisitRepository(session, principal).count_for(customer.id)
            customer.stage = Stage.visited if visits else Stage.new
    for field, value in changes.items():
        setattr(customer, field, value)
    await session.flush()
    if "name" in changes or "phone" in changes:
        await customers.index(customer)
    return customer, access


async def reassign_customer(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, data: schemas.Reassign
) -> tuple[Customer, ProjectAccess]:
    """A supervisor settles a dispute (撞单) or hands a customer over; the reason goes on the timeline."""
    customer, access = await customer_access(session, principal, customer_id, for_update=True)
    _require_supervisor(access)
    user = await sales_member(session, access, data.to_user_id, "to_user_id")
    now = now_utc()
    settings = CustomerSettings.of(access.project.settings)
    previous = customer.owner_id
    customer.owner_id = user.id
    customer.protected_until = now + timedelta(days=settings.protection_days)
    session.add(
        OwnershipEvent(
            organization_id=customer.organization_id,
            project_id=customer.project_id,
            customer_id=customer.id,
            kind=OwnershipChange.reassigned,
            from_user_id=previous,
            to_user_id=user.id,
            actor_id=principal.user_id,
            reason=data.reason,
        )
    )
    await session.flush()
    return customer, access


async def claim_customer(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID
) -> tuple[Customer, ProjectAccess]:
    """Take a customer from the public pool (公客): the caller owns them for a new protection period."""
    customer, access = await customer_access(session, principal, customer_id, for_update=True)
    _require_sales(access)
    now = now_utc()
    if not is_pooled(customer, now):
        owner = (await users_by_id(session, principal, {customer.owner_id})).get(customer.owner_id)  # type: ignore[arg-type]
        raise NotInPool(
            f"Protected until {customer.protected_until.isoformat() if customer.protected_until else '-'}",
            owner={"id": str(customer.owner_id), "full_name": owner.full_name if owner else None},
        )
    settings = CustomerSettings.of(access.project.settings)
    previous = customer.owner_id
    customer.owner_id = principal.user_id
    customer.protected_until = now + timedelta(days=settings.protection_days)
    customer.last_activity_at = now
    session.add(
        OwnershipEvent(
            organization_id=customer.organization_id,
            project_id=customer.project_id,
            customer_id=customer.id,
            kind=OwnershipChange.claimed,
            from_user_id=previous,
            to_user_id=principal.user_id,
            actor_id=principal.user_id,
        )
    )
    await session.flush()
    return customer, access


async def list_duplicate_attempts(
    session: AsyncSession, access: ProjectAccess, page: PageParams
) -> tuple[list[schemas.DuplicateAttempt], str | None]:
    attempts = DuplicateAttemptRepository(session, access.principal)
    rows, cursor = await paginate(
        session,
        attempts.scoped().where(DuplicateAttempt.project_id == access.project.id),
        page,
        order_by=[DuplicateAttempt.created_at, DuplicateAttempt.id],
        updated_at=DuplicateAttempt.updated_at,
    )
    users = await users_by_id(
        session, access.principal, {a.attempted_by_id for a in rows} | {a.owner_id for a in rows}
    )
    items = [
        schemas.DuplicateAttempt(
            id=a.id,
            created_at=a.created_at,
            updated_at=a.updated_at,
            version=a.version,
            project_id=a.project_id,
            customer_id=a.customer_id,
            attempted_by=user_ref(users, a.attempted_by_id)
            or schemas.UserRef(id=a.attempted_by_id, full_name=""),
            owner=user_ref(users, a.owner_id) or schemas.UserRef(id=a.owner_id, full_name=""),
            attempted_name=a.attempted_name,
            channel=a.channel,
        )
        for a in rows
    ]
    return items, cursor


# --- export ---------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000


async def export_customers(session: AsyncSession, access: ProjectAccess) -> bytes:
    """Every customer of the project as xlsx (site managers and above); the export itself is audited."""
    from openpyxl import Workbook

    customers = CustomerRepository(session, access.principal)
    rows = list(
        (
            await session.scalars(
                customers.of_project(access.project.id)
                .order_by(Customer.created_at, Customer.id)
                .limit(EXPORT_LIMIT)
            )
        ).all()
    )
    users = await users_by_id(session, access.principal, {c.owner_id for c in rows})
    zone = project_zone(access)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户 Customers")
    sheet.append(
        ["姓名 Name", "电话 Phone", "渠道 Channel", "意向 Intent", "阶段 Stage", "预算 Budget",
         "意向户型 Layouts", "置业顾问 Owner", "保护期至 Protected until", "登记时间 Registered"]
    )  # fmt: skip
    for c in rows:
        owner = users.get(c.owner_id) if c.owner_id else None
        sheet.append(
            [
                c.name,
                c.phone,
                c.channel.value,
                c.intent.value if c.intent else "",
                c.stage.value,
                c.budget,
                ", ".join(c.wanted_layouts),
                owner.full_name if owner else "",
                c.protected_until.astimezone(zone).replace(tzinfo=None) if c.protected_until else None,
                c.created_at.astimezone(zone).replace(tzinfo=None),
            ]
        )
    out = BytesIO()
    book.save(out)
    record_audit(
        session.sync_session,
        action="export",
        entity_type="customers",
        entity_id=access.project.id,
        organization_id=access.principal.organization_id,
        after={"format": "xlsx", "rows": len(rows), "project_id": access.project.id},
    )
    await session.flush()
    return out.getvalue()


# --- visits and calls -----------------------------------------------------------------------


async def _referral_credit(
    session: AsyncSession, principal: Principal, customer: Customer, visit: Visit
) -> None:
    """A visit within a broker's registration window (报备) credits the broker and the consultant."""
    referral = await ReferralRepository(session, principal).live_for_phone(
        customer.project_id, customer.phone, visit.visited_at
    )
    if referral is None or referral.status is not ReferralStatus.registered:
        return
    referral.status = ReferralStatus.credited
    referral.customer_id = customer.id
    referral.visit_id = visit.id
    referral.credited_consultant_id = customer.owner_id or visit.consultant_id
    referral.credited_at = visit.visited_at
    customer.referral_broker_id = referral.broker_id


async def record_visit(
    session: AsyncSession,
    principal: Principal,
    customer: Customer,
    settings: CustomerSettings,
    *,
    consultant_id: uuid.UUID,
    visited_at: datetime,
    party_size: int = 1,
    channel: Any = None,
    notes: str | None = None,
    on_behalf_of_id: uuid.UUID | None = None,
    via_rotation: bool = False,
) -> Visit:
    """Log a visit: first or repeat, renew protection, move the stage, credit a broker's referral."""
    first = await VisitRepository(session, principal).count_for(customer.id) == 0
    visit = Visit(
        id=uuid.uuid4(),
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        consultant_id=consultant_id,
        on_behalf_of_id=on_behalf_of_id,
        kind=VisitKind.first if first else VisitKind.repeat,
        channel=channel or customer.channel,
        party_size=party_size,
        visited_at=visited_at,
        notes=notes,
        via_rotation=via_rotation,
    )
    session.add(visit)
    _renew(customer, settings, visited_at)
    if customer.stage is Stage.new:
        customer.stage = Stage.visited
    await session.flush()
    await _referral_credit(session, principal, customer, visit)
    await session.flush()
    return visit


async def add_visit(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, data: schemas.VisitCreate
) -> Visit:
    customer, access = await customer_access(session, principal, customer_id, for_update=True)
    now = now_utc()
    _require_handle(access, customer, now)
    consultant_id = principal.user_id
    if data.consultant_id is not None and data.consultant_id != principal.user_id:
        _require_supervisor(access)
        consultant_id = (await sales_member(session, access, data.consultant_id, "consultant_id")).id
    return await record_visit(
        session,
        principal,
        customer,
        CustomerSettings.of(access.project.settings),
        consultant_id=consultant_id,
        visited_at=data.visited_at or now,
        party_size=data.party_size,
        channel=data.channel,
        notes=data.notes,
    )


async def _readable_history(session: AsyncSession, principal: Principal, customer_id: uuid.UUID) -> Customer:
    """A customer's visits, calls, follow-ups and timeline: owner and supervisors+ only."""
    customer, access = await customer_access(session, principal, customer_id)
    if not sees_full(access, customer):
        raise NotYourCustomer("Only the customer's owner and supervisors may read their history")
    return customer


async def list_customer_visits(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, page: PageParams
) -> tuple[list[Visit], str | None]:
    await _readable_history(session, principal, customer_id)
    visits = VisitRepository(session, principal)
    return await paginate(
        session,
        visits.scoped().where(Visit.customer_id == customer_id),
        page,
        order_by=[Visit.visited_at, Visit.id],
        updated_at=Visit.updated_at,
    )


async def list_project_visits(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    day: date | None = None,
    consultant_id: uuid.UUID | None = None,
) -> tuple[list[Visit], str | None]:
    visits = VisitRepository(session, access.principal)
    statement = visits.scoped().where(Visit.project_id == access.project.id)
    if not sees_everything(access.role):
        statement = statement.where(Visit.consultant_id == access.principal.user_id)
    elif consultant_id is not None:
        statement = statement.where(Visit.consultant_id == consultant_id)
    if day is not None:
        start, end = day_bounds(day, project_zone(access))
        statement = statement.where(Visit.visited_at >= start, Visit.visited_at < end)
    return await paginate(
        session, statement, page, order_by=[Visit.visited_at, Visit.id], updated_at=Visit.updated_at
    )


async def add_call(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, data: schemas.CallCreate
) -> Call:
    customer, access = await customer_access(session, principal, customer_id, for_update=True)
    now = now_utc()
    _require_handle(access, customer, now)
    call = Call(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        consultant_id=principal.user_id,
        direction=data.direction,
        called_at=data.called_at or now,
        duration_seconds=data.duration_seconds,
        notes=data.notes,
    )
    session.add(call)
    if customer.last_activity_at is None or call.called_at > customer.last_activity_at:
        customer.last_activity_at = call.called_at
    await session.flush()
    return call


async def list_calls(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, page: PageParams
) -> tuple[list[Call], str | None]:
    await _readable_history(session, principal, customer_id)
    calls = CallRepository(session, principal)
    return await paginate(
        session,
        calls.scoped().where(Call.customer_id == customer_id),
        page,
        order_by=[Call.called_at, Call.id],
        updated_at=Call.updated_at,
    )


# --- follow-ups -----------------------------------------------------------------------------


def _fields(row: Any) -> dict[str, Any]:
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def present_follow_up(follow_up: FollowUp, now: datetime) -> schemas.FollowUp:
    return schemas.FollowUp.model_validate(
        {**_fields(follow_up), "overdue": follow_up.done_at is None and follow_up.due_at < now}
    )


async def add_follow_up(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, data: schemas.FollowUpCreate
) -> FollowUp:
    customer, access = await customer_access(session, principal, customer_id)
    now = now_utc()
    _require_handle(access, customer, now)
    assignee = data.assignee_id or customer.owner_id or principal.user_id
    if assignee != principal.user_id:
        if not sees_everything(access.role) and assignee != customer.owner_id:
            raise Forbidden("Only supervisors may assign follow-ups to others")
        assignee = (await sales_member(session, access, assignee, "assignee_id")).id
    follow_up = FollowUp(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        assignee_id=assignee,
        due_at=data.due_at,
        method=data.method,
        notes=data.notes,
    )
    session.add(follow_up)
    await session.flush()
    return follow_up


async def update_follow_up(
    session: AsyncSession,
    principal: Principal,
    follow_up_id: uuid.UUID,
    data: schemas.FollowUpUpdate,
    expected: int | None,
) -> FollowUp:
    follow_up = await FollowUpRepository(session, principal).get(follow_up_id, for_update=True)
    access = await project_access(session, principal, follow_up.project_id)
    if follow_up.assignee_id != principal.user_id and not sees_everything(access.role):
        raise Forbidden("Only the assignee and supervisors may change this follow-up")
    check_version(expected, follow_up.version)
    changes = data.model_dump(exclude_unset=True)
    if "due_at" in changes:
        if changes["due_at"] is None:
            raise ValidationFailed({"due_at": "cannot be null"})
        follow_up.due_at = changes["due_at"]
    for field in ("method", "notes"):
        if field in changes:
            setattr(follow_up, field, changes[field])
    if changes.get("outcome"):
        now = now_utc()
        follow_up.outcome = changes["outcome"]
        if follow_up.done_at is None:
            follow_up.done_at = now
            customer = await CustomerRepository(session, principal).get(
                follow_up.customer_id, for_update=True
            )
            _renew(customer, CustomerSettings.of(access.project.settings), now)
    await session.flush()
    return follow_up


async def list_customer_follow_ups(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, page: PageParams
) -> tuple[list[FollowUp], str | None]:
    await _readable_history(session, principal, customer_id)
    follow_ups = FollowUpRepository(session, principal)
    return await paginate(
        session,
        follow_ups.scoped().where(FollowUp.customer_id == customer_id),
        page,
        order_by=[FollowUp.due_at, FollowUp.id],
        updated_at=FollowUp.updated_at,
    )


async def list_follow_ups(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    due: str = "open",
    assignee_id: uuid.UUID | None = None,
) -> tuple[list[FollowUp], str | None]:
    """ "My follow-ups": due today, overdue, open or all; supervisors may look at another assignee's."""
    me = access.principal.user_id
    if assignee_id is not None and assignee_id != me:
        _require_supervisor(access)
    follow_ups = FollowUpRepository(session, access.principal)
    statement = follow_ups.scoped().where(
        FollowUp.project_id == access.project.id, FollowUp.assignee_id == (assignee_id or me)
    )
    now = now_utc()
    if due != "all":
        statement = statement.where(FollowUp.done_at.is_(None))
    if due == "overdue":
        statement = statement.where(FollowUp.due_at < now)
    elif due == "today":
        start, end = day_bounds(today_in(access), project_zone(access))
        statement = statement.where(FollowUp.due_at >= start, FollowUp.due_at < end)
    return await paginate(
        session, statement, page, order_by=[FollowUp.due_at, FollowUp.id], updated_at=FollowUp.updated_at
    )


# --- alerts and timeline --------------------------------------------------------------------

ALERT_LIMIT = 200


async def my_alerts(session: AsyncSession, access: ProjectAccess) -> schemas.MyAlerts:
    me = access.principal.user_id
    now = now_utc()
    settings = CustomerSettings.of(access.project.settings)
    customers = CustomerRepository(session, access.principal)
    follow_ups = FollowUpRepository(session, access.principal)
    overdue = (
        await session.execute(
            follow_ups.scope(select(FollowUp, Customer.name))
            .join(Customer, Customer.id == FollowUp.customer_id)
            .where(
                FollowUp.project_id == access.project.id,
                FollowUp.assignee_id == me,
                FollowUp.done_at.is_(None),
                FollowUp.due_at < now,
            )
            .order_by(FollowUp.due_at)
            .limit(ALERT_LIMIT)
        )
    ).all()
    falling = (
        await session.scalars(
            customers.of_project(access.project.id)
            .where(
                Customer.owner_id == me,
                Customer.protected_until > now,
                Customer.protected_until <= now + timedelta(days=settings.pool_warning_days),
                Customer.stage.not_in([Stage.subscribed, Stage.contracted, Stage.lost]),
            )
            .order_by(Customer.protected_until)
            .limit(ALERT_LIMIT)
        )
    ).all()
    return schemas.MyAlerts(
        follow_ups_overdue=[
            schemas.Alert(
                kind="follow_up_overdue",
                customer_id=f.customer_id,
                customer_name=name,
                at=f.due_at,
                follow_up_id=f.id,
            )
            for f, name in overdue
        ],
        falling_to_pool=[
            schemas.Alert(
                kind="falling_to_pool", customer_id=c.id, customer_name=c.name, at=c.protected_until or now
            )
            for c in falling
        ],
    )


TIMELINE_LIMIT = 500


async def timeline(session: AsyncSession, principal: Principal, customer_id: uuid.UUID) -> schemas.Timeline:
    customer = await _readable_history(session, principal, customer_id)

    async def newest(repository: Any, model: Any, at: Any) -> list[Any]:
        # Each source only up to the entries the timeline can show: a long history stays cheap.
        statement = repository(session, principal).scoped().where(model.customer_id == customer_id)
        return list((await session.scalars(statement.order_by(at.desc()).limit(TIMELINE_LIMIT))).all())

    events = await newest(OwnershipEventRepository, OwnershipEvent, OwnershipEvent.created_at)
    visits = await newest(VisitRepository, Visit, Visit.visited_at)
    calls = await newest(CallRepository, Call, Call.called_at)
    follow_ups = await newest(FollowUpRepository, FollowUp, FollowUp.created_at)
    attempts = await newest(DuplicateAttemptRepository, DuplicateAttempt, DuplicateAttempt.created_at)
    ids: set[uuid.UUID | None] = {customer.owner_id}
    for e in events:
        ids |= {e.from_user_id, e.to_user_id, e.actor_id}
    ids |= {v.consultant_id for v in visits} | {v.on_behalf_of_id for v in visits}
    ids |= {c.consultant_id for c in calls} | {f.assignee_id for f in follow_ups}
    ids |= {a.attempted_by_id for a in attempts}
    users = await users_by_id(session, principal, ids)

    def name(user_id: uuid.UUID | None) -> str:
        return users[user_id].full_name if user_id in users else "—"

    entries: list[schemas.TimelineEntry] = []
    for e in events:
        summary = {
            OwnershipChange.registered: f"Registered by {name(e.actor_id)}, owner {name(e.to_user_id)}",
            OwnershipChange.reassigned: (
                f"Reassigned from {name(e.from_user_id)} to {name(e.to_user_id)}: {e.reason}"
            ),
            OwnershipChange.claimed: f"Claimed from the public pool by {name(e.to_user_id)}",
            OwnershipChange.released: f"Released to the public pool by {name(e.actor_id)}",
        }[e.kind]
        entries.append(
            schemas.TimelineEntry(
                at=e.created_at,
                kind=e.kind.value,
                actor=user_ref(users, e.actor_id),
                summary=summary,
                ref_id=e.id,
                from_user=user_ref(users, e.from_user_id),
                to_user=user_ref(users, e.to_user_id),
                reason=e.reason,
            )
        )
    now = now_utc()
    if customer.owner_id is not None and customer.protected_until and customer.protected_until <= now:
        entries.append(
            schemas.TimelineEntry(
                at=customer.protected_until,
                kind="protection_expired",
                actor=None,
                summary=f"Protection of {name(customer.owner_id)} ran out: back in the public pool",
                to_user=user_ref(users, customer.owner_id),
            )
        )
    for v in visits:
        behalf = f" for {name(v.on_behalf_of_id)}" if v.on_behalf_of_id else ""
        entries.append(
            schemas.TimelineEntry(
                at=v.visited_at,
                kind="visit",
                actor=user_ref(users, v.consultant_id),
                summary=f"{v.kind.value.capitalize()} visit, party of {v.party_size}, received by "
                f"{name(v.consultant_id)}{behalf}" + (f": {v.notes}" if v.notes else ""),
                ref_id=v.id,
                on_behalf_of=user_ref(users, v.on_behalf_of_id),
                notes=v.notes,
                visit_kind=v.kind,
                party_size=v.party_size,
            )
        )
    for c in calls:
        entries.append(
            schemas.TimelineEntry(
                at=c.called_at,
                kind="call",
                actor=user_ref(users, c.consultant_id),
                summary=f"{c.direction.value.capitalize()} call" + (f": {c.notes}" if c.notes else ""),
                ref_id=c.id,
                notes=c.notes,
                call_direction=c.direction,
            )
        )
    for f in follow_ups:
        entries.append(
            schemas.TimelineEntry(
                at=f.created_at,
                kind="follow_up",
                actor=user_ref(users, f.assignee_id),
                summary=f"Follow-up planned for {f.due_at.isoformat()}" + (f": {f.notes}" if f.notes else ""),
                ref_id=f.id,
                notes=f.notes,
                due_at=f.due_at,
            )
        )
        if f.done_at is not None:
            entries.append(
                schemas.TimelineEntry(
                    at=f.done_at,
                    kind="follow_up_done",
                    actor=user_ref(users, f.assignee_id),
                    summary=f"Followed up: {f.outcome}",
                    ref_id=f.id,
                    outcome=f.outcome,
                )
            )
    for a in attempts:
        entries.append(
            schemas.TimelineEntry(
                at=a.created_at,
                kind="duplicate_attempt",
                actor=user_ref(users, a.attempted_by_id),
                summary=(
                    f"{name(a.attempted_by_id)} tried to register this phone as {a.attempted_name} (撞单)"
                ),
                ref_id=a.id,
                attempted_name=a.attempted_name,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return schemas.Timeline(customer_id=customer.id, entries=entries[:TIMELINE_LIMIT])


# --- brokers and referrals ------------------------------------------------------------------


async def list_brokers(
    session: AsyncSession, access: ProjectAccess, page: PageParams
) -> tuple[list[Broker], str | None]:
    brokers = BrokerRepository(session, access.principal)
    return await paginate(
        session,
        brokers.scoped().where(Broker.project_id == access.project.id),
        page,
        order_by=[Broker.created_at, Broker.id],
        updated_at=Broker.updated_at,
    )


async def _broker_name_taken(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    name: str,
    excluding: uuid.UUID | None = None,
) -> bool:
    statement = (
        BrokerRepository(session, principal)
        .scoped()
        .where(Broker.project_id == project_id, Broker.name == name)
    )
    if excluding is not None:
        statement = statement.where(Broker.id != excluding)
    return (await session.scalar(statement)) is not None


async def create_broker(session: AsyncSession, access: ProjectAccess, data: schemas.BrokerCreate) -> Broker:
    if await _broker_name_taken(session, access.principal, access.project.id, data.name):
        raise BrokerNameTaken(f"A broker named {data.name} exists in this project")
    broker = Broker(
        organization_id=access.principal.organization_id, project_id=access.project.id, **data.model_dump()
    )
    session.add(broker)
    await session.flush()
    return broker


async def get_broker(session: AsyncSession, principal: Principal, broker_id: uuid.UUID) -> Broker:
    return await BrokerRepository(session, principal).get(broker_id)


async def update_broker(
    session: AsyncSession,
    principal: Principal,
    broker_id: uuid.UUID,
    data: schemas.BrokerUpdate,
    expected: int | None,
) -> Broker:
    broker = await BrokerRepository(session, principal).get(broker_id, for_update=True)
    _require_supervisor(await project_access(session, principal, broker.project_id))
    check_version(expected, broker.version)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "is_active"):
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    if "name" in changes and await _broker_name_taken(
        session, principal, broker.project_id, changes["name"], broker.id
    ):
        raise BrokerNameTaken(f"A broker named {changes['name']} exists in this project")
    for field, value in changes.items():
        setattr(broker, field, value)
    await session.flush()
    return broker


async def list_agents(
    session: AsyncSession, principal: Principal, broker_id: uuid.UUID, page: PageParams
) -> tuple[list[BrokerAgent], str | None]:
    await BrokerRepository(session, principal).get(broker_id)
    agents = AgentRepository(session, principal)
    return await paginate(
        session,
        agents.scoped().where(BrokerAgent.broker_id == broker_id),
        page,
        order_by=[BrokerAgent.created_at, BrokerAgent.id],
        updated_at=BrokerAgent.updated_at,
    )


async def add_agent(
    session: AsyncSession, principal: Principal, broker: Broker, data: schemas.AgentCreate
) -> BrokerAgent:
    _require_supervisor(await project_access(session, principal, broker.project_id))
    agents = AgentRepository(session, principal)
    taken = await session.scalar(
        agents.scoped().where(BrokerAgent.broker_id == broker.id, BrokerAgent.phone == data.phone)
    )
    if taken is not None:
        raise AgentPhoneTaken(f"{taken.name} already has this phone")
    agent = BrokerAgent(
        organization_id=broker.organization_id,
        project_id=broker.project_id,
        broker_id=broker.id,
        name=data.name,
        phone=data.phone,
    )
    session.add(agent)
    await session.flush()
    return agent


def present_referral(referral: Referral, access: ProjectAccess, now: datetime) -> schemas.Referral:
    full = sees_everything(access.role) or referral.registered_by_id == access.principal.user_id
    return schemas.Referral.model_validate(
        {
            **_fields(referral),
            "phone": referral.phone if full else mask_phone(referral.phone),
            "phone_masked": not full,
            "expired": referral.status is ReferralStatus.registered and referral.valid_until < now,
        }
    )


async def create_referral(
    session: AsyncSession, access: ProjectAccess, data: schemas.ReferralCreate
) -> Referral:
    """报备: valid for the project's `referral_valid_days`; refused when the customer is already
    registered (and not in the pool) or another registration of the phone is still valid."""
    _require_sales(access)
    project_id = access.project.id
    broker = await session.scalar(
        BrokerRepository(session, access.principal)
        .scoped()
        .where(Broker.id == data.broker_id, Broker.project_id == project_id, Broker.is_active.is_(True))
    )
    if broker is None:
        raise ValidationFailed({"broker_id": "is not an active broker of this project"})
    if data.agent_id is not None:
        agent = await session.scalar(
            AgentRepository(session, access.principal)
            .scoped()
            .where(BrokerAgent.id == data.agent_id, BrokerAgent.broker_id == broker.id)
        )
        if agent is None:
            raise ValidationFailed({"agent_id": "is not an agent of this broker"})
    now = now_utc()
    await _lock_phone(session, project_id, data.phone)
    customer = await CustomerRepository(session, access.principal).by_phone(project_id, data.phone)
    if customer is not None and not is_pooled(customer, now):
        raise CustomerAlreadyRegistered("The customer is already registered in this project")
    live = await ReferralRepository(session, access.principal).live_for_phone(project_id, data.phone, now)
    if live is not None:
        raise ReferralExists(f"Registered by another broker until {live.valid_until.isoformat()}")
    settings = CustomerSettings.of(access.project.settings)
    referral = Referral(
        organization_id=access.principal.organization_id,
        project_id=project_id,
        broker_id=broker.id,
        agent_id=data.agent_id,
        customer_name=data.customer_name,
        phone=data.phone,
        registered_at=now,
        valid_until=now + timedelta(days=settings.referral_valid_days),
        registered_by_id=access.principal.user_id,
        notes=data.notes,
    )
    session.add(referral)
    await session.flush()
    return referral


async def list_referrals(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    broker_id: uuid.UUID | None = None,
    status: ReferralStatus | None = None,
) -> tuple[list[Referral], str | None]:
    referrals = ReferralRepository(session, access.principal)
    statement = referrals.scoped().where(Referral.project_id == access.project.id)
    if broker_id is not None:
        statement = statement.where(Referral.broker_id == broker_id)
    if status is not None:
        statement = statement.where(Referral.status == status)
    return await paginate(
        session,
        statement,
        page,
        order_by=[Referral.registered_at, Referral.id],
        updated_at=Referral.updated_at,
    )


async def get_referral(
    session: AsyncSession, principal: Principal, referral_id: uuid.UUID
) -> tuple[Referral, ProjectAccess]:
    referral = await ReferralRepository(session, principal).get(referral_id)
    return referral, await project_access(session, principal, referral.project_id)


def parse_month(month: str) -> date:
    try:
        year, number = month.split("-")
        return date(int(year), int(number), 1)
    except ValueError as exc:
        raise ValidationFailed({"month": "must be YYYY-MM"}) from exc


async def referral_month(
    session: AsyncSession, access: ProjectAccess, month: str | None
) -> schemas.ReferralMonth:
    """Credited referrals per consultant in a month (project time), against the monthly target."""
    first = parse_month(month) if month else today_in(access).replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    zone = project_zone(access)
    start, _ = day_bounds(first, zone)
    end, _ = day_bounds(following, zone)
    referrals = ReferralRepository(session, access.principal)
    result = await session.execute(
        referrals.scope(select(Referral.credited_consultant_id, func.count()).select_from(Referral))
        .where(
            Referral.project_id == access.project.id,
            Referral.status == ReferralStatus.credited,
            and_(Referral.credited_at >= start, Referral.credited_at < end),
        )
        .group_by(Referral.credited_consultant_id)
    )
    counts: dict[uuid.UUID | None, int] = {uid: int(n) for uid, n in result.all()}
    consultants = await org_service.members_with_role(session, access, ProjectRole.consultant)
    ids: set[uuid.UUID | None] = set(counts)
    ids |= set(consultants)
    users = await users_by_id(session, access.principal, ids)
    settings = CustomerSettings.of(access.project.settings)
    rows = [
        schemas.ConsultantReferrals(
            consultant=schemas.UserRef(id=uid, full_name=users[uid].full_name),
            credited=int(counts.get(uid, 0)),
            target=settings.referral_monthly_target,
        )
        for uid in ids
        if uid is not None and uid in users
    ]
    rows.sort(key=lambda r: (-r.credited, r.consultant.full_name))
    return schemas.ReferralMonth(
        month=first.strftime("%Y-%m"), target=settings.referral_monthly_target, consultants=rows
    )


# --- for other domains ----------------------------------------------------------------------

_STAGE_ORDER = [Stage.new, Stage.visited, Stage.pledged, Stage.subscribed, Stage.contracted]


@dataclass(frozen=True, slots=True)
class CustomerForDeal:
    id: uuid.UUID
    project_id: uuid.UUID
    name: str
    phone: str
    owner_id: uuid.UUID | None
    stage: Stage


async def get_customer_for_deal(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, project_id: uuid.UUID
) -> CustomerForDeal:
    """A customer of `project_id` the caller may see; CustomerNotFound (404) otherwise."""
    customer = await CustomerRepository(session, principal).get(customer_id)
    if customer.project_id != project_id:
        raise CustomerNotFound(f"No customer with id {customer_id} in this project")
    return CustomerForDeal(
        id=customer.id,
        project_id=customer.project_id,
        name=customer.name,
        phone=customer.phone,
        owner_id=customer.owner_id,
        stage=customer.stage,
    )


async def mark_stage(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, stage: Stage, *, force: bool = False
) -> Stage:
    """Move a customer's stage after an event elsewhere (a deal subscribed, contracted, cancelled).

    Only forward along new → visited → pledged → subscribed → contracted unless `force` (a cancelled
    deal takes the customer back); `lost` is always allowed. Returns the stage now in force.
    """
    customer = await CustomerRepository(session, principal).get(customer_id, for_update=True)
    current = customer.stage
    forward = current is not Stage.lost and stage is not Stage.lost
    if not forward or force or _STAGE_ORDER.index(stage) > _STAGE_ORDER.index(current):
        customer.stage = stage
    if customer.stage is not Stage.lost:
        customer.lost_reason = None
    await session.flush()
    return customer.stage


async def find_by_phone(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, phone: str
) -> Customer | None:
    """The project's customer with this (normalised) phone, if the caller may see the project."""
    return await CustomerRepository(session, principal).by_phone(project_id, phone, for_update=True)


async def contacts(
    session: AsyncSession, principal: Principal, customer_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """Name and full phone of each customer the caller may see, for documents other domains print."""
    if not customer_ids:
        return {}
    rows = await session.execute(
        CustomerRepository(session, principal)
        .scope(select(Customer.id, Customer.name, Customer.phone))
        .where(Customer.id.in_(list(customer_ids)))
    )
    return {customer_id: (name, phone) for customer_id, name, phone in rows}
