"""Every domain's tables, imported so that Alembic and the schema test see the whole metadata."""

from anchang.auth import models as auth_models
from anchang.core import audit, idempotency
from anchang.core.models import Base
from anchang.org import models as org_models

metadata = Base.metadata

__all__ = ["audit", "auth_models", "idempotency", "metadata", "org_models"]
