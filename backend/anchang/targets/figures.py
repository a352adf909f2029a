"""The arithmetic of targets, without I/O: sums and mismatches, equal splits whose parts add up to the
whole, and a period's share of its months (weeks by days, quarters and years by whole months)."""

import calendar
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from anchang.targets.models import COUNTS, MONEY

METRICS = (
    "units_subscribed",
    "amount_subscribed",
    "units_contracted",
    "amount_contracted",
    "amount_collected",
    "first_visits",
    "new_customers",
    "broker_referrals",
)
assert set(METRICS) == set(COUNTS) | set(MONEY)

FEN = Decimal("0.01")
TENTH = Decimal("0.1")
ZERO = Decimal(0)

Figures = dict[str, Decimal | int]


def zero() -> Figures:
    """Every metric at nought (counts as ints, money as Decimal)."""
    return {m: (ZERO if m in MONEY else 0) for m in METRICS}


def total(parts: Iterable[Mapping[str, Decimal | int]]) -> Figures:
    """The metric-by-metric sum of `parts`."""
    out = zero()
    for part in parts:
        for m in METRICS:
            out[m] += part[m]
    return out


def mismatch(parts: Iterable[Mapping[str, Decimal | int]], whole: Mapping[str, Decimal | int]) -> Figures:
    """Sum of the parts less the whole, per metric: positive when the parts promise more."""
    summed = total(parts)
    return {m: summed[m] - whole[m] for m in METRICS}


def split_count(whole: int, n: int) -> list[int]:
    """`whole` over `n` parts as equal as whole numbers allow, the remainder one each to the first parts
    (the largest-remainder method when every share is the same)."""
    if n <= 0:
        return []
    base, extra = divmod(whole, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def split_money(whole: Decimal, n: int) -> list[Decimal]:
    """`whole` yuan over `n` parts to the fen: each part rounded down, the fen left over one each to the
    first parts, so the parts add up to `whole` exactly."""
    if n <= 0:
        return []
    base = (whole / n).quantize(FEN, rounding=ROUND_DOWN)
    left = int((whole - base * n) / FEN)
    return [base + (FEN if i < left else ZERO) for i in range(n)]


def split(whole: Mapping[str, Decimal | int], n: int) -> list[Figures]:
    """`whole`'s figures spread equally over `n` parts (counts whole, money to the fen)."""
    columns = {
        m: (split_money(Decimal(whole[m]), n) if m in MONEY else split_count(int(whole[m]), n))
        for m in METRICS
    }
    return [{m: columns[m][i] for m in METRICS} for i in range(n)]


# --- periods -------------------------------------------------------------------------------------

PERIODS = ("week", "month", "quarter", "year")


def next_month(month: date) -> date:
    """The first day of the month after `month`'s."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_bounds(period: str, start: date) -> tuple[date, date]:
    """The first and last day of the `period` that `start` opens or falls in: a week is the seven days
    from `start`; a month, quarter or year is the calendar one containing it."""
    if period == "week":
        return start, start + timedelta(days=6)
    if period == "month":
        first = start.replace(day=1)
    elif period == "quarter":
        first = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    else:
        first = date(start.year, 1, 1)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    end = first
    for _ in range(months):
        end = next_month(end)
    return first, end - timedelta(days=1)


def month_shares(first: date, last: date) -> dict[date, Decimal]:
    """Each month the days `first`..`last` touch, with the share of its days they cover (1 for a whole
    month): a week's target takes that share of each month's."""
    shares: dict[date, Decimal] = {}
    day = first
    while day <= last:
        month = day.replace(day=1)
        days_in = calendar.monthrange(month.year, month.month)[1]
        month_end = month.replace(day=days_in)
        covered = (min(last, month_end) - day).days + 1
        shares[month] = Decimal(covered) / Decimal(days_in)
        day = month_end + timedelta(days=1)
    return shares


def derive(months: Sequence[tuple[Mapping[str, Decimal | int], Decimal]]) -> dict[str, Decimal]:
    """The period's figures from (month's figures, share) pairs: summed exactly, then rounded once —
    money half-up to the fen, counts half-up to one decimal place."""
    out: dict[str, Decimal] = {}
    for m in METRICS:
        exact = sum((Decimal(figures[m]) * share for figures, share in months), ZERO)
        out[m] = exact.quantize(FEN if m in MONEY else TENTH, rounding=ROUND_HALF_UP)
    return out
