"""Campaigns: what the rest of the app (and this domain's router) may call.

- `campaigns`: creating and changing campaigns, recording costs; `reads`: the lean read path;
- `report`: the channel and campaign report and its workbook; `policy`: who reads and runs them.

Customers and visits name a campaign by a composite key the database keeps (customers/models.py), so
no domain needs this one to attribute; the report reads their figures through their facades.
"""

from anchang.campaigns.campaigns import add_cost, create_campaign, update_campaign
from anchang.campaigns.reads import (
    campaign_choices,
    campaign_view,
    cost_view,
    list_campaigns,
    list_costs,
    read_campaign,
)
from anchang.campaigns.report import channel_report, report_workbook
from anchang.campaigns.repository import CampaignNotFound

__all__ = [
    "CampaignNotFound",
    "add_cost",
    "campaign_choices",
    "campaign_view",
    "channel_report",
    "cost_view",
    "create_campaign",
    "list_campaigns",
    "list_costs",
    "read_campaign",
    "report_workbook",
    "update_campaign",
]
