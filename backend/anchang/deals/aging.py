"""Receivables aging (应收账龄): what is still owed on the live deals, by age bucket, in total, by
consultant and by kind of line, as of a day, and the same as a workbook.

It counts the lines the receivables list shows (`receivables.open_lines`: the caller's readable deals, so
a consultant's report is their own) in one statement with grouping sets."""

import io
import uuid
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import String, case, cast, func, literal, select, tuple_

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import schemas
from anchang.deals.models import MONEY
from anchang.deals.receivables import BUCKETS, open_lines
from anchang.org import service as org

MAX_PAST = timedelta(days=3 * 366)
ZERO = Decimal("0.00")


@per_caller
def aging_of_project(caller: Principal) -> AnySelect:
    """The open lines' count and outstanding by bucket: in total, per consultant and per kind of line;
    bind parameters `project_id`, `today`."""
    lines = open_lines(caller, overdue=False)
    bits = func.grouping(lines.c.consultant_id, lines.c.kind)  # 3: the total; 1: by consultant; 2: by kind
    group = case((bits == 3, literal("total")), (bits == 1, literal("consultant")), else_=literal("kind"))
    grouped = (
        select(
            group.label("group"),
            lines.c.consultant_id,
            cast(lines.c.kind, String).label("kind"),
            lines.c.bucket,
            func.count().label("lines"),
            cast(func.sum(lines.c.amount - lines.c.paid), MONEY).label("outstanding"),
        )
        .group_by(
            func.grouping_sets(
                tuple_(lines.c.bucket),
                tuple_(lines.c.consultant_id, lines.c.bucket),
                tuple_(lines.c.kind, lines.c.bucket),
            )
        )
        .subquery("aging")
    )
    return select(grouped, org.user_name_of(caller, grouped.c.consultant_id).label("name"))


def _as_of(access: ProjectAccess, as_of: date | None) -> date:
    today = today_in(access)
    if as_of is None:
        return today
    if as_of > today + timedelta(days=366) or as_of < today - MAX_PAST:
        raise ValidationFailed({"as_of": "within three years before and one year after today"})
    return as_of


def _buckets(found: dict[str, tuple[int, Decimal]]) -> list[schemas.AgeBucket]:
    return [
        schemas.AgeBucket(bucket=b, lines=found.get(b, (0, ZERO))[0], outstanding=found.get(b, (0, ZERO))[1])
        for b in BUCKETS
    ]


def _figures(key: str, name: str, found: dict[str, tuple[int, Decimal]]) -> schemas.AgingFigures:
    return schemas.AgingFigures(
        key=key,
        name=name,
        lines=sum(n for n, _ in found.values()),
        outstanding=sum((amount for _, amount in found.values()), ZERO),
        overdue=sum((amount for b, (_, amount) in found.items() if b != "not_due"), ZERO),
        buckets=_buckets(found),
    )


async def receivables_aging(
    reader: Reader, access: ProjectAccess, as_of: date | None
) -> schemas.ReceivablesAging:
    """What the caller's readable live deals still owe as of a day (today in the project's time zone)."""
    day = _as_of(access, as_of)
    values = {"project_id": access.project.id, "today": day}
    rows = await reader.rows(aging_of_project(access.principal), values)
    total: dict[str, tuple[int, Decimal]] = {}
    consultants: dict[uuid.UUID, dict[str, tuple[int, Decimal]]] = {}
    kinds: dict[str, dict[str, tuple[int, Decimal]]] = {}
    names: dict[uuid.UUID, str] = {}
    for row in rows:
        figure = (row["lines"], Decimal(row["outstanding"]))
        if row["group"] == "total":
            total[row["bucket"]] = figure
        elif row["group"] == "consultant":
            consultants.setdefault(row["consultant_id"], {})[row["bucket"]] = figure
            names[row["consultant_id"]] = row["name"] or str(row["consultant_id"])
        else:
            kinds.setdefault(row["kind"], {})[row["bucket"]] = figure
    by_consultant = sorted(
        (_figures(str(c), names[c], found) for c, found in consultants.items()),
        key=lambda f: (-f.outstanding, f.name),
    )
    by_kind = sorted((_figures(k, k, found) for k, found in kinds.items()), key=lambda f: f.key)
    return schemas.ReceivablesAging(
        as_of=day, total=_figures("total", "total", total), by_consultant=by_consultant, by_kind=by_kind
    )


def aging_workbook(aging: schemas.ReceivablesAging) -> bytes:
    """The aging as a workbook: by consultant and by kind of line, each with the total."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    for title, rows in (("By consultant", aging.by_consultant), ("By kind", aging.by_kind)):
        sheet = book.create_sheet(title)
        append(sheet, ["As of", aging.as_of])
        append(sheet, ["", "lines", "outstanding", "overdue", *BUCKETS])
        for f in [*rows, aging.total]:
            append(sheet, [f.name, f.lines, f.outstanding, f.overdue, *(b.outstanding for b in f.buckets)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
