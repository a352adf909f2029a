"""Bodies of the daily report and its confirmations.

Every figure is an object (`Figure`: the day, the month to date, the year to date), so that more of what
a figure is measured against (a target, the share of it) can join it without breaking a client."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, PlainSerializer, WithJsonSchema

from anchang.core.schemas import RequestModel, ResponseModel

Amount = Annotated[
    Decimal,
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$", "examples": ["3", "1250000.00"]}),
]
"""A figure as a decimal string: a count (`"3"`), m² (`"88.50"`) or yuan (`"1250000.00"`)."""


class Figure(ResponseModel):
    day: Amount
    month_to_date: Amount
    year_to_date: Amount


class Metric(ResponseModel):
    """A figure the report shows, in the order it shows them: its key in `figures` and what it counts."""

    key: str
    kind: Literal["count", "area", "money"]


class Difference(ResponseModel):
    """A figure of a confirmed day that has moved since: as confirmed, and as the rows now say."""

    metric: str
    confirmed: Figure
    now: Figure


class ConsultantDay(ResponseModel):
    consultant_id: uuid.UUID
    name: str | None
    figures: dict[str, Figure]
    confirmed_by: uuid.UUID | None
    confirmed_by_name: str | None
    confirmed_at: datetime | None
    differences: list[Difference] = Field(description="What moved since the day was confirmed")
    allowed_actions: list[Literal["confirm"]]


class DailyReport(ResponseModel):
    project_id: uuid.UUID
    date: date
    timezone: str
    metrics: list[Metric]
    consultants: list[ConsultantDay]
    totals: dict[str, Figure] | None = Field(
        description="The project's figures; null for a consultant, who reads their own row only"
    )
    allowed_actions: list[Literal["confirm"]]


class ConfirmationCreate(RequestModel):
    consultant_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=500)]


class Confirmed(ResponseModel):
    consultant_id: uuid.UUID
    confirmed_by: uuid.UUID | None
    confirmed_at: datetime


class Confirmations(ResponseModel):
    date: date
    confirmed: list[Confirmed]


Share = Annotated[
    Decimal,
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]+\.[0-9]{4}$", "examples": ["0.4375"]}),
]
"""A ratio to four decimals as a string (`"0.4375"` is 43.75 %)."""

FUNNEL_STAGES = ("first_visit", "came_back", "subscribed", "contracted", "fully_paid")
FunnelStageKey = Literal["first_visit", "came_back", "subscribed", "contracted", "fully_paid"]
FunnelBy = Literal["channel", "consultant", "month"]


class FunnelStage(ResponseModel):
    """How many of the cohort reached a stage, and their share of the first stage and of the previous
    one (null when that is zero)."""

    stage: FunnelStageKey
    count: int
    of_first: Share | None
    of_previous: Share | None


class FunnelGroup(ResponseModel):
    key: str | None = Field(
        description="The channel, the owner's user id (null: the pool), or the month (YYYY-MM); "
        "null for the total"
    )
    name: str | None = Field(description="The consultant's name (by consultant)")
    stages: list[FunnelStage]


class Funnel(ResponseModel):
    project_id: uuid.UUID
    date_from: date
    date_to: date
    timezone: str
    by: FunnelBy
    scope: Literal["own", "project"] = Field(
        description="`own`: the caller's own customers only (a consultant); `project`: every customer"
    )
    groups: list[FunnelGroup]
    total: FunnelGroup


class OutputMonth(ResponseModel):
    month: str = Field(description="YYYY-MM")
    consultants_on_roster: int = Field(description="People on the reception roster (排班) that month")
    contracted_units: int
    contracted_amount: Amount
    per_consultant: Amount | None = Field(description="人均单产: the amount ÷ the roster; null without one")


class ConsultantOutput(ResponseModel):
    consultant_id: uuid.UUID | None = Field(description="null: deals without a consultant")
    name: str | None
    amounts: list[Amount] = Field(description="Contracted amount of each month, in the order of `months`")
    units: int
    amount: Amount


class Output(ResponseModel):
    project_id: uuid.UUID
    month_from: str = Field(description="YYYY-MM")
    month_to: str = Field(description="YYYY-MM")
    months: list[OutputMonth]
    consultants: list[ConsultantOutput]
