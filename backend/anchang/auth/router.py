"""HTTP of logging in and out, and of `/me`."""

from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from anchang.auth import service
from anchang.auth.schemas import AccessToken, LogoutRequest, RefreshRequest, TokenPair
from anchang.core.access import CurrentPrincipal
from anchang.core.config import get_settings
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Unauthorized, ValidationFailed, responses
from anchang.core.routing import API_PREFIX, AppRoute
from anchang.org import service as org_service
from anchang.org.schemas import Me

router = APIRouter(tags=["auth"], route_class=AppRoute)
LOGIN_ERRORS = responses(
    service.InvalidCredentials, service.LoginThrottled, service.LoginInProgress, ValidationFailed
)


def _source(request: Request) -> str:
    # uvicorn puts X-Forwarded-For's address here when the proxy is trusted (FORWARDED_ALLOW_IPS).
    return request.client.host if request.client else ""


@router.post(
    "/auth/token",
    responses=responses(
        service.InvalidCredentials, service.LoginThrottled, service.LoginInProgress, ValidationFailed
    ),
    summary="Log in with e-mail and password (OAuth2 password form)",
)
async def login(
    session: SessionDep, request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> TokenPair:
    return await service.login(session, form.username, form.password, _source(request))


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


# --- the web app's login: the same tokens, the refresh token kept in an HttpOnly cookie ---------------

REFRESH_COOKIE = "anchang_refresh"
WEB_AUTH_PATH = f"{API_PREFIX}/auth/web"  # the cookie goes to these routes only
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, include_in_schema=False)]


def _keep_refresh_token(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=get_settings().refresh_token_days * 86400,
        path=WEB_AUTH_PATH,
        httponly=True,  # no script can read it: an injected one could not carry the login away
        samesite="strict",  # never sent by another site's page: no cross-site refresh or logout
        secure=request.url.scheme == "https",
    )


def _web(pair: TokenPair) -> AccessToken:
    return AccessToken(access_token=pair.access_token, expires_in=pair.expires_in)


@router.post(
    "/auth/web/token",
    responses=responses(
        service.InvalidCredentials, service.LoginThrottled, service.LoginInProgress, ValidationFailed
    ),
    summary="Log in from the web app: the access token, and the refresh token as an HttpOnly cookie",
)
async def web_login(
    session: SessionDep,
    request: Request,
    response: Response,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> AccessToken:
    pair = await service.login(session, form.username, form.password, _source(request))
    _keep_refresh_token(request, response, pair.refresh_token)
    return _web(pair)


@router.post(
    "/auth/web/refresh",
    responses=responses(service.InvalidRefreshToken, service.RefreshTokenReused),
    summary="A new access token for the web app, with the cookie's refresh token rotated",
)
async def web_refresh(
    session: SessionDep, request: Request, response: Response, refresh_token: RefreshCookie = None
) -> AccessToken:
    if not refresh_token:
        raise service.InvalidRefreshToken("No login cookie: log in again")
    pair = await service.refresh(session, refresh_token)
    _keep_refresh_token(request, response, pair.refresh_token)
    return _web(pair)


@router.post(
    "/auth/web/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized),
    summary="End the web app's login: its refresh tokens stop working and the cookie is removed",
)
async def web_logout(
    session: SessionDep, principal: CurrentPrincipal, refresh_token: RefreshCookie = None
) -> Response:
    await service.logout(session, principal, refresh_token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(REFRESH_COOKIE, path=WEB_AUTH_PATH, httponly=True, samesite="strict")
    return response


@router.get(
    "/me", responses=responses(Unauthorized), summary="The caller, their organization and project roles"
)
async def me(reader: ReaderDep, principal: CurrentPrincipal) -> Me:
    return await org_service.get_me(reader, principal)
