"""Tenants and who works where: organizations, users, developers (甲方), projects (楼盘), members."""

import enum
import uuid
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.membership import ProjectMember as ProjectMember  # org manages it; core scopes by it
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class MemberGrade(enum.StrEnum):
    """A consultant's grade (定级) in a project, which sets their commission rate; stored on the
    membership (`project_members.grade`), none counting as a trainee."""

    trainee = "trainee"  # 见习
    junior = "junior"  # 初级
    mid = "mid"  # 中级
    senior = "senior"  # 高级


class Organization(Audited, RecordMixin, Base):
    """The tenant: a sales agency, or a developer's own sales company."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)


class User(Audited, OrganizationOwned, RecordMixin, Base):
    __tablename__ = "users"
    __audit_hidden__ = frozenset({"password_hash"})
    # E-mail is the login, unique across all organizations, compared case-insensitively.
    __table_args__ = (Index("uq_users_email_lower", text("lower(email)"), unique=True),)

    email: Mapped[str] = mapped_column(String(254), nullable=False)
    full_name: Mapped[str] = mapped_column(String(100), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default="false")
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="true")


class Developer(Audited, OrganizationOwned, RecordMixin, Base):
    """A developer (甲方, 发展商) the organization sells for."""

    __tablename__ = "developers"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(32))


class Project(Audited, OrganizationOwned, RecordMixin, Base):
    """A real-estate project (楼盘) with its own sales office."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)
    __project_key__ = "id"

    developer_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("developers.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    city: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Asia/Shanghai")
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="true")
    # Per-project rules other domains read (protection days, reservation minutes, discount authority…).
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict, server_default="{}")
