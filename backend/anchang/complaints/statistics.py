"""Complaint statistics (投诉统计) of a project over a period, and the same as a workbook.

Days are the project's (its time zone): `from` and `to` are inclusive dates of filing. Everything is
counted by PostgreSQL in two statements run at once on two connections, each one pass over the period's
complaints: the totals with their percentiles and the staff concerned (from a partial index of the few
complaints that concern someone), and the groups (dimensions and months) as grouping sets. The figures the
complaints keep — first acknowledgement on time, resolution on time, reopen count, satisfaction — make the
actions table unnecessary here."""

import asyncio
import io
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    Integer,
    Numeric,
    String,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    select,
    tuple_,
    union_all,
)

from anchang.complaints import schemas
from anchang.complaints.models import Complaint, ComplaintStatus
from anchang.complaints.repository import ComplaintRepository
from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.org import service as org

MAX_DAYS = 3 * 366  # a period longer than three years is refused: nobody reads it, and it costs
_SHARE = Decimal("0.0001")
_HOURS = Decimal("0.1")
_SCORE = Decimal("0.01")
DIMENSIONS = ("category", "severity", "source", "channel", "status")


def _period(caller: Principal) -> Any:
    """The project's complaints filed in [`:start`, `:end`), as the few cheap columns the figures read."""
    settled = Complaint.status.in_([ComplaintStatus.resolved, ComplaintStatus.closed])
    return (
        ComplaintRepository(None, caller)
        .scoped()
        .with_only_columns(
            # Enums and the month stay in their cheap forms here; only the few groups are written out.
            *(getattr(Complaint, name).label(name) for name in DIMENSIONS),
            func.date_trunc(
                "month", func.timezone(bindparam("tz", type_=String), Complaint.created_at)
            ).label("month"),
            cast(Complaint.acknowledged_on_time, Integer).label("acknowledged_on_time"),
            case((settled, cast(Complaint.resolved_on_time, Integer))).label("resolved_on_time"),
            case(
                (settled, func.date_part("epoch", Complaint.resolved_at - Complaint.created_at) / 3600)
            ).label("hours"),
            case((Complaint.reopen_count > 0, 1), else_=0).label("reopened"),
            Complaint.satisfaction,
            Complaint.concerned_user_ids,
        )
        .where(
            Complaint.project_id == bindparam("project_id"),
            Complaint.created_at >= bindparam("start", type_=Complaint.created_at.type),
            Complaint.created_at < bindparam("end", type_=Complaint.created_at.type),
        )
        .subquery("period")
    )


# Every figure is a row of one shape: (dimension, key, count, then the figures only some rows carry).
_FIGURES = (
    "acknowledged",
    "resolved",
    "median",
    "p90",
    "reopened",
    "satisfaction",
    "rated",
    "settled",
    "name",
)


def _row(dimension: Any, key: Any, count: Any, **figures: Any) -> list[Any]:
    empty = {"name": cast(null(), String), "rated": cast(null(), Integer), "settled": cast(null(), Integer)}
    return [
        dimension.label("dimension"),
        cast(key, String).label("key"),
        count.label("count"),
        *(figures.get(name, empty.get(name, cast(null(), Numeric))).label(name) for name in _FIGURES),
    ]


@per_caller
def figures(caller: Principal, part: str) -> AnySelect:
    """The statistics in two statements the reader runs at once on two connections (two cores), each one
    pass over the period's complaints: `totals` (the shares, both percentiles, satisfaction, and the 50
    staff most concerned) and `groups` (the counts by each dimension and by month, as grouping sets)."""
    c = _period(caller)
    if part == "groups":
        grouped = (*(c.c[name] for name in DIMENSIONS), c.c.month)
        # GROUPING() sets one bit per column left out of a row's set: the set is the one zero bit.
        bits = func.grouping(*grouped)
        full = (1 << len(grouped)) - 1
        dimension = case(
            *(
                (bits == full ^ (1 << (len(grouped) - 1 - i)), literal(name))
                for i, name in enumerate(DIMENSIONS)
            ),
            else_=literal("month"),
        )
        key = func.coalesce(
            *(cast(c.c[name], String) for name in DIMENSIONS), func.to_char(c.c.month, "YYYY-MM")
        )
        return select(
            *_row(
                dimension,
                key,
                func.count(),
                satisfaction=func.avg(c.c.satisfaction),
                settled=func.count(c.c.hours),
            )
        ).group_by(func.grouping_sets(*(tuple_(column) for column in grouped)))
    totals = select(
        *_row(
            literal("total"),
            null(),
            func.count(),
            acknowledged=func.avg(c.c.acknowledged_on_time),
            resolved=func.avg(c.c.resolved_on_time),
            median=func.percentile_cont(0.5).within_group(c.c.hours),
            p90=func.percentile_cont(0.9).within_group(c.c.hours),
            reopened=func.avg(c.c.reopened),
            satisfaction=func.avg(c.c.satisfaction),
            rated=func.count(c.c.satisfaction),
        )
    )
    # Most complaints concern no one in particular: a partial index holds only those that do.
    concerned = (
        _period(caller)
        .element.where(func.cardinality(Complaint.concerned_user_ids) > 0)
        .subquery("concerned")
    )
    person = func.unnest(concerned.c.concerned_user_ids).table_valued("user_id").render_derived()
    counted = (
        select(person.c.user_id, func.count().label("n"))
        .select_from(concerned)
        .join(person, literal(True))
        .group_by(person.c.user_id)
        .order_by(func.count().desc(), person.c.user_id)
        .limit(50)
        .subquery("staff")
    )
    staff = select(
        *_row(
            literal("staff"),
            counted.c.user_id,
            counted.c.n,
            name=org.user_name_of(caller, counted.c.user_id),
        )
    )
    return union_all(totals, staff)  # type: ignore[return-value]


def _q(value: Any, step: Decimal) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def period_bounds(
    access: ProjectAccess, date_from: date | None, date_to: date | None
) -> tuple[date, date, datetime, datetime]:
    """The inclusive dates asked (by default the last 30 days, today included) and their instants in the
    project's time zone; 422 naming the field for a reversed or too long period."""
    tz = project_zone(access)
    today = today_in(access)
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
    values = {"project_id": access.project.id, "start": start, "end": end, "tz": access.project.timezone}
    parts = await asyncio.gather(
        reader.rows(figures(access.principal, "totals"), values),
        reader.rows(figures(access.principal, "groups"), values),
    )
    rows = [*parts[0], *parts[1]]
    by: dict[str, list[Row]] = {}
    for row in rows:
        by.setdefault(row["dimension"], []).append(row)
    [total] = by["total"]
    counts = {
        name: sorted(
            (schemas.Count(key=r["key"], count=r["count"]) for r in by.get(name, [])),
            key=lambda c: (-c.count, c.key),
        )
        for name in DIMENSIONS
    }
    return schemas.ComplaintStatistics(
        date_from=start_day,
        date_to=end_day,
        total=total["count"],
        by_category=counts["category"],
        by_severity=counts["severity"],
        by_source=counts["source"],
        by_channel=counts["channel"],
        by_status=counts["status"],
        acknowledged_on_time_share=_q(total["acknowledged"], _SHARE),
        resolved_on_time_share=_q(total["resolved"], _SHARE),
        median_hours_to_resolve=_q(total["median"], _HOURS),
        p90_hours_to_resolve=_q(total["p90"], _HOURS),
        reopen_rate=_q(total["reopened"], _SHARE),
        average_satisfaction=_q(total["satisfaction"], _SCORE),
        rated=total["rated"],
        by_month=[
            schemas.MonthFigures(
                month=r["key"],
                filed=r["count"],
                resolved=r["settled"],
                average_satisfaction=_q(r["satisfaction"], _SCORE),
            )
            for r in sorted(by.get("month", []), key=lambda r: r["key"])
        ],
        by_staff=[
            schemas.StaffFigures(user_id=r["key"], name=r["name"], count=r["count"])
            for r in sorted(by.get("staff", []), key=lambda r: (-r["count"], r["key"]))
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
