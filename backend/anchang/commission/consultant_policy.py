"""Who moves a consultant's monthly statement, and what it allows in its state: supervisors and up
submit a draft, a site or project manager approves it, finance pays it. Responses carry
`allowed_actions` from `statement_actions`, and the routes declare the same role sets."""

from typing import Any

from anchang.commission.models import CommissionStatementStatus as Status
from anchang.core.roles import SUPERVISORS_AND_ABOVE, ProjectRole

R = ProjectRole
SUBMITTERS = SUPERVISORS_AND_ABOVE
APPROVERS = frozenset({R.admin, R.project_manager, R.site_manager})
PAYERS = frozenset({R.admin, R.finance})

_BY_STATE: dict[Status, tuple[tuple[str, frozenset[ProjectRole]], ...]] = {
    Status.draft: (("submit", SUBMITTERS),),
    Status.submitted: (("approve", APPROVERS),),
    Status.approved: (("pay", PAYERS),),
    Status.paid: (),
}


def statement_actions(statement: Any, role: ProjectRole | None) -> list[str]:
    """What a caller acting in `role` may do with the statement now."""
    return [action for action, roles in _BY_STATE[Status(statement["status"])] if role in roles]
