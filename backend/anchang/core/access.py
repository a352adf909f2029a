"""Who is calling and what they may do, declared on routes as dependencies.

- `CurrentPrincipal` authenticates (an access token, or an API key: then its rate limit and the
  route's scope, core/scopes.py, are checked too); `AdminPrincipal` requires an organization admin.
- `project_role(*roles)` resolves the path's project (404 when the caller may not see it), then checks
  the caller's role in it (403), so a 403 never reveals another organization's project.
- `entity_role(repository, *roles, path=...)` does the same for an entity addressed by its own id
  (`/deals/{deal_id}`): the entity through its repository's *readable* statement — the same statement
  its lists start from, so what a list hides a read by id answers 404 — then the role in its project.

Projects are looked up through the `ProjectDirectory` the app is assembled with (`main.py` wires the
org domain's), so core imports no domain.
"""

import inspect
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Protocol, TypeVar

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.credentials import TokenRevoked, credentials
from anchang.core.db import SAFE_METHODS
from anchang.core.errors import AppError, Forbidden, NotFound, Unauthorized
from anchang.core.reader import Reader, Row
from anchang.core.repository import WithAccess
from anchang.core.roles import ProjectRole
from anchang.core.scopes import ANY_KEY, PERSON_ONLY, RouteScope, grants
from anchang.core.security import Principal, api_keys, authenticate, verify_api_key
from anchang.core.throttle import RateLimit

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class ProjectAccess:
    """A project the caller may see, with the role they act in (org admins act as `admin`)."""

    project: Any  # the org domain's Project row (core names no domain's types); services may change it
    role: ProjectRole | None
    principal: Principal

    def allows(self, roles: Iterable[ProjectRole]) -> bool:
        return self.role is not None and self.role in roles


@dataclass(frozen=True, slots=True)
class Authorized(Generic[E]):
    """An entity the caller may read, with their access to its project; the role was checked."""

    entity: E
    access: ProjectAccess


class ProjectDirectory(Protocol):
    """Finds a project for a caller: 404 (the org domain's ProjectNotFound) when they may not see it."""

    async def project_access(
        self, session: AsyncSession, principal: Principal, project_id: uuid.UUID
    ) -> ProjectAccess: ...

    async def read_project_access(
        self, reader: Reader, principal: Principal, project_id: uuid.UUID
    ) -> ProjectAccess:
        """The same for a safe request, on the lean read path (the project a read-only row)."""
        ...

    def with_project_access(self, statement: Any, caller: Principal, project_id: Any) -> Any:
        """`statement` (an entity's readable row) with the columns of its project's access added."""
        ...

    def access_in_row(self, row: Row, principal: Principal) -> ProjectAccess:
        """The access `with_project_access` added to `row`, taken out of it."""
        ...


class ReadableRepository(Protocol[E]):
    """A repository that can find one of its rows the caller may read (404 otherwise)."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None: ...

    async def get_readable(self, id: uuid.UUID) -> E: ...

    async def read_readable(
        self, reader: Reader, id: uuid.UUID, *, with_access: WithAccess | None = None
    ) -> Row: ...

    @classmethod
    def project_id_of(cls, entity: E | Row) -> uuid.UUID: ...


def effective_role(principal: Principal, stored: ProjectRole | None) -> ProjectRole | None:
    """The role the caller acts in: org admins act as `admin` everywhere, and only they do (a stored
    `admin` membership of someone no longer an org admin counts for nothing)."""
    if principal.is_admin:
        return ProjectRole.admin
    return None if stored is ProjectRole.admin else stored


def require_role(access: ProjectAccess, allowed: frozenset[ProjectRole]) -> None:
    """403 unless the caller holds one of `allowed` in the project (any role if `allowed` is empty)."""
    if access.role is None or (allowed and access.role not in allowed):
        raise Forbidden("Your role in this project does not allow this")


# --- the caller -----------------------------------------------------------------------------


class ApiKeyNotAllowed(Forbidden):
    code, title = "api_key_not_allowed", "This route is for people; API keys may not call it"


class InsufficientScope(Forbidden):
    code, title = "insufficient_scope", "The API key lacks the scope this route needs"


class ProjectOutOfReach(NotFound):
    """A project outside an API key's projects: answered as the org domain answers an unseen one."""

    code = "project_not_found"


async def get_principal(request: Request) -> Principal:
    principal = await authenticate(request)
    if principal is None:
        raise Unauthorized("Send an access token or API key as 'Authorization: Bearer <token>'")
    if principal.is_key:
        return await _key_may_call(request, principal)
    # Revocation takes effect at once: a dict lookup per request (core/credentials.py).
    await credentials.check(principal, request.app.state.database.reader)
    return principal


async def _key_may_call(request: Request, principal: Principal) -> Principal:
    """An API key's request: its creator's rights still current, within its rate limit and scopes."""
    try:
        await credentials.check(principal, request.app.state.database.reader)
    except TokenRevoked:  # the creator's rights changed since the key was verified: read it again
        api_keys.forget_user(principal.user_id)
        principal = await verify_api_key(request)
        await credentials.check(principal, request.app.state.database.reader)
    limiter: RateLimit = request.app.state.key_rate_limit
    request.state.rate_limit = limiter.hit(principal.api_key_id)
    route_scope: RouteScope | None = getattr(request.scope.get("route"), "key_scope", None)
    needs = route_scope.needs if route_scope is not None else PERSON_ONLY
    if needs == PERSON_ONLY:
        raise ApiKeyNotAllowed("Log in as a person to do this")
    if needs != ANY_KEY and not grants(principal.scopes, needs):
        raise InsufficientScope(f"This route needs the scope '{needs}'", scope=needs)
    await request.app.state.api_key_directory.touch(request.app.state.database, principal.api_key_id)
    return principal


def _within_key(principal: Principal, project_id: uuid.UUID) -> None:
    """404 for a project outside an API key's projects, exactly as for a project not seen at all."""
    if not principal.may_see_project(project_id):
        raise ProjectOutOfReach(f"No project with id {project_id}")


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def _require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Only the organization's admins may do this")
    return principal


AdminPrincipal = Annotated[Principal, Depends(_require_admin)]


async def project_directory(request: Request) -> ProjectDirectory:
    directory: ProjectDirectory = request.app.state.project_directory
    return directory


Directory = Annotated[ProjectDirectory, Depends(project_directory)]


# --- projects and their entities ------------------------------------------------------------


async def access_still_holds(
    request: Request, access: ProjectAccess, allowed: frozenset[ProjectRole]
) -> bool:
    """For a long-lived response (an event stream): whether the caller's login and their role in the
    project still allow it now, read afresh (their rights may have been taken away since it opened)."""
    database = request.app.state.database
    try:
        await credentials.check(access.principal, database.reader)
        if access.principal.is_key and not api_keys.holds(access.principal.api_key_id):
            return False  # the key was revoked (or its creator's rights changed): reconnect, re-checked
        async with database.session(read_only=True) as session:
            now = await request.app.state.project_directory.project_access(
                session, access.principal, access.project.id
            )
        require_role(now, allowed)
    except AppError:
        return False
    return True


def write_session(request: Request) -> AsyncSession:
    """The session of a write request, begun by `AppRoute` before any dependency runs: the one the
    handler's `SessionDep` gets too (reads resolve access on the lean read path, with no session)."""
    session: AsyncSession = request.state.session
    return session


def project_role(*allowed: ProjectRole) -> Callable[..., Awaitable[ProjectAccess]]:
    """A dependency: the path's project if the caller holds one of `allowed` in it (any role if none)."""
    allowed_set = frozenset(allowed)

    async def dependency(
        project_id: uuid.UUID,
        request: Request,
        principal: CurrentPrincipal,
        directory: Directory,
    ) -> ProjectAccess:
        if request.method in SAFE_METHODS:  # reads: one round trip on the lean read path
            access = await directory.read_project_access(
                request.app.state.database.reader, principal, project_id
            )
        else:  # writes: the project as an ORM row of the request's transaction, which may change it
            access = await directory.project_access(write_session(request), principal, project_id)
        _within_key(principal, project_id)
        require_role(access, allowed_set)
        return access

    dependency.allowed_roles = allowed_set  # type: ignore[attr-defined]  # read by the role-matrix test
    return dependency


def entity_role(
    repository: type[ReadableRepository[E]], *allowed: ProjectRole, path: str
) -> Callable[..., Awaitable[Authorized[E]]]:
    """A dependency: the entity whose id is the path parameter `path`, if the caller may read it
    (404 otherwise), with their access to its project if they hold one of `allowed` there (403)."""
    allowed_set = frozenset(allowed)

    async def dependency(
        request: Request,
        principal: CurrentPrincipal,
        directory: Directory,
        **ids: uuid.UUID,
    ) -> Authorized[E]:
        entity: Any
        if request.method in SAFE_METHODS:  # reads: the entity a plain row, on the lean read path
            # The entity and the caller's access to its project in one statement.
            reader = request.app.state.database.reader
            entity = await repository(None, principal).read_readable(  # type: ignore[arg-type]
                reader, ids[path], with_access=directory.with_project_access
            )
            access = directory.access_in_row(entity, principal)
        else:  # writes: an ORM row of the request's transaction
            session = write_session(request)
            entity = await repository(session, principal).get_readable(ids[path])
            access = await directory.project_access(session, principal, repository.project_id_of(entity))
        _within_key(principal, repository.project_id_of(entity))
        require_role(access, allowed_set)
        return Authorized(entity, access)

    # FastAPI reads parameters from the signature: name the path parameter as the route does.
    own = inspect.signature(dependency).parameters
    dependency.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(path, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=uuid.UUID),
            *(p for name, p in own.items() if name != "ids"),
        ]
    )
    dependency.allowed_roles = allowed_set  # type: ignore[attr-defined]  # read by the role-matrix test
    return dependency
