"""Who may read and do what with deals: the role sets, the row rule and the allowed actions.

Routes declare the roles (`project_role`, `entity_role` in core/access.py); the repositories apply the
row rule to every list and read by id — a deal's payments, schedule, mortgage and notes are reached
through their deal; responses carry `allowed_actions` computed here, and the services check the same
functions, so clients show the buttons the server would accept.
"""

from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement

from anchang.core.access import ProjectAccess
from anchang.core.errors import Forbidden
from anchang.core.reader import Row
from anchang.core.repository import own_or_overseen
from anchang.core.roles import ProjectRole, at_least, sees_floor_price
from anchang.core.security import Principal
from anchang.deals import transitions
from anchang.deals.models import Deal, DealStatus, MortgageStage

SELLERS = at_least(ProjectRole.consultant)  # subscribe, quote, contract, hand over, change, cancel
COLLECTORS = SELLERS | {ProjectRole.finance}  # receive money, note collections, run the mortgage
SUPERVISORS_AND_FINANCE = at_least(ProjectRole.supervisor) | {ProjectRole.finance}  # reverse a payment

# A consultant reads the deals they made; everyone above a consultant, finance and developer reps read
# every deal of their projects.
DEAL_OVERSEERS = frozenset(ProjectRole) - {ProjectRole.consultant}

ACTION_ROLES: dict[str, frozenset[ProjectRole]] = {
    "contract": SELLERS,
    "handover": SELLERS,
    "cancel": SELLERS,
    "change_unit": SELLERS,
    "change_buyers": SELLERS,
    "edit_schedule": SELLERS,
    "record_payment": COLLECTORS,
    "reverse_payment": SUPERVISORS_AND_FINANCE,
    "add_collection_note": COLLECTORS,
    "start_mortgage": COLLECTORS,
    "advance_mortgage": COLLECTORS,
}
"""The roles that may take each action on a deal they can read, named as the API names it."""


def deal_row_rule(principal: Principal, consultant: Any, project: Any) -> ColumnElement[bool] | None:
    """The deals (or rows of a deal) the caller may read: `consultant` is the deal's consultant column
    (or an expression giving it), `project` the row's project column."""
    return own_or_overseen(principal, consultant, project, DEAL_OVERSEERS)


NEUTRAL_APPROVER = "approval"
"""What a caller who may not know the floor price is told instead of the approving role."""


def knows_floor(access: ProjectAccess) -> bool:
    """Whether the caller may learn where the floor price lies: not a consultant (core.roles' rule, the
    one that gives them the `…Public` units). Whoever may not is never told that a price is below the
    floor, nor the approving role a discount needs (below the floor it is the developer's rep, which
    would say as much): only that an approval is needed."""
    return sees_floor_price(access.role)


def shown_below_floor(below_floor: bool, access: ProjectAccess) -> bool | None:
    """`below_floor` as the caller may see it: null for whoever may not know the floor price."""
    return below_floor if knows_floor(access) else None


def shown_approver(approver: ProjectRole | None, access: ProjectAccess) -> str | None:
    """The role an approval needs as the caller may see it: `"approval"` for whoever may not know the
    floor price (an approval is needed, not whose), None when none is needed."""
    if approver is None:
        return None
    return approver.value if knows_floor(access) else NEUTRAL_APPROVER


FLOOR_KEYS = frozenset({"below_floor"})


def shown_payload(payload: dict[str, Any], access: ProjectAccess) -> dict[str, Any]:
    """An operation's payload or a timeline event's data as the caller may see it: without
    `below_floor` for whoever may not know the floor price."""
    if knows_floor(access) or not FLOOR_KEYS & payload.keys():
        return payload
    return {k: v for k, v in payload.items() if k not in FLOOR_KEYS}


def may(action: str, access: ProjectAccess) -> bool:
    """Whether the caller's role allows `action` on a deal they can read."""
    return access.allows(ACTION_ROLES[action])


def check(action: str, deal: Deal, access: ProjectAccess) -> None:
    """What a service checks before `action`: the role (403), then the deal's status (409)."""
    if not may(action, access):
        raise Forbidden("Your role in this project does not allow this")
    transitions.expect_status(deal, action)


def deal_actions(
    deal: Deal | Row, access: ProjectAccess, *, pending: bool, mortgage: MortgageStage | None
) -> list[str]:
    """What the caller may do with a deal they can read now: by role, status, whether an operation waits
    for an approval (`pending`) and the stage of its mortgage (None: it has none)."""
    return list(_actions(access.role, deal.status, deal.payment_method.is_mortgage, pending, mortgage))


@lru_cache(maxsize=1024)
def _actions(
    role: ProjectRole | None,
    status: DealStatus,
    is_mortgage: bool,
    pending: bool,
    mortgage: MortgageStage | None,
) -> tuple[str, ...]:
    # A pure function of a few small values, asked for every row of every list: computed once each.
    actions = []
    for action, roles in ACTION_ROLES.items():
        if role not in roles or not transitions.starts_from(action, status):
            continue
        if pending and action in transitions.WAITS_FOR_PENDING:
            continue
        if action == "start_mortgage" and (not is_mortgage or mortgage is not None):
            continue
        if action == "advance_mortgage" and (mortgage is None or not transitions.MORTGAGE_NEXT[mortgage]):
            continue
        actions.append(action)
    return tuple(actions)
