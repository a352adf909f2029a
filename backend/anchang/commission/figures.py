"""Commission figures by month (`/reports/commission`): contracted sales, the headcount on the roster
and per-capita output (人均单产), the consultants' commission as a cost and as a share of sales, and the
agency fee earned, invoiced and received — each month's in the project's terms, also as a workbook."""

import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

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


async def commission_figures(
    session: AsyncSession, access: ProjectAccess, first: date, last: date
) -> dict[str, Any]:
    """The figures of each month from `first` to `last` (first days of months)."""
    if first > last:
        raise ValidationFailed({"from": "must be on or before `to`"})
    months = months_between(first, last)
    if len(months) > MAX_MONTHS:
        raise ValidationFailed({"to": f"at most {MAX_MONTHS} months"})
    principal, project_id = access.principal, access.project.id
    end = _end_of(months[-1])
    sales = await deals.contracted_by_month(session, principal, project_id, months[0], end)
    roster = await reception.consultants_on_roster(session, principal, project_id, months[0], end)
    commission = await _sum_by_month(
        session,
        StatementRepository(session, principal)
        .scope(select(CommissionStatement.month, func.sum(CommissionStatement.total)))
        .where(
            CommissionStatement.project_id == project_id, CommissionStatement.month.between(months[0], end)
        )
        .group_by(CommissionStatement.month),
    )
    period_month = func.date_trunc("month", AgencyFeeStatement.period_end)
    earned = await _sum_by_month(
        session,
        AgencyFeeLineRepository(session, principal)
        .scope(select(period_month, func.sum(AgencyFeeLine.amount)))
        .join(AgencyFeeStatement, AgencyFeeStatement.id == AgencyFeeLine.statement_id)
        .where(
            AgencyFeeLine.project_id == project_id,
            AgencyFeeStatement.status.in_(sorted(SETTLED)),
            AgencyFeeStatement.period_end.between(months[0], end),
        )
        .group_by(period_month),
    )
    invoiced_month = func.date_trunc("month", AgencyFeeStatement.invoiced_at)
    invoiced = await _sum_by_month(
        session,
        AgencyFeeStatementRepository(session, principal)
        .scope(select(invoiced_month, func.sum(AgencyFeeStatement.total)))
        .where(
            AgencyFeeStatement.project_id == project_id,
            AgencyFeeStatement.status.in_(INVOICED),
            func.date(AgencyFeeStatement.invoiced_at).between(months[0], end),
        )
        .group_by(invoiced_month),
    )
    received_month = func.date_trunc("month", AgencyFeeReceipt.received_on)
    received = await _sum_by_month(
        session,
        AgencyFeeReceiptRepository(session, principal)
        .scope(select(received_month, func.sum(AgencyFeeReceipt.amount)))
        .where(
            AgencyFeeReceipt.project_id == project_id, AgencyFeeReceipt.received_on.between(months[0], end)
        )
        .group_by(received_month),
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


async def _sum_by_month(session: AsyncSession, statement: Any) -> dict[date, Decimal]:
    out: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for month, total in await session.execute(statement):
        day = month if isinstance(month, date) and not hasattr(month, "hour") else month.date()
        out[day] += Decimal(total or 0)
    return out


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
