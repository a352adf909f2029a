"""Deals as the API shows them: one deal with its unit, buyers, money and what the caller may do with
it (`allowed_actions`); the project's list of deals the caller may read; an operation's result."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, paginate
from anchang.deals import repository as repo
from anchang.deals.base import pending_operation
from anchang.deals.buyers import buyer_names
from anchang.deals.ledger import outstanding
from anchang.deals.models import Deal, DealOperation, DealStatus, Mortgage, MortgageStage, OperationStatus
from anchang.deals.mortgage import mortgage_stage
from anchang.deals.policy import deal_actions, shown_below_floor
from anchang.deals.timeline import operation_shown
from anchang.inventory import service as inventory

SUMMARY_FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "project_id",
    "unit_id",
    "customer_ids",
    "consultant_id",
    "status",
    "payment_method",
    "final_price",
    "subscribed_on",
    "contract_number",
)


async def deal_view(session: AsyncSession, deal: Deal, access: ProjectAccess) -> dict[str, Any]:
    """The deal with its unit code, buyers' names, paid and outstanding, the approval it waits for and
    the actions the caller may take."""
    units = await inventory.units_for_deals(session, access.principal, [deal.unit_id])
    names = await buyer_names(session, access.principal, set(deal.customer_ids))
    paid, owed = await outstanding(session, deal)
    pending = await pending_operation(session, deal)
    stage = await mortgage_stage(session, deal, access)
    return {
        **{c.key: getattr(deal, c.key) for c in Deal.__table__.columns},
        "below_floor": shown_below_floor(deal.below_floor, access),
        "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
        "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
        "paid": paid,
        "outstanding": owed,
        "pending_approval_id": pending.approval_id if pending else None,
        "allowed_actions": deal_actions(deal, access, pending=pending is not None, mortgage=stage),
    }


async def operation_view(
    session: AsyncSession, deal: Deal, operation: DealOperation, access: ProjectAccess
) -> dict[str, Any]:
    """An operation's result: the deal as it is now, and the operation (done or waiting), as the caller
    may see them."""
    await session.refresh(deal)
    return {"deal": await deal_view(session, deal, access), "operation": operation_shown(operation, access)}


async def list_deals(
    session: AsyncSession,
    access: ProjectAccess,
    page: PageParams,
    *,
    status: DealStatus | None,
    mine: bool = False,
    customer_id: uuid.UUID | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The project's deals the caller may read (a consultant's own), each with its unit code, buyers'
    names and the caller's allowed actions."""
    statement: Select[Deal] = repo.DealRepository(session, access.principal).readable_of_project(
        access.project.id
    )
    if status is not None:
        statement = statement.where(Deal.status == status)
    if mine:
        statement = statement.where(Deal.consultant_id == access.principal.user_id)
    if customer_id is not None:  # a customer's deals, for their timeline
        statement = statement.where(Deal.customer_ids.contains([customer_id]))
    deals, cursor = await paginate(
        session, statement, page, order_by=[Deal.created_at, Deal.id], updated_at=Deal.updated_at
    )
    # A few queries for the whole page, not a few per deal.
    units = await inventory.units_for_deals(session, access.principal, [d.unit_id for d in deals])
    names = await buyer_names(session, access.principal, {c for d in deals for c in d.customer_ids})
    waiting, stages = await _pending_and_mortgages(session, access, [d.id for d in deals])
    summaries = [
        {
            **{key: getattr(deal, key) for key in SUMMARY_FIELDS},
            "unit_code": units[deal.unit_id].code if deal.unit_id in units else "",
            "buyers": [{"id": c, "name": names.get(c, "")} for c in deal.customer_ids],
            "allowed_actions": deal_actions(
                deal, access, pending=deal.id in waiting, mortgage=stages.get(deal.id)
            ),
        }
        for deal in deals
    ]
    return summaries, cursor


async def _pending_and_mortgages(
    session: AsyncSession, access: ProjectAccess, deal_ids: Sequence[uuid.UUID]
) -> tuple[set[uuid.UUID], dict[uuid.UUID, MortgageStage]]:
    """Which of the deals wait for an approval, and the stage of each one's mortgage."""
    if not deal_ids:
        return set(), {}
    operations = repo.OperationRepository(session, access.principal)
    waiting = set(
        await session.scalars(
            operations.scope(select(DealOperation.deal_id)).where(
                DealOperation.deal_id.in_(list(deal_ids)), DealOperation.status == OperationStatus.pending
            )
        )
    )
    mortgages = repo.MortgageRepository(session, access.principal)
    rows = await session.execute(
        mortgages.scope(select(Mortgage.deal_id, Mortgage.stage)).where(Mortgage.deal_id.in_(list(deal_ids)))
    )
    return waiting, {deal_id: stage for deal_id, stage in rows}
