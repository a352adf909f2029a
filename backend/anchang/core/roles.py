"""The roles a user holds in a project, and what each may see."""

from enum import StrEnum


class ProjectRole(StrEnum):
    admin = "admin"  # 管理员
    project_manager = "project_manager"  # 项目经理
    site_manager = "site_manager"  # 案场经理
    supervisor = "supervisor"  # 销售主管
    consultant = "consultant"  # 置业顾问
    finance = "finance"  # 财务
    developer_rep = "developer_rep"  # 甲方代表


# The sales line of authority: a higher rank approves what a lower one cannot (discounts, holds…).
SALES_RANK: dict[ProjectRole, int] = {
    ProjectRole.consultant: 1,
    ProjectRole.supervisor: 2,
    ProjectRole.site_manager: 3,
    ProjectRole.project_manager: 4,
    ProjectRole.admin: 5,
}

MANAGEMENT = frozenset({ProjectRole.admin, ProjectRole.project_manager, ProjectRole.site_manager})
SUPERVISORS_AND_ABOVE = MANAGEMENT | {ProjectRole.supervisor}


def sees_floor_price(role: ProjectRole | None) -> bool:
    """Consultants never see floor prices (底价), nor anything that gives one away (whether a price is
    below it, or that a request needs the developer's approval); every other role of the project does."""
    return role is not None and role is not ProjectRole.consultant


def at_least(role: ProjectRole) -> frozenset[ProjectRole]:
    """The roles of the sales line whose rank is `role`'s or higher."""
    return frozenset(r for r, rank in SALES_RANK.items() if rank >= SALES_RANK[role])
