"""The arithmetic of targets: equal splits add up exactly, a period's shares of its months."""

import calendar
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from anchang.targets import figures as fig


@given(st.integers(0, 10_000), st.integers(1, 60))
def test_a_count_splits_into_parts_a_unit_apart_that_add_up(whole: int, n: int) -> None:
    parts = fig.split_count(whole, n)
    assert sum(parts) == whole and max(parts) - min(parts) <= 1


@given(st.decimals(0, Decimal("999999999999.99"), places=2), st.integers(1, 60))
def test_money_splits_to_the_fen_and_adds_up(whole: Decimal, n: int) -> None:
    parts = fig.split_money(whole, n)
    assert sum(parts) == whole and max(parts) - min(parts) <= fig.FEN
    assert all(p == p.quantize(fig.FEN) for p in parts)


def test_mismatch_is_the_parts_less_the_whole() -> None:
    whole = {**fig.zero(), "units_subscribed": 10, "amount_collected": Decimal("5.00")}
    parts = [{**fig.zero(), "units_subscribed": 4}, {**fig.zero(), "units_subscribed": 7}]
    diff = fig.mismatch(parts, whole)
    assert diff["units_subscribed"] == 1 and diff["amount_collected"] == Decimal("-5.00")


def test_periods_and_their_months() -> None:
    assert fig.period_bounds("week", date(2026, 12, 28)) == (date(2026, 12, 28), date(2027, 1, 3))
    assert fig.period_bounds("quarter", date(2026, 11, 5)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert fig.period_bounds("year", date(2024, 2, 29)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert fig.period_bounds("month", date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    shares = fig.month_shares(date(2026, 12, 28), date(2027, 1, 3))
    assert shares == {date(2026, 12, 1): Decimal(4) / 31, date(2027, 1, 1): Decimal(3) / 31}
    assert set(fig.month_shares(date(2026, 1, 1), date(2026, 3, 31)).values()) == {Decimal(1)}


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)))
def test_the_weeks_of_a_year_share_out_its_months_exactly(start: date) -> None:
    shares = fig.month_shares(*fig.period_bounds("week", start))
    days = sum(share * calendar.monthrange(m.year, m.month)[1] for m, share in shares.items())
    assert days.quantize(Decimal("0.000001")) == 7
