"""HTTP of integrations: the changes feed, the event types, webhook endpoints and their deliveries."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from anchang.core.access import AdminPrincipal, CurrentPrincipal
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version
from anchang.core.pagination import PageDep
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.integrations import endpoints, feed, reads, schemas
from anchang.integrations.models import WebhookDelivery, WebhookEndpoint
from anchang.integrations.registry import TEST, is_known
from anchang.integrations.repository import DeliveryNotFound, WebhookNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))
ON_WEBHOOK = responses(Forbidden, WebhookNotFound)


def _types(raw: str | None) -> list[str] | None:
    if not raw:
        return None
    names = sorted({t.strip() for t in raw.split(",") if t.strip()})
    unknown = [t for t in names if not is_known(t) or t == TEST]
    if unknown:
        raise ValidationFailed({"types": f"unknown event type(s): {', '.join(unknown)}"})
    return names


@router.get(
    "/events",
    tags=["events"],
    summary="The changes feed: the caller's events after a sequence number, in commit order",
    response_model=schemas.EventFeed,
)
async def list_events(
    reader: ReaderDep,
    principal: CurrentPrincipal,
    after: Annotated[int, Query(ge=0, description="The last sequence you have seen (0: from the start)")] = 0,
    types: Annotated[str | None, Query(max_length=2000, description="Comma-separated event types")] = None,
    project_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 100,
) -> Response:
    page = await feed.read_events(
        reader, principal, after=after, limit=limit, types=_types(types), project_id=project_id
    )
    return answer(schemas.EventFeed, page)


@router.get(
    "/event-types",
    tags=["events"],
    summary="The event types, with their domain and meaning",
    response_model=schemas.EventTypes,
)
async def list_event_types(principal: CurrentPrincipal) -> Response:
    return answer(schemas.EventTypes, {"items": reads.event_types()})


@router.post(
    "/webhooks",
    tags=["webhooks"],
    status_code=201,
    responses=responses(Forbidden),
    summary="Register a webhook endpoint (organization admin); its signing secret is shown this once",
    response_model=schemas.WebhookWithSecret,
)
async def create_webhook(
    session: SessionDep, principal: AdminPrincipal, body: schemas.WebhookCreate
) -> Response:
    endpoint = await endpoints.create(session, principal, body)
    return _with_secret(endpoint, status_code=201)


@router.get(
    "/webhooks",
    tags=["webhooks"],
    responses=responses(Forbidden),
    summary="The organization's webhook endpoints (organization admin)",
    response_model=Page[schemas.Webhook],
)
async def list_webhooks(reader: ReaderDep, principal: AdminPrincipal, page: PageDep) -> Response:
    items, cursor = await reads.list_endpoints(reader, principal, page)
    return answer(Page[schemas.Webhook], {"items": items, "next_cursor": cursor})


@router.get(
    "/webhooks/{webhook_id}",
    tags=["webhooks"],
    responses=ON_WEBHOOK,
    summary="One webhook endpoint (organization admin)",
    response_model=schemas.Webhook,
)
async def get_webhook(reader: ReaderDep, principal: AdminPrincipal, webhook_id: uuid.UUID) -> Response:
    row = await reads.read_endpoint(reader, principal, webhook_id)
    return answer(schemas.Webhook, row, version=row["version"])


@router.patch(
    "/webhooks/{webhook_id}",
    tags=["webhooks"],
    responses=responses(Forbidden, WebhookNotFound, PreconditionFailed),
    summary="Change a webhook endpoint; `enabled: true` brings back one disabled after failures",
    response_model=schemas.Webhook,
)
async def update_webhook(
    session: SessionDep,
    principal: AdminPrincipal,
    webhook_id: uuid.UUID,
    body: schemas.WebhookUpdate,
    if_match: IfMatch = None,
) -> Response:
    endpoint = await endpoints.update(session, principal, webhook_id, body, expected_version(if_match))
    return answer(schemas.Webhook, _shown(endpoint), version=endpoint.version)


@router.delete(
    "/webhooks/{webhook_id}",
    tags=["webhooks"],
    status_code=204,
    responses=ON_WEBHOOK,
    summary="Remove a webhook endpoint and its delivery log",
)
async def delete_webhook(session: SessionDep, principal: AdminPrincipal, webhook_id: uuid.UUID) -> Response:
    await endpoints.delete(session, principal, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/webhooks/{webhook_id}/rotate-secret",
    tags=["webhooks"],
    responses=ON_WEBHOOK,
    summary="A new signing secret, used from now on; shown this once",
    response_model=schemas.WebhookWithSecret,
)
async def rotate_webhook_secret(
    session: SessionDep, principal: AdminPrincipal, webhook_id: uuid.UUID
) -> Response:
    return _with_secret(await endpoints.rotate_secret(session, principal, webhook_id))


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    tags=["webhooks"],
    responses=ON_WEBHOOK,
    summary="The endpoint's delivery log: status, attempts, latency and the receiver's answer",
    response_model=Page[schemas.WebhookDelivery],
)
async def list_webhook_deliveries(
    reader: ReaderDep, principal: AdminPrincipal, webhook_id: uuid.UUID, page: PageDep
) -> Response:
    items, cursor = await reads.list_deliveries(reader, principal, webhook_id, page)
    return answer(Page[schemas.WebhookDelivery], {"items": items, "next_cursor": cursor})


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    tags=["webhooks"],
    status_code=202,
    responses=responses(Forbidden, WebhookNotFound, DeliveryNotFound),
    summary="Send a delivery's event again (same webhook-id), as a new delivery due now",
    response_model=schemas.WebhookDelivery,
)
async def redeliver_webhook(
    session: SessionDep, principal: AdminPrincipal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> Response:
    delivery = await endpoints.redeliver(session, principal, webhook_id, delivery_id)
    return await _delivery(session, delivery)


@router.post(
    "/webhooks/{webhook_id}/test",
    tags=["webhooks"],
    status_code=202,
    responses=ON_WEBHOOK,
    summary="Send a `webhook.test` event to this endpoint alone",
    response_model=schemas.WebhookDelivery,
)
async def test_webhook(session: SessionDep, principal: AdminPrincipal, webhook_id: uuid.UUID) -> Response:
    delivery = await endpoints.send_test(session, principal, webhook_id)
    return await _delivery(session, delivery)


def _shown(endpoint: WebhookEndpoint) -> dict[str, object]:
    return {f: getattr(endpoint, f) for f in schemas.Webhook.model_fields}


def _with_secret(endpoint: WebhookEndpoint, status_code: int = 200) -> Response:
    shown = {**_shown(endpoint), "secret": endpoint.secret}
    return answer(schemas.WebhookWithSecret, shown, status_code=status_code, version=endpoint.version)


async def _delivery(session: SessionDep, delivery: WebhookDelivery) -> Response:
    event_type, sequence = await endpoints.delivery_event_type(session, delivery)
    shown = {f: getattr(delivery, f, None) for f in schemas.WebhookDelivery.model_fields}
    shown |= {"event_type": event_type, "sequence": sequence}
    return answer(schemas.WebhookDelivery, shown, status_code=202)
