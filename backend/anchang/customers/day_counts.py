"""The daily report's figures this domain owns: calls in, visits (groups and people), new customers by
channel and broker referrals, per consultant and for the project, for a day with its month and year to date.

Each is one statement over the rows the caller may read, on the (project, time) index range from 1 January
to the day's end (core/day_figures.py). Who a figure belongs to: the consultant who took the call or
received the visit, the customer's owner, the consultant a referral was credited to.
"""

from typing import Any

from sqlalchemy import BindParameter, bindparam, func, literal, tuple_

from anchang.core.day_figures import DayCount, Window, attributed, counts, sums, within_year
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers.models import Call, CallDirection, Customer, Referral, Visit
from anchang.customers.repository import (
    CallRepository,
    CustomerRepository,
    ReferralRepository,
    VisitRepository,
)

PROJECT: BindParameter[Any] = bindparam("project_id")


@per_caller
def _visits(caller: Principal) -> AnySelect:
    return (
        VisitRepository(None, caller)
        .readable()
        .with_only_columns(
            Visit.consultant_id,
            func.grouping(Visit.consultant_id).label("total"),
            Visit.kind,
            *sums(literal(1), Visit.visited_at),
            *sums(Visit.party_size, Visit.visited_at, prefix="people_"),
        )
        .where(Visit.project_id == PROJECT, within_year(Visit.visited_at))
        .group_by(func.grouping_sets(tuple_(Visit.consultant_id, Visit.kind), tuple_(Visit.kind)))
    )


@per_caller
def _calls(caller: Principal) -> AnySelect:
    return (
        CallRepository(None, caller)
        .readable()
        .with_only_columns(
            Call.consultant_id,
            func.grouping(Call.consultant_id).label("total"),
            *sums(literal(1), Call.called_at),
        )
        .where(
            Call.project_id == PROJECT, Call.direction == CallDirection.inbound, within_year(Call.called_at)
        )
        .group_by(func.rollup(Call.consultant_id))
    )


@per_caller
def _new_customers(caller: Principal) -> AnySelect:
    return (
        CustomerRepository(None, caller)
        .readable()
        .with_only_columns(
            Customer.owner_id,
            func.grouping(Customer.owner_id).label("total"),
            Customer.channel,
            *sums(literal(1), Customer.created_at),
        )
        .where(Customer.project_id == PROJECT, within_year(Customer.created_at))
        .group_by(func.grouping_sets(tuple_(Customer.owner_id, Customer.channel), tuple_(Customer.channel)))
    )


@per_caller
def _referrals(caller: Principal) -> AnySelect:
    credited = Referral.credited_consultant_id
    return (
        ReferralRepository(None, caller)
        .readable()
        .with_only_columns(
            credited, func.grouping(credited).label("total"), *sums(literal(1), Referral.registered_at)
        )
        .where(Referral.project_id == PROJECT, within_year(Referral.registered_at))
        .group_by(func.rollup(credited))
    )


async def _run(reader: Reader, statement: AnySelect, window: Window) -> list[Any]:
    return await reader.rows(statement, window.values(statement))


async def visit_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Visit groups by kind (`visits.first`, `visits.repeat`) and the people who came
    (`visit_people.first`, `visit_people.repeat`), by the consultant who received them."""
    out = []
    for row, who in attributed(await _run(reader, _visits(caller), window), "consultant_id"):
        out.append(counts(row, f"visits.{row['kind'].value}", who))
        out.append(counts(row, f"visit_people.{row['kind'].value}", who, prefix="people_"))
    return out


async def call_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Calls in (来电, `calls_in`), by the consultant who took them."""
    rows = await _run(reader, _calls(caller), window)
    return [counts(row, "calls_in", who) for row, who in attributed(rows, "consultant_id")]


async def new_customer_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Customers registered, by channel (`new_customers.<channel>`), by their owner (None: the pool)."""
    rows = await _run(reader, _new_customers(caller), window)
    return [
        counts(row, f"new_customers.{row['channel'].value}", who) for row, who in attributed(rows, "owner_id")
    ]


async def referral_counts(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Broker referrals (报备) registered, by the consultant they were credited to (None: not yet)."""
    rows = await _run(reader, _referrals(caller), window)
    return [counts(row, "broker_referrals", who) for row, who in attributed(rows, "credited_consultant_id")]
