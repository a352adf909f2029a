"""HTTP of reception: the roster (排班) and the walk-in rotation (轮接)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from anchang.core.access import Authorized, ProjectAccess, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import SaneDate
from anchang.org.service import ProjectNotFound
from anchang.reception import policy, reads, schemas, service
from anchang.reception.models import RosterEntry
from anchang.reception.repository import RosterEntryNotFound, RosterRepository

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
Supervisors = Annotated[ProjectAccess, Depends(project_role(*policy.ROSTER_PLANNERS))]
# A roster entry, for the sales line: whose entry a consultant may change, the service checks.
EditableRosterEntry = Annotated[
    Authorized[RosterEntry],
    Depends(entity_role(RosterRepository, *policy.ROSTER_ENTRY_EDITORS, path="roster_entry_id")),
]
ON_PROJECT = responses(ProjectNotFound, Forbidden)


@router.get(
    "/projects/{project_id}/roster",
    tags=["reception"],
    responses=ON_PROJECT,
    summary="A day's roster",
    response_model=schemas.Roster,
)
async def get_roster(
    reader: ReaderDep,
    access: AnyMember,
    day: Annotated[SaneDate | None, Query(alias="date", description="Default: today (project time)")] = None,
) -> Response:
    return answer(schemas.Roster, await reads.roster(reader, access, day))


@router.put(
    "/projects/{project_id}/roster",
    tags=["reception"],
    responses=ON_PROJECT,
    summary="Plan a day's roster (排班): consultants in rotation order (supervisors and above)",
)
async def set_roster(session: SessionDep, access: Supervisors, body: schemas.RosterSet) -> schemas.Roster:
    return await service.set_roster(session, access, body)


@router.patch(
    "/roster-entries/{roster_entry_id}",
    tags=["reception"],
    responses=responses(RosterEntryNotFound, Forbidden, PreconditionFailed),
    summary="Mark a consultant absent, on a break, or back on duty",
)
async def update_roster_entry(
    session: SessionDep,
    entry: EditableRosterEntry,
    body: schemas.RosterEntryUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.RosterEntry:
    updated = await service.update_roster_entry(
        session, entry.entity, entry.access, body, expected_version(if_match)
    )
    set_etag(response, updated.version)
    return updated


@router.get(
    "/projects/{project_id}/rotation",
    tags=["reception"],
    responses=ON_PROJECT,
    summary="Today's reception queue (轮接), from whoever takes the next walk-in",
    response_model=schemas.Rotation,
)
async def get_rotation(reader: ReaderDep, access: AnyMember) -> Response:
    return answer(schemas.Rotation, await reads.rotation(reader, access))


@router.post(
    "/projects/{project_id}/rotation/next",
    tags=["reception"],
    responses=responses(ProjectNotFound, Forbidden, service.NobodyOnDuty),
    summary="Give the next walk-in to the next available consultant and record the visit",
)
async def next_walk_in(
    session: SessionDep, access: Supervisors, body: schemas.NextWalkIn
) -> schemas.WalkInResult:
    return await service.next_walk_in(session, access, body)
