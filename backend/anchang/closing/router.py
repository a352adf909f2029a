"""HTTP of the daily close (日清日结): build, list, read, refresh, close, countersign, and the `.xlsx`."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.closing import policy, schemas, service
from anchang.closing.models import DailyClose
from anchang.core.access import ProjectAccess, project_role
from anchang.core.calendar import project_zone
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.etag import set_etag
from anchang.core.pagination import PageDep
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import Page
from anchang.org.service import ProjectNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["closes"])

Readers = Annotated[ProjectAccess, Depends(project_role(*policy.READERS))]
Closers = Annotated[ProjectAccess, Depends(project_role(*policy.CLOSERS))]
Signers = Annotated[ProjectAccess, Depends(project_role(*policy.SIGNERS))]
ON_PROJECT = responses(ProjectNotFound, Forbidden)
ON_CLOSE = responses(ProjectNotFound, Forbidden, service.CloseNotFound)
CLOSES = "/projects/{project_id}/closes"


async def _locked(session: AsyncSession, access: ProjectAccess, close_id: uuid.UUID) -> DailyClose:
    close = await service.CloseRepository(session, access.principal).get(close_id, for_update=True)
    if close.project_id != access.project.id:
        raise service.CloseNotFound(f"No close with id {close_id} in this project")
    return close


async def _written(
    session: AsyncSession, access: ProjectAccess, close: DailyClose, response: Response
) -> schemas.Close:
    shown = await service.close_as_written(session, access, close.id)
    set_etag(response, shown.version)
    return shown


@router.get(
    CLOSES,
    responses=ON_PROJECT,
    response_model=Page[schemas.CloseSummary],
    summary="The project's daily closes, newest day first",
)
async def list_closes(reader: ReaderDep, access: Readers, page: PageDep) -> Response:
    items, cursor = await service.list_closes(reader, access, page)
    return answer(Page[schemas.CloseSummary], {"items": items, "next_cursor": cursor})


@router.post(
    CLOSES,
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        ProjectNotFound, Forbidden, service.CloseExists, service.AlreadyClosed, service.CloseImmutable
    ),
    summary="Build the close of a day (日清日结): the board, the receipts, their differences with the deals",
)
async def create_close(
    session: SessionDep,
    reader: ReaderDep,
    access: Closers,
    response: Response,
    body: schemas.CloseCreate | None = None,
) -> schemas.Close:
    close = await service.build_close(session, reader, access, body.date if body else None)
    return await _written(session, access, close, response)


@router.get(
    CLOSES + "/{close_id}.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The close as a workbook"}, **ON_CLOSE},
    summary="A close as a workbook: the board's figures, the receipts, the differences",
)
async def close_workbook(reader: ReaderDep, access: Readers, close_id: uuid.UUID) -> Response:
    close = await service.read_close(reader, access, close_id)
    content = service.close_workbook(close, str(project_zone(access)))
    return attachment(content, f"close-{access.project.code}-{close.date.isoformat()}.xlsx")


@router.get(
    CLOSES + "/{close_id}",
    responses=ON_CLOSE,
    summary="A close: its board, receipts, differences and signatures",
)
async def get_close(
    reader: ReaderDep, access: Readers, close_id: uuid.UUID, response: Response
) -> schemas.Close:
    close = await service.read_close(reader, access, close_id)
    set_etag(response, close.version)
    return close


@router.post(
    CLOSES + "/{close_id}/refresh",
    responses=responses(
        ProjectNotFound, Forbidden, service.CloseNotFound, service.AlreadyClosed, service.CloseImmutable
    ),
    summary="Read an open close's day again",
)
async def refresh_close(
    session: SessionDep, reader: ReaderDep, access: Closers, close_id: uuid.UUID, response: Response
) -> schemas.Close:
    close = await service.refresh_close(session, reader, access, await _locked(session, access, close_id))
    return await _written(session, access, close, response)


@router.post(
    CLOSES + "/{close_id}/close",
    responses=responses(
        ProjectNotFound, Forbidden, service.CloseNotFound, service.AlreadyClosed, service.CloseImmutable
    ),
    summary="Close the day (site manager and up): its figures become final",
)
async def close_close(
    session: SessionDep, access: Closers, close_id: uuid.UUID, response: Response
) -> schemas.Close:
    close = await service.close_close(session, access, await _locked(session, access, close_id))
    return await _written(session, access, close, response)


@router.post(
    CLOSES + "/{close_id}/countersign",
    responses=responses(
        ProjectNotFound,
        Forbidden,
        service.CloseNotFound,
        service.NotClosed,
        service.AlreadySigned,
        service.CloseImmutable,
    ),
    summary="Countersign a closed day, as finance or as the developer's rep (each once)",
)
async def countersign_close(
    session: SessionDep, access: Signers, close_id: uuid.UUID, response: Response
) -> schemas.Close:
    close = await service.countersign(session, access, await _locked(session, access, close_id))
    return await _written(session, access, close, response)
