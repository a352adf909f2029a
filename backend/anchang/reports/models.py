"""Tables of reports: the stored snapshot of a consultant's confirmed day (每日确认当日业绩), and the
summaries of weeks, months and quarters, and the daily facts the report sums for its month and year to
date (reports/facts.py)."""

import enum
import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class DailyConfirmation(Audited, OrganizationOwned, RecordMixin, Base):
    """A consultant's day as their supervisor confirmed it: the figures then, never rewritten, so a later
    correction of the rows shows as a difference instead of silently replacing what was confirmed."""

    __tablename__ = "daily_confirmations"
    __table_args__ = (UniqueConstraint("project_id", "day", "consultant_id"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    consultant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    # {metric: {day, month_to_date, year_to_date}} as decimal strings, as the report showed them.
    figures: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    confirmed_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class SummaryStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"


class PeriodSummary(Audited, OrganizationOwned, RecordMixin, Base):
    """A week's, month's or quarter's summary (周报 / 月报 / 季报) of a project: the supervisor's text of
    each section, and from its submission on the figures as they stood then (until then they are live)."""

    __tablename__ = "period_summaries"
    __table_args__ = (UniqueConstraint("project_id", "period"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    period: Mapped[str] = mapped_column(String(10), nullable=False)  # 2026-W48, 2026-11, 2026-Q4
    status: Mapped[SummaryStatus] = mapped_column(
        SAEnum(SummaryStatus, name="summary_status", values_callable=lambda kind: [m.value for m in kind]),
        nullable=False,
        default=SummaryStatus.draft,
    )
    sections: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict)
    # The figures part of the summary (schemas.SummaryFigures as JSON) once submitted; null while live.
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


FACT_COLUMNS = (
    "calls_in",
    "visits_first",
    "visits_repeat",
    "visit_people_first",
    "visit_people_repeat",
    "new_customers_walk_in",
    "new_customers_advertising",
    "new_customers_online",
    "new_customers_customer_referral",
    "new_customers_broker",
    "broker_referrals",
    "reservations",
    "subscriptions_units",
    "subscriptions_area",
    "subscriptions_amount",
    "contracts_units",
    "contracts_area",
    "contracts_amount",
    "collections",
    "cancellations_units",
    "cancellations_area",
    "cancellations_amount",
    "complaints_opened",
    "complaints_closed",
)
"""The figures a domain counts for the daily report (reports/daily.py's metrics less the sums of them),
as columns of a day's facts: a metric `visits.first` is the column `visits_first`."""


class DailyFactDay(OrganizationOwned, Base):
    """A past day of a project whose facts may be stored: `stored` says they are; `stamp` counts the
    writes that touched the day's source rows (the triggers of migration reports_0002), so a reader
    stores facts only if no write came between its count and its store (reports/facts.py)."""

    __tablename__ = "daily_fact_days"

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    stamp: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    stored: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())


class DailyFact(OrganizationOwned, Base):
    """One person's figures of one past day of a project (`consultant_id` null: the project's, stored
    for every day with facts, even a day without activity), as the report's full view counts them."""

    __tablename__ = "daily_facts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["project_id", "day"],
            ["daily_fact_days.project_id", "daily_fact_days.day"],
            ondelete="CASCADE",
        ),
        Index("ix_daily_facts_project_day", "project_id", "day"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=func.gen_random_uuid()
    )
    project_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    # No foreign key: a cache of figures, rebuilt from the source rows, never the record of a person.
    consultant_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


# One column per figure, from the list (the class body cannot loop); read as sums, never as attributes.
for _column in FACT_COLUMNS:
    cast(Table, DailyFact.__table__).append_column(
        Column(_column, Numeric, nullable=False, server_default="0")
    )
