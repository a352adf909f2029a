"""Token requests and responses (OAuth2 password flow)."""

from typing import Annotated, Literal

from pydantic import Field

from anchang.core.schemas import RequestModel, ResponseModel


class TokenPair(ResponseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")


class AccessToken(ResponseModel):
    """What a web app gets: the refresh token travels only in an HttpOnly cookie, out of scripts' reach."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")


class RefreshRequest(RequestModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=200)]


class LogoutRequest(RequestModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=200)] | None = None
