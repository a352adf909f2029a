"""The daily report's figures this domain owns: complaints opened (filed) and closed, for a day with its
month and year to date, for the project and for each member of staff a complaint concerns (a complaint
concerning two consultants counts in each one's row and once in the project's).

One statement over the complaints the caller may read whose filing or closing falls in the year to the
day's end: the two (project, time) index ranges (core/day_figures.py).
"""

from typing import Any

from sqlalchemy import bindparam, func, select, true

from anchang.complaints.models import Complaint
from anchang.complaints.repository import ComplaintRepository
from anchang.core.day_figures import (
    DAY_END,
    DAY_START,
    MONTH_START,
    YEAR_START,
    DayCount,
    Window,
    attributed,
    counts,
    within_year,
)
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal


@per_caller
def _complaints(caller: Principal) -> AnySelect:
    period = (
        ComplaintRepository(None, caller)
        .readable()
        .with_only_columns(
            Complaint.id, Complaint.created_at, Complaint.closed_at, Complaint.concerned_user_ids
        )
        .where(
            Complaint.project_id == bindparam("project_id"),
            within_year(Complaint.created_at) | within_year(Complaint.closed_at),
        )
        .subquery("period")
    )
    person = func.unnest(period.c.concerned_user_ids).table_valued("user_id").render_derived()

    def distinct(at: Any, prefix: str) -> list[Any]:
        def n(since: Any, label: str) -> Any:
            return (
                func.count(period.c.id.distinct()).filter(at >= since, at < DAY_END).label(f"{prefix}{label}")
            )

        return [n(DAY_START, "day"), n(MONTH_START, "month"), n(YEAR_START, "year")]

    return (
        select(
            person.c.user_id,
            func.grouping(person.c.user_id).label("total"),
            *distinct(period.c.created_at, "opened_"),
            *distinct(period.c.closed_at, "closed_"),
        )
        .select_from(period)
        .outerjoin(person, true())
        .group_by(func.rollup(person.c.user_id))
    )


async def complaint_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Complaints opened (`complaints.opened`) and closed (`complaints.closed`), by the staff concerned."""
    statement = _complaints(caller)
    out = []
    for row, who in attributed(await reader.rows(statement, window.values(statement)), "user_id"):
        out.append(counts(row, "complaints.opened", who, prefix="opened_"))
        out.append(counts(row, "complaints.closed", who, prefix="closed_"))
    return out
