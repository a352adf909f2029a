"""Tables of reports: the stored snapshot of a consultant's confirmed day (每日确认当日业绩), and the
summaries of weeks, months and quarters."""

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, String, UniqueConstraint
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
