"""Refresh tokens (stored as digests, rotated in families) and login attempts (for throttling)."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.models import Base, OrganizationOwned, RecordMixin


class RefreshToken(OrganizationOwned, RecordMixin, Base):
    """One refresh token of a login; a login's tokens share a family, revoked together on reuse."""

    __tablename__ = "refresh_tokens"

    # A cascade on purpose: a login's tokens are part of the user's own record, nothing of the business.
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    family_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    token_digest: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """A login attempt by e-mail and source address, kept to throttle guessing; not tenant data (the
    e-mail may be unknown)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_source_at", "source", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    # The client's address as the server saw it (behind a trusted proxy, X-Forwarded-For's).
    source: Mapped[str] = mapped_column(String(64), nullable=False, server_default="")
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
