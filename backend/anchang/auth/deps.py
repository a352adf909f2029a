"""Who may call what, declared on routes as dependencies.

`CurrentPrincipal` authenticates; `AdminPrincipal` requires an organization admin;
`project_role(...)` resolves the path's project (404 when the caller may not see it) and then checks
the caller's role in it (403), so a 403 never reveals another organization's project.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from anchang.core.context import actor_id_var, organization_id_var
from anchang.core.db import SessionDep
from anchang.core.errors import Forbidden, Unauthorized
from anchang.core.idempotency import claim_key
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal, decode_access_token
from anchang.org.service import ProjectAccess, project_access

_bearer = HTTPBearer(auto_error=False, description="An access token from /auth/token")


async def get_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthorized("Send an access token as 'Authorization: Bearer <token>'")
    principal = decode_access_token(credentials.credentials)
    actor_id_var.set(principal.user_id)
    organization_id_var.set(principal.organization_id)
    # The Idempotency-Key is claimed per caller, inside the request's transaction.
    await claim_key(
        session, request, organization_id=principal.organization_id, caller=f"user:{principal.user_id}"
    )
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def _require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Only the organization's admins may do this")
    return principal


AdminPrincipal = Annotated[Principal, Depends(_require_admin)]


def project_role(*allowed: ProjectRole) -> Callable[..., Awaitable[ProjectAccess]]:
    """A dependency: the path's project if the caller holds one of `allowed` in it (any role if none)."""
    allowed_set = frozenset(allowed)

    async def dependency(
        project_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal
    ) -> ProjectAccess:
        access = await project_access(session, principal, project_id)
        if access.role is None or (allowed_set and access.role not in allowed_set):
            raise Forbidden("Your role in this project does not allow this")
        return access

    return dependency
