"""Bodies of the agency fee: rules, statements, their lines and payments."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from anchang.commission.agency_engine import FeeBase, StageCondition
from anchang.commission.models import AgencyStatementStatus, RuleStatus
from anchang.core.schemas import (
    Money,
    NonNegativeMoney,
    Record,
    RequestModel,
    ResponseModel,
    SaneDate,
    SaneMonth,
)

Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=7, decimal_places=4)]
FeeRate = Annotated[Decimal, Field(ge=0, le=10, max_digits=7, decimal_places=4, description="Percent, 0–10")]


class TierIn(RequestModel):
    from_percent: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2)] = Field(
        description="Target achievement from which this rate applies (inclusive), percent"
    )
    to_percent: Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2)] | None = Field(
        default=None, description="Up to (exclusive); null for the last tier"
    )
    rate: FeeRate


class StageIn(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")]
    share: Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)]
    condition: StageCondition


class AgencyFeeRuleCreate(RequestModel):
    effective_from: SaneDate = Field(description="Deals contracted from this day take this rule")
    base: FeeBase
    rate: FeeRate | None = Field(default=None, description="A flat rate; leave out when `tiers` are given")
    tiers: Annotated[list[TierIn], Field(max_length=10)] = Field(
        default_factory=list,
        description="Rates by the period's target achievement: from 0, each starting where the last ended",
    )
    premium_share: Percent | None = Field(
        default=None, description="Share of the premium above the floor price (溢价分成), percent"
    )
    fixed_amounts: dict[str, NonNegativeMoney] = Field(
        default_factory=dict, description='Per unit kind, e.g. {"parking": "5000.00"}'
    )
    stages: Annotated[list[StageIn], Field(min_length=1, max_length=6)] = Field(
        description="When the fee is earned: shares adding up to 100"
    )
    note: Annotated[str, Field(max_length=1000)] | None = None


class Tier(ResponseModel):
    from_percent: Decimal
    to_percent: Decimal | None
    rate: Decimal


class StageOut(ResponseModel):
    name: str
    share: Decimal
    condition: StageCondition


class AgencyFeeRule(Record):
    project_id: uuid.UUID
    number: int = Field(description="The rule's version: 1, 2, 3… (lines name it as `rule_version`)")
    effective_from: date
    status: RuleStatus
    base: FeeBase
    rate: Decimal | None
    tiers: list[Tier]
    premium_share: Decimal | None
    fixed_amounts: dict[str, str]
    stages: list[StageOut]
    note: str | None
    proposed_by: uuid.UUID | None
    approval_id: uuid.UUID | None


class StatementCreate(RequestModel):
    period_start: SaneDate
    period_end: SaneDate
    achievement_percent: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2)] | None = Field(
        default=None,
        description="The period's target achievement, percent: needed by a tiered rule (until targets exist)",
    )


class AgencyFeeStatement(Record):
    project_id: uuid.UUID
    number: int
    period_start: date
    period_end: date
    status: AgencyStatementStatus
    achievement_percent: Decimal | None
    total: Money
    line_count: int
    received: Money
    outstanding: Money = Field(description="total − received")
    disputed_lines: int
    invoice_number: str | None
    created_by: uuid.UUID | None
    submitted_at: datetime | None
    confirmed_at: datetime | None
    invoiced_at: datetime | None
    paid_at: datetime | None
    return_comment: str | None
    allowed_actions: list[str]


class AgencyFeeLine(ResponseModel):
    id: uuid.UUID
    seq: int
    deal_id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    stage: str
    kind: str = Field(description="earned, clawback (退房), reversal (换房), adjustment")
    rule_id: uuid.UUID
    rule_version: int
    base: Money
    rate: Decimal
    premium: Money
    fixed: Money
    amount: Money
    earned_on: date | None
    disputed: bool
    dispute_comment: str | None


class DisputeRequest(RequestModel):
    line_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=500)]
    comment: Annotated[str, Field(min_length=1, max_length=1000)]


class ReturnRequest(RequestModel):
    comment: Annotated[str, Field(min_length=1, max_length=1000, description="Why it goes back")]


class InvoiceRequest(RequestModel):
    invoice_number: Annotated[str, Field(min_length=1, max_length=64)]


class ReceiptCreate(RequestModel):
    amount: NonNegativeMoney
    received_on: SaneDate
    reference: Annotated[str, Field(max_length=100)] | None = None


class AgencyFeeReceipt(ResponseModel):
    """A payment received from the developer against a statement (partial payments add up)."""

    id: uuid.UUID
    amount: Money
    received_on: date
    reference: str | None
    recorded_by: uuid.UUID | None
    recorded_by_name: str | None = Field(description="Who recorded it (null: a user no longer there)")
    recorded_at: datetime


class MonthFigures(ResponseModel):
    month: SaneMonth
    contracted_units: int
    contracted_amount: Money
    consultants_on_roster: int = Field(description="People on the roster (排班) that month")
    per_capita_output: Money | None = Field(
        description="人均单产: contracted amount per person on the roster"
    )
    commission_cost: Money = Field(description="The consultants' commission statements of the month")
    commission_share: Decimal | None = Field(description="Commission cost ÷ contracted amount, 0–1")
    agency_fee_earned: Money = Field(description="Lines of submitted statements whose period ends that month")
    agency_fee_invoiced: Money
    agency_fee_received: Money


class CommissionFigures(ResponseModel):
    months: list[MonthFigures]
