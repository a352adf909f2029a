"""What the daily report asks each domain to count: a day of the project's calendar with its month and
year to date, and the figures a domain gives back.

A domain counts its own rows (`customers.day_counts`, `deals.day_counts`…) in one statement reading the
index range `[1 January, end of the day)` of its (project, time) index; these helpers name the bounds as
bind parameters, so each statement is built once (core/reads.py) and the day is only a value.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import Date, DateTime, bindparam, func

from anchang.core.calendar import day_bounds
from anchang.core.reader import prepared

# Instants (for timestamp columns): [year_start, day_end) is read; the day and month are sub-ranges.
YEAR_START = bindparam("year_start", type_=DateTime(timezone=True))
MONTH_START = bindparam("month_start", type_=DateTime(timezone=True))
DAY_START = bindparam("day_start", type_=DateTime(timezone=True))
DAY_END = bindparam("day_end", type_=DateTime(timezone=True))
# Dates (for date columns already in the project's calendar: a deal's subscription or signing date).
FIRST_OF_YEAR = bindparam("first_of_year", type_=Date)
FIRST_OF_MONTH = bindparam("first_of_month", type_=Date)
DAY = bindparam("day", type_=Date)


@dataclass(frozen=True, slots=True)
class Window:
    """A day of a project's calendar, with the first days of its month and year."""

    project_id: UUID
    day: date
    zone: ZoneInfo
    # The day alone: its month and year start on the day itself, so a statement reads one day's index
    # range and its three sums are the day's figures (what reports/facts.py stores for a past day).
    only_day: bool = False

    def values(self, statement: Any) -> dict[str, Any]:
        """This window's bind values that `statement` names (the reader refuses others)."""
        day_start, day_end = day_bounds(self.day, self.zone)
        first_of_year = self.day if self.only_day else self.day.replace(month=1, day=1)
        first_of_month = self.day if self.only_day else self.day.replace(day=1)
        every = {
            "project_id": self.project_id,
            "year_start": day_bounds(first_of_year, self.zone)[0],
            "month_start": day_bounds(first_of_month, self.zone)[0],
            "day_start": day_start,
            "day_end": day_end,
            "first_of_year": first_of_year,
            "first_of_month": first_of_month,
            "day": self.day,
        }
        names = prepared(statement).names
        return {name: value for name, value in every.items() if name in names}


@dataclass(frozen=True, slots=True)
class DayCount:
    """One figure of one consultant (None: the project as a whole) for the day, month and year to date."""

    consultant_id: UUID | None
    metric: str
    day: Decimal
    month_to_date: Decimal
    year_to_date: Decimal


def within_year(at: Any) -> Any:
    """The condition reading the index range of a timestamp column: year start to the day's end."""
    return (at >= YEAR_START) & (at < DAY_END)


def within_year_dates(on: Any) -> Any:
    """The same for a date column of the project's calendar."""
    return (on >= FIRST_OF_YEAR) & (on <= DAY)


def sums(value: Any, at: Any, *, dates: bool = False, prefix: str = "") -> list[Any]:
    """`value` summed over the day, the month to date and the year to date (the rows read), as the
    columns `<prefix>day`, `<prefix>month`, `<prefix>year`; never null."""
    day, month = (DAY, FIRST_OF_MONTH) if dates else (DAY_START, MONTH_START)
    return [
        func.coalesce(func.sum(value).filter(at >= day), 0).label(f"{prefix}day"),
        func.coalesce(func.sum(value).filter(at >= month), 0).label(f"{prefix}month"),
        func.coalesce(func.sum(value), 0).label(f"{prefix}year"),
    ]


def counts(row: Any, metric: str, consultant_id: UUID | None, prefix: str = "") -> DayCount:
    """A `DayCount` from a row holding the columns `sums` made."""
    return DayCount(
        consultant_id,
        metric,
        Decimal(row[f"{prefix}day"]),
        Decimal(row[f"{prefix}month"]),
        Decimal(row[f"{prefix}year"]),
    )


def attributed(rows: list[Any], column: str) -> list[tuple[Any, UUID | None]]:
    """Rows grouped by `column` with a `total` flag (`grouping(column)`), each with whose it is: None for
    the project's total. Rows of nobody (a pooled customer, a referral not credited yet) count in the
    total only, so they are left out."""
    return [(row, None if row["total"] else row[column]) for row in rows if row["total"] or row[column]]
