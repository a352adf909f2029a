"""Who may plan the roster, run the rotation and change a roster entry.

Routes declare the roles (`project_role`, `entity_role` in core/access.py); the one rule that depends
on the entry itself (a consultant's own break) is `may_update_roster_entry`, which the service checks.
"""

from anchang.core.access import ProjectAccess
from anchang.core.roles import SUPERVISORS_AND_ABOVE, ProjectRole, at_least
from anchang.reception.models import DutyStatus, RosterEntry

# Plan a day's roster, give out walk-ins, and mark anyone absent, on a break or back.
ROSTER_PLANNERS = SUPERVISORS_AND_ABOVE
# Change a roster entry at all: the planners, and consultants (their own break, below).
ROSTER_ENTRY_EDITORS = at_least(ProjectRole.consultant)


def may_update_roster_entry(entry: RosterEntry, status: DutyStatus, access: ProjectAccess) -> bool:
    """Planners change any entry; anyone may go on a break and come back, but an absence is the
    planners' to set and to end."""
    if access.allows(ROSTER_PLANNERS):
        return True
    own = entry.user_id == access.principal.user_id
    return own and DutyStatus.absent not in (entry.status, status)
