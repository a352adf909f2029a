"""The daily report (日报) of a project's day, per consultant and for the project, with the month and year
to date, and the supervisor's confirmations of it.

Each figure is counted by the domain owning the rows, through its facade, in one statement on a
(project, time) index range (core/day_figures.py); the four domains' statements run at once. The month
and year to date are sums of the stored daily facts (reports/facts.py) plus today counted live, for
whoever's figures are the facts'. Days are
the project's (its time zone). Consultants of the project appear even on a day without activity; anyone
else with figures (a supervisor who took a call) appears too. A consultant reads only their own row,
without the project's totals.
"""

import asyncio
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, func, select, union
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.day_figures import DayCount, Window
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.org import service as org
from anchang.reports import facts, policy, schemas
from anchang.reports.models import DailyConfirmation
from anchang.reports.repository import ConfirmationRepository

CHANNELS = [channel.value for channel in customers.Channel]
_SALES = [
    f"{figure}.{measure}"
    for figure in ("subscriptions", "contracts")
    for measure in ("units", "area", "amount")
]
METRICS: list[tuple[str, str]] = [
    ("calls_in", "count"),
    ("visits", "count"),
    ("visits.first", "count"),
    ("visits.repeat", "count"),
    ("visit_people", "count"),
    ("new_customers", "count"),
    *((f"new_customers.{channel}", "count") for channel in CHANNELS),
    ("broker_referrals", "count"),
    ("reservations", "count"),
    *((key, {"units": "count", "area": "area", "amount": "money"}[key.split(".")[1]]) for key in _SALES),
    ("collections", "money"),
    ("cancellations.units", "count"),
    ("cancellations.area", "area"),
    ("cancellations.amount", "money"),
    ("complaints.opened", "count"),
    ("complaints.closed", "count"),
]
"""Every figure of the report in the order it shows them, with what it counts."""
KEYS = [key for key, _ in METRICS]
_DERIVED = facts.SUMS
_ZERO = Decimal(0)
PERIODS = ("day", "month_to_date", "year_to_date")

Figures = dict[str, dict[str, Decimal]]


def _empty() -> Figures:
    return {key: dict.fromkeys(PERIODS, _ZERO) for key in KEYS}


def _add(figures: Figures, count: DayCount) -> None:
    target = figures.get(count.metric)
    if target is None:  # a figure counted for a sum only (the people of each kind of visit)
        target = figures.setdefault(count.metric, dict.fromkeys(PERIODS, _ZERO))
    for period in PERIODS:
        target[period] += getattr(count, period)


def _finish(figures: Figures) -> Figures:
    for key, parts in _DERIVED.items():
        figures[key] = {
            p: sum((figures.get(part, {}).get(p, _ZERO) for part in parts), _ZERO) for p in PERIODS
        }
    return {key: figures[key] for key in KEYS}


def zeros() -> Figures:
    """Every figure at zero: a consultant's day without activity."""
    return _finish(_empty())


@per_caller
def _people(caller: Principal) -> AnySelect:
    """The project's consultants and the users with figures (`:ids`), with their names."""
    members = org.member_ids_with_role(caller, bindparam("project_id"), ProjectRole.consultant).subquery()
    active = (
        func.unnest(bindparam("ids", type_=ARRAY(PG_UUID(as_uuid=True))))
        .table_valued("user_id")
        .render_derived()
    )
    people = union(select(members.c.user_id), select(active.c.user_id)).subquery("people")
    return select(people.c.user_id, org.user_name_of(caller, people.c.user_id).label("name"))


@per_caller
def _confirmations(caller: Principal) -> AnySelect:
    c = DailyConfirmation
    return (
        ConfirmationRepository(None, caller)
        .scoped()
        .with_only_columns(
            c.consultant_id,
            c.figures,
            c.confirmed_by,
            c.confirmed_at,
            org.user_name_of(caller, c.confirmed_by).label("confirmed_by_name"),
        )
        .where(c.project_id == bindparam("project_id"), c.day == bindparam("day"))
    )


def report_day(access: ProjectAccess, day: date | None) -> date:
    """The day asked (by default today in the project's time zone); 422 naming `date` for a future one."""
    today = today_in(access)
    if day is None:
        return today
    if day > today:
        raise ValidationFailed(
            {"date": f"cannot be after today ({today.isoformat()}) in the project's time zone"}
        )
    return day


async def figures_of(reader: Reader, access: ProjectAccess, day: date) -> tuple[dict[UUID, Figures], Figures]:
    """Each person's figures of the day (consultants of the project with none: zeros), and the project's:
    the stored facts' sums and today's live count (reports/facts.py) where the caller's figures are the
    facts', else counted live over the year to date on the rows the caller may read."""
    counted = await facts.to_date(reader, access, day)
    if counted is None:
        window = Window(access.project.id, day, project_zone(access))
        counted = await facts.counts_of(reader, access.principal, window)
    totals = _empty()
    each: dict[UUID, Figures] = defaultdict(_empty)
    for count in counted:
        _add(totals if count.consultant_id is None else each[count.consultant_id], count)
    return {who: _finish(figures) for who, figures in each.items()}, _finish(totals)


async def _names(reader: Reader, access: ProjectAccess, ids: list[UUID]) -> dict[UUID, str | None]:
    statement = _people(access.principal)
    rows = await reader.rows(statement, {"project_id": access.project.id, "ids": ids})
    return {row["user_id"]: row["name"] for row in rows}


def _figure(values: dict[str, Any]) -> schemas.Figure:
    return schemas.Figure(**{p: Decimal(str(values[p])) for p in PERIODS})


def snapshot(figures: Figures) -> dict[str, dict[str, str]]:
    """Figures as stored in a confirmation (decimal strings)."""
    return {key: {p: str(value) for p, value in periods.items()} for key, periods in figures.items()}


def differences(confirmed: dict[str, Any], now: Figures) -> list[schemas.Difference]:
    """The figures of a confirmed day that have moved since, in the report's order."""
    out = []
    for key in KEYS:
        then = confirmed.get(key)
        current = now[key]
        if then is None or any(Decimal(str(then[p])) != current[p] for p in PERIODS):
            zero = dict.fromkeys(PERIODS, "0")
            out.append(schemas.Difference(metric=key, confirmed=_figure(then or zero), now=_figure(current)))
    return out


async def daily_report(reader: Reader, access: ProjectAccess, day: date | None) -> schemas.DailyReport:
    """The report of the day, as the caller may read it."""
    day = report_day(access, day)
    confirmations_statement = _confirmations(access.principal)
    (each, totals), confirmations = await asyncio.gather(
        figures_of(reader, access, day),
        reader.rows(confirmations_statement, {"project_id": access.project.id, "day": day}),
    )
    names = await _names(reader, access, sorted(each))
    confirmed: dict[UUID, Row] = {row["consultant_id"]: row for row in confirmations}
    sees_all = policy.sees_all(access)
    actions: list[Any] = ["confirm"] if policy.may_confirm(access) else []
    rows = []
    for who, name in sorted(names.items(), key=lambda item: (item[1] or "", str(item[0]))):
        if not sees_all and who != access.principal.user_id:
            continue
        figures = each.get(who) or zeros()
        done = confirmed.get(who)
        rows.append(
            schemas.ConsultantDay(
                consultant_id=who,
                name=name,
                figures={k: _figure(v) for k, v in figures.items()},
                confirmed_by=done["confirmed_by"] if done else None,
                confirmed_by_name=done["confirmed_by_name"] if done else None,
                confirmed_at=done["confirmed_at"] if done else None,
                differences=differences(done["figures"], figures) if done else [],
                allowed_actions=[] if done else actions,
            )
        )
    return schemas.DailyReport(
        project_id=access.project.id,
        date=day,
        timezone=str(project_zone(access)),
        metrics=[schemas.Metric(key=key, kind=kind) for key, kind in METRICS],
        consultants=rows,
        totals={k: _figure(v) for k, v in totals.items()} if sees_all else None,
        allowed_actions=actions,
    )
