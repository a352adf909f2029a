"""The membership table: a user's role in one project.

It lives in core because every scoped read rests on it (`core/repository.py` restricts non-admins
to the projects they are members of); the org domain creates, changes and removes memberships.
"""

import uuid

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Select, String, UniqueConstraint, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal


class ProjectMember(Audited, OrganizationOwned, RecordMixin, Base):
    """A user's role in one project; the same user may hold another role elsewhere."""

    __tablename__ = "project_members"
    __table_args__ = (
        UniqueConstraint("project_id", "user_id"),
        CheckConstraint("grade IN ('trainee', 'junior', 'mid', 'senior')", name="grade"),
    )

    # Cascades kept on purpose: a membership is the link itself, nothing of the business; it goes with
    # its user or project (business rows refer to both with RESTRICT).
    project_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    role: Mapped[ProjectRole] = mapped_column(
        Enum(ProjectRole, name="project_role", values_callable=lambda e: [m.value for m in e]), nullable=False
    )
    # 定级: the consultant's grade, which sets their commission rate (org.models.MemberGrade); none
    # counts as a trainee. Set by hand until a later issue grades from measured results.
    grade: Mapped[str | None] = mapped_column(String(16))
    # A consultant's team (班组) is their supervisor: a user who is a supervisor of the same project
    # (checked on write by the org domain; cleared when that supervisor leaves the role or the project).
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


def member_project_ids(principal: Principal) -> Select[uuid.UUID]:
    """The projects `principal` is a member of, as a subquery."""
    return select(ProjectMember.project_id).where(ProjectMember.user_id == principal.user_id)


def projects_where_role(principal: Principal, roles: frozenset[ProjectRole]) -> Select[uuid.UUID]:
    """The projects in which `principal` holds one of `roles`, as a subquery for row rules."""
    return select(ProjectMember.project_id).where(
        ProjectMember.user_id == principal.user_id, ProjectMember.role.in_(sorted(roles))
    )
