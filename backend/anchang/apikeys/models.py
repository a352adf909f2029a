"""The table of API keys: who made each, what it may do, and its secret's digest (never the secret)."""

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from anchang.core.audit import Audited
from anchang.core.models import Base, OrganizationOwned, RecordMixin


class ApiKey(RecordMixin, OrganizationOwned, Audited, Base):
    """A key an integration calls the API with, acting as its creator within its scopes and projects."""

    __tablename__ = "api_keys"
    __audit_hidden__ = frozenset({"secret_digest"})

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    # The secret's first characters, shown in lists so a person can tell which key a client holds.
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    secret_digest: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(40)), nullable=False)
    project_ids: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(UUID(as_uuid=True)))
    created_by: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
