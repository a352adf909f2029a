"""Commission figures by month (`/reports/commission`): contracted sales, the headcount on the roster
and per-capita output (人均单产), the consultants' commission as a cost and as a share of sales, and the
agency fee earned, invoiced and received — each month's in the project's terms, also as a workbook."""

import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Numeric,
    bindparam,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from anchang.commission.consultant_reads import StatementRepository
from anchang.commission.models import (
    AgencyFeeLine,
    AgencyFeeReceipt,
    AgencyFeeStatement,
    AgencyStatementStatus,
    CommissionStatement,
)
from anchang.commission.money import ZERO, fen
from anchang.commission.policy import SETTLED
from anchang.commission.repository import (
    AgencyFeeLineRepository,
    AgencyFeeReceiptRepository,
    AgencyFeeStatementRepository,
)
from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.deals import service as deals
from anchang.reception import service as reception

MAX_MONTHS = 36
INVOICED = (AgencyStatementStatus.invoiced, AgencyStatementStatus.paid)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s to `end`'s."""
    out, month = [], start.replace(day=1)
    while month <= end:
        out.append(month)
        month = (month.replace(day=28) + (month.replace(day=28) - month.replace(day=1))).replace(day=1)
    return out


def months_asked(access: ProjectAccess, date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The months a report covers: as asked, by default the twelve months up to the project's this one."""
    last = date_to or today_in(access).replace(day=1)
    return date_from or (last - timedelta(days=330)).replace(day=1), last


def _end_of(month: date) -> date:
    following = (month.replace(day=28) + (month.replace(day=28) - month.replace(day=1))).replace(day=1)
    return date.fromordinal(following.toordinal() - 1)


# Sums of money columns: two decimals, as the columns they add up (wide enough for any project's month).
_SUM = Numeric(20, 2)


def _by_month(month: Any, count: Any, amount: Any) -> tuple[Any, ...]:
    return (cast(month, Date).label("month"), cast(count, BigInteger).label("count"), cast(amount, _SUM))


@per_caller
def figures_of(caller: Principal) -> AnySelect:
    """Every figure of the project `:project_id` by month over the days `:start` to `:end`, in one
    statement: rows of (figure, month, count, amount), each figure's as its own aggregate."""
    sales = deals.contracted_by_month_of(caller).subquery()
    roster = reception.roster_by_month_of(caller).subquery()
    project_id = bindparam("project_id", type_=PG_UUID(as_uuid=True))
    start, end = bindparam("start", type_=Date), bindparam("end", type_=Date)
    period_month = func.date_trunc("month", AgencyFeeStatement.period_end)
    invoiced_month = func.date_trunc("month", AgencyFeeStatement.invoiced_at)
    received_month = func.date_trunc("month", AgencyFeeReceipt.received_on)
    parts = [
        select(literal("sales").label("figure"), *_by_month(sales.c.month, sales.c.units, sales.c.amount)),
        select(literal("roster"), *_by_month(roster.c.month, roster.c.headcount, null())),
        StatementRepository(None, caller)
        .scope(
            select(
                literal("commission"),
                *_by_month(CommissionStatement.month, null(), func.sum(CommissionStatement.total)),
            )
        )
        .where(CommissionStatement.project_id == project_id, CommissionStatement.month.between(start, end))
        .group_by(CommissionStatement.month),
        AgencyFeeLineRepository(None, caller)
        .scope(select(literal("earned"), *_by_month(period_month, null(), func.sum(AgencyFeeLine.amount))))
        .join(AgencyFeeStatement, AgencyFeeStatement.id == AgencyFeeLine.statement_id)
        .where(
            AgencyFeeLine.project_id == project_id,
            AgencyFeeStatement.status.in_(sorted(SETTLED)),
            AgencyFeeStatement.period_end.between(start, end),
        )
        .group_by(period_month),
        AgencyFeeStatementRepository(None, caller)
        .scope(
            select(
                literal("invoiced"), *_by_month(invoiced_month, null(), func.sum(AgencyFeeStatement.total))
            )
        )
        .where(
            AgencyFeeStatement.project_id == project_id,
            AgencyFeeStatement.status.in_(INVOICED),
            func.date(AgencyFeeStatement.invoiced_at).between(start, end),
        )
        .group_by(invoiced_month),
        AgencyFeeReceiptRepository(None, caller)
        .scope(
            select(literal("received"), *_by_month(received_month, null(), func.sum(AgencyFeeReceipt.amount)))
        )
        .where(AgencyFeeReceipt.project_id == project_id, AgencyFeeReceipt.received_on.between(start, end))
        .group_by(received_month),
    ]
    figures = union_all(*parts).subquery("figures")
    return select(figures.c.figure, figures.c.month, figures.c.count, figures.c.amount)


async def commission_figures(
    reader: Reader, access: ProjectAccess, first: date, last: date
) -> dict[str, Any]:
    """The figures of each month from `first` to `last` (first days of months), in one round trip."""
    if first > last:
        raise ValidationFailed({"from": "must be on or before `to`"})
    months = months_between(first, last)
    if len(months) > MAX_MONTHS:
        raise ValidationFailed({"to": f"at most {MAX_MONTHS} months"})
    values = {"project_id": access.project.id, "start": months[0], "end": _end_of(months[-1])}
    sales: dict[date, tuple[int, Decimal]] = {}
    roster: dict[date, int] = {}
    sums: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in await reader.rows(figures_of(access.principal), values):
        if row.figure == "sales":
            sales[row.month] = (row.count, row.amount)
        elif row.figure == "roster":
            roster[row.month] = row.count
        else:
            sums[row.figure][row.month] += Decimal(row.amount or 0)
    commission, earned, invoiced, received = (
        sums["commission"],
        sums["earned"],
        sums["invoiced"],
        sums["received"],
    )
    rows = []
    for month in months:
        units, amount = sales.get(month, (0, ZERO))
        headcount = roster.get(month, 0)
        cost = commission.get(month, ZERO)
        rows.append(
            {
                "month": f"{month:%Y-%m}",
                "contracted_units": units,
                "contracted_amount": fen(Decimal(amount)),
                "consultants_on_roster": headcount,
                "per_capita_output": fen(Decimal(amount) / headcount) if headcount else None,
                "commission_cost": cost,
                "commission_share": _share(cost, Decimal(amount)),
                "agency_fee_earned": earned.get(month, ZERO),
                "agency_fee_invoiced": invoiced.get(month, ZERO),
                "agency_fee_received": received.get(month, ZERO),
            }
        )
    return {"months": rows}


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if not whole else (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


HEADERS = [
    ("month", "月份"),
    ("contracted_units", "签约套数"),
    ("contracted_amount", "签约金额"),
    ("consultants_on_roster", "在岗顾问"),
    ("per_capita_output", "人均单产"),
    ("commission_cost", "酬金"),
    ("commission_share", "酬金占比"),
    ("agency_fee_earned", "代理费结算"),
    ("agency_fee_invoiced", "代理费开票"),
    ("agency_fee_received", "代理费回款"),
]


def figures_workbook(figures: dict[str, Any]) -> bytes:
    """The figures as one sheet, a row per month, money as numbers with two decimals."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    sheet = book.create_sheet("佣金与代理费")
    append(sheet, [label for _, label in HEADERS])
    for row in figures["months"]:
        append(sheet, [row[key] for key, _ in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
