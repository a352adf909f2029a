"""Factories of integrations: a webhook endpoint, and a delivery of an event to it."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.integrations.endpoints import new_secret
from anchang.integrations.models import DeliveryStatus, IntegrationEvent, WebhookDelivery, WebhookEndpoint


async def create_webhook(
    session: AsyncSession,
    *,
    organization: Any,
    url: str = "http://127.0.0.1:9/hook",
    event_types: list[str] | None = None,
    project_ids: list[uuid.UUID] | None = None,
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        id=uuid.uuid4(),
        organization_id=organization.id,
        url=url,
        event_types=event_types or ["deal.subscribed"],
        project_ids=project_ids,
        secret=new_secret(),
        enabled=True,
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def create_delivery(session: AsyncSession, *, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A succeeded delivery of a made-up event about the endpoint itself."""
    event = IntegrationEvent(
        id=uuid.uuid4(),
        organization_id=endpoint.organization_id,
        type="deal.subscribed",
        object_type="deals",
        object_id=uuid.uuid4(),
        data={},
    )
    session.add(event)
    await session.flush()
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        organization_id=endpoint.organization_id,
        endpoint_id=endpoint.id,
        event_id=event.id,
        object_id=event.object_id,
        status=DeliveryStatus.succeeded,
        attempts=1,
    )
    session.add(delivery)
    await session.flush()
    return delivery
