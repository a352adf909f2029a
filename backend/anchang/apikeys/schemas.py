"""Bodies and answers of /api-keys."""

import uuid
from datetime import UTC, datetime

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from anchang.core.schemas import AwareTime, Record, RequestModel, ResponseModel
from anchang.core.scopes import SCOPES, unknown_scopes


class ApiKeyCreate(RequestModel):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field(min_length=1, max_length=len(SCOPES), description="e.g. `deals:read`")
    project_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=200, description="Only these projects; omitted: every project of its creator"
    )
    expires_at: AwareTime | None = None

    @field_validator("scopes")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = unknown_scopes(value)
        if unknown:
            raise PydanticCustomError(
                "unknown_scope",
                "unknown scope(s): {unknown}; a scope is <domain>:read or <domain>:write",
                {"unknown": ", ".join(unknown)},
            )
        return sorted(set(value))

    @field_validator("expires_at")
    @classmethod
    def _ahead(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= datetime.now(UTC):
            raise PydanticCustomError("time_in_past", "must be in the future")
        return value


class ApiKey(Record):
    """A key as lists show it: never its secret."""

    name: str
    prefix: str
    scopes: list[str]
    project_ids: list[uuid.UUID] | None
    created_by: uuid.UUID
    created_by_name: str | None = None
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKey):
    secret: str = Field(description="Shown this once: store it now; only its digest is kept")


class ScopeCatalog(ResponseModel):
    """The domains keys can be given scopes in, and every scope."""

    domains: list[str]
    scopes: list[str]
