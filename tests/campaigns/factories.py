"""Campaigns made directly in the database, for tests that need one without going through the API."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.campaigns.models import Campaign, CampaignCost, CampaignKind, CampaignMedium
from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.org.models import Project


async def create_campaign(
    session: AsyncSession,
    *,
    project: Project,
    name: str = "开盘活动",
    kind: CampaignKind = CampaignKind.event,
    medium: CampaignMedium = CampaignMedium.opening,
    starts_on: date | None = None,
    ends_on: date | None = None,
    cost: Decimal | None = None,
) -> Campaign:
    """A campaign running today (the factories' projects keep the default zone), with one cost if given."""
    today = local_today(DEFAULT_ZONE)
    campaign = Campaign(
        organization_id=project.organization_id,
        project_id=project.id,
        name=name,
        kind=kind,
        medium=medium,
        starts_on=starts_on or today - timedelta(days=7),
        ends_on=ends_on or today + timedelta(days=7),
        budget=Decimal("100000.00"),
    )
    session.add(campaign)
    await session.flush()
    if cost is not None:
        session.add(
            CampaignCost(
                organization_id=project.organization_id,
                project_id=project.id,
                campaign_id=campaign.id,
                spent_on=today,
                amount=cost,
                description="费用",
            )
        )
        await session.flush()
    return campaign
