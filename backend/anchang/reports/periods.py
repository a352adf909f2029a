"""The periods of summaries (周报 / 月报 / 季报): an ISO week (`2026-W48`, Monday to Sunday), a month
(`2026-11`) or a quarter (`2026-Q4`) of the project's calendar, and the daily report's figures summed
over one.

`period_figures` is the one way a summary reads figures. Today it stands on the daily report's
`figures_of`: a stretch of days within a month is the month to date of its last day less the month to
date of the day before its first (nothing when it starts on the 1st), so a month costs one day's
figures and a quarter three, whatever the number of days. Pre-aggregated daily facts can replace its
body without changing a caller.
"""

import asyncio
import calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from anchang.core.access import ProjectAccess
from anchang.core.calendar import today_in
from anchang.core.errors import ValidationFailed
from anchang.core.reader import Reader
from anchang.reports.daily import KEYS, figures_of

Sums = dict[str, Decimal]
"""Each metric of the daily report (`daily.KEYS`) summed over a period."""

_ZERO = Decimal(0)
_FORMAT = "a week as 2026-W48, a month as 2026-11 or a quarter as 2026-Q4"
FIRST_YEAR, LAST_YEAR = 1990, 2099


@dataclass(frozen=True, slots=True)
class Period:
    """A week, month or quarter: its key as the API names it, and its first and last day."""

    kind: str  # "week" | "month" | "quarter"
    key: str
    start: date
    end: date

    def previous(self) -> "Period":
        """The period of the same kind just before this one."""
        return period_containing(self.kind, self.start - timedelta(days=1))

    def following(self) -> "Period":
        """The period of the same kind just after this one."""
        return period_containing(self.kind, self.end + timedelta(days=1))


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def period_containing(kind: str, day: date) -> Period:
    """The week, month or quarter `day` falls in."""
    if kind == "week":
        year, week, weekday = day.isocalendar()
        start = day - timedelta(days=weekday - 1)
        return Period(kind, f"{year}-W{week:02d}", start, start + timedelta(days=6))
    if kind == "month":
        first = day.replace(day=1)
        return Period(kind, f"{day:%Y-%m}", first, _month_end(first))
    quarter = (day.month - 1) // 3 + 1
    first = date(day.year, 3 * quarter - 2, 1)
    return Period(kind, f"{day.year}-Q{quarter}", first, _month_end(first.replace(month=3 * quarter)))


def parse_period(text: str) -> Period:
    """The period `text` names; 422 naming `period` for anything else."""
    week = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    month = re.fullmatch(r"(\d{4})-(\d{2})", text)
    quarter = re.fullmatch(r"(\d{4})-Q(\d)", text)
    found = week or month or quarter
    if found is None or not FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR:
        raise ValidationFailed({"period": f"must be {_FORMAT}, from {FIRST_YEAR} to {LAST_YEAR}"})
    year, number = int(found.group(1)), int(found.group(2))
    try:
        if week:
            return period_containing("week", date.fromisocalendar(year, number, 1))
        if month:
            return period_containing("month", date(year, number, 1))
        if not 1 <= number <= 4:
            raise ValueError(number)
        return period_containing("quarter", date(year, 3 * number - 2, 1))
    except ValueError:
        raise ValidationFailed({"period": f"{text} is no such period: {_FORMAT}"}) from None


def begun(access: ProjectAccess, period: Period) -> date:
    """The last day of `period` counted so far (today for the current one); 422 naming `period` for
    one that has not begun in the project's time zone."""
    today = today_in(access)
    if period.start > today:
        raise ValidationFailed(
            {"period": f"{period.key} has not begun (today in the project's time zone: {today.isoformat()})"}
        )
    return min(period.end, today)


def _stretches(start: date, end: date) -> list[tuple[date, date]]:
    """`start`..`end` cut at the months' ends."""
    out = []
    while start <= end:
        last = min(end, _month_end(start))
        out.append((start, last))
        start = last + timedelta(days=1)
    return out


async def period_figures(
    reader: Reader, access: ProjectAccess, start: date, end: date
) -> tuple[dict[UUID, Sums], Sums]:
    """Each person's figures summed over the days `start`..`end` (inclusive, the project's calendar),
    and the project's: as many as the daily reports of those days add up to."""
    asks: list[tuple[date, int]] = []  # (day, +1 or -1): month to date of `day`, added or taken off
    for first, last in _stretches(start, end):
        asks.append((last, 1))
        if first.day != 1:
            asks.append((first - timedelta(days=1), -1))
    answers = await asyncio.gather(*(figures_of(reader, access, day) for day, _ in asks))
    each: dict[UUID, Sums] = defaultdict(lambda: dict.fromkeys(KEYS, _ZERO))
    totals: Sums = dict.fromkeys(KEYS, _ZERO)
    for (_, sign), (people, project) in zip(asks, answers, strict=True):
        for key in KEYS:
            totals[key] += sign * project[key]["month_to_date"]
        for who, figures in people.items():
            mine = each[who]
            for key in KEYS:
                mine[key] += sign * figures[key]["month_to_date"]
    return dict(each), totals
