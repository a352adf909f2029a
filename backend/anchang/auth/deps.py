"""Who may call what, declared on routes as dependencies.

`CurrentPrincipal` authenticates; `AdminPrincipal` requires an organization admin;
`project_role(...)` resolves the path's project (404 when the caller may not see it) and then checks
the caller's role in it (403), so a 403 never reveals another organization's project.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from anchang.core.db import SessionDep
from anchang.core.errors import Forbidden, Unauthorized
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal, principal_from
from anchang.org.service import ProjectAccess, project_access


async def get_principal(request: Request) -> Principal:
    principal = principal_from(request)
    if principal is None:
        raise Unauthorized("Send an access token as 'Authorization: Bearer <token>'")
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
