"""The daily report's facts: each past day's figures per project and person, stored once, so that a
month or year to date is the sum of at most 366 days' small rows (one per person with activity and one
for the project) plus today counted live.

- **What a fact is.** The figures the domains count (`counts_of`, the same statements as the report's
  live path) for one day alone (`Window(only_day=True)`), as the report's whole view reads them
  (`policy.whole_view`): supervisors and above. Only they store facts; a consultant reads their own row
  of them; finance and the developer's rep, whose row rules narrow some sources, count live.
- **When it is stored.** A past day's facts are computed on the first read that needs them and stored;
  today is never stored (it is counted live, on one day's index range).
- **How it stays true.** Every write to a source row forgets the facts of the project-days that row
  counts on (old and new), in the write's own transaction: the statement-level triggers of migration
  `reports_0002` upsert the day's `daily_fact_days` row (`stamp + 1`, `stored = false`) and then delete
  its facts. A reader notes the days' stamps *before* counting, and stores a day only if, holding the
  day's row lock, its stamp is still the one noted and nobody stored it meanwhile (one UPDATE … WHERE
  stamp = :seen AND NOT stored RETURNING day). So a write committed after the count changed the stamp
  (not stored); a write still open holds the row lock, the UPDATE waits for it and then sees the new
  stamp (not stored); a write that comes after the store waits for the reader's commit on the same row
  lock, and its DELETE, a statement of its own with a fresh snapshot, removes what was stored. Two
  readers storing the same day: the second's UPDATE finds `stored` and inserts nothing.
- **Reading.** The sums carry the number of days they covered (the project's row is stored for every
  day, even a quiet one); a day forgotten between the store and the sum shows as a missing day, and the
  read is done again.
"""

import asyncio
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Date, bindparam, func, type_coerce
from sqlalchemy.types import NullType

from anchang.complaints import service as complaints
from anchang.core.access import ProjectAccess
from anchang.core.calendar import project_zone, today_in
from anchang.core.day_figures import DAY, FIRST_OF_MONTH, DayCount, Window
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.customers import service as customers
from anchang.deals import service as deals
from anchang.inventory import service as inventory
from anchang.reports import policy
from anchang.reports.models import FACT_COLUMNS, DailyFact
from anchang.reports.repository import DailyFactRepository

CHANNELS = [channel.value for channel in customers.Channel]
COUNTED = [
    "calls_in",
    "visits.first",
    "visits.repeat",
    "visit_people.first",
    "visit_people.repeat",
    *(f"new_customers.{channel}" for channel in CHANNELS),
    "broker_referrals",
    "reservations",
    *(
        f"{figure}.{measure}"
        for figure in ("subscriptions", "contracts")
        for measure in ("units", "area", "amount")
    ),
    "collections",
    *(f"cancellations.{measure}" for measure in ("units", "area", "amount")),
    "complaints.opened",
    "complaints.closed",
]
"""Every figure a domain counts (the report's metrics less their sums), one column of facts each."""
COLUMN = {metric: metric.replace(".", "_") for metric in COUNTED}
SUMS = {
    "visits": ["visits.first", "visits.repeat"],
    "visit_people": ["visit_people.first", "visit_people.repeat"],
    "new_customers": [f"new_customers.{channel}" for channel in CHANNELS],
}
"""The report's figures that are sums of counted ones."""

FIRST = bindparam("first", type_=Date)
LAST = bindparam("last", type_=Date)
_ZERO = Decimal(0)
_ATTEMPTS = 3
MOST_PER_REPORT = 31
"""Days a report counts and stores at most (about 15 ms each): more missing (a project's first report,
after the facts were forgotten wholesale), the report is counted live meanwhile, and its next ones store
the rest, a month at a time."""
PersonFigures = dict[str, Decimal]


async def counts_of(reader: Reader, caller: Principal, window: Window) -> list[DayCount]:
    """Every figure of the window as the domains count it from the rows `caller` may read."""
    parts = await asyncio.gather(
        customers.call_counts(reader, caller, window),
        customers.visit_counts(reader, caller, window),
        customers.new_customer_counts(reader, caller, window),
        customers.referral_counts(reader, caller, window),
        inventory.reservation_counts(reader, caller, window),
        deals.deal_counts(reader, caller, window),
        deals.collection_counts(reader, caller, window),
        complaints.complaint_counts(reader, caller, window),
    )
    return [count for part in parts for count in part]


def _day_alone(access: ProjectAccess, day: date) -> Window:
    return Window(access.project.id, day, project_zone(access), only_day=True)


async def _facts_of(reader: Reader, access: ProjectAccess, day: date) -> dict[UUID | None, PersonFigures]:
    """The day's facts: each person's counted figures, and the project's (key None), always present."""
    facts: dict[UUID | None, PersonFigures] = {None: {}}
    for count in await counts_of(reader, access.principal, _day_alone(access, day)):
        person = facts.setdefault(count.consultant_id, {})
        person[count.metric] = person.get(count.metric, _ZERO) + count.day
    return facts


_DAYS = "SELECT day, stamp, stored FROM daily_fact_days WHERE project_id = %s AND day BETWEEN %s AND %s"
_NEW_DAYS = (
    "INSERT INTO daily_fact_days (organization_id, project_id, day) "
    "SELECT %s, %s, d FROM unnest(%s::date[]) AS d ORDER BY d ON CONFLICT DO NOTHING"
)
# The day's row lock: waits for a write still open on the day, then re-reads the row it committed.
_CLAIM = (
    "UPDATE daily_fact_days f SET stored = true FROM unnest(%s::date[], %s::bigint[]) AS t(d, s) "
    "WHERE f.project_id = %s AND f.day = t.d AND f.stamp = t.s AND NOT f.stored RETURNING f.day"
)
# Column names from FACT_COLUMNS, values bound.
_INSERT = (
    f"INSERT INTO daily_facts (organization_id, project_id, day, consultant_id, {', '.join(FACT_COLUMNS)}) "  # noqa: S608
    f"VALUES (%s, %s, %s, %s, {', '.join(['%s'] * len(FACT_COLUMNS))})"
)


async def _store(
    reader: Reader,
    access: ProjectAccess,
    seen: dict[date, int],
    facts: dict[date, dict[UUID | None, PersonFigures]],
) -> set[date]:
    """Store the days' facts whose stamp is still `seen` and that nobody stored meanwhile; the days stored."""
    project, organization = access.project.id, access.principal.organization_id
    days = sorted(facts)
    async with reader.transaction() as conn:
        await conn.execute(_NEW_DAYS, (organization, project, days))
        claimed = await conn.execute(_CLAIM, (days, [seen[d] for d in days], project))
        won = {row[0] for row in await claimed.fetchall()}
        rows = [
            (
                organization,
                project,
                day,
                who,
                *(figures.get(metric, _ZERO) for metric in COUNTED),
            )
            for day in sorted(won)
            for who, figures in facts[day].items()
        ]
        if rows:
            async with conn.cursor() as cursor:
                await cursor.executemany(_INSERT, rows)
    return won


async def ensure(
    reader: Reader, access: ProjectAccess, first: date, last: date, *, most: int | None = None
) -> bool:
    """Store the facts of the days `first`…`last` (all before today) that have none, at most `most` of
    them (the earliest); whether none is left to store. Whole view only."""
    assert policy.whole_view(access), "facts are counted from the project's whole view"
    async with reader.transaction() as conn:
        cursor = await conn.execute(_DAYS, (access.project.id, first, last))
        known = {day: (stamp, stored) for day, stamp, stored in await cursor.fetchall()}
    missing = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if not known.get(first + timedelta(days=n), (0, False))[1]
    ]
    counted = missing if most is None else missing[:most]
    if counted:
        # The stamps are noted above, before counting: a write after this point changes them.
        facts = {day: await _facts_of(reader, access, day) for day in counted}
        await _store(reader, access, {day: known.get(day, (0, False))[0] for day in counted}, facts)
    return len(counted) == len(missing)


def _sum(column: Any, condition: Any, label: str) -> Any:
    total = func.sum(column) if condition is None else func.sum(column).filter(condition)
    # Untyped for the reader: the numeric as PostgreSQL sums it ("6", "10000.00"), as the live counts
    # give it, not SQLAlchemy's Numeric processing (ten decimal places).
    return type_coerce(func.coalesce(total, 0), NullType()).label(label)


def _sum_columns(periods: bool) -> list[Any]:
    table = DailyFact.__table__
    out: list[Any] = []
    for metric in COUNTED:
        column = table.c[COLUMN[metric]]
        if periods:
            out.append(_sum(column, table.c.day == DAY, f"{metric}|day"))
            out.append(_sum(column, table.c.day >= FIRST_OF_MONTH, f"{metric}|month"))
        out.append(_sum(column, None, f"{metric}|year"))
    return out


def _summed(caller: Principal, periods: bool) -> AnySelect:
    table = DailyFact.__table__
    return (
        DailyFactRepository(None, caller)
        .scoped()
        .with_only_columns(table.c.consultant_id, func.count().label("days"), *_sum_columns(periods))
        .where(table.c.project_id == bindparam("project_id"), table.c.day >= FIRST, table.c.day <= LAST)
        .group_by(table.c.consultant_id)
    )


@per_caller
def _to_date(caller: Principal) -> AnySelect:
    """Each person's facts of `:first`…`:last` summed for `:day`, from `:first_of_month`, and all."""
    return _summed(caller, True)


@per_caller
def _between(caller: Principal) -> AnySelect:
    """Each person's facts of `:first`…`:last` summed."""
    return _summed(caller, False)


async def _read_sums(
    reader: Reader,
    access: ProjectAccess,
    statement: AnySelect,
    values: dict[str, Any],
    first: date,
    last: date,
    *,
    most: int | None = None,
) -> list[Any] | None:
    """The sums, or None when a day had no facts (not stored yet, or forgotten by a write since): the
    whole view stores the missing days (at most `most` per call) and reads again."""
    expected = (last - first).days + 1
    for attempt in range(_ATTEMPTS + 1):
        rows = await reader.rows(statement, values)
        if any(row["consultant_id"] is None and row["days"] == expected for row in rows):
            return rows
        if not policy.whole_view(access) or attempt == _ATTEMPTS:
            return None
        if not await ensure(reader, access, first, last, most=most):
            return None
    return None


def _visible(access: ProjectAccess, who: UUID | None) -> bool:
    return policy.whole_view(access) or who == access.principal.user_id


async def to_date(reader: Reader, access: ProjectAccess, day: date) -> list[DayCount] | None:
    """The figures of `day` with its month and year to date, from the facts and today's live count, as
    `DayCount`s (consultant None: the project); None when the caller's figures are not the facts' (the
    report counts them live then): finance, the developer's rep, or a consultant before a day is stored."""
    if not (policy.whole_view(access) or policy.own_row_of_facts(access)):
        return None
    today = today_in(access)
    first, last = day.replace(month=1, day=1), min(day, today - timedelta(days=1))
    out: list[DayCount] = []
    if last >= first:
        values = {
            "project_id": access.project.id,
            "first": first,
            "last": last,
            "day": day,
            "first_of_month": day.replace(day=1),
        }
        statement = _to_date(access.principal)
        rows = await _read_sums(reader, access, statement, values, first, last, most=MOST_PER_REPORT)
        if rows is None:
            return None
        for row in rows:
            who = row["consultant_id"]
            if not _visible(access, who):
                continue
            for metric in COUNTED:
                values_of = (row[f"{metric}|day"], row[f"{metric}|month"], row[f"{metric}|year"])
                if any(values_of):
                    out.append(DayCount(who, metric, *(Decimal(v) for v in values_of)))
    if day == today:
        for count in await counts_of(reader, access.principal, _day_alone(access, today)):
            if _visible(access, count.consultant_id):
                out.append(count)
    return out


async def figures_between(
    reader: Reader, access: ProjectAccess, start: date, end: date
) -> tuple[dict[UUID, PersonFigures], PersonFigures | None]:
    """Each person's figures of the project's days `start`…`end` (today counted live), with the sums the
    report shows (`visits`, `visit_people`, `new_customers`), and the project's (None for a consultant,
    who gets only their own row). Supervisors and above, and consultants; others raise PermissionError.
    A consultant's days not stored yet by a supervisor's read raise LookupError."""
    if not (policy.whole_view(access) or policy.own_row_of_facts(access)):
        raise PermissionError("the stored facts are the project's whole view")
    today = today_in(access)
    end = min(end, today)
    last = min(end, today - timedelta(days=1))
    each: dict[UUID | None, PersonFigures] = defaultdict(dict)
    if last >= start:
        values = {"project_id": access.project.id, "first": start, "last": last}
        rows = await _read_sums(reader, access, _between(access.principal), values, start, last)
        if rows is None:
            raise LookupError("some days of the period have no stored facts yet")
        for row in rows:
            if _visible(access, row["consultant_id"]):
                each[row["consultant_id"]] = {m: Decimal(row[f"{m}|year"]) for m in COUNTED}
    if end == today and start <= today:
        for count in await counts_of(reader, access.principal, _day_alone(access, today)):
            if _visible(access, count.consultant_id):
                person = each[count.consultant_id]
                person[count.metric] = person.get(count.metric, _ZERO) + count.day
    for person in each.values():
        for metric in COUNTED:
            person.setdefault(metric, _ZERO)
        for total, parts in SUMS.items():
            person[total] = sum((person[part] for part in parts), _ZERO)
    project = each.pop(None, None)
    people: dict[UUID, PersonFigures] = {who: figures for who, figures in each.items() if who is not None}
    if not policy.whole_view(access):
        return people, None
    return people, project or dict.fromkeys((*COUNTED, *SUMS), _ZERO)
