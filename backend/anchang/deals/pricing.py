"""Deal price arithmetic, pure: list price → payment-method discount → further discounts → final price.

Intermediate figures stay exact (Decimal at high precision); the final price is rounded half-up to
the fen once. Who may grant a discount is decided here too, from the project's settings.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any, Literal

from anchang.core.roles import ProjectRole

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

DEFAULT_METHOD_DISCOUNTS: dict[str, Decimal] = {  # percent off the list price per payment method
    "full": Decimal("2"),
    "installment": Decimal("0"),
    "mortgage_commercial": Decimal("1"),
    "mortgage_provident": Decimal("1"),
    "mortgage_combined": Decimal("1"),
}
DEFAULT_AUTHORITY: dict[ProjectRole, Decimal] = {  # percent of further discount each role may grant
    ProjectRole.consultant: Decimal("0"),
    ProjectRole.supervisor: Decimal("1"),
    ProjectRole.site_manager: Decimal("2"),
    ProjectRole.project_manager: Decimal("3"),
}
AUTHORITY_LADDER = (
    ProjectRole.consultant,
    ProjectRole.supervisor,
    ProjectRole.site_manager,
    ProjectRole.project_manager,
)


@dataclass(frozen=True, slots=True)
class Discount:
    kind: Literal["percent", "amount"]
    value: Decimal  # percent (e.g. 1.5) or yuan
    reason: str


@dataclass(frozen=True, slots=True)
class PricedDiscount:
    kind: str
    value: Decimal
    reason: str
    amount: Decimal  # what it took off, exact (not rounded)


@dataclass(frozen=True, slots=True)
class Price:
    list_price: Decimal
    method_discount_rate: Decimal  # percent
    method_discount: Decimal  # yuan, exact
    after_method: Decimal  # exact
    discounts: tuple[PricedDiscount, ...]
    final_price: Decimal  # rounded half-up to the fen, once
    extra_discount_percent: Decimal  # further discounts as a percent of the price after the method's

    def shown_parts(self) -> tuple[Decimal, list[Decimal]]:
        """What the method's discount and each further discount take off, to the fen, such that the
        list price less all of them is the final price exactly (on quotes and the 认购书).

        Each part is the step between running prices rounded to the fen, so the parts add up; rounding
        each exact part on its own could leave the sum a fen off the final price.
        """
        method = _fen(self.list_price) - _fen(self.after_method)
        parts: list[Decimal] = []
        running = self.after_method
        for d in self.discounts:
            after = running - d.amount
            parts.append(_fen(running) - _fen(after))
            running = after
        return method, parts

    def discounts_json(self) -> list[dict[str, Any]]:
        _, parts = self.shown_parts()
        return [
            {"kind": d.kind, "value": str(d.value), "reason": d.reason, "amount": str(part)}
            for d, part in zip(self.discounts, parts, strict=True)
        ]


def _fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def price(list_price: Decimal, method_discount_rate: Decimal, discounts: list[Discount]) -> Price:
    """The deal's price. Percent discounts apply in turn to the running price; amounts come off it.

    Raises ValueError when the discounts would take the price below zero.
    """
    with localcontext(Context(prec=50)):
        method_discount = list_price * method_discount_rate / HUNDRED
        running = list_price - method_discount
        after_method = running
        priced: list[PricedDiscount] = []
        for d in discounts:
            off = running * d.value / HUNDRED if d.kind == "percent" else d.value
            running -= off
            priced.append(PricedDiscount(d.kind, d.value, d.reason, off))
        if running < 0:
            raise ValueError("the discounts exceed the price")
        final = _fen(running)
        extra = ZERO if after_method == 0 else (after_method - final) * HUNDRED / after_method
        extra = extra.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return Price(list_price, method_discount_rate, method_discount, after_method, tuple(priced), final, extra)


def method_discount_rate(settings: dict[str, Any] | None, method: str) -> Decimal:
    """The project's standard discount (percent) for a payment method (`deal_method_discounts`)."""
    configured = (settings or {}).get("deal_method_discounts") or {}
    value = configured.get(method) if isinstance(configured, dict) else None
    parsed = _percent(value)
    return parsed if parsed is not None else DEFAULT_METHOD_DISCOUNTS.get(method, ZERO)


def authority(settings: dict[str, Any] | None, role: ProjectRole | None) -> Decimal:
    """The further discount (percent) `role` may grant on its own (`deal_discount_authority`)."""
    if role is None or (role not in DEFAULT_AUTHORITY and role is not ProjectRole.admin):
        return ZERO
    if role is ProjectRole.admin:
        role = ProjectRole.project_manager
    configured = (settings or {}).get("deal_discount_authority") or {}
    value = configured.get(role.value) if isinstance(configured, dict) else None
    parsed = _percent(value)
    return parsed if parsed is not None else DEFAULT_AUTHORITY[role]


def approver_for(
    settings: dict[str, Any] | None,
    role: ProjectRole | None,
    extra_percent: Decimal,
    *,
    below_floor: bool,
) -> ProjectRole | None:
    """None when `role` may grant the discount itself; else the role that must approve it.

    Below the floor price only the developer's rep may; beyond every sales role's authority too.
    """
    if below_floor:
        return ProjectRole.developer_rep
    if extra_percent <= authority(settings, role):
        return None
    for candidate in AUTHORITY_LADDER:
        if extra_percent <= authority(settings, candidate):
            return candidate
    return ProjectRole.developer_rep


def _percent(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        parsed = Decimal(str(value))
    except ArithmeticError:
        return None
    if not parsed.is_finite() or parsed < 0 or parsed > HUNDRED:
        return None
    return parsed
