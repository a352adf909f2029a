"""Creating and changing campaigns and recording their costs. The routes admit the writers (policy.py);
what a schema cannot say — the end before the start, a field that may not be cleared — is checked here
as a 422 naming the field."""

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.campaigns import schemas
from anchang.campaigns.models import Campaign, CampaignCost
from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version

_NOT_NULL = ("name", "kind", "medium", "starts_on", "ends_on")


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationFailed({"ends_on": "must be on or after `starts_on`"})


async def create_campaign(
    session: AsyncSession, access: ProjectAccess, data: schemas.CampaignCreate
) -> Campaign:
    """A new campaign of the access's project."""
    _check_dates(data.starts_on, data.ends_on)
    campaign = Campaign(
        organization_id=access.principal.organization_id,
        project_id=access.project.id,
        created_by=access.principal.user_id,
        **data.model_dump(),
    )
    session.add(campaign)
    await session.flush()
    return campaign


async def update_campaign(
    session: AsyncSession, campaign: Campaign, data: schemas.CampaignUpdate, expected: int | None
) -> Campaign:
    """Change a campaign's details (If-Match: its version)."""
    check_version(expected, campaign.version)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for name in _NOT_NULL:
        if name in changes and changes[name] is None:
            raise ValidationFailed({name: "cannot be null"})
    _check_dates(changes.get("starts_on", campaign.starts_on), changes.get("ends_on", campaign.ends_on))
    for name, value in changes.items():
        setattr(campaign, name, value)
    await session.flush()
    return campaign


async def add_cost(
    session: AsyncSession, campaign: Campaign, access: ProjectAccess, data: schemas.CampaignCostCreate
) -> CampaignCost:
    """Record an amount spent on a campaign (by default today, the project's day)."""
    cost = CampaignCost(
        organization_id=campaign.organization_id,
        project_id=campaign.project_id,
        campaign_id=campaign.id,
        spent_on=data.spent_on or today_in(access),
        amount=data.amount,
        description=data.description,
        recorded_by=access.principal.user_id,
    )
    session.add(cost)
    await session.flush()
    return cost
