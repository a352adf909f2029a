"""HTTP of users, developers, projects and members: parse, authorize, call the service, shape."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from anchang.core.access import AdminPrincipal, CurrentPrincipal, ProjectAccess, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.pagination import PageDep
from anchang.core.reads import answer
from anchang.core.roles import ProjectRole
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.org import reads, schemas, service
from anchang.org.repository import DeveloperNotFound, MemberNotFound, ProjectNotFound, UserNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
ProjectManagers = Annotated[
    ProjectAccess, Depends(project_role(ProjectRole.admin, ProjectRole.project_manager))
]
TeamEditors = Annotated[ProjectAccess, Depends(project_role(*service.TEAM_EDITORS))]


def _member(member: object, user: object) -> schemas.Member:
    return schemas.Member.model_validate({**vars(member), "user": user}, from_attributes=True)


# --- users ----------------------------------------------------------------------------------


@router.get("/users", tags=["users"], summary="Users of the organization", response_model=Page[schemas.User])
async def list_users(
    reader: ReaderDep,
    principal: CurrentPrincipal,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Part of the name or e-mail")] = None,
    is_active: Annotated[
        bool | None, Query(description="Only active (true) or deactivated (false) users")
    ] = None,
) -> Response:
    items, cursor = await reads.list_users(reader, principal, page, q=q, is_active=is_active)
    return answer(Page[schemas.User], {"items": items, "next_cursor": cursor})


@router.post(
    "/users",
    tags=["users"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(Forbidden, service.EmailTaken, service.UserCreationThrottled),
    summary="Create a user (admins); at most 20 a minute per organization",
)
async def create_user(
    session: SessionDep, principal: AdminPrincipal, body: schemas.UserCreate, response: Response
) -> schemas.User:
    user = await service.create_user(session, principal, body)
    set_etag(response, user.version)
    return schemas.User.model_validate(user)


@router.get(
    "/users/{user_id}", tags=["users"], responses=responses(UserNotFound), response_model=schemas.User
)
async def get_user(reader: ReaderDep, principal: CurrentPrincipal, user_id: uuid.UUID) -> Response:
    user = await reads.read_user(reader, principal, user_id)
    return answer(schemas.User, user, version=user.version)


@router.patch(
    "/users/{user_id}",
    tags=["users"],
    responses=responses(Forbidden, UserNotFound, PreconditionFailed, service.CannotChangeSelf),
    summary="Change a user: name, phone, password, admin, active (admins)",
)
async def update_user(
    session: SessionDep,
    principal: AdminPrincipal,
    user_id: uuid.UUID,
    body: schemas.UserUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.User:
    user = await service.update_user(session, principal, user_id, body, expected_version(if_match))
    set_etag(response, user.version)
    return schemas.User.model_validate(user)


# --- developers -----------------------------------------------------------------------------


@router.get(
    "/developers",
    tags=["developers"],
    summary="Developers (甲方) the organization sells for",
    response_model=Page[schemas.Developer],
)
async def list_developers(reader: ReaderDep, principal: CurrentPrincipal, page: PageDep) -> Response:
    items, cursor = await reads.list_developers(reader, principal, page)
    return answer(Page[schemas.Developer], {"items": items, "next_cursor": cursor})


@router.post(
    "/developers",
    tags=["developers"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(Forbidden, service.DeveloperNameTaken),
)
async def create_developer(
    session: SessionDep, principal: AdminPrincipal, body: schemas.DeveloperCreate, response: Response
) -> schemas.Developer:
    developer = await service.create_developer(session, principal, body)
    set_etag(response, developer.version)
    return schemas.Developer.model_validate(developer)


@router.get(
    "/developers/{developer_id}",
    tags=["developers"],
    responses=responses(DeveloperNotFound),
    response_model=schemas.Developer,
)
async def get_developer(reader: ReaderDep, principal: CurrentPrincipal, developer_id: uuid.UUID) -> Response:
    developer = await reads.read_developer(reader, principal, developer_id)
    return answer(schemas.Developer, developer, version=developer.version)


@router.patch(
    "/developers/{developer_id}",
    tags=["developers"],
    responses=responses(Forbidden, DeveloperNotFound, PreconditionFailed, service.DeveloperNameTaken),
)
async def update_developer(
    session: SessionDep,
    principal: AdminPrincipal,
    developer_id: uuid.UUID,
    body: schemas.DeveloperUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Developer:
    developer = await service.update_developer(
        session, principal, developer_id, body, expected_version(if_match)
    )
    set_etag(response, developer.version)
    return schemas.Developer.model_validate(developer)


# --- projects -------------------------------------------------------------------------------


ProjectPage = Page[schemas.Project]


@router.get("/projects", tags=["projects"], summary="Projects the caller can see", response_model=ProjectPage)
async def list_projects(reader: ReaderDep, principal: CurrentPrincipal, page: PageDep) -> Response:
    items, cursor = await reads.list_projects(reader, principal, page)
    return answer(ProjectPage, {"items": items, "next_cursor": cursor})


@router.post(
    "/projects",
    tags=["projects"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(Forbidden, DeveloperNotFound, service.ProjectCodeTaken),
    summary="Create a project (admins)",
)
async def create_project(
    session: SessionDep, principal: AdminPrincipal, body: schemas.ProjectCreate, response: Response
) -> schemas.Project:
    project = await service.create_project(session, principal, body)
    set_etag(response, project.version)
    return schemas.Project.model_validate(project)


@router.get(
    "/projects/{project_id}",
    tags=["projects"],
    responses=responses(ProjectNotFound, Forbidden),
    response_model=schemas.Project,
)
async def get_project(access: AnyMember) -> Response:
    return answer(schemas.Project, reads.project_shown(access), version=access.project.version)


@router.patch(
    "/projects/{project_id}",
    tags=["projects"],
    responses=responses(ProjectNotFound, Forbidden, PreconditionFailed, service.ProjectCodeTaken),
    summary="Change a project (admins and its project managers)",
)
async def update_project(
    session: SessionDep,
    access: ProjectManagers,
    body: schemas.ProjectUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Project:
    project = await service.update_project(session, access, body, expected_version(if_match))
    set_etag(response, project.version)
    return schemas.Project.model_validate(project)


# --- members --------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/members",
    tags=["members"],
    responses=responses(ProjectNotFound, Forbidden),
    response_model=Page[schemas.Member],
)
async def list_members(reader: ReaderDep, access: AnyMember, page: PageDep) -> Response:
    rows, cursor = await reads.list_members(reader, access, page)
    return answer(Page[schemas.Member], {"items": rows, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/members",
    tags=["members"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, UserNotFound, service.AlreadyMember),
    summary="Give a user a role in the project (admins and its project managers)",
)
async def add_member(
    session: SessionDep, access: ProjectManagers, body: schemas.MemberCreate, response: Response
) -> schemas.Member:
    member, user = await service.add_member(session, access, body)
    set_etag(response, member.version)
    return _member(member, user)


@router.get(
    "/projects/{project_id}/members/{member_id}",
    tags=["members"],
    responses=responses(ProjectNotFound, Forbidden, MemberNotFound),
    response_model=schemas.Member,
)
async def get_member(reader: ReaderDep, access: AnyMember, member_id: uuid.UUID) -> Response:
    member = await reads.read_member(reader, access, member_id)
    return answer(schemas.Member, member, version=member.version)


@router.patch(
    "/projects/{project_id}/members/{member_id}",
    tags=["members"],
    responses=responses(ProjectNotFound, Forbidden, MemberNotFound, PreconditionFailed),
    summary="Change a member's role, grade or team (site managers: the team only)",
)
async def update_member(
    session: SessionDep,
    access: TeamEditors,
    member_id: uuid.UUID,
    body: schemas.MemberUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Member:
    member, user = await service.update_member(session, access, member_id, body, expected_version(if_match))
    set_etag(response, member.version)
    return _member(member, user)


@router.delete(
    "/projects/{project_id}/members/{member_id}",
    tags=["members"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(ProjectNotFound, Forbidden, MemberNotFound),
)
async def remove_member(session: SessionDep, access: ProjectManagers, member_id: uuid.UUID) -> Response:
    await service.remove_member(session, access, member_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
