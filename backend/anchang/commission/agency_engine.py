"""The agency fee (代理费) of a period, computed from the deals as they stand and what earlier statements
settled — pure functions, so the same inputs always give the same lines (and hypothesis can prove it).

For each contracted deal and each stage of its rule, the fee due now (the *target*) is compared with
what submitted statements already settled for that deal and stage:

- nothing settled, target due → an `earned` line;
- settled, the deal cancelled (退房) → a `clawback` line of minus what was settled;
- settled, the deal moved to another unit (换房) → a `reversal` of the old line and a new `earned` one;
- settled, the target differs (a price changed, more money received on a received-amount base) → an
  `adjustment` line of the difference.

A deal's fee is rounded to the fen once, then split across the rule's stages by the largest remainder,
so a deal's stages always add up to its fee. A stage settled once keeps the rule and rate it was earned
under; a deal not yet settled takes the newest approved rule in effect on its contract date.
"""

import enum
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from anchang.commission.money import HUNDRED, ZERO, fen, split
from anchang.deals.service import SettlementFacts


class FeeBase(enum.StrEnum):
    contracted_price = "contracted_price"  # 合同价
    received_amount = "received_amount"  # 回款


class StageCondition(enum.StrEnum):
    contracted = "contracted"  # 签约
    down_payment_received = "down_payment_received"  # 签约且首付到账
    fully_paid_or_loan = "fully_paid_or_loan"  # 全款到账或贷款发放
    handed_over = "handed_over"  # 交房


class LineKind(enum.StrEnum):
    earned = "earned"
    clawback = "clawback"  # 退房追回
    reversal = "reversal"  # 换房冲回
    adjustment = "adjustment"  # 调整


@dataclass(frozen=True, slots=True)
class Tier:
    from_percent: Decimal  # achievement of target, inclusive
    to_percent: Decimal | None  # exclusive; None: and above
    rate: Decimal  # percent of the base


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    share: Decimal  # percent of the fee
    condition: StageCondition


@dataclass(frozen=True, slots=True)
class FeeRule:
    id: uuid.UUID
    version: int
    effective_from: date
    base: FeeBase
    rate: Decimal | None  # flat rate, percent; None when tiered
    tiers: tuple[Tier, ...]
    premium_share: Decimal | None  # percent of (final price − floor price)
    fixed: Mapping[str, Decimal]  # per unit kind, e.g. {"parking": 5000}
    stages: tuple[Stage, ...]

    def rate_at(self, achievement: Decimal | None) -> Decimal:
        """The rate for a period whose target achievement is `achievement` (percent)."""
        if not self.tiers:
            assert self.rate is not None
            return self.rate
        if achievement is None:
            raise AchievementMissing(f"rule version {self.version} is tiered by the period's achievement")
        for tier in self.tiers:
            if tier.from_percent <= achievement and (
                tier.to_percent is None or achievement < tier.to_percent
            ):
                return tier.rate
        return self.tiers[0].rate if achievement < self.tiers[0].from_percent else self.tiers[-1].rate


class AchievementMissing(ValueError):
    """A tiered rule needs the period's target achievement and none was given."""


@dataclass(frozen=True, slots=True)
class Settled:
    """What submitted statements settled for one deal and stage: the net amount and how it was earned."""

    amount: Decimal
    rule_id: uuid.UUID
    rule_version: int
    rate: Decimal
    unit_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class DraftLine:
    deal_id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    stage: str
    kind: LineKind
    rule_id: uuid.UUID
    rule_version: int
    base: Decimal
    rate: Decimal
    premium: Decimal
    fixed: Decimal
    amount: Decimal
    earned_on: date | None


def earned_on(deal: SettlementFacts, condition: StageCondition) -> date | None:
    """The day the stage's condition was met (None: not yet)."""
    if deal.contracted_on is None:
        return None
    match condition:
        case StageCondition.contracted:
            return deal.contracted_on
        case StageCondition.down_payment_received:
            return None if deal.down_payment_on is None else max(deal.contracted_on, deal.down_payment_on)
        case StageCondition.fully_paid_or_loan:
            reached = [d for d in (deal.fully_paid_on, deal.loan_disbursed_on) if d is not None]
            return None if not reached else max(deal.contracted_on, min(reached))
        case StageCondition.handed_over:
            return deal.handed_over_on


@dataclass(frozen=True, slots=True)
class Fee:
    base: Decimal
    premium: Decimal
    fixed: Decimal
    total: Decimal  # to the fen
    stages: dict[str, Decimal]  # the total split by the rule's stage shares


def fee_of(deal: SettlementFacts, rule: FeeRule, rate: Decimal) -> Fee:
    """The deal's whole fee under `rule` at `rate`, and its parts per stage (adding up to it)."""
    base = deal.final_price if rule.base is FeeBase.contracted_price else deal.received
    premium = ZERO
    if rule.premium_share and deal.floor_price is not None and deal.final_price > deal.floor_price:
        premium = (deal.final_price - deal.floor_price) * rule.premium_share / HUNDRED
    fixed = rule.fixed.get(deal.unit_kind, ZERO)
    total = fen(base * rate / HUNDRED + premium + fixed)
    parts = split(total, [s.share for s in rule.stages])
    return Fee(base, fen(premium), fixed, total, {s.name: p for s, p in zip(rule.stages, parts, strict=True)})


def rule_for(rules: Sequence[FeeRule], contracted_on: date) -> FeeRule | None:
    """The newest approved rule in effect on the contract date (rules sorted by effective date)."""
    chosen = None
    for rule in rules:
        if rule.effective_from <= contracted_on and (
            chosen is None or rule.effective_from >= chosen.effective_from
        ):
            chosen = rule
    return chosen


def draft_lines(
    deals: Iterable[SettlementFacts],
    rules: Sequence[FeeRule],
    settled: Mapping[tuple[uuid.UUID, str], Settled],
    achievement: Decimal | None,
) -> list[DraftLine]:
    """The lines a statement carries for deals as they stand now, given what is already settled."""
    by_id = {rule.id: rule for rule in rules}
    settled_stages: dict[uuid.UUID, set[str]] = {}
    for deal_id, name in settled:
        settled_stages.setdefault(deal_id, set()).add(name)
    lines: list[DraftLine] = []
    for deal in deals:
        if deal.contracted_on is None:
            continue
        cancelled = deal.cancelled_on is not None  # by the end of the period
        fresh = rule_for(rules, deal.contracted_on)
        stage_names = settled_stages.get(deal.id, set())
        rule_stages = list(fresh.stages) if fresh else []
        for name in sorted(stage_names - {s.name for s in rule_stages}):  # settled under an older rule
            rule_stages.append(Stage(name, ZERO, StageCondition.contracted))
        fees: dict[tuple[uuid.UUID, Decimal], Fee] = {}
        for stage in rule_stages:
            before = settled.get((deal.id, stage.name))
            rule = by_id.get(before.rule_id) if before else fresh
            if rule is None:
                continue
            if before is None and (cancelled or earned_on(deal, stage.condition) is None):
                continue
            rate = before.rate if before else rule.rate_at(achievement)
            if (rule.id, rate) not in fees:
                fees[(rule.id, rate)] = fee_of(deal, rule, rate)
            fee = fees[(rule.id, rate)]
            condition = next((s.condition for s in rule.stages if s.name == stage.name), stage.condition)
            due = not cancelled and earned_on(deal, condition) is not None
            target = fee.stages.get(stage.name, ZERO) if due else ZERO
            lines.extend(
                _lines(deal, rule, stage.name, fee, rate, target, before, earned_on(deal, condition))
            )
    return lines


def _lines(
    deal: SettlementFacts,
    rule: FeeRule,
    stage: str,
    fee: Fee,
    rate: Decimal,
    target: Decimal,
    before: Settled | None,
    on: date | None,
) -> list[DraftLine]:
    def line(
        kind: LineKind, amount: Decimal, unit_id: uuid.UUID, unit_code: str, version: Settled | None
    ) -> DraftLine:
        return DraftLine(
            deal_id=deal.id,
            unit_id=unit_id,
            unit_code=unit_code,
            stage=stage,
            kind=kind,
            rule_id=version.rule_id if version else rule.id,
            rule_version=version.rule_version if version else rule.version,
            base=fee.base,
            rate=rate,
            premium=fee.premium,
            fixed=fee.fixed,
            amount=amount,
            earned_on=on,
        )

    settled = before.amount if before else ZERO
    if target == settled:
        return []
    if before is None or settled == 0:
        return [line(LineKind.earned, target, deal.unit_id, deal.unit_code, before)]
    if target == 0:
        return [line(LineKind.clawback, -settled, before.unit_id, "", before)]
    if before.unit_id != deal.unit_id:
        return [
            line(LineKind.reversal, -settled, before.unit_id, "", before),
            line(LineKind.earned, target, deal.unit_id, deal.unit_code, before),
        ]
    return [line(LineKind.adjustment, target - settled, deal.unit_id, deal.unit_code, before)]
