"""Keyword-only async factories for customers, visits, follow-ups, brokers, referrals and the roster."""

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.customers.models import (
    Broker,
    BrokerAgent,
    Channel,
    Customer,
    FollowUp,
    Referral,
    Visit,
    VisitKind,
)
from anchang.customers.search import customer_grams
from anchang.org.models import Project, User
from anchang.reception.models import DutyStatus, RosterEntry

_phones = itertools.count(10_000_000)


def new_phone() -> str:
    """A distinct valid mobile number per call: 139xxxxxxxx."""
    return f"139{next(_phones) % 100_000_000:08d}"


async def create_customer(
    session: AsyncSession,
    *,
    project: Project,
    owner: User | None,
    name: str = "王先生",
    phone: str | None = None,
    channel: Channel = Channel.walk_in,
    protected_days: float = 30,
) -> Customer:
    from anchang.customers.models import CustomerGram

    now = datetime.now(UTC)
    customer = Customer(
        id=uuid.uuid4(),
        organization_id=project.organization_id,
        project_id=project.id,
        name=name,
        phone=phone or new_phone(),
        channel=channel,
        owner_id=owner.id if owner else None,
        protected_until=now + timedelta(days=protected_days) if owner else None,
        last_activity_at=now,
    )
    session.add(customer)
    await session.flush()
    for gram in customer_grams(customer.name, customer.phone):
        session.add(
            CustomerGram(
                customer_id=customer.id,
                gram=gram,
                organization_id=customer.organization_id,
                project_id=customer.project_id,
            )
        )
    await session.flush()
    return customer


async def create_visit(session: AsyncSession, *, customer: Customer, consultant: User) -> Visit:
    visit = Visit(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        consultant_id=consultant.id,
        kind=VisitKind.first,
        channel=customer.channel,
        visited_at=datetime.now(UTC),
    )
    session.add(visit)
    await session.flush()
    return visit


async def create_follow_up(
    session: AsyncSession, *, customer: Customer, assignee: User, due_in: timedelta = timedelta(days=1)
) -> FollowUp:
    follow_up = FollowUp(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        assignee_id=assignee.id,
        due_at=datetime.now(UTC) + due_in,
    )
    session.add(follow_up)
    await session.flush()
    return follow_up


async def create_broker(session: AsyncSession, *, project: Project, name: str | None = None) -> Broker:
    broker = Broker(
        organization_id=project.organization_id,
        project_id=project.id,
        name=name or f"链家 {uuid.uuid4().hex[:6]}",
    )
    session.add(broker)
    await session.flush()
    return broker


async def create_agent(session: AsyncSession, *, broker: Broker, name: str = "经纪人") -> BrokerAgent:
    agent = BrokerAgent(
        organization_id=broker.organization_id,
        project_id=broker.project_id,
        broker_id=broker.id,
        name=name,
        phone=new_phone(),
    )
    session.add(agent)
    await session.flush()
    return agent


async def create_referral(
    session: AsyncSession,
    *,
    broker: Broker,
    phone: str | None = None,
    registered_at: datetime | None = None,
    valid_days: int = 7,
) -> Referral:
    at = registered_at or datetime.now(UTC)
    referral = Referral(
        organization_id=broker.organization_id,
        project_id=broker.project_id,
        broker_id=broker.id,
        customer_name="报备客户",
        phone=phone or new_phone(),
        registered_at=at,
        valid_until=at + timedelta(days=valid_days),
    )
    session.add(referral)
    await session.flush()
    return referral


async def create_roster_entry(
    session: AsyncSession,
    *,
    project: Project,
    user: User,
    position: int,
    work_date: date,
    status: DutyStatus = DutyStatus.on_duty,
) -> RosterEntry:
    entry = RosterEntry(
        organization_id=project.organization_id,
        project_id=project.id,
        work_date=work_date,
        user_id=user.id,
        position=position,
        status=status,
    )
    session.add(entry)
    await session.flush()
    return entry


def today(zone: str = "Asia/Shanghai") -> date:
    """Today in a project's time zone (the factories' projects use Asia/Shanghai)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(zone)).date()
