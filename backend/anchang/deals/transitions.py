"""The state rules of deals, pure: from which statuses each operation may start, which operations wait
for a pending approval to be decided, and how a mortgage moves on.

`policy.py` combines these with the caller's role into `allowed_actions`; the services check the same
tables before they change anything, so a button a client shows is one the server accepts.
"""

from anchang.deals.errors import DealStatusConflict
from anchang.deals.models import Deal, DealStatus, MortgageStage

S = DealStatus

LIVE = frozenset({S.pending_approval, S.subscribed, S.contracted})
"""A deal that still holds its unit and still expects money."""
HOLDS_BUYERS = LIVE | {S.handed_over}
"""A deal whose buyers keep their `subscribed`/`contracted` stage."""
_CHANGEABLE = frozenset({S.subscribed, S.contracted})
_TAKES_MONEY = frozenset({S.pending_approval, S.subscribed, S.contracted, S.handed_over})

STARTS_FROM: dict[str, frozenset[DealStatus]] = {
    "contract": frozenset({S.subscribed}),
    "handover": frozenset({S.contracted}),
    "cancel": _CHANGEABLE,
    "change_unit": _CHANGEABLE,
    "change_buyers": _CHANGEABLE,
    "edit_schedule": _CHANGEABLE,
    "record_payment": _TAKES_MONEY,
    "reverse_payment": _TAKES_MONEY,
    "add_collection_note": frozenset(DealStatus),
    "start_mortgage": _CHANGEABLE,
    "advance_mortgage": frozenset(DealStatus),
    "disburse_mortgage": _CHANGEABLE,  # the loan paid in: a payment on the schedule
}
"""The statuses each operation starts from, named as the API names the operation."""

WAITS_FOR_PENDING = frozenset(
    {"contract", "handover", "cancel", "change_unit", "change_buyers", "edit_schedule"}
)
"""One such operation at a time: contracting or handing over under a pending cancellation or change of
unit would leave that approval nothing sensible to do. Payments and the mortgage go on meanwhile."""

MORTGAGE_NEXT: dict[MortgageStage, frozenset[MortgageStage]] = {
    MortgageStage.documents_collected: frozenset({MortgageStage.submitted, MortgageStage.rejected}),
    MortgageStage.submitted: frozenset({MortgageStage.approved, MortgageStage.rejected}),
    MortgageStage.approved: frozenset({MortgageStage.disbursed, MortgageStage.rejected}),
    MortgageStage.rejected: frozenset({MortgageStage.submitted}),
    MortgageStage.disbursed: frozenset(),
}


def starts_from(action: str, status: DealStatus) -> bool:
    """Whether `action` may start from a deal in `status`."""
    return status in STARTS_FROM[action]


def expect_status(deal: Deal, action: str) -> None:
    """409 `deal_status_conflict` unless `action` may start from the deal's status."""
    if not starts_from(action, deal.status):
        allowed = sorted(s.value for s in STARTS_FROM[action])
        raise DealStatusConflict(
            f"The deal is {deal.status.value}; this needs {' or '.join(allowed)}",
            deal_status=deal.status.value,
        )
