"""The consultants' commission engine, proved for any deals, plans, credits and grades (hypothesis):
statement totals equal the sum of their lines, a deal's parts across consultants and stages add up to its
commission, computing twice gives the same lines, and once a statement settles what it computed,
computing again finds nothing left to settle — also after a cancellation, a change of unit or credits."""

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from anchang.commission.agency_engine import Stage, StageCondition
from anchang.commission.consultant_engine import (
    GRADES,
    Credit,
    Entry,
    LineKind,
    Plan,
    Source,
    by_consultant,
    commission_lines,
    credits_of,
    deal_commission,
    settle,
)
from anchang.commission.money import HUNDRED, ZERO, split
from anchang.deals.models import DealStatus
from anchang.deals.service import SettlementFacts

DAY0 = date(2026, 1, 1)
PEOPLE = [uuid.UUID(int=i) for i in range(1, 6)]
SUPERVISORS = [uuid.UUID(int=100 + i) for i in range(3)]
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000000"), places=2)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=4)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    shares = draw(st.lists(st.integers(1, 100), min_size=1, max_size=3))
    parts = split(HUNDRED, [Decimal(s) for s in shares])  # stage shares add up to 100, as the API asks
    return Plan(
        id=uuid.uuid4(),
        version=1,
        effective_from=DAY0,
        rates={grade: draw(rates) for grade in GRADES},
        fixed={"parking": Decimal("500.00")} if draw(st.booleans()) else {},
        supervisor_override=draw(st.one_of(st.none(), rates)),
        stages=tuple(
            Stage(f"s{i}", part, draw(st.sampled_from(list(StageCondition)))) for i, part in enumerate(parts)
        ),
    )


@st.composite
def deals(draw: st.DrawFn) -> SettlementFacts:
    days = draw(st.lists(st.one_of(st.none(), st.integers(0, 60)), min_size=4, max_size=4))
    on = [None if d is None else DAY0 + timedelta(days=d) for d in days]
    price = draw(money)
    return SettlementFacts(
        id=uuid.uuid4(),
        unit_id=uuid.uuid4(),
        unit_code="1-101",
        unit_kind=draw(st.sampled_from(["residence", "parking"])),
        consultant_id=draw(st.sampled_from(PEOPLE)),
        status=DealStatus.contracted,
        final_price=price,
        floor_price=None,
        contracted_on=DAY0,
        cancelled_on=None,
        handed_over_on=on[0],
        received=price,
        down_payment_on=on[1],
        fully_paid_on=on[2],
        loan_disbursed_on=on[3],
    )


@st.composite
def credit_lists(draw: st.DrawFn) -> list[Credit]:
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    weights = [Decimal(draw(st.integers(1, 100))) for _ in people]
    shares = split(HUNDRED, weights)
    return [Credit(p, s) for p, s in zip(people, shares, strict=True) if s > 0]


grades = st.fixed_dictionaries({p: st.one_of(st.none(), st.sampled_from(GRADES)) for p in PEOPLE})


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[SettlementFacts], Plan, dict[uuid.UUID, list[Credit]]]:
    batch = draw(st.lists(deals(), min_size=1, max_size=5))
    credits = {d.id: draw(credit_lists()) for d in batch if draw(st.booleans())}
    return batch, draw(plans()), credits


@given(deals(), plans(), credit_lists(), grades)
def test_a_deals_parts_across_stages_and_consultants_add_up_to_its_commission(
    deal: SettlementFacts, plan: Plan, credited: list[Credit], graded: dict[uuid.UUID, str | None]
) -> None:
    rates_of = {c.consultant_id: plan.rate_for(graded[c.consultant_id]) for c in credited}
    commission = deal_commission(deal, plan, credited, rates_of)
    assert sum(commission.parts.values(), ZERO) == commission.total
    assert all(p == p.quantize(Decimal("0.01")) for p in commission.parts.values())
    for stage, part in zip(plan.stages, split(commission.total, [s.share for s in plan.stages]), strict=True):
        assert sum((v for (name, _), v in commission.parts.items() if name == stage.name), ZERO) == part


def test_one_grade_for_all_splits_the_deal_by_the_credit_shares() -> None:
    stage = Stage("all", HUNDRED, StageCondition.contracted)
    plan = Plan(uuid.uuid4(), 1, DAY0, dict.fromkeys(GRADES, Decimal("1")), {}, None, (stage,))
    deal = replace(_a_deal(), final_price=Decimal("1000000.01"))
    credited = [Credit(PEOPLE[0], Decimal("33.33")), Credit(PEOPLE[1], Decimal("66.67"))]
    commission = deal_commission(deal, plan, credited, dict.fromkeys(PEOPLE[:2], Decimal("1")))
    assert commission.total == Decimal("10000.00")
    assert commission.parts == {
        ("all", PEOPLE[0]): Decimal("3333.00"),
        ("all", PEOPLE[1]): Decimal("6667.00"),
    }


def _a_deal() -> SettlementFacts:
    return SettlementFacts(
        id=uuid.uuid4(),
        unit_id=uuid.uuid4(),
        unit_code="1-101",
        unit_kind="residence",
        consultant_id=PEOPLE[0],
        status=DealStatus.contracted,
        final_price=Decimal("1000000.00"),
        floor_price=None,
        contracted_on=DAY0,
        cancelled_on=None,
        handed_over_on=None,
        received=Decimal("1000000.00"),
        down_payment_on=DAY0,
        fully_paid_on=DAY0,
        loan_disbursed_on=None,
    )


@settings(max_examples=60)
@given(worlds(), grades, st.lists(st.integers(-5000, 5000).filter(bool), max_size=3))
def test_totals_are_sums_computing_twice_is_the_same_and_settling_leaves_nothing(
    world: tuple[list[SettlementFacts], Plan, dict[uuid.UUID, list[Credit]]],
    graded: dict[uuid.UUID, str | None],
    amounts: list[int],
) -> None:
    batch, plan, credits = world
    entries = [
        Entry(uuid.uuid4(), PEOPLE[i % len(PEOPLE)], Decimal(a), "other", "x") for i, a in enumerate(amounts)
    ]
    first = commission_lines(batch, [plan], credits, graded, SUPERVISORS, {}, entries)
    assert first == commission_lines(batch, [plan], credits, graded, SUPERVISORS, {}, entries)
    statements = by_consultant(first)
    for person, (total, lines) in statements.items():
        assert total == sum((li.amount for li in lines), ZERO)
        assert all(li.consultant_id == person for li in lines)
    assert sum(t for t, _ in statements.values()) == sum((li.amount for li in first), ZERO)
    # Fully earned deals: the credited lines of a deal add up to its whole commission.
    for deal in batch:
        credited = credits_of(deal, credits)
        stages_due = all(
            li.kind is LineKind.earned for li in first if li.deal_id == deal.id and li.source is Source.deal
        )
        if stages_due and all(_due(deal, s.condition) for s in plan.stages):
            rates_of = {c.consultant_id: plan.rate_for(graded.get(c.consultant_id)) for c in credited}
            whole = deal_commission(deal, plan, credited, rates_of).total
            mine = [li.amount for li in first if li.deal_id == deal.id and li.source is Source.deal]
            assert sum(mine, ZERO) == whole
    settled = settle({}, first)
    assert commission_lines(batch, [plan], credits, graded, SUPERVISORS, settled, []) == []


def _due(deal: SettlementFacts, condition: StageCondition) -> bool:
    from anchang.commission.agency_engine import earned_on

    return earned_on(deal, condition) is not None


@settings(max_examples=60)
@given(worlds(), grades, st.data())
def test_cancelling_moving_or_recrediting_settles_to_nothing_left(
    world: tuple[list[SettlementFacts], Plan, dict[uuid.UUID, list[Credit]]],
    graded: dict[uuid.UUID, str | None],
    data: st.DataObject,
) -> None:
    batch, plan, credits = world
    settled = settle({}, commission_lines(batch, [plan], credits, graded, SUPERVISORS, {}, []))
    changed = []
    for deal in batch:
        what = data.draw(st.sampled_from(["cancel", "move", "reprice", "keep"]))
        if what == "cancel":
            deal = replace(deal, cancelled_on=DAY0 + timedelta(days=70))
        elif what == "move":
            deal = replace(deal, unit_id=uuid.uuid4(), unit_code="2-202")
        elif what == "reprice":
            deal = replace(deal, final_price=deal.final_price + Decimal("1234.56"))
        changed.append(deal)
    recredited = {d.id: data.draw(credit_lists()) for d in batch if data.draw(st.booleans())}
    # A grade changed since: a consultant keeps the rate a deal was first settled at for them.
    regraded = {p: data.draw(st.one_of(st.none(), st.sampled_from(GRADES))) for p in PEOPLE}
    lines = commission_lines(changed, [plan], recredited, regraded, SUPERVISORS, settled, [])
    for deal in changed:
        if deal.cancelled_on is not None:
            net: dict[tuple[uuid.UUID, str], Decimal] = defaultdict(lambda: ZERO)
            for key, s in settled.items():
                if key[0] == deal.id:
                    net[(key[2], key[1])] += s.amount
            for li in lines:
                if li.deal_id == deal.id:
                    assert li.kind is LineKind.clawback
                    net[(li.consultant_id, li.stage or "")] += li.amount
            assert all(v == 0 for v in net.values())
    after = settle(settled, lines)
    assert commission_lines(changed, [plan], recredited, regraded, SUPERVISORS, after, []) == []
