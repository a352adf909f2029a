"""HTTP of /api-keys: an organization admin makes, lists and revokes keys (people only: core/scopes.py)."""

import uuid

from fastapi import APIRouter, Response, status

from anchang.apikeys import schemas, service
from anchang.core.access import AdminPrincipal
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.pagination import PageDep
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.core.scopes import DOMAINS, SCOPES

router = APIRouter(
    route_class=AppRoute,
    responses=responses(Unauthorized, ValidationFailed, Forbidden),
    tags=["api-keys"],
)


@router.get("/api-keys/scopes", summary="The scopes a key may be given", response_model=schemas.ScopeCatalog)
async def list_scopes(principal: AdminPrincipal) -> schemas.ScopeCatalog:
    return schemas.ScopeCatalog(domains=list(DOMAINS), scopes=sorted(SCOPES))


@router.get("/api-keys", summary="The organization's API keys", response_model=Page[schemas.ApiKey])
async def list_keys(reader: ReaderDep, principal: AdminPrincipal, page: PageDep) -> Response:
    items, cursor = await service.list_keys(reader, principal, page)
    return answer(Page[schemas.ApiKey], {"items": items, "next_cursor": cursor})


@router.post(
    "/api-keys",
    summary="Make an API key; its secret is in this answer only",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.ApiKeyCreated,
)
async def create_key(session: SessionDep, principal: AdminPrincipal, body: schemas.ApiKeyCreate) -> Response:
    key, secret = await service.create_key(session, principal, body)
    shown = schemas.ApiKeyCreated.model_validate(
        {**schemas.ApiKey.model_validate(key).model_dump(), "secret": secret}
    )
    # The secret must not linger in a cache or a proxy's log of bodies.
    return answer(
        schemas.ApiKeyCreated, shown.model_dump(), status_code=201, headers={"Cache-Control": "no-store"}
    )


@router.get(
    "/api-keys/{key_id}",
    summary="One API key",
    responses=responses(service.ApiKeyNotFound),
    response_model=schemas.ApiKey,
)
async def get_key(reader: ReaderDep, principal: AdminPrincipal, key_id: uuid.UUID) -> Response:
    return answer(schemas.ApiKey, await service.read_key(reader, principal, key_id))


@router.delete(
    "/api-keys/{key_id}",
    summary="Revoke an API key: it stops working at once",
    responses=responses(service.ApiKeyNotFound),
    status_code=status.HTTP_204_NO_CONTENT,
)
async def revoke_key(session: SessionDep, principal: AdminPrincipal, key_id: uuid.UUID) -> Response:
    await service.revoke_key(session, principal, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
