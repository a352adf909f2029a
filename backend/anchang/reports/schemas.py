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
