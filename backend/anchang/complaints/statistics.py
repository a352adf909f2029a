"""Complaint statistics (投诉统计) of a project over a period, and the same as a workbook.

Days are the project's (its time zone): `from` and `to` are inclusive dates of filing. Everything is
counted by PostgreSQL in four statements over the period's complaints (the figures the complaints keep
— first acknowledgement on time, resolution on time, reopen count, satisfaction — make the actions
table unnecessary here), so 50,000 complaints answer in tens of milliseconds."""

import io
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, String, bindparam, case, cast, func, literal, select, union_all

from anchang.complaints import schemas
from anchang.complaints.models import Complaint, ComplaintStatus
from anchang.complaints.repository import ComplaintRepository
from anchang.core.access import ProjectAccess
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_DAYS = 3 * 366  # a period longer than three years is refused: nobody reads it, and it costs
_SHARE = Decimal("0.0001")
_HOURS = Decimal("0.1")
_SCORE = Decimal("0.01")
DIMENSIONS = ("category", "severity", "source", "channel", "status")


def _period(caller: Principal) -> AnySelect:
    """The project's complaints filed in [`:start`, `:end`), as a subquery every figure reads."""
    return (
        ComplaintRepository(None, caller)
        .scoped()
        .where(
            Complaint.project_id == bindparam("project_id"),
            Complaint.created_at >= bindparam("start", type_=Complaint.created_at.type),
            Complaint.created_at < bindparam("end", type_=Complaint.created_at.type),
        )
    )


@per_caller
def totals(caller: Principal) -> AnySelect:
    c = _period(caller).subquery("c")
    settled = c.c.status.in_([ComplaintStatus.resolved, ComplaintStatus.closed])
    hours = func.extract("epoch", c.c.resolved_at - c.c.created_at) / 3600
    return select(
        func.count().label("total"),
        func.avg(cast(c.c.acknowledged_on_time, Integer)).label("acknowledged_on_time_share"),
        func.avg(case((settled, cast(c.c.resolved_on_time, Integer)))).label("resolved_on_time_share"),
        func.percentile_cont(0.5).within_group(hours).filter(settled).label("median_hours"),
        func.percentile_cont(0.9).within_group(hours).filter(settled).label("p90_hours"),
        func.avg(case((c.c.reopen_count > 0, 1), else_=0)).label("reopen_rate"),
        func.avg(c.c.satisfaction).label("average_satisfaction"),
        func.count(c.c.satisfaction).label("rated"),
    )


@per_caller
def counts(caller: Principal) -> AnySelect:
    """Counts by each dimension, as (dimension, key, count) rows, in one pass per dimension."""
    c = _period(caller).subquery("c")
    parts = [
        select(
            literal(name).label("dimension"),
            cast(c.c[name], String).label("key"),
            func.count().label("count"),
        ).group_by(c.c[name])
        for name in DIMENSIONS
    ]
    return union_all(*parts)  # type: ignore[return-value]


@per_caller
def months(caller: Principal) -> AnySelect:
    c = _period(caller).subquery("c")
    month = func.to_char(func.timezone(bindparam("tz", type_=String), c.c.created_at), "YYYY-MM")
    settled = c.c.status.in_([ComplaintStatus.resolved, ComplaintStatus.closed])
    return (
        select(
            month.label("month"),
            func.count().label("filed"),
            func.count().filter(settled).label("resolved"),
            func.avg(c.c.satisfaction).label("average_satisfaction"),
        )
        .group_by(month)
        .order_by(month)
    )


@per_caller
def staff(caller: Principal) -> AnySelect:
    c = _period(caller).subquery("c")
    person = func.unnest(c.c.concerned_user_ids).table_valued("user_id").render_derived()
    counted = (
        select(person.c.user_id, func.count().label("count"))
        .select_from(c)
        .join(person, literal(True))
        .group_by(person.c.user_id)
        .subquery("s")
    )
    return (
        select(counted.c.user_id, counted.c.count, org.user_name_of(caller, counted.c.user_id).label("name"))
        .order_by(counted.c.count.desc(), counted.c.user_id)
        .limit(50)
    )


def _q(value: Any, step: Decimal) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def period_bounds(
    access: ProjectAccess, date_from: date | None, date_to: date | None
) -> tuple[date, date, datetime, datetime]:
    """The inclusive dates asked (by default the last 30 days, today included) and their instants in the
    project's time zone; 422 naming the field for a reversed or too long period."""
    tz = ZoneInfo(access.project.timezone)
    today = datetime.now(tz).date()
    end_day = date_to or today
    start_day = date_from or end_day - timedelta(days=29)
    if start_day > end_day:
        raise ValidationFailed({"from": "must be on or before `to`"})
    if (end_day - start_day).days > MAX_DAYS:
        raise ValidationFailed({"to": f"a period spans at most {MAX_DAYS} days"})
    start = datetime.combine(start_day, time(), tz)
    end = datetime.combine(end_day + timedelta(days=1), time(), tz)
    return start_day, end_day, start, end


async def complaint_statistics(
    reader: Reader, access: ProjectAccess, date_from: date | None, date_to: date | None
) -> schemas.ComplaintStatistics:
    """The figures of the project's complaints filed in the period."""
    start_day, end_day, start, end = period_bounds(access, date_from, date_to)
    caller = access.principal
    values = {"project_id": access.project.id, "start": start, "end": end}
    total = await reader.row(totals(caller), values)
    assert total is not None  # an aggregate always answers one row
    by: dict[str, list[schemas.Count]] = {name: [] for name in DIMENSIONS}
    for row in await reader.rows(counts(caller), values):
        by[row["dimension"]].append(schemas.Count(key=row["key"], count=row["count"]))
    for name in DIMENSIONS:
        by[name].sort(key=lambda c: (-c.count, c.key))
    month_rows = await reader.rows(months(caller), {**values, "tz": access.project.timezone})
    staff_rows = await reader.rows(staff(caller), values)
    return schemas.ComplaintStatistics(
        date_from=start_day,
        date_to=end_day,
        total=total["total"],
        by_category=by["category"],
        by_severity=by["severity"],
        by_source=by["source"],
        by_channel=by["channel"],
        by_status=by["status"],
        acknowledged_on_time_share=_q(total["acknowledged_on_time_share"], _SHARE),
        resolved_on_time_share=_q(total["resolved_on_time_share"], _SHARE),
        median_hours_to_resolve=_q(total["median_hours"], _HOURS),
        p90_hours_to_resolve=_q(total["p90_hours"], _HOURS),
        reopen_rate=_q(total["reopen_rate"], _SHARE),
        average_satisfaction=_q(total["average_satisfaction"], _SCORE),
        rated=total["rated"],
        by_month=[
            schemas.MonthFigures(
                month=r["month"],
                filed=r["filed"],
                resolved=r["resolved"],
                average_satisfaction=_q(r["average_satisfaction"], _SCORE),
            )
            for r in month_rows
        ],
        by_staff=[
            schemas.StaffFigures(user_id=r["user_id"], name=r["name"], count=r["count"]) for r in staff_rows
        ],
    )


def statistics_workbook(figures: schemas.ComplaintStatistics) -> bytes:
    """The statistics as a workbook: a summary sheet, one per dimension, by month and by staff."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    summary = book.create_sheet("Summary")
    append(summary, ["From", figures.date_from])
    append(summary, ["To", figures.date_to])
    for label, value in (
        ("Total", figures.total),
        ("Acknowledged on time (share)", figures.acknowledged_on_time_share),
        ("Resolved on time (share)", figures.resolved_on_time_share),
        ("Median hours to resolve", figures.median_hours_to_resolve),
        ("90th percentile hours to resolve", figures.p90_hours_to_resolve),
        ("Reopen rate", figures.reopen_rate),
        ("Average satisfaction", figures.average_satisfaction),
        ("Rated", figures.rated),
    ):
        append(summary, [label, value])
    for name in DIMENSIONS:
        sheet = book.create_sheet(f"By {name}")
        append(sheet, [name, "count"])
        for count in getattr(figures, f"by_{name}"):
            append(sheet, [count.key, count.count])
    sheet = book.create_sheet("By month")
    append(sheet, ["month", "filed", "resolved", "average satisfaction"])
    for m in figures.by_month:
        append(sheet, [m.month, m.filed, m.resolved, m.average_satisfaction])
    sheet = book.create_sheet("By staff")
    append(sheet, ["staff", "complaints"])
    for s in figures.by_staff:
        append(sheet, [s.name or str(s.user_id), s.count])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
