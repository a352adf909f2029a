"""The consultants' commission (酬金) of a month, computed from the deals as they stand and what submitted
statements settled — pure functions, as the agency fee engine (agency_engine.py) and on the same ledger
idea: for each contracted deal, stage and recipient the amount due now (the *target*) is compared with
what was settled, giving `earned`, `clawback` (退房), `reversal` + `earned` (换房) or `adjustment` lines.

A deal's commission: each credited consultant's exact part is (price × their grade's rate + the fixed
amount of the unit's kind) × their credit share; the deal's total is the sum rounded to the fen once,
split across the plan's stages by the largest remainder, and each stage across the credited consultants
in proportion to their exact parts, so the parts always add up to the deal's total. A consultant keeps
the rate a deal was first settled at for them, and a deal the plan it was first settled under.

The supervisors' override is a percent of the price of every credited sale of the project, its stages
split equally between the project's supervisors (there are no teams yet: every supervisor shares every
sale); a stage's override, once settled, stays with the supervisors it was settled to.

Rewards and penalties (奖罚) are lines of their own, as approved.
"""

import enum
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from anchang.commission.agency_engine import Stage, earned_on
from anchang.commission.money import HUNDRED, ZERO, fen, split
from anchang.deals.service import SettlementFacts

GRADES = ("trainee", "junior", "mid", "senior")  # org's MemberGrade, lowest first
DEFAULT_GRADE = "trainee"  # a consultant without a grade counts as a trainee


class Source(enum.StrEnum):
    deal = "deal"  # a consultant's credited part of a deal
    override = "override"  # a supervisor's override (管理奖)
    reward_penalty = "reward_penalty"  # 奖罚


class LineKind(enum.StrEnum):
    earned = "earned"
    clawback = "clawback"  # 退房追回
    reversal = "reversal"  # 换房冲回
    adjustment = "adjustment"  # 调整
    reward = "reward"  # 奖励
    penalty = "penalty"  # 处罚


@dataclass(frozen=True, slots=True)
class Plan:
    id: uuid.UUID
    version: int
    effective_from: date
    rates: Mapping[str, Decimal]  # grade → percent of the contracted price
    fixed: Mapping[str, Decimal]  # unit kind → amount, e.g. {"parking": 500}
    supervisor_override: Decimal | None  # percent of the price
    stages: tuple[Stage, ...]

    def rate_for(self, grade: str | None) -> Decimal:
        return self.rates.get(grade or DEFAULT_GRADE, self.rates.get(DEFAULT_GRADE, ZERO))


@dataclass(frozen=True, slots=True)
class Credit:
    consultant_id: uuid.UUID
    share: Decimal  # percent of the deal


@dataclass(frozen=True, slots=True)
class Settled:
    """What submitted statements settled for one deal, stage, recipient and source: the net amount and
    how it was last earned."""

    amount: Decimal
    plan_id: uuid.UUID
    plan_version: int
    rate: Decimal
    unit_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class Entry:
    """An approved reward (positive) or penalty (negative) not yet on a submitted statement."""

    id: uuid.UUID
    consultant_id: uuid.UUID
    amount: Decimal
    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class Line:
    consultant_id: uuid.UUID
    source: Source
    kind: LineKind
    amount: Decimal
    deal_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    unit_code: str | None = None
    stage: str | None = None
    plan_id: uuid.UUID | None = None
    plan_version: int | None = None
    base: Decimal | None = None
    rate: Decimal | None = None
    share: Decimal | None = None
    fixed: Decimal | None = None
    earned_on: date | None = None
    reward_penalty_id: uuid.UUID | None = None
    note: str | None = None


Key = tuple[uuid.UUID, str, uuid.UUID, Source]  # deal, stage, recipient, source


def plan_for(plans: Sequence[Plan], contracted_on: date) -> Plan | None:
    """The newest approved plan in effect on the contract date."""
    chosen = None
    for plan in plans:
        if plan.effective_from <= contracted_on and (
            chosen is None or (plan.effective_from, plan.version) >= (chosen.effective_from, chosen.version)
        ):
            chosen = plan
    return chosen


def credits_of(deal: SettlementFacts, credits: Mapping[uuid.UUID, Sequence[Credit]]) -> list[Credit]:
    """The deal's credits: the approved ones, else its consultant's 100 %."""
    given = credits.get(deal.id)
    if given:
        return list(given)
    return [Credit(deal.consultant_id, HUNDRED)] if deal.consultant_id else []


@dataclass(frozen=True, slots=True)
class DealCommission:
    total: Decimal  # to the fen
    parts: dict[tuple[str, uuid.UUID], Decimal]  # (stage, consultant) → amount; adding up to total
    rates: dict[uuid.UUID, Decimal]
    fixed: Decimal


def deal_commission(
    deal: SettlementFacts, plan: Plan, credited: Sequence[Credit], rates: Mapping[uuid.UUID, Decimal]
) -> DealCommission:
    """The deal's whole commission under `plan` at each credited consultant's rate, and its parts per
    stage and consultant (adding up to it)."""
    fixed = plan.fixed.get(deal.unit_kind, ZERO)
    exact = {
        c.consultant_id: (deal.final_price * rates[c.consultant_id] / HUNDRED + fixed) * c.share / HUNDRED
        for c in credited
    }
    total = fen(sum(exact.values(), ZERO))
    parts: dict[tuple[str, uuid.UUID], Decimal] = {}
    stage_parts = split(total, [s.share for s in plan.stages]) if total else [ZERO] * len(plan.stages)
    people = list(exact)
    for stage, part in zip(plan.stages, stage_parts, strict=True):
        weights = [exact[p] for p in people]
        shares = split(part, weights) if part and sum(weights, ZERO) > 0 else [ZERO] * len(people)
        for person, amount in zip(people, shares, strict=True):
            parts[(stage.name, person)] = amount
    return DealCommission(total, parts, dict(rates), fixed)


def _ledger(
    deal: SettlementFacts,
    key: Key,
    target: Decimal,
    before: Settled | None,
    plan: Plan,
    rate: Decimal,
    share: Decimal | None,
    fixed: Decimal | None,
    on: date | None,
) -> list[Line]:
    """The lines that take what was settled for `key` to `target`."""
    deal_id, stage, person, source = key

    def line(kind: LineKind, amount: Decimal, unit_id: uuid.UUID | None, unit_code: str | None) -> Line:
        return Line(
            consultant_id=person,
            source=source,
            kind=kind,
            amount=amount,
            deal_id=deal_id,
            unit_id=unit_id,
            unit_code=unit_code,
            stage=stage,
            plan_id=before.plan_id if before else plan.id,
            plan_version=before.plan_version if before else plan.version,
            base=deal.final_price,
            rate=rate,
            share=share,
            fixed=fixed,
            earned_on=on,
        )

    settled = before.amount if before else ZERO
    if target == settled:
        return []
    if before is None or settled == 0:
        return [line(LineKind.earned, target, deal.unit_id, deal.unit_code)]
    if target == 0:
        return [line(LineKind.clawback, -settled, before.unit_id, None)]
    if before.unit_id is not None and before.unit_id != deal.unit_id:
        return [
            line(LineKind.reversal, -settled, before.unit_id, None),
            line(LineKind.earned, target, deal.unit_id, deal.unit_code),
        ]
    return [line(LineKind.adjustment, target - settled, deal.unit_id, deal.unit_code)]


def _deal_lines(
    deal: SettlementFacts,
    plans: Sequence[Plan],
    credits: Mapping[uuid.UUID, Sequence[Credit]],
    grades: Mapping[uuid.UUID, str | None],
    supervisors: Sequence[uuid.UUID],
    settled: Mapping[Key, Settled],
    mine: list[Key],
) -> list[Line]:
    assert deal.contracted_on is not None
    by_id = {p.id: p for p in plans}
    first = settled[mine[0]] if mine else None
    plan = by_id.get(first.plan_id) if first else plan_for(plans, deal.contracted_on)
    if plan is None:
        return []
    cancelled = deal.cancelled_on is not None
    stages = list(plan.stages)
    known = {s.name for s in stages}
    for name in sorted({k[1] for k in mine} - known):  # settled under a stage the plan no longer has
        stages.append(Stage(name, ZERO, plan.stages[0].condition))
    due = {s.name: (not cancelled and earned_on(deal, s.condition) is not None) for s in stages}
    when = {s.name: earned_on(deal, s.condition) for s in stages}
    lines: list[Line] = []

    # The credited consultants' parts.
    credited = credits_of(deal, credits)
    shares = {c.consultant_id: c.share for c in credited}
    people = list(shares) + sorted({k[2] for k in mine if k[3] is Source.deal} - set(shares), key=str)
    kept_rate = {k[2]: settled[k].rate for k in mine if k[3] is Source.deal}
    rates = {p: kept_rate.get(p, plan.rate_for(grades.get(p))) for p in people}
    commission = deal_commission(deal, plan, credited, rates)
    for stage in stages:
        for person in people:
            key = (deal.id, stage.name, person, Source.deal)
            target = commission.parts.get((stage.name, person), ZERO) if due[stage.name] else ZERO
            lines += _ledger(
                deal,
                key,
                target,
                settled.get(key),
                plan,
                rates[person],
                shares.get(person),
                commission.fixed,
                when[stage.name],
            )

    # The supervisors' override.
    override = plan.supervisor_override or ZERO
    pool = fen(deal.final_price * override / HUNDRED)
    pool_parts = dict(
        zip(
            [s.name for s in plan.stages],
            split(pool, [s.share for s in plan.stages]) if pool else [ZERO] * len(plan.stages),
            strict=True,
        )
    )
    for stage in stages:
        before = [k for k in mine if k[1] == stage.name and k[3] is Source.override]
        had = sorted({k[2] for k in before}, key=str)
        recipients = had or list(supervisors)
        if not recipients:
            continue
        part = pool_parts.get(stage.name, ZERO) if due[stage.name] else ZERO
        each = split(part, [Decimal(1)] * len(recipients)) if part else [ZERO] * len(recipients)
        for person, target in zip(recipients, each, strict=True):
            key = (deal.id, stage.name, person, Source.override)
            lines += _ledger(
                deal, key, target, settled.get(key), plan, override, None, None, when[stage.name]
            )
    return lines


def commission_lines(
    deals: Iterable[SettlementFacts],
    plans: Sequence[Plan],
    credits: Mapping[uuid.UUID, Sequence[Credit]],
    grades: Mapping[uuid.UUID, str | None],
    supervisors: Sequence[uuid.UUID],
    settled: Mapping[Key, Settled],
    entries: Iterable[Entry],
) -> list[Line]:
    """Every line the month's statements carry, for deals as they stand now, given what is settled."""
    settled_by_deal: dict[uuid.UUID, list[Key]] = defaultdict(list)
    for key in settled:
        settled_by_deal[key[0]].append(key)
    lines: list[Line] = []
    for deal in deals:
        if deal.contracted_on is None:
            continue
        mine = sorted(settled_by_deal.get(deal.id, []), key=lambda k: (k[1], str(k[2]), k[3].value))
        lines += _deal_lines(deal, plans, credits, grades, supervisors, settled, mine)
    for entry in entries:
        lines.append(
            Line(
                consultant_id=entry.consultant_id,
                source=Source.reward_penalty,
                kind=LineKind.reward if entry.amount > 0 else LineKind.penalty,
                amount=fen(entry.amount),
                reward_penalty_id=entry.id,
                note=f"{entry.category}: {entry.reason}"[:500],
            )
        )
    return lines


def by_consultant(lines: Iterable[Line]) -> dict[uuid.UUID, tuple[Decimal, list[Line]]]:
    """The lines grouped into each consultant's statement, with its total (the sum of its lines)."""
    grouped: dict[uuid.UUID, list[Line]] = defaultdict(list)
    for line in lines:
        grouped[line.consultant_id].append(line)
    return {person: (sum((li.amount for li in mine), ZERO), mine) for person, mine in grouped.items()}


def settle(settled: Mapping[Key, Settled], lines: Iterable[Line]) -> dict[Key, Settled]:
    """What is settled once `lines` are (a submitted statement): the ledger the next month starts from."""
    out = dict(settled)
    for line in lines:
        if line.source is Source.reward_penalty or line.deal_id is None or line.stage is None:
            continue
        key = (line.deal_id, line.stage, line.consultant_id, line.source)
        before = out.get(key)
        assert line.plan_id is not None and line.plan_version is not None and line.rate is not None
        out[key] = Settled(
            amount=(before.amount if before else ZERO) + line.amount,
            plan_id=line.plan_id,
            plan_version=line.plan_version,
            rate=line.rate,
            unit_id=line.unit_id,
        )
    return out
