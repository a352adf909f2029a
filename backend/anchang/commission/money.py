"""Money arithmetic of settlements: amounts are `Decimal`, rounded half-up to the fen once per line, and
a whole split into parts (stages of a fee, consultants sharing a deal) by the largest remainder, so the
parts always add up to the whole."""

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


def fen(amount: Decimal) -> Decimal:
    """Rounded half-up to the fen (分)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def split(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (in fen) split in proportion to `weights` by the largest remainder: each part is rounded
    down to the fen, and the fen left over go one by one to the parts that lost the most (ties to the
    earlier part), so the parts add up to exactly `total`. Negative totals split as their opposite."""
    if not weights:
        return []
    if total < 0:
        return [-part for part in split(-total, weights)]
    whole = sum(weights, Decimal(0))
    if whole <= 0:
        raise ValueError("weights must add up to more than zero")
    exact = [total * w / whole for w in weights]
    parts = [e.quantize(FEN, rounding=ROUND_DOWN) for e in exact]
    left = int((total - sum(parts, ZERO)) / FEN)
    by_loss = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_loss[:left]:
        parts[i] += FEN
    return parts
