"""Bodies of the summaries of weeks, months and quarters (周报 / 月报 / 季报)."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from anchang.core.schemas import RequestModel, ResponseModel
from anchang.reports.models import SummaryStatus
from anchang.reports.schemas import Amount, Metric

SectionKey = Literal["results", "works_progress", "training", "advertising", "complaints", "proposals"]
SummaryAction = Literal["edit", "submit", "approve"]


class SummaryFigure(ResponseModel):
    """A figure of the period against its target and the previous period."""

    value: Amount
    previous: Amount = Field(description="The same figure in the previous period")
    change: Amount = Field(description="value − previous")
    target: Amount | None = Field(
        description="The period's target (a quarter: its months' sum; a week: each month's share of its "
        "days); null for a figure without targets"
    )
    share: Amount | None = Field(description="value ÷ target (0.8000 is 80 %); null without a target")


class SummaryRow(ResponseModel):
    """A consultant's or a team's figures (a team: its supervisor and their consultants)."""

    user_id: uuid.UUID
    name: str | None
    supervisor_id: uuid.UUID | None = Field(description="A consultant's supervisor (their team)")
    figures: dict[str, SummaryFigure]


class CampaignLine(ResponseModel):
    """A campaign running or spending in the period, with what it brought (the channel report's figures)."""

    campaign_id: uuid.UUID
    name: str
    kind: str
    medium: str
    starts_on: date
    ends_on: date
    cost: Amount
    visits: int
    new_customers: int
    subscriptions: int
    contracts: int
    contracted_amount: Amount
    cost_per_deal: Amount | None


class SummaryFigures(ResponseModel):
    """Everything counted for the summary: live until it is submitted, then stored as it stood."""

    through: date = Field(description="The last day counted (today for a period still running)")
    previous_period: str
    project: dict[str, SummaryFigure]
    teams: list[SummaryRow]
    consultants: list[SummaryRow]
    campaigns: list[CampaignLine]


class Section(ResponseModel):
    key: SectionKey
    title: str
    draft: str = Field(description="The server's text from the figures, to start from")
    text: str | None = Field(description="What the supervisor wrote; null until saved")


class Summary(ResponseModel):
    project_id: uuid.UUID
    period: str
    kind: Literal["week", "month", "quarter"]
    start: date
    end: date
    timezone: str
    status: SummaryStatus
    version: int = Field(description="0 until first saved; the ETag is its value")
    live: bool = Field(description="Whether the figures are counted now (false once submitted)")
    metrics: list[Metric]
    figures: SummaryFigures
    sections: list[Section]
    submitted_by: uuid.UUID | None
    submitted_at: datetime | None
    approved_by: uuid.UUID | None
    approved_at: datetime | None
    allowed_actions: list[SummaryAction]


class SummaryUpdate(RequestModel):
    """Sections' text to store; sections not named keep theirs."""

    sections: Annotated[dict[SectionKey, Annotated[str, Field(max_length=20_000)]], Field(min_length=1)]
