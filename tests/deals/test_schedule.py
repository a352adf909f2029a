"""Schedule generation and the largest-remainder split: lines always add up to the price exactly."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from anchang.deals import schedule as sched
from anchang.deals.models import PaymentMethod

prices = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999999.99"), places=2)
methods = st.sampled_from([m.value for m in PaymentMethod])


@given(
    st.integers(min_value=0, max_value=10**13),
    st.lists(st.decimals(min_value=0, max_value=1000, places=4), min_size=1, max_size=30).filter(
        lambda ws: sum(ws) > 0
    ),
)
def test_split_adds_up_and_each_part_is_within_a_fen_of_its_share(total: int, weights: list[Decimal]) -> None:
    parts = sched.split(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, w in zip(parts, weights, strict=True):
        assert abs(Decimal(part) - Decimal(total) * w / whole) < 1


def test_split_gives_the_extra_fen_to_the_largest_remainders() -> None:
    assert sched.split(100, [Decimal(1)] * 3) == [34, 33, 33]
    assert sched.split(2, [Decimal(1)] * 3) == [1, 1, 0]


@given(
    prices,
    st.decimals(min_value=0, max_value=1, places=4),
    methods,
    st.decimals(min_value=0, max_value=100, places=2),
    st.integers(min_value=1, max_value=60),
)
def test_lines_add_up_to_the_final_price(
    price: Decimal, deposit_share: Decimal, method: str, down: Decimal, instalments: int
) -> None:
    deposit = (price * deposit_share).quantize(Decimal("0.01"))
    deposit = min(deposit, price)
    terms = sched.ScheduleTerms(down_payment_percent=down, instalments=instalments)
    lines = sched.generate(price, deposit, method, date(2026, 1, 31), terms)
    assert sum((ln.amount for ln in lines), Decimal("0")) == price
    assert all(ln.amount > 0 and ln.amount.as_tuple().exponent == -2 for ln in lines)
    assert [ln.due_on for ln in lines] == sorted(ln.due_on for ln in lines)
    if deposit:
        assert lines[0].kind == "deposit" and lines[0].amount == deposit


def test_a_mortgage_schedule() -> None:
    terms = sched.terms_of({}, "mortgage_commercial")
    lines = sched.generate(
        Decimal("1000000.01"), Decimal("50000.00"), "mortgage_commercial", date(2026, 3, 1), terms
    )
    assert [(ln.kind, ln.due_on, ln.amount) for ln in lines] == [
        ("deposit", date(2026, 3, 1), Decimal("50000.00")),
        ("down_payment", date(2026, 3, 8), Decimal("250000.00")),
        ("mortgage", date(2026, 4, 30), Decimal("700000.01")),
    ]


def test_instalments_month_ends() -> None:
    terms = sched.ScheduleTerms(
        down_payment_percent=Decimal(30), down_payment_days=0, instalments=2, instalment_months=1
    )
    lines = sched.generate(Decimal("100.00"), Decimal("0"), "installment", date(2026, 1, 31), terms)
    assert [(ln.due_on, ln.amount) for ln in lines] == [
        (date(2026, 1, 31), Decimal("30.00")),
        (date(2026, 2, 28), Decimal("35.00")),
        (date(2026, 3, 31), Decimal("35.00")),
    ]
