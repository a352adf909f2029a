"""Tables of deals: the deal, its timeline, operations waiting for approval, the payment schedule
(应收), payments (实收, append-only), collection notes (催款) and the mortgage (按揭)."""

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin

MONEY = Numeric(14, 2)
RATE = Numeric(7, 4)  # 0.0300 = 3 %


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    return Enum(kind, name=name, values_callable=_values)


# Business rows never vanish with what they refer to (issue #10): deleting a project or a deal that
# rows still refer to is refused, so no buyer, payment or schedule line is lost by a cascade.
def _project_fk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )


def _deal_fk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey("deals.id", ondelete="RESTRICT"), nullable=False, index=True
    )


def _user_fk(nullable: bool = True) -> Mapped[Any]:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"), nullable=nullable)


class DealStatus(enum.StrEnum):
    pending_approval = "pending_approval"  # a discount beyond the consultant's authority waits; unit taken
    subscribed = "subscribed"  # 认购
    contracted = "contracted"  # 签约
    handed_over = "handed_over"  # 交房
    cancelled = "cancelled"  # 退房 (or a discount refused)


class PaymentMethod(enum.StrEnum):
    full = "full"  # 一次性付款
    installment = "installment"  # 分期付款
    mortgage_commercial = "mortgage_commercial"  # 商业贷款
    mortgage_provident = "mortgage_provident"  # 公积金贷款
    mortgage_combined = "mortgage_combined"  # 组合贷款

    @property
    def is_mortgage(self) -> bool:
        return self.value.startswith("mortgage_")


class LineKind(enum.StrEnum):
    deposit = "deposit"  # 定金
    down_payment = "down_payment"  # 首付
    balance = "balance"  # 一次性付款的尾款
    instalment = "instalment"  # 分期款
    mortgage = "mortgage"  # 按揭放款


class OperationKind(enum.StrEnum):
    discount = "discount"  # 折扣审批 (at subscription)
    cancel = "cancel"  # 退房
    change_unit = "change_unit"  # 换房
    change_buyers = "change_buyers"  # 更名
    schedule_edit = "schedule_edit"  # 应收调整


class OperationStatus(enum.StrEnum):
    pending = "pending"
    done = "done"
    rejected = "rejected"


class PaymentKind(enum.StrEnum):
    receipt = "receipt"  # 收款
    reversal = "reversal"  # 冲正 (negative)
    refund = "refund"  # 退款 on cancellation (negative, not allocated)


class MortgageStage(enum.StrEnum):
    documents_collected = "documents_collected"  # 资料收齐
    submitted = "submitted"  # 已递交银行
    approved = "approved"  # 已审批
    disbursed = "disbursed"  # 已放款
    rejected = "rejected"  # 被拒


class Deal(Audited, OrganizationOwned, RecordMixin, Base):
    __tablename__ = "deals"
    __table_args__ = (
        # A unit is never sold twice: at most one live deal per unit, in the database itself.
        Index(
            "uq_deals_live_unit",
            "unit_id",
            unique=True,
            postgresql_where=text("status <> 'cancelled'"),
        ),
        UniqueConstraint("project_id", "contract_number"),
        Index("ix_deals_project_created", "project_id", "created_at", "id"),
        # The daily report's subscriptions, contracts and cancellations of a day, month and year.
        Index("ix_deals_project_subscribed", "project_id", "subscribed_on"),
        Index("ix_deals_project_signed", "project_id", "signed_on"),
        Index("ix_deals_project_cancelled", "project_id", "cancelled_at"),
        CheckConstraint("final_price >= 0", name="final_price_not_negative"),
        CheckConstraint("deposit >= 0 AND deposit <= final_price", name="deposit_within_price"),
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    unit_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("units.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    customer_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), nullable=False)
    consultant_id: Mapped[uuid.UUID | None] = _user_fk()
    status: Mapped[DealStatus] = mapped_column(_enum(DealStatus, "deal_status"), nullable=False, index=True)
    payment_method: Mapped[PaymentMethod] = mapped_column(
        _enum(PaymentMethod, "deal_payment_method"), nullable=False
    )
    list_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    method_discount_rate: Mapped[Decimal] = mapped_column(RATE, nullable=False)
    # [{kind: percent|amount, value, reason, amount}] — each further discount and what it took off.
    discounts: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False, default=list)
    final_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    deposit: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    below_floor: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    subscribed_on: Mapped[date] = mapped_column(Date, nullable=False)
    contract_number: Mapped[str | None] = mapped_column(String(64))
    signed_on: Mapped[date | None] = mapped_column(Date)
    contracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handed_over_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    refund_amount: Mapped[Decimal | None] = mapped_column(MONEY)


class DealEvent(OrganizationOwned, Base):
    """The deal's timeline: one row per thing that happened to it (append-only)."""

    __tablename__ = "deal_events"
    __table_args__ = (Index("ix_deal_events_deal_at", "deal_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = _deal_fk()
    kind: Mapped[str] = mapped_column(String(48), nullable=False)
    actor_id: Mapped[uuid.UUID | None] = _user_fk()
    at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp()
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict)


class DealOperation(Audited, OrganizationOwned, RecordMixin, Base):
    """An operation on a deal that needs (or needed) an approval: what was asked, and what came of it."""

    __tablename__ = "deal_operations"

    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = _deal_fk()
    kind: Mapped[OperationKind] = mapped_column(_enum(OperationKind, "deal_operation_kind"), nullable=False)
    status: Mapped[OperationStatus] = mapped_column(
        _enum(OperationStatus, "deal_operation_status"), nullable=False
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict)
    requested_by: Mapped[uuid.UUID | None] = _user_fk()
    approval_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("approvals.id", ondelete="SET NULL")
    )


class ScheduleLine(Audited, OrganizationOwned, RecordMixin, Base):
    """One amount due (应收). Superseded lines (after a repricing or an approved edit) stay, inactive."""

    __tablename__ = "deal_schedule_lines"
    __table_args__ = (
        Index("ix_deal_schedule_lines_open", "project_id", "due_on", postgresql_where=text("active")),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("paid >= 0 AND paid <= amount", name="paid_within_amount"),
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = _deal_fk()
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[LineKind] = mapped_column(_enum(LineKind, "deal_line_kind"), nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    paid: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0.00"))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class Payment(Audited, OrganizationOwned, RecordMixin, Base):
    """A payment received (实收), a reversal of one, or a refund. Never updated except `reversed_by`."""

    __tablename__ = "deal_payments"
    __table_args__ = (
        Index("ix_deal_payments_deal_paid_at", "deal_id", "paid_at"),
        # The daily report's collections of a year, read from the index alone.
        Index(
            "ix_deal_payments_project_paid_at",
            "project_id",
            "paid_at",
            postgresql_include=["deal_id", "kind", "amount", "reversed_by_id"],
        ),
    )

    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = _deal_fk()
    kind: Mapped[PaymentKind] = mapped_column(_enum(PaymentKind, "deal_payment_kind"), nullable=False)
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)  # negative for reversals and refunds
    method: Mapped[str] = mapped_column(String(32), nullable=False)
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reference: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(String(500))
    # [{line_id, amount}] — how it was matched to the schedule.
    allocations: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False, default=list)
    recorded_by: Mapped[uuid.UUID | None] = _user_fk()
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("deal_payments.id", ondelete="RESTRICT"), unique=True
    )
    reversed_by_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class CollectionNote(OrganizationOwned, RecordMixin, Base):
    """A follow-up note on chasing an overdue amount (催款)."""

    __tablename__ = "deal_collection_notes"

    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = _deal_fk()
    line_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("deal_schedule_lines.id", ondelete="SET NULL")
    )
    author_id: Mapped[uuid.UUID | None] = _user_fk()
    note: Mapped[str] = mapped_column(Text, nullable=False)
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)


class Mortgage(Audited, OrganizationOwned, RecordMixin, Base):
    __tablename__ = "deal_mortgages"

    project_id: Mapped[uuid.UUID] = _project_fk()
    deal_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("deals.id", ondelete="RESTRICT"), nullable=False, unique=True
    )
    bank: Mapped[str] = mapped_column(String(100), nullable=False)
    loan_amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    stage: Mapped[MortgageStage] = mapped_column(_enum(MortgageStage, "mortgage_stage"), nullable=False)
    # {stage: "YYYY-MM-DD"} — when each stage was reached.
    stage_dates: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, default=dict)
    note: Mapped[str | None] = mapped_column(String(500))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("deal_payments.id", ondelete="SET NULL")
    )
