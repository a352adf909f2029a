"""Who may read and decide approval requests: the row rule's role sets and the allowed actions.

The `/approvals/{approval_id}` routes declare the roles (`entity_role` in core/access.py); the
repository applies the row rule to the inbox and to every read by id; responses carry
`allowed_actions` computed here, and `decide` checks the same `may_decide`, so the buttons a client
shows and what the server accepts never disagree.
"""

from anchang.approvals.models import Approval, ApprovalStatus
from anchang.core.reader import Row
from anchang.core.roles import SALES_RANK, ProjectRole

# A consultant reads the requests they made; every other role every request of their projects.
# (`admin` is left out: org admins read everything anyway, and a stored admin membership of someone
# no longer an org admin counts for nothing.)
APPROVAL_OVERSEERS = frozenset(ProjectRole) - {ProjectRole.consultant, ProjectRole.admin}

# What a summary may say that tells where the floor price lies: kept from whoever may not know it.
FLOOR_SECRETS = frozenset({"below_floor", "floor_price", "below_floor_count"})

# The roles that may decide some request: which one a given request needs is `may_decide`'s to say.
DECIDERS = frozenset(ProjectRole) - {ProjectRole.consultant}


def may_decide(role: ProjectRole | None, required: ProjectRole) -> bool:
    """The required role or a higher one of the sales line; a developer's say is the developer rep's."""
    if role is None or role is ProjectRole.consultant:
        return False
    if role is required:
        return True
    if required in SALES_RANK and role in SALES_RANK:
        return SALES_RANK[role] >= SALES_RANK[required]
    return False


def approval_actions(approval: Approval | Row, role: ProjectRole | None) -> list[str]:
    """What a caller acting in `role` in the request's project may do with it: approve or reject it
    while it is pending and their role suffices. (The role, not a ProjectAccess: the inbox spans
    projects and nothing else of the project matters.)"""
    if approval.status is ApprovalStatus.pending and may_decide(role, approval.required_role):
        return ["approve", "reject"]
    return []
