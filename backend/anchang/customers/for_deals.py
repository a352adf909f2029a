"""What other domains read and change of customers: a deal's buyers, their stage as deals move,
the customer behind a walk-in's phone, and names and phones for printed documents.

These see every customer of the caller's projects (the scoped statement, not the row rule): the
calling domain's own rules decide what its caller may do with them.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from anchang.core.security import Principal
from anchang.customers.models import Customer, Stage
from anchang.customers.repository import CustomerNotFound, CustomerRepository
from anchang.customers.transitions import next_stage


@dataclass(frozen=True, slots=True)
class CustomerForDeal:
    """What a deal or a reservation needs of a buyer; `policy.may_sell_to` takes it too."""

    id: uuid.UUID
    project_id: uuid.UUID
    name: str
    phone: str
    owner_id: uuid.UUID | None
    protected_until: datetime | None
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
        protected_until=customer.protected_until,
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
    customer.stage = next_stage(customer.stage, stage, force=force)
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


def name_of(
    principal: Principal, customer_id: ColumnElement[Any] | InstrumentedAttribute[Any]
) -> ScalarSelect[str]:
    """The name of the customer whose id is `customer_id` (a column of the caller's statement), null
    when the caller may not see them: a correlated subquery, for lists that show buyers' names."""
    return (
        CustomerRepository(None, principal)
        .scoped()
        .with_only_columns(Customer.name)
        .where(Customer.id == customer_id)
        .scalar_subquery()
    )


def ids_owned_by(principal: Principal) -> Any:
    """The ids of the customers the caller owns (跟进的客户), as a subquery for other domains' row rules."""
    return (
        CustomerRepository(None, principal)
        .scoped()
        .with_only_columns(Customer.id)
        .where(Customer.owner_id == principal.user_id)
    )
