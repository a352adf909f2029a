"""Request and response bodies of the feed and the webhooks."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from anchang.core.schemas import Record, RequestModel, ResponseModel
from anchang.integrations.models import DeliveryStatus
from anchang.integrations.registry import TEST, is_known


def _known_type(value: str) -> str:
    if not is_known(value) or value == TEST:
        raise PydanticCustomError("unknown_event_type", "unknown event type {value}", {"value": value})
    return value


EventTypeName = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_known_type)]


class Event(BaseModel):
    """One change, as the feed and the webhooks send it."""

    id: uuid.UUID = Field(description="Stable: a webhook's `webhook-id` is this id")
    sequence: int = Field(description="The organization's order of commits; the feed's `after` cursor")
    type: str
    object_type: str
    object_id: uuid.UUID
    project_id: uuid.UUID | None
    occurred_at: datetime
    data: dict[str, Any] = Field(description="The object's new state")


class EventFeed(BaseModel):
    items: list[Event]
    next_after: int = Field(
        description="Pass as `after` for the next page (the last sequence read, or yours)"
    )
    has_more: bool


class EventTypeInfo(BaseModel):
    name: str
    domain: str
    description: str


class EventTypes(BaseModel):
    items: list[EventTypeInfo]


class WebhookCreate(RequestModel):
    url: Annotated[str, Field(min_length=8, max_length=2000)]
    event_types: Annotated[list[EventTypeName], Field(min_length=1, max_length=100)]
    project_ids: Annotated[list[uuid.UUID], Field(max_length=200)] | None = None
    description: Annotated[str, Field(max_length=500)] | None = None


class WebhookUpdate(RequestModel):
    url: Annotated[str, Field(min_length=8, max_length=2000)] | None = None
    event_types: Annotated[list[EventTypeName], Field(min_length=1, max_length=100)] | None = None
    project_ids: Annotated[list[uuid.UUID], Field(max_length=200)] | None = None
    description: Annotated[str, Field(max_length=500)] | None = None
    enabled: bool | None = Field(None, description="true re-enables an endpoint disabled after failures")


class Webhook(Record):
    url: str
    description: str | None
    event_types: list[str]
    project_ids: list[uuid.UUID] | None
    enabled: bool
    disabled_at: datetime | None
    disabled_reason: str | None
    created_by: uuid.UUID | None


class WebhookWithSecret(Webhook):
    secret: str = Field(
        description="`whsec_…`: shown at creation and rotation only; verify signatures with it"
    )


class WebhookDelivery(ResponseModel):
    id: uuid.UUID
    endpoint_id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    sequence: int | None
    object_id: uuid.UUID
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    last_status_code: int | None
    last_latency_ms: int | None
    last_response: str | None = Field(description="The first 500 characters the receiver answered")
    last_error: str | None
