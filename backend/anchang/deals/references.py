"""What other domains need to refer to a deal: whether it is one of a project's, its buyers and unit,
and which deals a consultant sold (for their row rules)."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.security import Principal
from anchang.deals.models import Deal
from anchang.deals.repository import DealNotFound, DealRepository


@dataclass(frozen=True, slots=True)
class DealReference:
    id: uuid.UUID
    unit_id: uuid.UUID
    customer_ids: tuple[uuid.UUID, ...]
    consultant_id: uuid.UUID | None


async def deal_in_project(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, project_id: uuid.UUID
) -> DealReference:
    """A deal of `project_id` the caller's organization and projects include; DealNotFound otherwise."""
    deal = await DealRepository(session, principal).get(deal_id)
    if deal.project_id != project_id:
        raise DealNotFound(f"No deal with id {deal_id} in this project")
    return DealReference(deal.id, deal.unit_id, tuple(deal.customer_ids), deal.consultant_id)


def ids_sold_by(principal: Principal) -> Any:
    """The ids of the deals the caller sold, as a subquery for other domains' row rules."""
    return (
        DealRepository(None, principal)
        .scoped()
        .with_only_columns(Deal.id)
        .where(Deal.consultant_id == principal.user_id)
    )
