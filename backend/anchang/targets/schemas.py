"""Request and response bodies of targets: a month's plan with its rows and mismatches, a derived
period, and the edits of a draft."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, PlainSerializer, WithJsonSchema

from anchang.core.schemas import Money, NonNegativeMoney, RequestModel, ResponseModel, SaneMonth
from anchang.targets.models import PlanStatus

Count = Annotated[int, Field(ge=0, le=1_000_000)]

Tenths = Annotated[
    Decimal,
    PlainSerializer(lambda d: f"{d:.1f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?[0-9]+\.[0-9]$", "examples": ["2.6"]}),
]
"""A count's share of a period, to one decimal place (a week's part of a month's 8 units is 1.9)."""

Action = Literal["edit", "split", "submit", "approve", "return"]


# --- requests ------------------------------------------------------------------------------------


class TargetFiguresIn(RequestModel):
    """A row's targets; what is left out is nought. Counts are whole numbers ≥ 0, money ≥ 0 yuan."""

    units_subscribed: Count = 0
    amount_subscribed: NonNegativeMoney = Decimal(0)
    units_contracted: Count = 0
    amount_contracted: NonNegativeMoney = Decimal(0)
    amount_collected: NonNegativeMoney = Decimal(0)
    first_visits: Count = 0
    new_customers: Count = 0
    broker_referrals: Count = 0


class TeamTargetIn(TargetFiguresIn):
    supervisor_id: uuid.UUID


class ConsultantTargetIn(TargetFiguresIn):
    user_id: uuid.UUID


class TargetPlanUpdate(RequestModel):
    """Every row of a draft at once: rows left out are removed."""

    project: TargetFiguresIn
    teams: Annotated[list[TeamTargetIn], Field(max_length=200, default_factory=list)]
    consultants: Annotated[list[ConsultantTargetIn], Field(max_length=1000, default_factory=list)]


class TargetPlanComment(RequestModel):
    comment: Annotated[str, Field(max_length=1000)] | None = None


class TargetPlanReturn(RequestModel):
    comment: Annotated[str, Field(min_length=1, max_length=1000)]


# --- responses -----------------------------------------------------------------------------------


class TargetFigures(ResponseModel):
    units_subscribed: int
    amount_subscribed: Money
    units_contracted: int
    amount_contracted: Money
    amount_collected: Money
    first_visits: int
    new_customers: int
    broker_referrals: int


class ProjectTarget(TargetFigures):
    allowed_actions: list[Literal["edit"]]


class TeamTarget(TargetFigures):
    supervisor_id: uuid.UUID
    name: str | None
    allowed_actions: list[Literal["edit"]]
    mismatch: TargetFigures = Field(description="The sum of the team's consultants less the team's row")


class ConsultantTarget(TargetFigures):
    user_id: uuid.UUID
    name: str | None
    supervisor_id: uuid.UUID | None = Field(description="The consultant's team (their supervisor) now")
    allowed_actions: list[Literal["edit"]]


class TargetMismatch(ResponseModel):
    """The sum of the parts less the whole, per metric (0 where they agree; never corrected by itself)."""

    teams: TargetFigures
    consultants: TargetFigures


class TargetPlan(ResponseModel):
    kind: Literal["plan"] = "plan"
    project_id: uuid.UUID
    month: SaneMonth
    derived: Literal[False] = False
    stored: bool = Field(
        description="False: nothing saved yet, these are the defaults a first save starts from"
    )
    status: PlanStatus
    version: int = Field(description="The plan's ETag version (0 before the first save)")
    submitted_at: datetime | None
    submitted_late: bool
    decided_at: datetime | None
    return_comment: str | None
    approval_id: uuid.UUID | None
    allowed_actions: list[Action]
    project: ProjectTarget
    teams: list[TeamTarget]
    consultants: list[ConsultantTarget]
    mismatch: TargetMismatch | None = Field(description="Null for a consultant, who sees only their own row")


class DerivedTargetFigures(ResponseModel):
    units_subscribed: Tenths
    amount_subscribed: Money
    units_contracted: Tenths
    amount_contracted: Money
    amount_collected: Money
    first_visits: Tenths
    new_customers: Tenths
    broker_referrals: Tenths


class DerivedTeamTarget(DerivedTargetFigures):
    supervisor_id: uuid.UUID
    name: str | None


class DerivedConsultantTarget(DerivedTargetFigures):
    user_id: uuid.UUID
    name: str | None
    supervisor_id: uuid.UUID | None


class TargetPeriodMonth(ResponseModel):
    month: SaneMonth
    status: PlanStatus | None = Field(description="Null: no plan for that month (it counts as nought)")
    share: Decimal = Field(description="The share of the month's targets the period takes (1 = all of it)")


class DerivedTargetMismatch(ResponseModel):
    teams: DerivedTargetFigures
    consultants: DerivedTargetFigures


class TargetPeriod(ResponseModel):
    kind: Literal["period"] = "period"
    project_id: uuid.UUID
    period: Literal["week", "month", "quarter", "year"]
    start: date
    end: date
    derived: bool = Field(description="True: summed from months, or a week's share of its months' days")
    months: list[TargetPeriodMonth]
    project: DerivedTargetFigures
    teams: list[DerivedTeamTarget]
    consultants: list[DerivedConsultantTarget]
    mismatch: DerivedTargetMismatch | None


TargetsView = Annotated[TargetPlan | TargetPeriod, Field(discriminator="kind")]
