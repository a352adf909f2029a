"""Tables of complaints: the complaint with its level, deadlines and outcome, and its timeline of
actions (every change is an action row, never an edit that loses what was there)."""

import enum
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class ComplaintSource(enum.StrEnum):
    customer = "customer"  # 客户投诉
    internal = "internal"  # 内部投诉, between staff


class ComplaintChannel(enum.StrEnum):
    on_site = "on_site"
    phone = "phone"
    wechat = "wechat"
    online = "online"
    hotline = "hotline"  # the 12345 government line
    media = "media"


class ComplaintCategory(enum.StrEnum):
    quality = "quality"
    price = "price"
    service = "service"
    sales_promise = "sales_promise"
    contract = "contract"
    payment = "payment"
    handover = "handover"
    property = "property"
    other = "other"


class ComplaintSeverity(enum.StrEnum):
    minor = "minor"
    major = "major"
    critical = "critical"  # a group complaint or media attention


class ComplaintStatus(enum.StrEnum):
    open = "open"  # waiting for the current level to acknowledge it
    acknowledged = "acknowledged"
    in_progress = "in_progress"
    resolved = "resolved"
    closed = "closed"


class Remedy(enum.StrEnum):
    explanation = "explanation"
    repair = "repair"
    price_concession = "price_concession"  # money: approved like a discount
    refund = "refund"  # money
    compensation = "compensation"  # money
    other = "other"


class SatisfactionSource(enum.StrEnum):
    staff = "staff"  # entered by staff on closing
    customer = "customer"  # given by the customer through the one-time link


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    return Enum(kind, name=name, values_callable=_values)


def _user_fk() -> Mapped[Any]:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"))


def _restrict_fk(table: str, *, nullable: bool) -> Mapped[Any]:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey(f"{table}.id", ondelete="RESTRICT"), nullable=nullable, index=True
    )


class Complaint(Audited, OrganizationOwned, RecordMixin, Base):
    __tablename__ = "complaints"
    __audit_hidden__ = frozenset({"rating_token_hash"})
    __table_args__ = (
        Index("ix_complaints_project_created", "project_id", "created_at", "id"),
        Index("ix_complaints_project_closed", "project_id", "closed_at"),  # the daily report
        # The escalation sweep reads only the complaints whose next deadline has come.
        Index(
            "ix_complaints_escalates_at", "escalates_at", postgresql_where=text("escalates_at IS NOT NULL")
        ),
        Index("ix_complaints_rating_token", "rating_token_hash", unique=True),
        # The statistics' staff concerned: most complaints concern no one, so the index holds the few that do.
        Index(
            "ix_complaints_project_concerned",
            "project_id",
            "created_at",
            postgresql_where=text("cardinality(concerned_user_ids) > 0"),
        ),
        # Who holds how many unsettled complaints: the ladder assigns the least loaded.
        Index("ix_complaints_assignee_status", "assignee_id", "status"),
        CheckConstraint("level BETWEEN 1 AND 4", name="level_on_the_ladder"),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_1_to_5"),
        CheckConstraint("remedy_amount IS NULL OR remedy_amount > 0", name="remedy_amount_positive"),
    )

    project_id: Mapped[uuid.UUID] = _restrict_fk("projects", nullable=False)
    source: Mapped[ComplaintSource] = mapped_column(
        _enum(ComplaintSource, "complaint_source"), nullable=False
    )
    channel: Mapped[ComplaintChannel] = mapped_column(
        _enum(ComplaintChannel, "complaint_channel"), nullable=False
    )
    category: Mapped[ComplaintCategory] = mapped_column(
        _enum(ComplaintCategory, "complaint_category"), nullable=False
    )
    severity: Mapped[ComplaintSeverity] = mapped_column(
        _enum(ComplaintSeverity, "complaint_severity"), nullable=False
    )
    status: Mapped[ComplaintStatus] = mapped_column(
        _enum(ComplaintStatus, "complaint_status"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(String(4000), nullable=False)
    customer_id: Mapped[uuid.UUID | None] = _restrict_fk("customers", nullable=True)
    deal_id: Mapped[uuid.UUID | None] = _restrict_fk("deals", nullable=True)
    unit_id: Mapped[uuid.UUID | None] = _restrict_fk("units", nullable=True)
    # The staff the complaint is about (an internal complaint's colleague, a consultant's conduct).
    concerned_user_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"
    )
    filed_by: Mapped[uuid.UUID | None] = _user_fk()
    # The escalation ladder: 1 supervisor, 2 site manager, 3 project manager, 4 developer rep.
    level: Mapped[int] = mapped_column(SmallInteger, nullable=False)
    assignee_id: Mapped[uuid.UUID | None] = _user_fk()
    acknowledge_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    resolve_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # When the sweep next looks at it: the deadline that matters in its status, null when none does
    # (resolved, closed, waiting for a remedy's approval, or missed at the top of the ladder).
    escalates_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_on_time: Mapped[bool | None] = mapped_column(Boolean)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_on_time: Mapped[bool | None] = mapped_column(Boolean)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    escalation_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    reopen_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    resolution: Mapped[str | None] = mapped_column(String(2000))
    remedy: Mapped[Remedy | None] = mapped_column(_enum(Remedy, "complaint_remedy"))
    remedy_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # A remedy with money waiting for its approval (the approvals domain's request).
    remedy_approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    satisfaction_comment: Mapped[str | None] = mapped_column(String(500))
    satisfaction_source: Mapped[SatisfactionSource | None] = mapped_column(
        _enum(SatisfactionSource, "satisfaction_source")
    )
    # The customer's one-time rating link: only a hash of its token is kept.
    rating_token_hash: Mapped[str | None] = mapped_column(String(64))
    rating_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ComplaintAction(OrganizationOwned, Base):
    """One step of a complaint's timeline: who (null for the system or the customer), when, what."""

    __tablename__ = "complaint_actions"
    __table_args__ = (Index("ix_complaint_actions_complaint_at", "complaint_id", "at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    project_id: Mapped[uuid.UUID] = _restrict_fk("projects", nullable=False)
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="RESTRICT"), nullable=False
    )
    type: Mapped[str] = mapped_column(String(32), nullable=False)
    actor_id: Mapped[uuid.UUID | None] = _user_fk()
    at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.clock_timestamp()
    )
    comment: Mapped[str | None] = mapped_column(String(2000))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    from_level: Mapped[int | None] = mapped_column(SmallInteger)
    to_level: Mapped[int | None] = mapped_column(SmallInteger)
    assignee_id: Mapped[uuid.UUID | None] = _user_fk()
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default="{}")
