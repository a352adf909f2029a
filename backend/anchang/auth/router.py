"""HTTP of logging in and out, and of `/me`."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from anchang.auth import service
from anchang.auth.deps import CurrentPrincipal
from anchang.auth.schemas import LogoutRequest, RefreshRequest, TokenPair
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Unauthorized, ValidationFailed, responses
from anchang.core.routing import AppRoute
from anchang.org import service as org_service
from anchang.org.schemas import Me

router = APIRouter(tags=["auth"], route_class=AppRoute)


@router.post(
    "/auth/token",
    responses=responses(service.InvalidCredentials, service.LoginThrottled, ValidationFailed),
    summary="Log in with e-mail and password (OAuth2 password form)",
)
async def login(session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenPair:
    return await service.login(session, form.username, form.password)


@router.post(
    "/auth/refresh",
    responses=responses(service.InvalidRefreshToken, service.RefreshTokenReused),
    summary="Exchange a refresh token for a new pair; the old one stops working",
)
async def refresh(session: SessionDep, body: RefreshRequest) -> TokenPair:
    return await service.refresh(session, body.refresh_token)


@router.post(
    "/auth/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized),
    summary="End this login: its refresh tokens stop working",
)
async def logout(
    session: SessionDep, principal: CurrentPrincipal, body: LogoutRequest | None = None
) -> Response:
    await service.logout(session, principal, body.refresh_token if body else None)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/me", responses=responses(Unauthorized), summary="The caller, their organization and project roles"
)
async def me(reader: ReaderDep, principal: CurrentPrincipal) -> Me:
    return await org_service.get_me(reader, principal)
