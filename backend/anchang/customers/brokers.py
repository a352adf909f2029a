"""Channels (二、三级联动): the project's brokers and their agents, brokers' registrations of customers
before the visit (报备), and the month's credited referrals per consultant against the target.
A visit crediting a registration is logged in `activities`."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version
from anchang.core.security import Principal
from anchang.customers import policy, schemas
from anchang.customers.common import (
    fields_of,
    lock_phone,
)
from anchang.customers.errors import (
    AgentPhoneTaken,
    BrokerNameTaken,
    CustomerAlreadyRegistered,
    ReferralExists,
)
from anchang.customers.models import Broker, BrokerAgent, Referral, ReferralStatus
from anchang.customers.phones import mask_phone
from anchang.customers.repository import (
    AgentRepository,
    BrokerRepository,
    CustomerRepository,
    ReferralRepository,
)
from anchang.customers.settings import CustomerSettings


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
    """Add a broker to the project (the route admits supervisors and above); names are unique in it."""
    if await _broker_name_taken(session, access.principal, access.project.id, data.name):
        raise BrokerNameTaken(f"A broker named {data.name} exists in this project")
    broker = Broker(
        organization_id=access.principal.organization_id, project_id=access.project.id, **data.model_dump()
    )
    session.add(broker)
    await session.flush()
    return broker


async def update_broker(
    session: AsyncSession,
    broker: Broker,
    access: ProjectAccess,
    data: schemas.BrokerUpdate,
    expected: int | None,
) -> Broker:
    """Rename, re-contact or deactivate a broker (the route admits supervisors and above)."""
    principal = access.principal
    await session.refresh(broker, with_for_update=True)
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


async def add_agent(
    session: AsyncSession, broker: Broker, access: ProjectAccess, data: schemas.AgentCreate
) -> BrokerAgent:
    """Add an agent to a broker (the route admits supervisors and above); phones are unique per broker."""
    agents = AgentRepository(session, access.principal)
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
    """The referral as the caller may see it: the phone in full for its registrar and supervisors."""
    full = policy.sees_full_referral_phone(referral, access)
    return schemas.Referral.model_validate(
        {
            **fields_of(referral),
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
    await lock_phone(session, project_id, data.phone)
    customer = await CustomerRepository(session, access.principal).by_phone(project_id, data.phone)
    if customer is not None and not policy.is_pooled(customer, now):
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
