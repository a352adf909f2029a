"""Campaigns on the lean read path (core/reads.py): a project's campaigns a page at a time with their
cost, one campaign in one statement with its access, its cost entries, and today's choices."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Integer, Numeric, bindparam, cast, func
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.campaigns.models import Campaign, CampaignCost, CampaignKind
from anchang.campaigns.policy import shown
from anchang.campaigns.repository import CampaignCostRepository, CampaignNotFound, CampaignRepository
from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org

_SHOWN = (
    *("id", "created_at", "updated_at", "version", "project_id", "name", "kind", "medium"),
    *("starts_on", "ends_on", "budget", "notes", "created_by"),
)


def _columns(caller: Principal) -> list[Any]:
    costs = (
        CampaignCostRepository(None, caller)
        .scoped()
        .where(CampaignCost.campaign_id == Campaign.id)
        .correlate(Campaign)
    )
    return [
        *(getattr(Campaign, name) for name in _SHOWN),
        costs.with_only_columns(cast(func.coalesce(func.sum(CampaignCost.amount), 0), Numeric(14, 2)))
        .scalar_subquery()
        .label("cost"),
        costs.with_only_columns(cast(func.count(), Integer)).scalar_subquery().label("cost_entries"),
    ]


@per_caller
def campaigns_of_project(caller: Principal, *, active: bool, kind: bool) -> AnySelect:
    """The project `:project_id`'s campaigns with their cost; `:day` when only those running on a day
    are asked for, `:kind` for one kind."""
    statement = (
        CampaignRepository(None, caller)
        .readable()
        .with_only_columns(*_columns(caller))
        .where(Campaign.project_id == bindparam("project_id"))
    )
    if active:
        day = bindparam("day", type_=Campaign.starts_on.type)
        statement = statement.where(Campaign.starts_on <= day, Campaign.ends_on >= day)
    if kind:
        statement = statement.where(Campaign.kind == bindparam("kind", type_=Campaign.kind.type))
    return statement


async def list_campaigns(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    active_on: date | None = None,
    kind: CampaignKind | None = None,
) -> tuple[list[Row], str | None]:
    """The project's campaigns, oldest first, optionally those running on a day or of one kind."""
    values: dict[str, Any] = {"project_id": access.project.id}
    if active_on is not None:
        values["day"] = active_on
    if kind is not None:
        values["kind"] = kind
    statement = campaigns_of_project(access.principal, active=active_on is not None, kind=kind is not None)
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        values,
        order_by=[Campaign.created_at, Campaign.id],
        updated_at=Campaign.updated_at,
    )
    today = today_in(access)
    return [shown(row, access.role, today) for row in rows], cursor


@per_caller
def campaign_with_cost(caller: Principal) -> AnySelect:
    """The campaign `:id` with its cost."""
    return (
        CampaignRepository(None, caller)
        .readable()
        .with_only_columns(*_columns(caller))
        .where(Campaign.id == bindparam("id"))
    )


class CampaignViewRepository(CampaignRepository):
    """Campaigns as `GET /campaigns/{id}` reads them: the view and the caller's access in one statement."""

    def readable_by_id(self) -> AnySelect:
        return campaign_with_cost(self.principal)


def read_campaign(campaign: Row, access: ProjectAccess) -> Row:
    """One campaign (read whole by the route's dependency) as shown to the caller."""
    return shown(campaign, access.role, today_in(access))


async def campaign_view(session: AsyncSession, campaign_id: uuid.UUID, access: ProjectAccess) -> Row:
    """A campaign just written in `session`'s transaction, as a read shows it."""
    result = await session.execute(campaign_with_cost(access.principal), {"id": campaign_id})
    mapping = result.mappings().one_or_none()
    if mapping is None:  # pragma: no cover - the writer just wrote it
        raise CampaignNotFound(f"No campaign with id {campaign_id}")
    return shown(Row(mapping), access.role, today_in(access))


@per_caller
def costs_of_campaign(caller: Principal) -> AnySelect:
    """The cost entries of the campaign `:campaign_id`, with who recorded each."""
    return (
        CampaignCostRepository(None, caller)
        .scoped()
        .with_only_columns(
            *(
                getattr(CampaignCost, name)
                for name in ("id", "created_at", "updated_at", "version", "project_id", "campaign_id")
            ),
            *(getattr(CampaignCost, name) for name in ("spent_on", "amount", "description", "recorded_by")),
            org.user_name_of(caller, CampaignCost.recorded_by).label("recorded_by_name"),
        )
        .where(CampaignCost.campaign_id == bindparam("campaign_id"))
    )


async def list_costs(
    reader: Reader, principal: Principal, campaign_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """A campaign's cost entries in the order they were recorded."""
    return await read_page(
        reader,
        costs_of_campaign(principal),
        page,
        {"campaign_id": campaign_id},
        order_by=[CampaignCost.created_at, CampaignCost.id],
        updated_at=CampaignCost.updated_at,
    )


async def cost_view(session: AsyncSession, principal: Principal, cost: CampaignCost) -> Row:
    """A cost entry just recorded, as the list shows it."""
    statement = costs_of_campaign(principal).where(CampaignCost.id == cost.id)
    result = await session.execute(statement, {"campaign_id": cost.campaign_id})
    return Row(result.mappings().one())


@per_caller
def running_on(caller: Principal) -> AnySelect:
    """The project `:project_id`'s campaigns running on `:day`, as choices."""
    day = bindparam("day", type_=Campaign.starts_on.type)
    return (
        CampaignRepository(None, caller)
        .readable()
        .with_only_columns(Campaign.id, Campaign.name, Campaign.kind, Campaign.medium)
        .where(
            Campaign.project_id == bindparam("project_id"), Campaign.starts_on <= day, Campaign.ends_on >= day
        )
        .order_by(Campaign.starts_on, Campaign.name, Campaign.id)
        .limit(200)
    )


async def campaign_choices(reader: Reader, access: ProjectAccess) -> dict[str, Any]:
    """The campaigns running today, for the walk-in and visit forms (any member)."""
    today = today_in(access)
    rows = await reader.rows(running_on(access.principal), {"project_id": access.project.id, "day": today})
    return {"date": today, "items": rows}
