"""Bodies and views of the consultants' commission: plans, deal credits, rewards and penalties, monthly
statements and their lines. Rates and shares are decimal strings, as money is."""

import enum
import uuid
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

from anchang.commission.agency_engine import StageCondition
from anchang.commission.models import CommissionStatementStatus, CreditStatus, EntryStatus, RuleStatus
from anchang.core.schemas import (
    Money,
    NonNegativeMoney,
    Record,
    RequestModel,
    ResponseModel,
    SaneDate,
    SaneMonth,
)


def _decimal(value: Any) -> Any:
    # Strings (or numbers given as JSON integers); never floats, which have lost digits already.
    if isinstance(value, float):
        raise ValueError('give it as a decimal string such as "0.15"')
    return value


def _places(places: str) -> Any:
    step = Decimal(places)
    return lambda d: d.quantize(step, rounding=ROUND_HALF_UP)


Rate = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    Field(ge=0, le=10),
    AfterValidator(_places("0.0001")),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["0.15"], "description": "percent, 0–10"}),
]
"""A commission rate in percent of the contracted price (0.15 = 0.15 %), 0 to 10."""

Share = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    Field(gt=0, le=100),
    AfterValidator(_places("0.01")),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["50.00"], "description": "percent, above 0 up to 100"}),
]
"""A share in percent (of a fee's stages, of a deal's credit)."""


class GradeRates(RequestModel):
    """The rate of each grade (定级); a consultant without a grade counts as a trainee."""

    trainee: Rate
    junior: Rate
    mid: Rate
    senior: Rate


class FixedAmounts(RequestModel):
    """A fixed amount per unit sold of a kind (e.g. 500.00 per parking space), on top of the rate."""

    residence: NonNegativeMoney | None = None
    parking: NonNegativeMoney | None = None
    storage: NonNegativeMoney | None = None
    shop: NonNegativeMoney | None = None


class PayoutStage(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=32)]
    share: Share
    condition: StageCondition


class CommissionPlanCreate(RequestModel):
    effective_from: SaneDate = Field(description="Deals contracted from this day take this plan")
    rates: GradeRates
    fixed_amounts: FixedAmounts = Field(default_factory=FixedAmounts)
    supervisor_override: Rate | None = Field(
        default=None,
        description="Percent of the price of every credited sale of the project, shared equally by its "
        "supervisors (there are no teams yet)",
    )
    stages: Annotated[list[PayoutStage], Field(min_length=1, max_length=6)] = Field(
        description="Payout stages; their shares add up to 100"
    )
    note: Annotated[str, Field(max_length=1000)] | None = None


class StageView(ResponseModel):
    name: str
    share: str
    condition: StageCondition


class CommissionPlan(Record):
    project_id: uuid.UUID
    number: int = Field(description="The plan's version number in the project (v1, v2…)")
    effective_from: date
    status: RuleStatus
    rates: dict[str, str]
    fixed_amounts: dict[str, str]
    supervisor_override: Annotated[Decimal, PlainSerializer(str, return_type=str)] | None
    stages: list[StageView]
    note: str | None
    proposed_by: uuid.UUID | None
    approval_id: uuid.UUID | None


class CreditIn(RequestModel):
    consultant_id: uuid.UUID
    share: Share


class DealCreditsChange(RequestModel):
    credits: Annotated[list[CreditIn], Field(min_length=1, max_length=10)] = Field(
        description="Who shares the deal and how much; shares add up to exactly 100"
    )
    comment: Annotated[str, Field(max_length=1000)] | None = None


class CreditView(ResponseModel):
    consultant_id: uuid.UUID
    consultant_name: str | None
    share: str


class DealCredits(ResponseModel):
    deal_id: uuid.UUID
    credits: list[CreditView] = Field(description="In effect now (by default the deal's consultant, 100 %)")
    default: bool = Field(description="No credits were ever approved: the deal's consultant has it all")
    pending: list[CreditView] | None = Field(description="A proposal waiting for its approval")
    pending_approval_id: uuid.UUID | None
    pending_status: CreditStatus | None = None


class RewardCategory(enum.StrEnum):
    top_seller = "top_seller"  # 销冠
    duplicate_violation = "duplicate_violation"  # 撞单
    lateness = "lateness"  # 迟到
    complaint_upheld = "complaint_upheld"  # 客诉成立
    other = "other"


class RewardPenaltyCreate(RequestModel):
    consultant_id: uuid.UUID
    month: SaneMonth
    amount: Money = Field(description="Positive: a reward; negative: a penalty; never 0")
    category: RewardCategory
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class RewardPenalty(Record):
    project_id: uuid.UUID
    consultant_id: uuid.UUID
    consultant_name: str | None
    month: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2026-11"])
    amount: Money
    category: RewardCategory
    reason: str
    status: EntryStatus
    proposed_by: uuid.UUID | None
    approval_id: uuid.UUID | None


class StatementsCompute(RequestModel):
    month: SaneMonth


class CommissionStatement(Record):
    project_id: uuid.UUID
    consultant_id: uuid.UUID
    consultant_name: str | None
    month: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2026-11"])
    status: CommissionStatementStatus
    grade: str | None
    total: Money
    line_count: int
    computed_at: datetime
    submitted_by: uuid.UUID | None
    submitted_at: datetime | None
    approved_by: uuid.UUID | None
    approved_at: datetime | None
    paid_by: uuid.UUID | None
    paid_at: datetime | None
    allowed_actions: list[str] = Field(description="What the caller may do with it now: submit, approve, pay")


class StatementsComputed(ResponseModel):
    month: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2026-11"])
    statements: list[CommissionStatement] = Field(description="The drafts computed (locked ones are left)")


class CommissionLine(ResponseModel):
    id: uuid.UUID
    seq: int
    source: str = Field(description="deal, override (a supervisor's) or reward_penalty")
    kind: str = Field(description="earned, clawback, reversal, adjustment, reward or penalty")
    deal_id: uuid.UUID | None
    unit_code: str | None
    stage: str | None
    plan_version: int | None
    base: Money | None
    rate: Annotated[Decimal, PlainSerializer(str, return_type=str)] | None
    share: Annotated[Decimal, PlainSerializer(str, return_type=str)] | None
    fixed: Money | None
    amount: Money
    earned_on: date | None
    reward_penalty_id: uuid.UUID | None
    note: str | None
