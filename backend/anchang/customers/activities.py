"""Visits (来访) and calls (来电 / 去电) of customers: logging them, which renews protection, moves the
stage and credits a broker's registration (报备), and listing them."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.calendar import now_utc
from anchang.core.errors import Forbidden
from anchang.core.security import Principal
from anchang.customers import policy, schemas
from anchang.customers.common import flush_attributed, renew_protection, sales_member
from anchang.customers.customers import require_handle
from anchang.customers.models import Call, Customer, ReferralStatus, Visit, VisitKind
from anchang.customers.repository import (
    CustomerRepository,
    ReferralRepository,
    VisitRepository,
)
from anchang.customers.settings import CustomerSettings
from anchang.customers.transitions import after_visit
from anchang.integrations import service as integrations


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
    campaign_id: uuid.UUID | None = None,
) -> Visit:
    """Log a visit: first or repeat, renew protection, move the stage, credit a broker's referral.

    No permission check: the caller (a route of this domain, or reception's rotation) has made it."""
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
        campaign_id=campaign_id,
    )
    session.add(visit)
    renew_protection(customer, settings, visited_at)
    customer.stage = after_visit(customer.stage)
    await flush_attributed(session, campaign_id)
    await _referral_credit(session, principal, customer, visit)
    await integrations.emit(session, "visit.recorded", visit)
    return visit


async def add_visit(
    session: AsyncSession, customer: Customer, access: ProjectAccess, data: schemas.VisitCreate
) -> Visit:
    """Log a visit to a customer the caller handles; supervisors may log it for a consultant."""
    principal = access.principal
    await CustomerRepository(session, principal).lock(customer)
    now = now_utc()
    require_handle(customer, access, now)
    consultant_id = principal.user_id
    if data.consultant_id is not None and data.consultant_id != principal.user_id:
        if not policy.may_act_for_others(access):
            raise Forbidden("Only supervisors and above may do this")
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
        campaign_id=data.campaign_id,
    )


async def add_call(
    session: AsyncSession, customer: Customer, access: ProjectAccess, data: schemas.CallCreate
) -> Call:
    """Log a call with a customer the caller handles; it marks the customer active."""
    await CustomerRepository(session, access.principal).lock(customer)
    now = now_utc()
    require_handle(customer, access, now)
    call = Call(
        organization_id=customer.organization_id,
        project_id=customer.project_id,
        customer_id=customer.id,
        consultant_id=access.principal.user_id,
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
