"""Per-request context that logs and audit rows read without threading it through every call."""

import uuid
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
actor_id_var: ContextVar[uuid.UUID | None] = ContextVar("actor_id", default=None)
organization_id_var: ContextVar[uuid.UUID | None] = ContextVar("organization_id", default=None)
api_key_id_var: ContextVar[uuid.UUID | None] = ContextVar("api_key_id", default=None)
