"""A daily close written straight into its table, for the whole-app tests (access matrix, tenancy)."""

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing.models import CloseStatus, DailyClose
from anchang.org.models import Project


async def create_close(
    session: AsyncSession, *, project: Project, day: date, status: CloseStatus = CloseStatus.open
) -> DailyClose:
    """An open close of `day` with an empty board and no receipts."""
    now = datetime.now(UTC)
    close = DailyClose(
        organization_id=project.organization_id,
        project_id=project.id,
        day=day,
        status=status.value,
        cutoff_at=now,
        built_at=now,
        board={"buildings": [], "totals": []},
        receipts={"payments": [], "by_method": [], "total": "0.00"},
        differences=[],
        differences_count=0,
        receipts_total=Decimal("0.00"),
    )
    session.add(close)
    await session.flush()
    return close
