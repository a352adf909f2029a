"""Who sees a complaint, who handles it at each level of the ladder, and what a caller may do with it.

The ladder: 1 supervisor (销售主管) → 2 site manager (案场经理) → 3 project manager (项目经理) →
4 developer's rep (甲方代表). Internal complaints stop at the project manager. A caller handles a
complaint (acknowledge, start, resolve, close, reopen, rating link) when they are its assignee or their
own level is the complaint's or higher; anyone who may read it may comment while it is not closed.
Responses carry `allowed_actions` from `complaint_actions`, and every action checks the same function,
so the buttons an app shows and what the server accepts never disagree.
"""

from datetime import datetime, timedelta
from typing import Any

from anchang.complaints.models import Complaint, ComplaintSource, ComplaintStatus
from anchang.core.reader import Row
from anchang.core.roles import ProjectRole

LEVEL_ROLES = {
    1: ProjectRole.supervisor,
    2: ProjectRole.site_manager,
    3: ProjectRole.project_manager,
    4: ProjectRole.developer_rep,
}
# The level a role works at; admins act at the top.
ROLE_LEVELS = {role: level for level, role in LEVEL_ROLES.items()} | {ProjectRole.admin: 4}

# Roles that read every complaint of their projects.
OVERSEERS = frozenset({ProjectRole.supervisor, ProjectRole.site_manager, ProjectRole.project_manager})

OPEN_STATES = frozenset({ComplaintStatus.open, ComplaintStatus.acknowledged, ComplaintStatus.in_progress})


def top_level(source: ComplaintSource | str) -> int:
    """Internal complaints stop at the project manager; a customer's goes up to the developer's rep."""
    return 3 if source == ComplaintSource.internal else 4


def caller_level(role: ProjectRole | None) -> int:
    return ROLE_LEVELS.get(role, 0) if role is not None else 0


def handles(complaint: Complaint | Row, role: ProjectRole | None, user_id: Any) -> bool:
    """Whether the caller works the complaint: its assignee, or at its level of the ladder or above."""
    return complaint.assignee_id == user_id or (
        caller_level(role) >= complaint.level and caller_level(role) > 0
    )


def may_reopen(complaint: Complaint | Row, now: datetime, reopen_days: int) -> bool:
    settled = complaint.closed_at or complaint.resolved_at
    return settled is not None and now - settled <= timedelta(days=reopen_days)


def complaint_actions(
    complaint: Complaint | Row, role: ProjectRole | None, user_id: Any, now: datetime, reopen_days: int
) -> list[str]:
    """What the caller may do with a complaint they may read, now."""
    status = complaint.status
    if status is ComplaintStatus.closed:
        works = handles(complaint, role, user_id)
        return ["reopen"] if works and may_reopen(complaint, now, reopen_days) else []
    actions = ["comment"]
    if not handles(complaint, role, user_id):
        return actions
    waiting = complaint.remedy_approval_id is not None
    if status is ComplaintStatus.open:
        actions.append("acknowledge")
    if status is ComplaintStatus.acknowledged:
        actions.append("start")
    if status in OPEN_STATES and not waiting:
        actions.append("resolve")
        if complaint.level < top_level(complaint.source) and caller_level(role) >= complaint.level:
            actions.append("escalate")
    if status is ComplaintStatus.resolved:
        actions.append("close")
        if may_reopen(complaint, now, reopen_days):
            actions.append("reopen")
        if complaint.satisfaction is None and complaint.source is ComplaintSource.customer:
            actions.append("rating_link")
    return actions
