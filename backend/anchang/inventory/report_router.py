"""HTTP for the inventory's reports: the absorption (去化率) and its workbook."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from anchang.core.access import ProjectAccess, project_role
from anchang.core.calendar import project_zone
from anchang.core.db import ReaderDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, Unauthorized, ValidationFailed, responses
from anchang.core.routing import AppRoute
from anchang.inventory import absorption as service
from anchang.inventory import schemas
from anchang.inventory.policy import ABSORPTION_READERS
from anchang.org.service import ProjectNotFound

router = APIRouter(
    route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed), tags=["inventory"]
)

Readers = Annotated[ProjectAccess, Depends(project_role(*ABSORPTION_READERS))]
Band = Annotated[
    Decimal | None,
    Query(description="The width of a total-price band in yuan (default 500000, i.e. 50万)", max_digits=14),
]
ON_PROJECT = responses(ProjectNotFound, Forbidden)


@router.get(
    "/projects/{project_id}/reports/absorption",
    responses=ON_PROJECT,
    summary="Absorption (去化率) now: sold of released, by building, layout, kind and total-price band",
    response_model=schemas.Absorption,
)
async def absorption(reader: ReaderDep, access: Readers, band: Band = None) -> schemas.Absorption:
    return await service.absorption(reader, access, band)


@router.get(
    "/projects/{project_id}/reports/absorption.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The absorption as a workbook"},
        **ON_PROJECT,
    },
    summary="Absorption as a workbook",
)
async def absorption_workbook(reader: ReaderDep, access: Readers, band: Band = None) -> Response:
    figures = await service.absorption(reader, access, band)
    filename = f"absorption-{access.project.code}-{figures.at:%Y%m%d}.xlsx"
    return attachment(service.absorption_workbook(figures, project_zone(access)), filename)
