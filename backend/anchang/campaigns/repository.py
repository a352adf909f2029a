"""Queries of campaigns, from the base repository's scoped statement. Campaigns have no row rule: the
routes admit the readers by role (policy.py), and every reader sees every campaign of the project."""

from anchang.campaigns.models import Campaign, CampaignCost
from anchang.core.errors import NotFound
from anchang.core.repository import Repository


class CampaignNotFound(NotFound):
    code = "campaign_not_found"


class CampaignRepository(Repository[Campaign]):
    model = Campaign
    not_found = CampaignNotFound


class CampaignCostRepository(Repository[CampaignCost]):
    """Costs are read through their campaign (the route resolves it first), so scope is enough."""

    model = CampaignCost
