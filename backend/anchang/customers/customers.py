"""Customers and who owns them: registration (with 撞单 refused and recorded), the lists, changes of
details, and ownership — claiming from the public pool (公客) and reassignment by a supervisor.

Services receive customers already authorized by the route (`entity_role`); the rules they check are
the policy's (customers/policy.py), the same that compute a customer's `allowed_actions`.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import Forbidden, ValidationFailed
from anchang.core.etag import check_version
from anchang.core.reader import Row
from anchang.customers import policy, schemas
from anchang.customers.common import flush_attributed, lock_phone, sales_member, user_ref, users_by_id
from anchang.customers.errors import (
    CustomerExists,
    CustomerInPool,
    CustomerOwnedByOther,
    NotInPool,
    NotYourCustomer,
    PhoneTaken,
)
from anchang.customers.models import Customer, DuplicateAttempt, OwnershipChange, OwnershipEvent, Stage
from anchang.customers.phones import mask_phone
from anchang.customers.repository import CustomerRepository, VisitRepository
from anchang.customers.settings import CustomerSettings
from anchang.integrations import service as integrations
from anchang.org.service import User

# --- presenting -----------------------------------------------------------------------------


def present(
    customer: Customer, access: ProjectAccess, users: dict[uuid.UUID, User], now: datetime
) -> schemas.Customer:
    """The customer as the caller may see them: masked unless `sees_full_phone`, with their actions."""
    full = policy.sees_full_phone(customer, access)
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
        in_pool=policy.is_pooled(customer, now),
        last_activity_at=customer.last_activity_at,
        campaign_id=customer.campaign_id,
        allowed_actions=policy.customer_actions(customer, access, now),
    )


async def present_many(
    session: AsyncSession, access: ProjectAccess, customers: list[Customer]
) -> list[schemas.Customer]:
    """`present` for several customers, their owners' names read at once."""
    users = await users_by_id(session, access.principal, {c.owner_id for c in customers})
    now = now_utc()
    return [present(c, access, users, now) for c in customers]


# --- registration ---------------------------------------------------------------------------


async def _refuse_duplicate(
    session: AsyncSession, access: ProjectAccess, existing: Customer, attempted_name: str, channel: Any
) -> None:
    now = now_utc()
    me = access.principal.user_id
    if policy.is_pooled(existing, now):
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
    """Register a customer to the caller (or, by a supervisor, to a consultant) for the protection
    period; a phone already registered is refused, and a colleague's is recorded as a 撞单.
    The route admits the sales line (`policy.SALES`)."""
    me = access.principal.user_id
    owner_id = me
    if data.owner_id is not None and data.owner_id != me:
        if not policy.may_act_for_others(access):
            raise Forbidden("Only supervisors and above may do this")
        owner_id = (await sales_member(session, access, data.owner_id, "owner_id")).id
    project_id = access.project.id
    customers = CustomerRepository(session, access.principal)
    await lock_phone(session, project_id, data.phone)
    # Whoever owns the phone: a colleague's protected customer is exactly what 撞单 is about.
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
        campaign_id=data.campaign_id,
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
    await flush_attributed(session, data.campaign_id)
    await customers.index(customer)
    await integrations.emit(session, "customer.created", customer)
    return customer


# --- lists ----------------------------------------------------------------------------------


# --- changes --------------------------------------------------------------------------------

_NOT_NULL = ("name", "phone", "channel", "wanted_layouts", "co_buyers")


def require_handle(customer: Customer, access: ProjectAccess, now: datetime) -> None:
    """403 `not_your_customer` unless the caller may edit and log for the customer (the policy)."""
    if not policy.may_handle(customer, access, now):
        raise NotYourCustomer("Only the customer's owner (while protected) and supervisors may do this")


def require_history(customer: Customer | Row, access: ProjectAccess) -> None:
    """403 `not_your_customer` unless the caller may read the customer's history (the policy)."""
    if not policy.may_read_history(customer, access):
        raise NotYourCustomer("Only the customer's owner and supervisors may read their history")


async def update_customer(
    session: AsyncSession,
    customer: Customer,
    access: ProjectAccess,
    data: schemas.CustomerUpdate,
    expected: int | None,
) -> Customer:
    """Change a customer's details (owner while protected, supervisors); `lost_reason` marks them
    lost, and `null` takes that back to `visited` or `new`."""
    customers = CustomerRepository(session, access.principal)
    await customers.lock(customer)
    require_handle(customer, access, now_utc())
    check_version(expected, customer.version)
    changes = data.model_dump(exclude_unset=True)
    for field in _NOT_NULL:
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    if "phone" in changes and changes["phone"] != customer.phone:
        await lock_phone(session, customer.project_id, changes["phone"])
        if await customers.by_phone(customer.project_id, changes["phone"]) is not None:
            raise PhoneTaken(f"Another customer of the project has the phone {mask_phone(changes['phone'])}")
    if "lost_reason" in changes:
        reason = changes.pop("lost_reason")
        customer.lost_reason = reason
        if reason is not None:
            customer.stage = Stage.lost
        elif customer.stage is Stage.lost:
            visits = await VisitRepository(session, access.principal).count_for(customer.id)
            customer.stage = Stage.visited if visits else Stage.new
    for field, value in changes.items():
        setattr(customer, field, value)
    await session.flush()
    if "name" in changes or "phone" in changes:
        await customers.index(customer)
    await integrations.emit(session, "customer.updated", customer)
    return customer


# --- ownership ------------------------------------------------------------------------------


async def reassign_customer(
    session: AsyncSession, customer: Customer, access: ProjectAccess, data: schemas.Reassign
) -> Customer:
    """A supervisor settles a dispute (撞单) or hands a customer over; the reason goes on the timeline.
    The route admits those who `may_reassign`."""
    await CustomerRepository(session, access.principal).lock(customer)
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
            actor_id=access.principal.user_id,
            reason=data.reason,
        )
    )
    await integrations.emit(session, "customer.owner_changed", customer)
    return customer


async def claim_customer(session: AsyncSession, customer: Customer, access: ProjectAccess) -> Customer:
    """Take a customer from the public pool (公客): the caller owns them for a new protection period.
    The route admits the sales line; someone else's protected customer is 409 `customer_not_in_pool`."""
    await CustomerRepository(session, access.principal).lock(customer)
    now = now_utc()
    if not policy.may_claim(customer, access, now):
        owner = (await users_by_id(session, access.principal, {customer.owner_id})).get(customer.owner_id)  # type: ignore[arg-type]
        raise NotInPool(
            f"Protected until {customer.protected_until.isoformat() if customer.protected_until else '-'}",
            owner={"id": str(customer.owner_id), "full_name": owner.full_name if owner else None},
        )
    settings = CustomerSettings.of(access.project.settings)
    previous = customer.owner_id
    me = access.principal.user_id
    customer.owner_id = me
    customer.protected_until = now + timedelta(days=settings.protection_days)
    customer.last_activity_at = now
    session.add(
        OwnershipEvent(
            organization_id=customer.organization_id,
            project_id=customer.project_id,
            customer_id=customer.id,
            kind=OwnershipChange.claimed,
            from_user_id=previous,
            to_user_id=me,
            actor_id=me,
        )
    )
    await integrations.emit(session, "customer.owner_changed", customer)
    return customer
