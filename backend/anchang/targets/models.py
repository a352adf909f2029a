"""Monthly targets (目标): a plan per project and month, with a row for the project, each team
(a supervisor) and each consultant."""

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

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
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class PlanStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"  # sent back by the approver with a comment: a draft again


class RowLevel(enum.StrEnum):
    project = "project"
    team = "team"  # `user_id` is the team's supervisor
    consultant = "consultant"


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


def _user_fk(*, nullable: bool = True) -> Mapped[uuid.UUID | None]:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"), nullable=nullable)


class TargetPlan(Audited, OrganizationOwned, RecordMixin, Base):
    """The targets of one project and month; its `version` is the ETag a client edits against."""

    __tablename__ = "target_plans"
    __table_args__ = (
        UniqueConstraint("project_id", "month"),
        CheckConstraint("EXTRACT(DAY FROM month) = 1", name="first_of_month"),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    month: Mapped[date] = mapped_column(Date, nullable=False)  # its first day
    status: Mapped[PlanStatus] = mapped_column(
        Enum(PlanStatus, name="target_plan_status", values_callable=_values), nullable=False
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_by: Mapped[uuid.UUID | None] = _user_fk()
    # Sent once the month had begun: accepted (a late plan beats none) but shown as late.
    submitted_late: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default="false"
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[uuid.UUID | None] = _user_fk()
    return_comment: Mapped[str | None] = mapped_column(String(1000))
    approval_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


COUNTS = (
    "units_subscribed",
    "units_contracted",
    "first_visits",
    "new_customers",
    "broker_referrals",
)
MONEY = ("amount_subscribed", "amount_contracted", "amount_collected")


class TargetRow(Audited, OrganizationOwned, RecordMixin, Base):
    """One line of a plan: the project's, a team's or a consultant's figures for the month."""

    __tablename__ = "target_rows"
    __table_args__ = (
        CheckConstraint("(level = 'project') = (user_id IS NULL)", name="user_by_level"),
        CheckConstraint(
            " AND ".join(f"{name} >= 0" for name in (*COUNTS, *MONEY)),
            name="not_negative",
        ),
        UniqueConstraint("plan_id", "level", "user_id"),
        # NULLs differ in a unique constraint: the one project row of a plan needs its own index.
        Index(
            "uq_target_rows_project_row", "plan_id", unique=True, postgresql_where=text("level = 'project'")
        ),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("target_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    level: Mapped[RowLevel] = mapped_column(
        Enum(RowLevel, name="target_row_level", values_callable=_values), nullable=False
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    units_subscribed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    amount_subscribed: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False, default=Decimal(0))
    units_contracted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    amount_contracted: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False, default=Decimal(0))
    amount_collected: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False, default=Decimal(0))
    first_visits: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    new_customers: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    broker_referrals: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
