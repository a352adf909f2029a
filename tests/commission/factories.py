"""Keyword-only async factories for the agency fee."""

import uuid
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission.models import AgencyFeeStatement, AgencyStatementStatus
from anchang.org.models import Project
from tests.factories import project_today


async def create_statement(
    session: AsyncSession,
    *,
    project: Project,
    number: int = 1,
    status: AgencyStatementStatus = AgencyStatementStatus.draft,
) -> AgencyFeeStatement:
    """An empty statement of the last 30 days."""
    today = project_today(project)
    statement = AgencyFeeStatement(
        id=uuid.uuid4(),
        organization_id=project.organization_id,
        project_id=project.id,
        number=number,
        period_start=today - timedelta(days=30),
        period_end=today,
        status=status,
        total=Decimal("0.00"),
        received=Decimal("0.00"),
    )
    session.add(statement)
    await session.flush()
    return statement
