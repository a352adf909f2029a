"""Tables of the daily close (日清日结): one close per project and day, its snapshot stored as built."""

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class CloseStatus(enum.StrEnum):
    open = "open"  # built, may be rebuilt
    closed = "closed"  # the site manager closed the day; waits for the countersignatures
    countersigned = "countersigned"  # finance and the developer's rep signed: never changes again


def _user_fk() -> Mapped[Any]:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"))


class DailyClose(Audited, OrganizationOwned, RecordMixin, Base):
    """A project's day closed (日清日结): the board, the day's receipts and their differences with the
    deals, stored as built (a later correction of the rows never rewrites a closed day), and who closed
    and countersigned it."""

    __tablename__ = "daily_closes"
    __table_args__ = (
        UniqueConstraint("project_id", "day"),
        CheckConstraint("status IN ('open', 'closed', 'countersigned')", name="status_known"),
        # Countersigned means both signatures, and a signature needs the day closed first.
        CheckConstraint(
            "(status = 'countersigned') = "
            "(finance_signed_at IS NOT NULL AND developer_signed_at IS NOT NULL)",
            name="countersigned_by_both",
        ),
        CheckConstraint(
            "status <> 'open' OR (closed_at IS NULL AND finance_signed_at IS NULL "
            "AND developer_signed_at IS NULL)",
            name="open_unsigned",
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=CloseStatus.open.value)
    # The moment the board and the deals were read as of: the day's end, or the build time for today.
    cutoff_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    built_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    built_by: Mapped[uuid.UUID | None] = _user_fk()
    # {buildings: [{id, name, statuses: [{status, count, gross_area, amount}]}], totals: [...]}
    board: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # {payments: [{id, deal_id, kind, method, amount, paid_at}], by_method: [...], total}
    receipts: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # [{kind, unit_id, unit_code, deal_id, board_says, deals_say}]
    differences: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    differences_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    receipts_total: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[uuid.UUID | None] = _user_fk()
    finance_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finance_signed_by: Mapped[uuid.UUID | None] = _user_fk()
    developer_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    developer_signed_by: Mapped[uuid.UUID | None] = _user_fk()
