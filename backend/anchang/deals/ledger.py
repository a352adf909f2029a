"""The deal's schedule (应收) as rows: writing and superseding lines, matching money to them, and the
totals (paid, outstanding) every view and rule reads.

The generation of a schedule is pure and lives in `schedule.py`; this module stores it.
"""

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.deals import repository as repo
from anchang.deals import schedule as sched
from anchang.deals.base import ZERO
from anchang.deals.models import Deal, LineKind, ScheduleLine


def new_lines(deal: Deal, lines: list[sched.Line], start_seq: int = 1) -> list[ScheduleLine]:
    """Rows for `lines`, numbered from `start_seq`, nothing paid."""
    return [
        ScheduleLine(
            id=uuid.uuid4(),
            organization_id=deal.organization_id,
            project_id=deal.project_id,
            deal_id=deal.id,
            seq=start_seq + i,
            kind=LineKind(line.kind),
            due_on=line.due_on,
            amount=line.amount,
            paid=ZERO,
            active=True,
        )
        for i, line in enumerate(lines)
    ]


def allocate(lines: Sequence[ScheduleLine], amount: Decimal) -> list[dict[str, Any]]:
    """Match `amount` to the open lines, oldest due first; returns the allocations."""
    out: list[dict[str, Any]] = []
    rest = amount
    for line in sorted(lines, key=lambda ln: (ln.due_on, ln.seq)):
        if rest <= 0:
            break
        room = line.amount - line.paid
        if room <= 0:
            continue
        take = min(room, rest)
        line.paid += take
        rest -= take
        out.append({"line_id": str(line.id), "amount": f"{take:.2f}"})
    assert rest == 0, "allocation left money over"
    return out


async def replace_schedule(
    session: AsyncSession, access: ProjectAccess, deal: Deal, lines: list[sched.Line]
) -> list[ScheduleLine]:
    """Supersede the active lines with `lines`; what was paid is matched again, oldest first."""
    old = await repo.ScheduleRepository(session, access.principal).active_of(deal.id, for_update=True)
    paid = sum((line.paid for line in old), ZERO)
    total = sum((line.amount for line in lines), ZERO)
    if paid > total:
        raise ValidationFailed({"lines": f"{paid:.2f} has been paid, more than the new total {total:.2f}"})
    start = max((line.seq for line in old), default=0) + 1
    for line in old:
        line.active = False
    rows = new_lines(deal, lines, start)
    allocate(rows, paid)
    session.add_all(rows)
    await session.flush()
    return rows


async def outstanding(session: AsyncSession, deal: Deal) -> tuple[Decimal, Decimal]:
    """(paid, outstanding) over the active schedule."""
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(ScheduleLine.paid), 0),
                func.coalesce(func.sum(ScheduleLine.amount - ScheduleLine.paid), 0),
            ).where(ScheduleLine.deal_id == deal.id, ScheduleLine.active.is_(True))
        )
    ).one()
    return Decimal(row[0]).quantize(Decimal("0.01")), Decimal(row[1]).quantize(Decimal("0.01"))


async def schedule_of(session: AsyncSession, deal: Deal, access: ProjectAccess) -> Sequence[ScheduleLine]:
    """The deal's active lines, by due date."""
    return await repo.ScheduleRepository(session, access.principal).active_of(deal.id)
