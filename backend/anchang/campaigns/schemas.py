"""Request and response bodies of campaigns and of the channel and campaign report."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from anchang.campaigns.models import CampaignKind, CampaignMedium
from anchang.core.schemas import Money, NonNegativeMoney, Record, RequestModel, ResponseModel, SaneDate
from anchang.customers.service import Channel

CampaignName = Annotated[str, Field(min_length=1, max_length=200)]
Notes = Annotated[str, Field(max_length=2000)]


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise PydanticCustomError("money_not_positive", "must be more than 0")
    return value


PositiveMoney = Annotated[Money, AfterValidator(_positive)]


class CampaignCreate(RequestModel):
    name: CampaignName
    kind: CampaignKind
    medium: CampaignMedium = CampaignMedium.other
    starts_on: SaneDate
    ends_on: SaneDate = Field(description="On or after `starts_on` (the project's days, inclusive)")
    budget: NonNegativeMoney | None = None
    notes: Notes | None = None


class CampaignUpdate(RequestModel):
    name: CampaignName | None = None
    kind: CampaignKind | None = None
    medium: CampaignMedium | None = None
    starts_on: SaneDate | None = None
    ends_on: SaneDate | None = None
    budget: NonNegativeMoney | None = None
    notes: Notes | None = None


class Campaign(Record):
    project_id: uuid.UUID
    name: str
    kind: CampaignKind
    medium: CampaignMedium
    starts_on: date
    ends_on: date
    budget: Money | None
    notes: str | None
    created_by: uuid.UUID | None
    cost: Money = Field(description="The sum of its cost entries")
    cost_entries: int
    active: bool = Field(description="Whether it runs today (the project's day)")
    allowed_actions: list[str] = Field(description="`edit`, `add_cost` (AD PM SM)")


class CampaignChoice(ResponseModel):
    """A campaign running today, as anyone picking the campaign that brought a visitor sees it."""

    id: uuid.UUID
    name: str
    kind: CampaignKind
    medium: CampaignMedium


class CampaignChoices(ResponseModel):
    date: date
    items: list[CampaignChoice]


class CampaignCostCreate(RequestModel):
    spent_on: SaneDate | None = Field(default=None, description="Default: today in the project's time zone")
    amount: PositiveMoney
    description: Annotated[str, Field(min_length=1, max_length=500)]


class CampaignCost(Record):
    project_id: uuid.UUID
    campaign_id: uuid.UUID
    spent_on: date
    amount: Money
    description: str
    recorded_by: uuid.UUID | None
    recorded_by_name: str | None


# --- the channel and campaign report -----------------------------------------------------------


class SourceFigures(ResponseModel):
    """What a channel or a campaign brought in the period, and what it cost."""

    first_visits: int
    repeat_visits: int
    visits: int
    new_customers: int
    subscriptions: int = Field(description="Deals subscribed (认购) in the period that still stand")
    subscribed_amount: Money
    contracts: int = Field(description="Deals contracted (签约) in the period that still stand")
    contracted_amount: Money
    cost: Money | None = Field(description="Cost entries of the period; null for a channel")
    cost_per_visit: Money | None
    cost_per_new_customer: Money | None
    cost_per_deal: Money | None = Field(description="Cost ÷ subscriptions")
    return_on_spend: Decimal | None = Field(description="Contracted amount ÷ cost")


class ChannelFigures(SourceFigures):
    channel: Channel


class CampaignFigures(SourceFigures):
    campaign_id: uuid.UUID
    name: str
    kind: CampaignKind
    medium: CampaignMedium
    starts_on: date
    ends_on: date
    budget: Money | None


class ChannelReport(ResponseModel):
    """Per channel (the customers' and visits' own) and per campaign; deals count for their first buyer's
    channel and campaign. `unattributed` is what no campaign brought; `total` is the whole project."""

    date_from: date
    date_to: date
    channels: list[ChannelFigures]
    campaigns: list[CampaignFigures]
    unattributed: SourceFigures
    total: SourceFigures
