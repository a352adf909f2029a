"""Who reads and changes targets, and what a plan allows in its state. The routes declare the same role
sets; plans and rows carry `allowed_actions` computed here, so a client's buttons are what the server
accepts."""

from anchang.core.roles import ProjectRole
from anchang.targets.models import PlanStatus

R = ProjectRole
READERS = frozenset(ProjectRole)  # a consultant reads the project's row and their own only
# Who reads every row of a plan (the row rule of `TargetRowRepository`).
OVERSEERS = READERS - {R.consultant}
WRITERS = frozenset({R.admin, R.project_manager, R.site_manager, R.supervisor})
APPROVERS = frozenset({R.admin, R.project_manager})

EDITABLE = frozenset({PlanStatus.draft, PlanStatus.returned})

_BY_STATE: dict[PlanStatus, tuple[tuple[str, frozenset[ProjectRole]], ...]] = {
    PlanStatus.draft: (("edit", WRITERS), ("split", WRITERS), ("submit", WRITERS)),
    PlanStatus.returned: (("edit", WRITERS), ("split", WRITERS), ("submit", WRITERS)),
    PlanStatus.submitted: (("approve", APPROVERS), ("return", APPROVERS)),
    PlanStatus.approved: (),
}


def plan_actions(status: PlanStatus, role: ProjectRole | None) -> list[str]:
    """What a caller acting in `role` may do with a plan in `status`."""
    return [action for action, roles in _BY_STATE[status] if role in roles]


def row_actions(status: PlanStatus, role: ProjectRole | None) -> list[str]:
    """What a caller may do with one row of a plan in `status`: edit it while the plan is a draft."""
    return ["edit"] if status in EDITABLE and role in WRITERS else []


def sees_every_row(role: ProjectRole | None) -> bool:
    """Everybody but a consultant reads the teams' and colleagues' rows and the mismatches."""
    return role in OVERSEERS
