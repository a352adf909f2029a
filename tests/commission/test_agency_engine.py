"""The agency fee engine, proved for any deals, rules and histories (hypothesis): stages add up to the
fee, totals equal the sum of lines, computing twice gives the same lines, and once a statement settles
what it computed, computing again finds nothing left to settle."""

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from anchang.commission.agency_engine import (
    FeeBase,
    FeeRule,
    LineKind,
    Settled,
    Stage,
    StageCondition,
    Tier,
    draft_lines,
    fee_of,
)
from anchang.commission.money import ZERO, split
from anchang.deals.models import DealStatus
from anchang.deals.service import SettlementFacts

DAY0 = date(2026, 1, 1)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000000"), places=2)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=4)


@st.composite
def rules(draw: st.DrawFn) -> FeeRule:
    shares = draw(st.lists(st.integers(1, 100), min_size=1, max_size=4))
    tiered = draw(st.booleans())
    return FeeRule(
        id=uuid.uuid4(),
        version=1,
        effective_from=DAY0,
        base=draw(st.sampled_from(list(FeeBase))),
        rate=None if tiered else draw(rates),
        tiers=(
            (Tier(Decimal(0), Decimal(80), draw(rates)), Tier(Decimal(80), None, draw(rates)))
            if tiered
            else ()
        ),
        premium_share=draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))),
        fixed={"parking": Decimal("5000.00")} if draw(st.booleans()) else {},
        stages=tuple(
            Stage(f"s{i}", Decimal(share), draw(st.sampled_from(list(StageCondition))))
            for i, share in enumerate(shares)
        ),
    )


@st.composite
def deals(draw: st.DrawFn) -> SettlementFacts:
    price = draw(money)
    days = draw(st.lists(st.one_of(st.none(), st.integers(0, 60)), min_size=5, max_size=5))
    on = [None if d is None else DAY0 + timedelta(days=d) for d in days]
    return SettlementFacts(
        id=uuid.uuid4(),
        unit_id=uuid.uuid4(),
        unit_code="1-101",
        unit_kind=draw(st.sampled_from(["residence", "parking"])),
        consultant_id=None,
        status=DealStatus.contracted,
        final_price=price,
        floor_price=draw(st.one_of(st.none(), money)),
        contracted_on=DAY0,
        cancelled_on=None,
        handed_over_on=on[0],
        received=draw(st.decimals(min_value=0, max_value=price, places=2)),
        down_payment_on=on[1],
        fully_paid_on=on[2],
        loan_disbursed_on=on[3],
    )


weights = st.lists(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2), min_size=1, max_size=8
)


@given(st.decimals(min_value=Decimal("-99999999"), max_value=Decimal("99999999"), places=2), weights)
def test_a_split_adds_up_to_the_whole_to_the_fen(total: Decimal, weights: list[Decimal]) -> None:
    parts = split(total, weights)
    assert sum(parts, ZERO) == total
    assert all(p == p.quantize(Decimal("0.01")) for p in parts)


@given(deals(), rules(), rates)
def test_the_stages_of_a_deal_add_up_to_its_fee(deal: SettlementFacts, rule: FeeRule, rate: Decimal) -> None:
    fee = fee_of(deal, rule, rate)
    assert sum(fee.stages.values(), ZERO) == fee.total


def _settle(lines: list, settled: dict) -> dict:  # type: ignore[type-arg]
    """What a submitted statement with `lines` leaves settled (as the statements service records it)."""
    out = dict(settled)
    for line in lines:
        key = (line.deal_id, line.stage)
        before = out.get(key)
        amount = (before.amount if before else ZERO) + line.amount
        unit = (
            line.unit_id
            if line.kind is not LineKind.reversal
            else (before.unit_id if before else line.unit_id)
        )
        out[key] = Settled(amount, line.rule_id, line.rule_version, line.rate, unit)
    return out


@settings(max_examples=60)
@given(st.lists(deals(), min_size=1, max_size=6), rules(), st.decimals(min_value=0, max_value=200, places=1))
def test_computing_twice_gives_the_same_lines_and_settling_leaves_nothing(
    batch: list[SettlementFacts], rule: FeeRule, achievement: Decimal
) -> None:
    first = draft_lines(batch, [rule], {}, achievement)
    assert first == draft_lines(batch, [rule], {}, achievement)
    assert all(line.kind is LineKind.earned for line in first)
    total = sum((line.amount for line in first), ZERO)
    per_deal: dict[uuid.UUID, Decimal] = defaultdict(lambda: ZERO)
    for line in first:
        per_deal[line.deal_id] += line.amount
    assert total == sum(per_deal.values(), ZERO)
    settled = _settle(first, {})
    assert draft_lines(batch, [rule], settled, achievement) == []


@settings(max_examples=60)
@given(st.lists(deals(), min_size=1, max_size=6), rules(), st.decimals(min_value=0, max_value=200, places=1))
def test_a_cancelled_deal_claws_back_exactly_what_was_settled(
    batch: list[SettlementFacts], rule: FeeRule, achievement: Decimal
) -> None:
    settled = _settle(draft_lines(batch, [rule], {}, achievement), {})
    cancelled = [
        SettlementFacts(
            **{**{f: getattr(d, f) for f in d.__slots__}, "cancelled_on": DAY0 + timedelta(days=90)}
        )  # type: ignore[attr-defined]
        for d in batch
    ]
    clawbacks = draft_lines(cancelled, [rule], settled, achievement)
    assert all(line.kind is LineKind.clawback for line in clawbacks)
    assert sum((line.amount for line in clawbacks), ZERO) == -sum((s.amount for s in settled.values()), ZERO)
    assert draft_lines(cancelled, [rule], _settle(clawbacks, settled), achievement) == []


def test_a_change_of_unit_reverses_the_old_line_and_earns_the_new_one() -> None:
    rule = FeeRule(
        uuid.uuid4(), 1, DAY0, FeeBase.contracted_price, Decimal("1"), (), None, {},
        (Stage("contract", Decimal(100), StageCondition.contracted),),
    )  # fmt: skip
    deal = SettlementFacts(
        uuid.uuid4(), uuid.uuid4(), "1-101", "residence", None, DealStatus.contracted, Decimal("1000000.00"),
        None, DAY0, None, None, Decimal("0"), None, None, None,
    )  # fmt: skip
    settled = _settle(draft_lines([deal], [rule], {}, None), {})
    moved = replace(deal, unit_id=uuid.uuid4(), unit_code="1-202", final_price=Decimal("1200000.00"))
    lines = draft_lines([moved], [rule], settled, None)
    assert [(line.kind, line.amount) for line in lines] == [
        (LineKind.reversal, Decimal("-10000.00")),
        (LineKind.earned, Decimal("12000.00")),
    ]
