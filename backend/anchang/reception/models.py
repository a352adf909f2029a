"""Tables of reception: who is on duty each day, the rotation's position, and every turn handed out."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, Enum, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class DutyStatus(StrEnum):
    on_duty = "on_duty"
    on_break = "on_break"  # back soon: skipped while away
    absent = "absent"  # 请假 / 外出: skipped for the day


class TurnKind(StrEnum):
    turn = "turn"  # the next consultant in the rotation took a walk-in
    returning = "returning"  # a returning customer went to the owner: nobody's turn used
    on_behalf = "on_behalf"  # the owner is away: the next consultant received for them, no turn used


class RosterEntry(Audited, OrganizationOwned, RecordMixin, Base):
    """One consultant on one day's roster, in rotation order."""

    __tablename__ = "roster_entries"
    __table_args__ = (UniqueConstraint("project_id", "work_date", "user_id"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    work_date: Mapped[date] = mapped_column(Date, nullable=False)
    # Kept a cascade: a roster entry is part of the user's own membership of the project (their place
    # on duty), like the membership itself; the visits they received refer to them with RESTRICT.
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[DutyStatus] = mapped_column(
        Enum(DutyStatus, name="duty_status", values_callable=lambda e: [m.value for m in e]),
        nullable=False,
        default=DutyStatus.on_duty,
        server_default=DutyStatus.on_duty.value,
    )
    note: Mapped[str | None] = mapped_column(String(200))


class RotationState(OrganizationOwned, RecordMixin, Base):
    """The rotation of one project: locked FOR UPDATE by every `next`, so turns are handed out in order."""

    __tablename__ = "rotation_states"
    __table_args__ = (UniqueConstraint("project_id"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False
    )
    work_date: Mapped[date | None] = mapped_column(Date)
    last_position: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    turns: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")


class RotationTurn(OrganizationOwned, RecordMixin, Base):
    """Every walk-in handed out, in order (`sequence` is per project and day)."""

    __tablename__ = "rotation_turns"
    __table_args__ = (UniqueConstraint("project_id", "work_date", "sequence"),)

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    work_date: Mapped[date] = mapped_column(Date, nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[TurnKind] = mapped_column(
        Enum(TurnKind, name="rotation_turn_kind", values_callable=lambda e: [m.value for m in e]),
        nullable=False,
    )
    consultant_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    customer_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    visit_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("visits.id", ondelete="SET NULL")
    )
    assigned_by_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
