"""Request and response models of deals."""

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema, model_validator

from anchang.core.roles import ProjectRole
from anchang.core.schemas import (
    AwareTime,
    Money,
    NonNegativeMoney,
    Record,
    RequestModel,
    ResponseModel,
    SaneDate,
)
from anchang.deals.models import (
    DealStatus,
    LineKind,
    MortgageStage,
    OperationKind,
    OperationStatus,
    PaymentKind,
    PaymentMethod,
)

PERCENT_PATTERN = r"^\d{1,3}(\.\d{1,4})?$"


def _parse_percent(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not re.fullmatch(PERCENT_PATTERN, value):
        raise ValueError('a percentage is a decimal string such as "1.5" (at most 4 decimals)')
    parsed = Decimal(value)
    if parsed > 100:
        raise ValueError("a percentage is at most 100")
    return parsed


Percent = Annotated[
    Decimal,
    BeforeValidator(_parse_percent),
    PlainSerializer(lambda d: f"{d.normalize():f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": PERCENT_PATTERN, "examples": ["1.5"]}),
]
Reason = Annotated[str, Field(min_length=1, max_length=500)]
CustomerIds = Annotated[list[uuid.UUID], Field(min_length=1, max_length=5)]


class DiscountIn(RequestModel):
    kind: Literal["percent", "amount"]
    value: Annotated[str, Field(examples=["1.5", "20000.00"], description="percent, or yuan for `amount`")]
    reason: Reason

    @model_validator(mode="after")
    def _check_value(self) -> "DiscountIn":
        if self.kind == "percent":
            _parse_percent(self.value)
        elif not re.fullmatch(r"^\d{1,12}(\.\d{1,2})?$", self.value):
            raise ValueError('an amount is a decimal string such as "20000.00"')
        return self


class DealCreate(RequestModel):
    unit_id: uuid.UUID
    customer_ids: CustomerIds
    payment_method: PaymentMethod
    discounts: Annotated[list[DiscountIn], Field(default_factory=list, max_length=10)]
    deposit: NonNegativeMoney
    note: Annotated[str | None, Field(max_length=500)] = None


class DealQuote(RequestModel):
    """The same figures as a subscription would get, without taking the unit (the wizard's live price)."""

    unit_id: uuid.UUID
    payment_method: PaymentMethod
    discounts: Annotated[list[DiscountIn], Field(default_factory=list, max_length=10)]
    deposit: NonNegativeMoney = Decimal("0.00")


class DiscountOut(ResponseModel):
    kind: str
    value: str
    reason: str
    amount: Money
    approval_id: uuid.UUID | None = None  # set when the discount needed an approval beyond the seller's
    approved_by: uuid.UUID | None = None


class ScheduleLineOut(ResponseModel):
    id: uuid.UUID | None = None
    seq: int
    kind: LineKind
    due_on: date
    amount: Money
    paid: Money = Decimal("0.00")
    outstanding: Money = Decimal("0.00")


class Quote(ResponseModel):
    list_price: Money
    method_discount_rate: Percent
    method_discount: Money
    discounts: list[DiscountOut]
    final_price: Money
    extra_discount_percent: Percent
    needs_approval_by: ProjectRole | Literal["approval"] | None = Field(
        description="None: the caller may grant the price. Else the role that must approve it (the "
        'developer\'s rep below the floor price); `"approval"` for a caller who may not see floor prices '
        "(a consultant): an approval is needed, without saying whose, which would tell where the floor lies"
    )
    below_floor: bool | None = Field(
        description="Whether the final price is under the unit's floor price; null for a caller who may "
        "not see floor prices (a consultant)"
    )
    schedule: list[ScheduleLineOut]


class Buyer(ResponseModel):
    id: uuid.UUID
    name: str


class Deal(Record):
    project_id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    customer_ids: list[uuid.UUID]
    buyers: list[Buyer]
    consultant_id: uuid.UUID | None
    status: DealStatus
    payment_method: PaymentMethod
    list_price: Money
    method_discount_rate: Percent
    discounts: list[DiscountOut]
    final_price: Money
    deposit: Money
    below_floor: bool | None = Field(
        description="Whether the final price is under the unit's floor price; null for a caller who may "
        "not see floor prices (a consultant)"
    )
    subscribed_on: date
    contract_number: str | None
    signed_on: date | None
    contracted_at: datetime | None
    handed_over_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    refund_amount: Money | None
    paid: Money
    outstanding: Money
    pending_approval_id: uuid.UUID | None = None
    allowed_actions: list[str] = Field(
        description="What the caller may do with the deal now (e.g. `contract`, `record_payment`), named "
        "as the API names the operations, by the same rules the server applies"
    )


class DealSummary(Record):
    project_id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    customer_ids: list[uuid.UUID]
    buyers: list[Buyer]
    consultant_id: uuid.UUID | None
    status: DealStatus
    payment_method: PaymentMethod
    final_price: Money
    subscribed_on: date
    contract_number: str | None
    allowed_actions: list[str] = Field(
        description="What the caller may do with the deal now (e.g. `contract`, `record_payment`), named "
        "as the API names the operations, by the same rules the server applies"
    )


class ContractRequest(RequestModel):
    contract_number: Annotated[str, Field(min_length=1, max_length=64)]
    signed_on: SaneDate


class HandoverRequest(RequestModel):
    handed_over_on: SaneDate | None = None
    note: Annotated[str | None, Field(max_length=500)] = None


class CancelRequest(RequestModel):
    reason: Reason
    refund_amount: NonNegativeMoney


class ChangeUnitRequest(RequestModel):
    unit_id: uuid.UUID
    reason: Reason
    discounts: Annotated[list[DiscountIn], Field(max_length=10)] | None = None


class ChangeBuyersRequest(RequestModel):
    customer_ids: CustomerIds
    reason: Reason


class ScheduleEditLine(RequestModel):
    kind: LineKind
    due_on: SaneDate
    amount: NonNegativeMoney


class ScheduleEditRequest(RequestModel):
    lines: Annotated[list[ScheduleEditLine], Field(min_length=1, max_length=120)]
    reason: Reason


class Operation(Record):
    deal_id: uuid.UUID
    kind: OperationKind
    status: OperationStatus
    payload: dict[str, Any]
    requested_by: uuid.UUID | None
    approval_id: uuid.UUID | None


class OperationResult(ResponseModel):
    """An operation either done at once (within the caller's authority) or waiting for an approval."""

    deal: Deal
    operation: Operation


class Schedule(ResponseModel):
    deal_id: uuid.UUID
    total: Money
    paid: Money
    outstanding: Money
    lines: list[ScheduleLineOut]


class PaymentCreate(RequestModel):
    amount: NonNegativeMoney
    method: Literal["cash", "card", "transfer", "cheque", "mortgage_loan", "provident_loan", "other"]
    paid_at: AwareTime
    reference: Annotated[str | None, Field(max_length=100)] = None
    note: Annotated[str | None, Field(max_length=500)] = None


class ReversalCreate(RequestModel):
    reason: Reason


class Allocation(ResponseModel):
    line_id: uuid.UUID
    amount: Money


class Payment(Record):
    deal_id: uuid.UUID
    kind: PaymentKind
    amount: Money
    method: str
    paid_at: datetime
    reference: str | None
    note: str | None
    allocations: list[Allocation]
    recorded_by: uuid.UUID | None
    reverses_id: uuid.UUID | None
    reversed_by_id: uuid.UUID | None


class TimelineEvent(ResponseModel):
    id: uuid.UUID
    kind: str
    actor_id: uuid.UUID | None
    at: datetime
    data: dict[str, Any]


class Timeline(ResponseModel):
    deal_id: uuid.UUID
    events: list[TimelineEvent]
    operations: list[Operation]


class CollectionNoteCreate(RequestModel):
    note: Annotated[str, Field(min_length=1, max_length=2000)]
    line_id: uuid.UUID | None = None
    next_follow_up_on: SaneDate | None = None


class CollectionNote(Record):
    deal_id: uuid.UUID
    line_id: uuid.UUID | None
    author_id: uuid.UUID | None
    note: str
    next_follow_up_on: date | None


class Receivable(ResponseModel):
    line_id: uuid.UUID
    deal_id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    buyers: list[Buyer]
    kind: LineKind
    due_on: date
    amount: Money
    paid: Money
    outstanding: Money
    days_overdue: int
    bucket: Literal["not_due", "0-30", "31-60", "61-90", "90+"]
    assigned_to: uuid.UUID | None  # the deal's consultant, who chases it (催款)
    last_note: str | None


class AgeBucket(ResponseModel):
    bucket: str
    lines: int
    outstanding: Money


class AgingFigures(ResponseModel):
    """What one group (a consultant, a kind of line, or all) still owes, by age bucket."""

    key: str = Field(description="The consultant's id, the kind of line, or `total`")
    name: str
    lines: int
    outstanding: Money
    overdue: Money = Field(description="The outstanding amount past its due date")
    buckets: list[AgeBucket]


class ReceivablesAging(ResponseModel):
    """应收账龄: the live deals' open lines the caller may read, by age bucket, as of a day."""

    as_of: date
    total: AgingFigures
    by_consultant: list[AgingFigures]
    by_kind: list[AgingFigures]


class Receivables(ResponseModel):
    as_of: date
    buckets: list[AgeBucket]
    items: list[Receivable]
    next_cursor: str | None


class MortgageCreate(RequestModel):
    bank: Annotated[str, Field(min_length=1, max_length=100)]
    loan_amount: NonNegativeMoney
    documents_collected_on: SaneDate | None = None
    note: Annotated[str | None, Field(max_length=500)] = None


class MortgageStageChange(RequestModel):
    stage: MortgageStage
    on: SaneDate
    note: Annotated[str | None, Field(max_length=500)] = None


class Mortgage(Record):
    deal_id: uuid.UUID
    bank: str
    loan_amount: Money
    stage: MortgageStage
    stage_dates: dict[str, str]
    note: str | None
    payment_id: uuid.UUID | None
