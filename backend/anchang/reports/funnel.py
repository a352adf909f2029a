"""The conversion funnel (转化漏斗): the cohort of customers whose first visit fell in a period (project
days) and how many of them came back, subscribed, contracted and paid in full, by the customer's channel,
their owner or the month of the first visit, and for the whole cohort.

The stages are counted by the domains owning the rows (`customers.funnel_cohort_of`,
`deals.funnel_stages_of`) and joined here in one statement. Each stage counts the cohort's customers who
ever reached it, so a customer who subscribed at the first visit counts as subscribed without having
come back. A consultant reads their own customers only (`scope: own`).
"""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import String, bindparam, cast, func, literal, select

from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import service as deals
from anchang.org import service as org
from anchang.reports import policy, schemas

MAX_DAYS = 3 * 366  # as complaint statistics: a period longer than three years is refused
STAGES = schemas.FUNNEL_STAGES
_COLUMNS = dict(zip(STAGES, ("cohort", "came_back", "subscribed", "contracted", "fully_paid"), strict=True))
_RATIO = Decimal("0.0001")


def period_asked(access: ProjectAccess, date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The inclusive project days asked (by default the last 30, today included); 422 naming the field
    for a reversed or too long period."""
    end = date_to or today_in(access)
    start = date_from or end - timedelta(days=29)
    if start > end:
        raise ValidationFailed({"from": "must be on or before `to`"})
    if (end - start).days > MAX_DAYS:
        raise ValidationFailed({"to": f"a period spans at most {MAX_DAYS} days"})
    return start, end


@per_caller
def _funnel(caller: Principal, by: str, own_only: bool) -> AnySelect:
    cohort = customers.funnel_cohort_of(caller, own_only).cte("cohort").prefix_with("MATERIALIZED")
    stages = deals.funnel_stages_of(caller, cohort.c.customer_id).subquery("stages")
    if by == "channel":
        key: Any = cast(cohort.c.channel, String)
    elif by == "consultant":
        key = cohort.c.owner_id
    else:
        local = func.timezone(bindparam("tz", type_=String), cohort.c.first_visit_at)
        key = func.to_char(local, "YYYY-MM")
    name = org.user_name_of(caller, key) if by == "consultant" else literal(None, String)
    return (
        select(
            cast(key, String).label("key"),
            func.grouping(key).label("total"),
            name.label("name"),
            func.count().label("cohort"),
            func.count().filter(cohort.c.came_back).label("came_back"),
            func.count().filter(stages.c.subscribed).label("subscribed"),
            func.count().filter(stages.c.contracted).label("contracted"),
            func.count().filter(stages.c.fully_paid).label("fully_paid"),
        )
        .select_from(cohort.outerjoin(stages, stages.c.customer_id == cohort.c.customer_id))
        .group_by(func.rollup(key))
    )


def _share(part: int, whole: int) -> Decimal | None:
    return None if not whole else (Decimal(part) / whole).quantize(_RATIO, rounding=ROUND_HALF_UP)


def _group(key: str | None, name: str | None, row: Row | None) -> schemas.FunnelGroup:
    counts = [int(row[_COLUMNS[stage]]) if row else 0 for stage in STAGES]
    return schemas.FunnelGroup(
        key=key,
        name=name,
        stages=[
            schemas.FunnelStage(
                stage=stage,
                count=count,
                of_first=_share(count, counts[0]),
                of_previous=_share(count, counts[n - 1]) if n else _share(count, counts[0]),
            )
            for n, (stage, count) in enumerate(zip(STAGES, counts, strict=True))
        ],
    )


def _months(start: date, end: date) -> list[str]:
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(f"{month:%Y-%m}")
        month = (month + timedelta(days=32)).replace(day=1)
    return out


async def funnel(
    reader: Reader,
    access: ProjectAccess,
    date_from: date | None,
    date_to: date | None,
    by: schemas.FunnelBy,
) -> schemas.Funnel:
    """The funnel of the customers first come in the period, grouped `by`, as the caller may read it."""
    start, end = period_asked(access, date_from, date_to)
    zone = project_zone(access)
    own = not policy.sees_all(access)
    values = {
        "project_id": access.project.id,
        "start": datetime.combine(start, time(), zone),
        "end": datetime.combine(end + timedelta(days=1), time(), zone),
        "tz": str(zone),
    }
    statement = _funnel(access.principal, by, own)
    if by != "month":
        del values["tz"]
    rows = await reader.rows(statement, values, planned_per_call=True)
    total = next((row for row in rows if row["total"]), None)
    found = {row["key"]: row for row in rows if not row["total"]}
    # Every channel and month shows, with zeros; consultants as found, by name (the pool last).
    if by == "channel":
        keys: list[str | None] = [channel.value for channel in customers.Channel]
    elif by == "month":
        keys = list(_months(start, end))
    else:
        keys = sorted(found, key=lambda k: (k is None, found[k]["name"] or "", k or ""))
    groups = [_group(k, found[k]["name"] if k in found else None, found.get(k)) for k in keys]
    return schemas.Funnel(
        project_id=access.project.id,
        date_from=start,
        date_to=end,
        timezone=str(zone),
        by=by,
        scope="own" if own else "project",
        groups=groups,
        total=_group(None, None, total),
    )


STAGE_LABELS = {
    "first_visit": "首访",
    "came_back": "复访",
    "subscribed": "认购",
    "contracted": "签约",
    "fully_paid": "全款到账",
}


def funnel_workbook(report: schemas.Funnel) -> bytes:
    """The funnel as one sheet: a row per group and the total, each stage's count and shares (numbers)."""
    import io

    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    sheet = book.create_sheet("转化漏斗")
    append(sheet, ["From", report.date_from, "To", report.date_to, "By", report.by, "Scope", report.scope])
    header: list[str] = [report.by]
    for key in STAGES:
        name = STAGE_LABELS[key]
        header += [f"{name} {key}", f"{name} of first", f"{name} of previous"]
    append(sheet, header)
    for group in [*report.groups, report.total]:
        label = "Total" if group is report.total else (group.name or group.key or "—")
        cells: list[Any] = [label]
        for stage in group.stages:
            cells += [stage.count, stage.of_first, stage.of_previous]
        append(sheet, cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
