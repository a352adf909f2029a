"""Webhook endpoints and their delivery logs on the lean read path (core/reads.py)."""

import uuid
from typing import Any

from sqlalchemy import bindparam, select

from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.integrations import schemas
from anchang.integrations.models import IntegrationEvent, WebhookDelivery, WebhookEndpoint
from anchang.integrations.registry import EVENT_TYPES, TEST
from anchang.integrations.repository import DeliveryRepository, EventRepository, WebhookRepository

_ENDPOINT_FIELDS = [name for name in schemas.Webhook.model_fields]


@per_caller
def endpoints(caller: Principal) -> AnySelect:
    """The organization's endpoints (without their secrets)."""
    return (
        WebhookRepository(None, caller)
        .scoped()
        .with_only_columns(*(getattr(WebhookEndpoint, f) for f in _ENDPOINT_FIELDS))
    )


@per_caller
def one_endpoint(caller: Principal) -> AnySelect:
    return endpoints(caller).where(WebhookEndpoint.id == bindparam("id"))


async def list_endpoints(reader: Reader, caller: Principal, page: PageParams) -> tuple[list[Row], str | None]:
    """A page of endpoints, oldest first."""
    return await read_page(
        reader,
        endpoints(caller),
        page,
        order_by=[WebhookEndpoint.created_at, WebhookEndpoint.id],
        updated_at=WebhookEndpoint.updated_at,
    )


async def read_endpoint(reader: Reader, caller: Principal, webhook_id: uuid.UUID) -> Row:
    """One endpoint, or 404 `webhook_not_found`."""
    row = await reader.row(one_endpoint(caller), {"id": webhook_id})
    if row is None:
        raise WebhookRepository.not_found(f"No webhook with id {webhook_id}")
    return row


@per_caller
def deliveries(caller: Principal) -> AnySelect:
    """An endpoint's deliveries with their event's type and sequence."""
    events = EventRepository(None, caller).scope(select(IntegrationEvent)).subquery()
    d = WebhookDelivery
    return (
        DeliveryRepository(None, caller)
        .scoped()
        .join(events, events.c.id == d.event_id)
        .with_only_columns(
            d.id,
            d.endpoint_id,
            d.event_id,
            events.c.type.label("event_type"),
            events.c.sequence,
            d.object_id,
            d.status,
            d.attempts,
            d.created_at,
            d.next_attempt_at,
            d.last_attempt_at,
            d.delivered_at,
            d.last_status_code,
            d.last_latency_ms,
            d.last_response,
            d.last_error,
        )
        .where(d.endpoint_id == bindparam("endpoint_id"))
    )


async def list_deliveries(
    reader: Reader, caller: Principal, webhook_id: uuid.UUID, page: PageParams
) -> tuple[list[Row], str | None]:
    """A page of an endpoint's delivery log, newest first is not offered: oldest first, by creation."""
    await read_endpoint(reader, caller, webhook_id)
    return await read_page(
        reader,
        deliveries(caller),
        page,
        {"endpoint_id": webhook_id},
        order_by=[WebhookDelivery.created_at, WebhookDelivery.id],
        updated_at=WebhookDelivery.created_at,
    )


def event_types() -> list[dict[str, Any]]:
    """The event types an endpoint may subscribe to."""
    return [
        {"name": t.name, "domain": t.domain, "description": t.description}
        for t in EVENT_TYPES.values()
        if t.name != TEST
    ]
