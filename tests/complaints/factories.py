"""Keyword-only async factories for complaints, written as the filing service would leave them."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.complaints.models import (
    Complaint,
    ComplaintAction,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintSeverity,
    ComplaintSource,
    ComplaintStatus,
)
from anchang.org.models import Project, User


async def create_complaint(
    session: AsyncSession,
    *,
    project: Project,
    filed_by: User | None = None,
    assignee: User | None = None,
    source: ComplaintSource = ComplaintSource.customer,
    severity: ComplaintSeverity = ComplaintSeverity.minor,
    category: ComplaintCategory = ComplaintCategory.service,
    status: ComplaintStatus = ComplaintStatus.open,
    level: int = 1,
    title: str = "Waited an hour at the desk",
    filed_at: datetime | None = None,
    customer_id: uuid.UUID | None = None,
) -> Complaint:
    at = filed_at or datetime.now(UTC)
    complaint = Complaint(
        id=uuid.uuid4(),
        organization_id=project.organization_id,
        project_id=project.id,
        source=source,
        channel=ComplaintChannel.on_site,
        category=category,
        severity=severity,
        status=status,
        title=title,
        description="Nobody came to receive us.",
        customer_id=customer_id,
        filed_by=filed_by.id if filed_by else None,
        level=level,
        assignee_id=assignee.id if assignee else None,
        acknowledge_due_at=at + timedelta(hours=2),
        resolve_due_at=at + timedelta(hours=24),
        escalates_at=at + timedelta(hours=2) if status is ComplaintStatus.open else None,
        escalation_count=0,
        reopen_count=0,
        concerned_user_ids=[],
    )
    session.add(complaint)
    await session.flush()
    session.add(
        ComplaintAction(
            organization_id=project.organization_id,
            project_id=project.id,
            complaint_id=complaint.id,
            type="filed",
            actor_id=complaint.filed_by,
            at=at,
        )
    )
    await session.flush()
    return complaint
