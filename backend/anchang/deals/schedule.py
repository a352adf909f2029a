"""The payment schedule (应收), pure: lines whose amounts add up to the final price exactly, to the fen.

Work is in whole fen (integers); a split uses the largest remainder, so parts always sum to the whole.
"""

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

FEN = Decimal("0.01")

DEFAULT_DOWN_PAYMENT: dict[str, Decimal] = {  # share of the final price paid before the rest (percent)
    "full": Decimal("100"),
    "installment": Decimal("30"),
    "mortgage_commercial": Decimal("30"),
    "mortgage_provident": Decimal("20"),
    "mortgage_combined": Decimal("30"),
}


@dataclass(frozen=True, slots=True)
class ScheduleTerms:
    down_payment_percent: Decimal
    down_payment_days: int = 7  # after subscription
    instalments: int = 3  # installment method: the rest in this many parts…
    instalment_months: int = 3  # …this many months apart, the first this long after the down payment
    mortgage_days: int = 60  # mortgage disbursement expected this long after subscription


@dataclass(frozen=True, slots=True)
class Line:
    kind: str
    due_on: date
    amount: Decimal


def to_fen(amount: Decimal) -> int:
    return int((amount / FEN).to_integral_value(rounding=ROUND_HALF_UP))


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) * FEN).quantize(FEN)


def split(total_fen: int, weights: list[Decimal]) -> list[int]:
    """`total_fen` split in proportion to `weights` by the largest remainder: parts sum to the total."""
    if total_fen < 0:
        raise ValueError("cannot split a negative amount")
    if not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    fractions = [Fraction(w) for w in weights]  # exact: no rounding anywhere in the split
    whole = sum(fractions)
    exact = [total_fen * w / whole for w in fractions]
    parts = [math.floor(e) for e in exact]
    short = total_fen - sum(parts)  # 0 ≤ short < len(weights)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[:short]:
        parts[i] += 1
    return parts


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def generate(
    final_price: Decimal, deposit: Decimal, method: str, subscribed_on: date, terms: ScheduleTerms
) -> list[Line]:
    """Deposit, down payment, then instalments or the mortgage disbursement (or the balance for `full`).

    Zero lines are left out; the amounts add up to `final_price` exactly.
    """
    total = to_fen(final_price)
    deposit_fen = to_fen(deposit)
    if not 0 <= deposit_fen <= total:
        raise ValueError("the deposit must be between zero and the final price")
    lines: list[Line] = []
    if deposit_fen:
        lines.append(Line("deposit", subscribed_on, from_fen(deposit_fen)))
    down_due = subscribed_on + timedelta(days=terms.down_payment_days)
    if method == "full":
        rest = total - deposit_fen
        if rest:
            lines.append(Line("balance", down_due, from_fen(rest)))
        return lines
    percent = min(max(terms.down_payment_percent, Decimal(0)), Decimal(100))
    down_total = split(total, [percent, Decimal(100) - percent])[0] if percent < 100 else total
    down = max(down_total - deposit_fen, 0)
    if down:
        lines.append(Line("down_payment", down_due, from_fen(down)))
    rest = total - deposit_fen - down
    if not rest:
        return lines
    if method == "installment":
        n = max(terms.instalments, 1)
        for i, part in enumerate(split(rest, [Decimal(1)] * n), start=1):
            if part:
                due = add_months(down_due, terms.instalment_months * i)
                lines.append(Line("instalment", due, from_fen(part)))
    else:
        lines.append(Line("mortgage", subscribed_on + timedelta(days=terms.mortgage_days), from_fen(rest)))
    return lines


def terms_of(settings: dict[str, Any] | None, method: str) -> ScheduleTerms:
    """The project's schedule terms (`deal_down_payment_percent` per method, `deal_instalments`, …)."""
    s = settings or {}

    def _int(key: str, default: int, low: int, high: int) -> int:
        value = s.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            return default
        return max(low, min(high, value))

    configured = s.get("deal_down_payment_percent") or {}
    percent = DEFAULT_DOWN_PAYMENT.get(method, Decimal(30))
    raw = configured.get(method) if isinstance(configured, dict) else None
    if raw is not None and not isinstance(raw, bool):
        try:
            value = Decimal(str(raw))
            if value.is_finite() and 0 <= value <= 100:
                percent = value
        except ArithmeticError:
            pass
    return ScheduleTerms(
        down_payment_percent=percent,
        down_payment_days=_int("deal_down_payment_days", 7, 0, 365),
        instalments=_int("deal_instalments", 3, 1, 120),
        instalment_months=_int("deal_instalment_months", 3, 1, 24),
        mortgage_days=_int("deal_mortgage_days", 60, 0, 730),
    )
