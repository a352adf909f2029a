"""What every capability of the customers domain shares: the clock and the project's calendar, the
people named on records, the protection a visit or follow-up renews, and the per-phone lock."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.security import Principal
from anchang.customers import schemas
from anchang.customers.models import CAMPAIGN_KEYS, Customer
from anchang.customers.policy import SALES, is_pooled
from anchang.customers.settings import CustomerSettings
from anchang.org import service as org_service
from anchang.org.service import User


async def users_by_id(
    session: AsyncSession, principal: Principal, ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, User]:
    """The named users of the caller's organization, by id (unknown and None ids are left out)."""
    return await org_service.users_by_id(session, principal, {i for i in ids if i is not None})


def user_ref(users: dict[uuid.UUID, User], user_id: uuid.UUID | None) -> schemas.UserRef | None:
    """A user's id and name as responses show them; None when unknown."""
    if user_id is None or user_id not in users:
        return None
    return schemas.UserRef(id=user_id, full_name=users[user_id].full_name)


async def sales_member(session: AsyncSession, access: ProjectAccess, user_id: uuid.UUID, field: str) -> User:
    """A user holding a sales role in the project, or 422 naming `field`."""
    if await org_service.member_role(session, access, user_id) not in SALES:
        raise ValidationFailed({field: "is not a sales member (consultant or above) of this project"})
    users = await org_service.users_by_id(session, access.principal, {user_id})
    return users[user_id]


def renew_protection(customer: Customer, settings: CustomerSettings, at: datetime) -> None:
    """A visit or a follow-up renews the owner's protection and marks the customer active."""
    if customer.owner_id is not None and not is_pooled(customer, at):
        renewed = at + timedelta(days=settings.protection_days)
        if customer.protected_until is None or renewed > customer.protected_until:
            customer.protected_until = renewed
    if customer.last_activity_at is None or at > customer.last_activity_at:
        customer.last_activity_at = at


async def lock_phone(session: AsyncSession, project_id: uuid.UUID, phone: str) -> None:
    """Serialize registrations of one phone in one project (two consultants at once)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"customer-phone:{project_id}:{phone}"},
    )


def fields_of(row: Any) -> dict[str, Any]:
    """A row's column values by attribute name, to build a response model with a few more fields."""
    if isinstance(row, dict):  # read on the lean read path: already that
        return dict(row)
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


async def flush_attributed(session: AsyncSession, campaign_id: uuid.UUID | None) -> None:
    """Flush rows that may name a campaign; one of another project (the composite key refuses it) is a
    422 naming `campaign_id`. Only a named campaign pays for the savepoint that keeps the error clean."""
    if campaign_id is None:
        await session.flush()
        return
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) in CAMPAIGN_KEYS:
            raise ValidationFailed({"campaign_id": "is not a campaign of this project"}) from exc
        raise
