"""Tables of the agency fee (代理费) and the consultants' commission (酬金, 奖罚).

Agency fee: effective-dated rules per project (proposed, then approved like price lists), statements
of a period with one line per deal and stage, and the developer's payments against them. Commission:
plans per project, credits of a deal to consultants, rewards and penalties, and monthly statements per
consultant. A statement's lines are its whole content: once submitted they are what was settled, and
the next statement is computed against them."""

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
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin

MONEY = Numeric(14, 2)
RATE = Numeric(7, 4)  # percent: 1.2000 = 1.2 %


class RuleStatus(enum.StrEnum):
    proposed = "proposed"  # waiting for its approval
    approved = "approved"
    rejected = "rejected"


class AgencyStatementStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"  # to the developer
    confirmed = "confirmed"  # by the developer's rep: never changes again
    invoiced = "invoiced"
    paid = "paid"


class CommissionStatementStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"  # by the supervisor
    approved = "approved"  # by the site manager or project manager: never changes again
    paid = "paid"  # by finance


class EntryStatus(enum.StrEnum):
    proposed = "proposed"
    approved = "approved"
    rejected = "rejected"


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    return Enum(kind, name=name, values_callable=_values)


def _fk(table: str, *, nullable: bool = False, index: bool = True) -> Mapped[Any]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey(f"{table}.id", ondelete="RESTRICT"), nullable=nullable, index=index
    )


def _user_fk() -> Mapped[Any]:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"))


# --- agency fee ---------------------------------------------------------------------------------


class AgencyFeeRule(Audited, OrganizationOwned, RecordMixin, Base):
    """A version of the project's agency-fee rule, in effect for deals contracted from `effective_from`."""

    __tablename__ = "agency_fee_rules"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        CheckConstraint("rate IS NULL OR (rate >= 0 AND rate <= 10)", name="rate_0_to_10"),
        CheckConstraint(
            "premium_share IS NULL OR (premium_share >= 0 AND premium_share <= 100)", name="premium"
        ),
    )

    project_id: Mapped[uuid.UUID] = _fk("projects")
    number: Mapped[int] = mapped_column(Integer, nullable=False)  # the rule's version: 1, 2, 3…
    effective_from: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[RuleStatus] = mapped_column(_enum(RuleStatus, "commission_rule_status"), nullable=False)
    base: Mapped[str] = mapped_column(String(32), nullable=False)  # contracted_price | received_amount
    rate: Mapped[Decimal | None] = mapped_column(RATE)  # flat; null when tiered
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False, server_default="[]")
    premium_share: Mapped[Decimal | None] = mapped_column(RATE)
    fixed_amounts: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, server_default="{}")
    stages: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    note: Mapped[str | None] = mapped_column(String(1000))
    proposed_by: Mapped[uuid.UUID | None] = _user_fk()
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class AgencyFeeStatement(Audited, OrganizationOwned, RecordMixin, Base):
    """A settlement (结算单) with the developer for a period."""

    __tablename__ = "agency_fee_statements"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        # One draft per period: two people pressing "generate" at once get the same one.
        Index(
            "uq_agency_fee_statements_draft_period",
            "project_id",
            "period_start",
            "period_end",
            unique=True,
            postgresql_where=text("status = 'draft'"),
        ),
        CheckConstraint("period_start <= period_end", name="period"),
    )

    project_id: Mapped[uuid.UUID] = _fk("projects")
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[AgencyStatementStatus] = mapped_column(
        _enum(AgencyStatementStatus, "agency_statement_status"), nullable=False, index=True
    )
    achievement_percent: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    total: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    line_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    received: Mapped[Decimal] = mapped_column(MONEY, nullable=False, server_default="0")
    invoice_number: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[uuid.UUID | None] = _user_fk()
    submitted_by: Mapped[uuid.UUID | None] = _user_fk()
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_by: Mapped[uuid.UUID | None] = _user_fk()
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invoiced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    return_comment: Mapped[str | None] = mapped_column(String(1000))


class AgencyFeeLine(OrganizationOwned, Base):
    """One deal and stage of a statement: what it earned, clawed back, reversed or adjusted, and how."""

    __tablename__ = "agency_fee_lines"
    __table_args__ = (
        Index("ix_agency_fee_lines_statement_seq", "statement_id", "seq"),
        Index("ix_agency_fee_lines_deal_stage", "deal_id", "stage"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    statement_id: Mapped[uuid.UUID] = _fk("agency_fee_statements", index=False)
    project_id: Mapped[uuid.UUID] = _fk("projects")
    seq: Mapped[int] = mapped_column(Integer, nullable=False)  # the order lines are shown and paged in
    deal_id: Mapped[uuid.UUID] = _fk("deals", index=False)
    unit_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    unit_code: Mapped[str] = mapped_column(String(32), nullable=False)
    stage: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # earned, clawback, reversal, adjustment
    rule_id: Mapped[uuid.UUID] = _fk("agency_fee_rules", index=False)
    rule_version: Mapped[int] = mapped_column(Integer, nullable=False)  # the rule's number
    base: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    rate: Mapped[Decimal] = mapped_column(RATE, nullable=False)
    premium: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    fixed: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    earned_on: Mapped[date | None] = mapped_column(Date)
    disputed: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="false")
    dispute_comment: Mapped[str | None] = mapped_column(String(1000))


class AgencyFeeReceipt(OrganizationOwned, Base):
    """Money received from the developer against a statement (partial payments add up)."""

    __tablename__ = "agency_fee_receipts"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    statement_id: Mapped[uuid.UUID] = _fk("agency_fee_statements")
    project_id: Mapped[uuid.UUID] = _fk("projects")
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)
    reference: Mapped[str | None] = mapped_column(String(100))
    recorded_by: Mapped[uuid.UUID | None] = _user_fk()
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=text("clock_timestamp()")
    )


# --- consultant commission (酬金, 奖罚) ------------------------------------------------------------


class CreditStatus(enum.StrEnum):
    proposed = "proposed"  # waiting for its approval
    active = "active"  # the deal's credits now
    replaced = "replaced"  # active once, replaced by a later approved proposal
    rejected = "rejected"


class CommissionPlan(Audited, OrganizationOwned, RecordMixin, Base):
    """A version of the project's commission plan (酬金方案), in effect for deals contracted from
    `effective_from`: a rate per grade, fixed amounts per unit kind, the supervisors' override and the
    payout stages."""

    __tablename__ = "commission_plans"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        CheckConstraint(
            "supervisor_override IS NULL OR (supervisor_override >= 0 AND supervisor_override <= 10)",
            name="override_0_to_10",
        ),
    )

    project_id: Mapped[uuid.UUID] = _fk("projects")
    number: Mapped[int] = mapped_column(Integer, nullable=False)  # v1, v2… of the project (not the ETag)
    effective_from: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[RuleStatus] = mapped_column(_enum(RuleStatus, "commission_rule_status"), nullable=False)
    rates: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False)  # grade → percent
    fixed_amounts: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, server_default="{}")
    supervisor_override: Mapped[Decimal | None] = mapped_column(RATE)
    stages: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    note: Mapped[str | None] = mapped_column(String(1000))
    proposed_by: Mapped[uuid.UUID | None] = _user_fk()
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class DealCredit(Audited, OrganizationOwned, RecordMixin, Base):
    """One consultant's share of a deal (业绩分配). A deal without active credits is its consultant's
    alone; a proposal (rows sharing `approval_id`) replaces the active ones when approved."""

    __tablename__ = "deal_credits"
    __table_args__ = (
        CheckConstraint("share > 0 AND share <= 100", name="share"),
        Index("ix_deal_credits_deal_status", "deal_id", "status"),
    )

    project_id: Mapped[uuid.UUID] = _fk("projects")
    deal_id: Mapped[uuid.UUID] = _fk("deals", index=False)
    consultant_id: Mapped[uuid.UUID] = _fk("users", index=False)
    share: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)  # percent
    status: Mapped[CreditStatus] = mapped_column(_enum(CreditStatus, "deal_credit_status"), nullable=False)
    proposed_by: Mapped[uuid.UUID | None] = _user_fk()
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), index=True)


class RewardPenalty(Audited, OrganizationOwned, RecordMixin, Base):
    """A reward (positive) or penalty (negative) of a consultant for a month (奖罚), proposed and
    approved; only approved ones reach a statement."""

    __tablename__ = "rewards_penalties"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    project_id: Mapped[uuid.UUID] = _fk("projects")
    consultant_id: Mapped[uuid.UUID] = _fk("users")
    month: Mapped[date] = mapped_column(Date, nullable=False)  # its first day
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    reason: Mapped[str] = mapped_column(String(500), nullable=False)
    status: Mapped[EntryStatus] = mapped_column(
        _enum(EntryStatus, "commission_entry_status"), nullable=False, index=True
    )
    proposed_by: Mapped[uuid.UUID | None] = _user_fk()
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class CommissionStatement(Audited, OrganizationOwned, RecordMixin, Base):
    """A consultant's statement of a month (酬金结算单): draft → submitted → approved → paid."""

    __tablename__ = "commission_statements"
    __table_args__ = (
        # One draft per consultant and month: two people pressing "compute" at once share it.
        Index(
            "uq_commission_statements_draft_month",
            "project_id",
            "consultant_id",
            "month",
            unique=True,
            postgresql_where=text("status = 'draft'"),
        ),
        Index("ix_commission_statements_project_month", "project_id", "month"),
    )

    project_id: Mapped[uuid.UUID] = _fk("projects", index=False)
    consultant_id: Mapped[uuid.UUID] = _fk("users")
    month: Mapped[date] = mapped_column(Date, nullable=False)  # its first day
    status: Mapped[CommissionStatementStatus] = mapped_column(
        _enum(CommissionStatementStatus, "commission_statement_status"), nullable=False
    )
    grade: Mapped[str | None] = mapped_column(String(16))  # when computed
    total: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    line_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[uuid.UUID | None] = _user_fk()
    submitted_by: Mapped[uuid.UUID | None] = _user_fk()
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[uuid.UUID | None] = _user_fk()
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_by: Mapped[uuid.UUID | None] = _user_fk()
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CommissionLine(OrganizationOwned, Base):
    """One line of a consultant's statement: a deal's stage earned, clawed back, reversed or adjusted
    (their credited part, or a supervisor's override), or a reward or penalty."""

    __tablename__ = "commission_lines"
    __table_args__ = (
        Index("ix_commission_lines_statement_seq", "statement_id", "seq"),
        Index("ix_commission_lines_settled", "project_id", "deal_id", "stage", "consultant_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    statement_id: Mapped[uuid.UUID] = _fk("commission_statements", index=False)
    project_id: Mapped[uuid.UUID] = _fk("projects", index=False)
    consultant_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False)  # deal, override, reward_penalty
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # earned, clawback, …, reward, penalty
    deal_id: Mapped[uuid.UUID | None] = _fk("deals", nullable=True, index=False)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    unit_code: Mapped[str | None] = mapped_column(String(32))
    stage: Mapped[str | None] = mapped_column(String(32))
    plan_id: Mapped[uuid.UUID | None] = _fk("commission_plans", nullable=True, index=False)
    plan_version: Mapped[int | None] = mapped_column(Integer)
    base: Mapped[Decimal | None] = mapped_column(MONEY)
    rate: Mapped[Decimal | None] = mapped_column(RATE)
    share: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    fixed: Mapped[Decimal | None] = mapped_column(MONEY)
    amount: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    earned_on: Mapped[date | None] = mapped_column(Date)
    reward_penalty_id: Mapped[uuid.UUID | None] = _fk("rewards_penalties", nullable=True, index=False)
    note: Mapped[str | None] = mapped_column(String(500))
