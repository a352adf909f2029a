"""An approval request: what is asked (kind + subject), the role that must decide, and the decision."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Enum, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin
from anchang.core.roles import ProjectRole


class ApprovalStatus(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"
    cancelled = "cancelled"


def _values(e: type[enum.Enum]) -> list[str]:
    return [m.value for m in e]


class Approval(Audited, OrganizationOwned, RecordMixin, Base):
    __tablename__ = "approvals"
    __table_args__ = (
        # At most one pending request per subject: a second one would be decided twice.
        Index(
            "uq_approvals_pending_subject",
            "kind",
            "subject_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    # What is asked, e.g. "price_list_version" or "deal_discount", and the id of the thing asked about.
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    subject_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    required_role: Mapped[ProjectRole] = mapped_column(
        Enum(ProjectRole, name="project_role", values_callable=_values, create_type=False), nullable=False
    )
    status: Mapped[ApprovalStatus] = mapped_column(
        Enum(ApprovalStatus, name="approval_status", values_callable=_values),
        nullable=False,
        default=ApprovalStatus.pending,
        index=True,
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    # What the decider needs to see (amounts, counts…), written by the requesting domain.
    summary: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict)
    requested_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    request_comment: Mapped[str | None] = mapped_column(String(1000))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_comment: Mapped[str | None] = mapped_column(String(1000))
