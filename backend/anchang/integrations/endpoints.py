"""Webhook endpoints: register, change, remove, rotate the secret; redeliver an event; send a test.

An organization admin's business (the router admits no one else). The secret is Standard Webhooks'
`whsec_` + base64 of 24 random bytes, stored as is: the worker signs with it (a hash could not sign).
"""

import base64
import secrets
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.config import get_settings
from anchang.core.errors import ValidationFailed
from anchang.core.etag import check_version
from anchang.core.security import Principal
from anchang.integrations import schemas
from anchang.integrations.models import DeliveryStatus, IntegrationEvent, WebhookDelivery, WebhookEndpoint
from anchang.integrations.outbox import emit
from anchang.integrations.registry import TEST
from anchang.integrations.repository import DeliveryRepository, WebhookRepository
from anchang.integrations.urls import UrlRefused, check_url


def new_secret() -> str:
    """A signing secret as Standard Webhooks writes it."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


async def _checked_url(url: str) -> str:
    try:
        await check_url(url, get_settings())
    except UrlRefused as exc:
        raise ValidationFailed({"url": str(exc)}) from exc
    return url


async def create(session: AsyncSession, principal: Principal, data: schemas.WebhookCreate) -> WebhookEndpoint:
    """Register an endpoint; it receives events committed from now on."""
    endpoint = WebhookEndpoint(
        id=uuid.uuid4(),
        organization_id=principal.organization_id,
        url=await _checked_url(data.url),
        description=data.description,
        event_types=sorted(set(data.event_types)),
        project_ids=sorted(set(data.project_ids)) if data.project_ids else None,
        secret=new_secret(),
        enabled=True,
        created_by=principal.user_id,
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def update(
    session: AsyncSession,
    principal: Principal,
    webhook_id: uuid.UUID,
    data: schemas.WebhookUpdate,
    expected: int | None,
) -> WebhookEndpoint:
    """Change an endpoint; `enabled: true` brings back one disabled after failures."""
    endpoint = await WebhookRepository(session, principal).get(webhook_id, for_update=True)
    check_version(expected, endpoint.version)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for field in ("url", "event_types", "enabled"):
        if field in changes and changes[field] is None:
            raise ValidationFailed({field: "cannot be null"})
    if "url" in changes:
        endpoint.url = await _checked_url(changes["url"])
    if "event_types" in changes:
        endpoint.event_types = sorted(set(changes["event_types"]))
    if "project_ids" in changes:
        endpoint.project_ids = sorted(set(changes["project_ids"])) if changes["project_ids"] else None
    if "description" in changes:
        endpoint.description = changes["description"]
    if "enabled" in changes and changes["enabled"] != endpoint.enabled:
        endpoint.enabled = changes["enabled"]
        if endpoint.enabled:
            endpoint.disabled_at = endpoint.disabled_reason = None
    await session.flush()
    return endpoint


async def delete(session: AsyncSession, principal: Principal, webhook_id: uuid.UUID) -> None:
    """Remove an endpoint and its delivery log."""
    endpoint = await WebhookRepository(session, principal).get(webhook_id, for_update=True)
    await session.delete(endpoint)
    await session.flush()


async def rotate_secret(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID
) -> WebhookEndpoint:
    """A new secret, at once: deliveries from now on are signed with it."""
    endpoint = await WebhookRepository(session, principal).get(webhook_id, for_update=True)
    endpoint.secret = new_secret()
    await session.flush()
    return endpoint


async def redeliver(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    """The event of a delivery sent again (same `webhook-id`), as a new delivery due now."""
    endpoint = await WebhookRepository(session, principal).get(webhook_id)
    old = await DeliveryRepository(session, principal).get(delivery_id)
    if old.endpoint_id != endpoint.id:
        raise DeliveryRepository.not_found(f"No delivery with id {delivery_id}")
    again = WebhookDelivery(
        id=uuid.uuid4(),
        organization_id=endpoint.organization_id,
        endpoint_id=endpoint.id,
        event_id=old.event_id,
        object_id=old.object_id,
        status=DeliveryStatus.pending,
        attempts=0,
    )
    session.add(again)
    await session.flush()
    await session.refresh(again)
    return again


async def send_test(session: AsyncSession, principal: Principal, webhook_id: uuid.UUID) -> WebhookDelivery:
    """A `webhook.test` event for this endpoint alone (other endpoints and the feed never see it)."""
    endpoint = await WebhookRepository(session, principal).get(webhook_id)
    event_id = await emit(
        session, TEST, endpoint, project_id=None, data={"webhook_id": endpoint.id, "message": "test"}
    )
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        organization_id=endpoint.organization_id,
        endpoint_id=endpoint.id,
        event_id=event_id,
        object_id=endpoint.id,
        status=DeliveryStatus.pending,
        attempts=0,
    )
    session.add(delivery)
    await session.flush()
    await session.refresh(delivery)
    return delivery


async def delivery_event_type(session: AsyncSession, delivery: WebhookDelivery) -> tuple[str, int | None]:
    """The type and sequence of a delivery's event (for the answer of a redelivery or a test)."""
    row = (
        await session.execute(
            select(IntegrationEvent.type, IntegrationEvent.sequence).where(
                IntegrationEvent.id == delivery.event_id
            )
        )
    ).one()
    return row[0], row[1]
