"""Tables of reports: the stored snapshot of a consultant's confirmed day (每日确认当日业绩)."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, UniqueConstraint
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
