"""Who may read and do what in inventory (销控): the role sets, the row rules and the allowed actions.

Routes declare the roles (`project_role`, `entity_role` in core/access.py); the repository applies the
row rules to every list and read by id; responses carry `allowed_actions` computed here, so clients
show the buttons the server would accept.
"""

from functools import lru_cache

from anchang.core.access import ProjectAccess
from anchang.core.errors import Forbidden
from anchang.core.reader import Row
from anchang.core.roles import ProjectRole, at_least
from anchang.inventory import transitions
from anchang.inventory.models import Reservation, ReservationStatus, UnitStatus

MANAGERS = frozenset({ProjectRole.admin, ProjectRole.project_manager})
HOLDERS = at_least(ProjectRole.site_manager)  # 销控保留: hold and release units
RESERVERS = at_least(ProjectRole.consultant)
SUPERVISORS = at_least(ProjectRole.supervisor)
PROPOSERS = at_least(ProjectRole.site_manager)  # propose a price list version

# Who may do what with a unit they can read, by the action's name in the API; any member reads units.
UNIT_ACTION_ROLES: dict[str, frozenset[ProjectRole]] = {
    "edit": MANAGERS,  # PATCH /units/{unit_id}
    "hold": HOLDERS,
    "unhold": HOLDERS,
    "reserve": RESERVERS,  # POST /units/{unit_id}/reservations
}

# A consultant reads their own reservations; supervisors and above read everyone's in their projects.
RESERVATION_OVERSEERS = SUPERVISORS


def may_cancel_reservation(reservation: Reservation | Row, access: ProjectAccess) -> bool:
    """Its consultant, or a supervisor and above."""
    return reservation.consultant_id == access.principal.user_id or access.allows(SUPERVISORS)


def reservation_actions(reservation: Reservation | Row, access: ProjectAccess) -> list[str]:
    """What the caller may do with a reservation they can read: cancel it while it is live."""
    live = reservation.status is ReservationStatus.active
    return ["cancel"] if live and may_cancel_reservation(reservation, access) else []


def unit_actions(status: UnitStatus, access: ProjectAccess) -> list[str]:
    """What the caller may do with a unit in `status` (as in effect now): their role allows it and,
    for a status change, the unit's status does (`transitions.UNIT_MOVES`)."""
    return list(_unit_actions(status, access.role))


@lru_cache(maxsize=256)
def _unit_actions(status: UnitStatus, role: ProjectRole | None) -> tuple[str, ...]:
    # Per role and status, not per unit: a list of units asks this for every row.
    return tuple(
        action
        for action, roles in UNIT_ACTION_ROLES.items()
        if role is not None
        and role in roles
        and (action not in transitions.UNIT_MOVES or transitions.can_move(action, status))
    )


def require_unit_action(action: str, access: ProjectAccess) -> None:
    """403 unless the caller's role allows `action` on units (the unit's status is the move's own check)."""
    if not access.allows(UNIT_ACTION_ROLES[action]):
        raise Forbidden("Your role in this project does not allow this")


# 去化率: the sales line from supervisor up, finance, and the developer's rep, whose sales they are.
ABSORPTION_READERS = SUPERVISORS | {ProjectRole.finance, ProjectRole.developer_rep}
