"""Per-consultant output (人均单产) by month: the consultants on reception's roster, the units and amount
contracted and the amount per consultant, and each consultant's contracted amount per month.

The month's figures are the statements the commission figures read (`deals.contracted_by_month_of`,
`reception.roster_by_month_of`), so both reports agree; the per-consultant amounts are the same count
grouped by the deal's consultant. Contracted: by signing date, not cancelled since.
"""

import asyncio
import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import select

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import service as deals
from anchang.org import service as org
from anchang.reception import service as reception
from anchang.reports import schemas

MAX_MONTHS = 36
_FEN = Decimal("0.01")
_ZERO = Decimal("0.00")


def _next(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def months_asked(access: ProjectAccess, first: date | None, last: date | None) -> list[date]:
    """The first days of the months asked (by default the twelve up to this one, in the project's
    calendar); 422 naming the field for a reversed period or more than 36 months."""
    last = last or today_in(access).replace(day=1)
    first = first or (last - timedelta(days=330)).replace(day=1)
    if first > last:
        raise ValidationFailed({"from": "must be on or before `to`"})
    months = [first]
    while months[-1] < last:
        months.append(_next(months[-1]))
        if len(months) > MAX_MONTHS:
            raise ValidationFailed({"to": f"at most {MAX_MONTHS} months"})
    return months


@per_caller
def _by_consultant(caller: Principal) -> AnySelect:
    sales = deals.contracted_by_consultant_month_of(caller).subquery("sales")
    return select(
        sales.c.month,
        sales.c.consultant_id,
        org.user_name_of(caller, sales.c.consultant_id).label("name"),
        sales.c.units,
        sales.c.amount,
    )


def _fen(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(_FEN, rounding=ROUND_HALF_UP)


async def output(
    reader: Reader, access: ProjectAccess, first: date | None, last: date | None
) -> schemas.Output:
    """Each month's roster, contracted units and amount and 人均单产, and each consultant's amounts."""
    months = months_asked(access, first, last)
    values = {
        "project_id": access.project.id,
        "start": months[0],
        "end": _next(months[-1]) - timedelta(days=1),
    }
    caller = access.principal
    sales_rows, roster_rows, consultant_rows = await asyncio.gather(
        reader.rows(deals.contracted_by_month_of(caller), values),
        reader.rows(reception.roster_by_month_of(caller), values),
        reader.rows(_by_consultant(caller), values),
    )
    sales = {row["month"]: (int(row["units"]), _fen(row["amount"])) for row in sales_rows}
    roster = {row["month"]: int(row["headcount"]) for row in roster_rows}
    rows = []
    for month in months:
        units, amount = sales.get(month, (0, _ZERO))
        headcount = roster.get(month, 0)
        rows.append(
            schemas.OutputMonth(
                month=f"{month:%Y-%m}",
                consultants_on_roster=headcount,
                contracted_units=units,
                contracted_amount=amount,
                per_consultant=_fen(amount / headcount) if headcount else None,
            )
        )
    index = {month: n for n, month in enumerate(months)}
    amounts: dict[UUID | None, list[Decimal]] = defaultdict(lambda: [_ZERO] * len(months))
    units_of: dict[UUID | None, int] = defaultdict(int)
    names: dict[UUID | None, str | None] = {}
    for row in consultant_rows:
        who = row["consultant_id"]
        amounts[who][index[row["month"]]] += _fen(row["amount"])
        units_of[who] += int(row["units"])
        names[who] = row["name"]
    consultants = [
        schemas.ConsultantOutput(
            consultant_id=who,
            name=names[who],
            amounts=amounts[who],
            units=units_of[who],
            amount=sum(amounts[who], _ZERO),
        )
        for who in sorted(amounts, key=lambda w: (w is None, names[w] or "", str(w)))
    ]
    return schemas.Output(
        project_id=access.project.id,
        month_from=f"{months[0]:%Y-%m}",
        month_to=f"{months[-1]:%Y-%m}",
        months=rows,
        consultants=consultants,
    )


def output_workbook(report: schemas.Output) -> bytes:
    """Two sheets: the months (人均单产) and the consultants' amounts by month, money as numbers."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    sheet = book.create_sheet("人均单产")
    append(
        sheet,
        ["月份 month", "在岗顾问 on roster", "签约套数 units", "签约金额 amount", "人均单产 per consultant"],
    )
    for m in report.months:
        append(
            sheet,
            [m.month, m.consultants_on_roster, m.contracted_units, m.contracted_amount, m.per_consultant],
        )
    append(
        sheet,
        [
            "Total",
            None,
            sum(m.contracted_units for m in report.months),
            sum((m.contracted_amount for m in report.months), _ZERO),
            None,
        ],
    )
    people = book.create_sheet("顾问 consultants")
    append(people, ["consultant", *(m.month for m in report.months), "units", "amount"])
    for c in report.consultants:
        append(
            people,
            [c.name or (str(c.consultant_id) if c.consultant_id else "—"), *c.amounts, c.units, c.amount],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
