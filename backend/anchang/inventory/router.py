"""HTTP of inventory and sales control: parse, authorize, call the service, shape the response.

Consultants get the `…Public` schemas (no floor price in them at all); everyone else the full ones.
"""

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from anchang.core.access import Authorized, ProjectAccess, access_still_holds, entity_role, project_role
from anchang.core.db import ReaderDep, SessionDep
from anchang.core.downloads import XLSX, attachment
from anchang.core.errors import Forbidden, PreconditionFailed, Unauthorized, ValidationFailed, responses
from anchang.core.etag import IfMatch, expected_version, set_etag
from anchang.core.pagination import PageDep
from anchang.core.reader import Row
from anchang.core.reads import answer
from anchang.core.routing import AppRoute
from anchang.core.schemas import AwareTime, Page
from anchang.customers.service import CustomerNotFound
from anchang.inventory import board as board_service
from anchang.inventory import (
    buildings,
    errors,
    events,
    holds,
    importer,
    inventory_settings,
    policy,
    pricing,
    reads,
    releases,
    reservations,
    schemas,
    units,
    views,
)
from anchang.inventory.models import (
    Building,
    Release,
    ReleaseKind,
    Reservation,
    Unit,
    UnitStatus,
)
from anchang.inventory.repository import (
    BuildingNotFound,
    BuildingRepository,
    PriceListNotFound,
    PriceListRepository,
    ReservationNotFound,
    ReservationRepository,
    UnitNotFound,
    UnitRepository,
)
from anchang.org.service import ProjectNotFound

router = APIRouter(route_class=AppRoute, responses=responses(Unauthorized, ValidationFailed))

AnyMember = Annotated[ProjectAccess, Depends(project_role())]
BoardAt = Annotated[
    AwareTime | None, Query(description="The board as it stood then (RFC 3339 with offset); now if absent")
]
Managers = Annotated[ProjectAccess, Depends(project_role(*policy.MANAGERS))]
Proposers = Annotated[ProjectAccess, Depends(project_role(*policy.PROPOSERS))]
ReadableReservation = Annotated[
    Authorized[Reservation], Depends(entity_role(ReservationRepository, path="reservation_id"))
]
ReadReservation = Annotated[
    Authorized[Row], Depends(entity_role(ReservationRepository, path="reservation_id"))
]
# On GET the entity is a plain row of the lean read path (core/access.py entity_role).
ReadableBuilding = Annotated[Authorized[Row], Depends(entity_role(BuildingRepository, path="building_id"))]
ManagedBuilding = Annotated[
    Authorized[Building], Depends(entity_role(BuildingRepository, *policy.MANAGERS, path="building_id"))
]
ReadableUnit = Annotated[Authorized[Row], Depends(entity_role(UnitRepository, path="unit_id"))]
EditableUnit = Annotated[
    Authorized[Unit],
    Depends(entity_role(UnitRepository, *policy.UNIT_ACTION_ROLES["edit"], path="unit_id")),
]
HoldableUnit = Annotated[
    Authorized[Unit],
    Depends(entity_role(UnitRepository, *policy.UNIT_ACTION_ROLES["hold"], path="unit_id")),
]
ReservableUnit = Annotated[
    Authorized[Unit],
    Depends(entity_role(UnitRepository, *policy.UNIT_ACTION_ROLES["reserve"], path="unit_id")),
]
ReadablePriceList = Annotated[
    Authorized[Row], Depends(entity_role(PriceListRepository, path="price_list_id"))
]
NOT_VISIBLE = responses(ProjectNotFound, Forbidden)


def _full_unit_out(unit: Unit, access: ProjectAccess) -> schemas.Unit:
    """For roles that see floor prices (those allowed to change units)."""
    return schemas.Unit.model_validate(views.unit_view(unit, views.viewer(access), _now(), access))


def _now() -> datetime:
    return datetime.now(UTC)


# --- settings -------------------------------------------------------------------------------


def _settings_out(settings: Any) -> schemas.InventorySettings:
    return schemas.InventorySettings(
        reservation_minutes=settings.reservation_minutes,
        max_live_reservations=settings.max_live_reservations,
        hide_holds_from_consultants=settings.hide_holds_from_consultants,
    )


@router.get(
    "/projects/{project_id}/inventory-settings",
    tags=["inventory-settings"],
    responses=NOT_VISIBLE,
    response_model=schemas.InventorySettings,
    summary="The project's reservation length, reservation limit and whether holds show to consultants",
)
async def get_inventory_settings(access: AnyMember) -> Response:
    settings = inventory_settings.settings_of(access)
    content = {
        "reservation_minutes": settings.reservation_minutes,
        "max_live_reservations": settings.max_live_reservations,
        "hide_holds_from_consultants": settings.hide_holds_from_consultants,
    }
    return answer(schemas.InventorySettings, content, version=access.project.version)


@router.patch(
    "/projects/{project_id}/inventory-settings",
    tags=["inventory-settings"],
    responses=responses(ProjectNotFound, Forbidden, PreconditionFailed),
    summary="Change them (project managers and admins); If-Match takes the project's ETag",
)
async def update_inventory_settings(
    session: SessionDep,
    access: Managers,
    body: schemas.InventorySettingsUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.InventorySettings:
    settings = await inventory_settings.update_settings(session, access, body, expected_version(if_match))
    set_etag(response, access.project.version)
    return _settings_out(settings)


# --- buildings ------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/buildings",
    tags=["buildings"],
    responses=NOT_VISIBLE,
    response_model=Page[schemas.Building],
)
async def list_buildings(reader: ReaderDep, access: AnyMember, page: PageDep) -> Response:
    items, cursor = await reads.list_buildings(reader, access, page)
    return answer(Page[schemas.Building], {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/buildings",
    tags=["buildings"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, errors.BuildingNameTaken),
    summary="Add a building (project managers and admins)",
)
async def create_building(
    session: SessionDep, access: Managers, body: schemas.BuildingCreate, response: Response
) -> schemas.Building:
    building = await buildings.create_building(session, access, body)
    set_etag(response, building.version)
    return schemas.Building.model_validate(building)


@router.get(
    "/buildings/{building_id}",
    tags=["buildings"],
    responses=responses(BuildingNotFound, Forbidden),
    response_model=schemas.Building,
)
async def get_building(building: ReadableBuilding) -> Response:
    row = building.entity
    content = {c.key: row[c.key] for c in reads.BUILDING_COLUMNS}
    return answer(schemas.Building, content, version=row.version)


@router.patch(
    "/buildings/{building_id}",
    tags=["buildings"],
    responses=responses(BuildingNotFound, Forbidden, PreconditionFailed, errors.BuildingNameTaken),
)
async def update_building(
    session: SessionDep,
    building: ManagedBuilding,
    body: schemas.BuildingUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Building:
    changed = await buildings.update_building(
        session, building.entity, building.access, body, expected_version(if_match)
    )
    set_etag(response, changed.version)
    return schemas.Building.model_validate(changed)


@router.delete(
    "/buildings/{building_id}",
    tags=["buildings"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(BuildingNotFound, Forbidden, errors.BuildingNotEmpty),
)
async def delete_building(session: SessionDep, building: ManagedBuilding) -> Response:
    await buildings.delete_building(session, building.entity, building.access)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- units ----------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/units",
    tags=["units"],
    responses=NOT_VISIBLE,
    response_model=Page[schemas.Unit] | Page[schemas.UnitPublic],
    summary="Units of the project (filters: building, status, layout, floor)",
)
async def list_units(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    building_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[UnitStatus | None, Query()] = None,
    layout: Annotated[str | None, Query(max_length=64)] = None,
    floor: Annotated[int | None, Query(ge=schemas.FLOOR_MIN, le=schemas.FLOOR_MAX)] = None,
) -> Any:
    items, cursor = await reads.list_units(
        reader, access, page, building_id=building_id, status=status, layout=layout, floor=floor
    )
    model = Page[schemas.Unit] if views.viewer(access).sees_floor_price else Page[schemas.UnitPublic]
    return answer(model, {"items": items, "next_cursor": cursor})


@router.post(
    "/projects/{project_id}/units",
    tags=["units"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, BuildingNotFound, errors.UnitCodeTaken),
    summary="Add one unit, unreleased (project managers and admins)",
)
async def create_unit(
    session: SessionDep, access: Managers, body: schemas.UnitCreate, response: Response
) -> schemas.Unit:
    unit = await units.create_unit(session, access, body)
    set_etag(response, unit.version)
    return _full_unit_out(unit, access)


@router.get(
    "/units/{unit_id}",
    tags=["units"],
    responses=responses(UnitNotFound, Forbidden),
    response_model=schemas.Unit | schemas.UnitPublic,
)
async def get_unit(unit: ReadableUnit) -> Response:
    view = views.viewer(unit.access)
    content = views.unit_view(unit.entity, view, _now(), unit.access)
    model = schemas.Unit if view.sees_floor_price else schemas.UnitPublic
    return answer(model, content, version=unit.entity.version)


@router.patch(
    "/units/{unit_id}",
    tags=["units"],
    responses=responses(UnitNotFound, Forbidden, PreconditionFailed),
    summary="Change a unit's description (prices change through price lists)",
)
async def update_unit(
    session: SessionDep,
    unit: EditableUnit,
    body: schemas.UnitUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Unit:
    changed = await units.update_unit(session, unit.entity, unit.access, body, expected_version(if_match))
    set_etag(response, changed.version)
    return _full_unit_out(changed, unit.access)


@router.get(
    "/units/{unit_id}/history",
    tags=["units"],
    responses=responses(UnitNotFound, Forbidden),
    summary="Every status change of the unit: who, when, why, from, to",
    response_model=Page[schemas.HistoryEntry],
)
async def unit_history(reader: ReaderDep, unit: ReadableUnit, page: PageDep) -> Response:
    items, cursor = await reads.unit_history(reader, unit.entity, unit.access, page)
    return answer(Page[schemas.HistoryEntry], {"items": items, "next_cursor": cursor})


@router.post(
    "/units/{unit_id}/hold",
    tags=["units"],
    responses=responses(UnitNotFound, Forbidden, errors.UnitTransitionNotAllowed),
    summary="销控保留: hold an available unit back (site managers and above)",
)
async def hold_unit(
    session: SessionDep, unit: HoldableUnit, body: schemas.HoldRequest, response: Response
) -> schemas.Unit:
    held = await holds.hold(session, unit.entity, unit.access, body)
    set_etag(response, held.version)
    return _full_unit_out(held, unit.access)


@router.post(
    "/units/{unit_id}/unhold",
    tags=["units"],
    responses=responses(UnitNotFound, Forbidden, errors.UnitTransitionNotAllowed),
    summary="Make a held unit available again (site managers and above)",
)
async def unhold_unit(
    session: SessionDep, unit: HoldableUnit, body: schemas.UnholdRequest, response: Response
) -> schemas.Unit:
    available = await holds.unhold(session, unit.entity, unit.access, body)
    set_etag(response, available.version)
    return _full_unit_out(available, unit.access)


# --- reservations ---------------------------------------------------------------------------


@router.post(
    "/units/{unit_id}/reservations",
    tags=["reservations"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        UnitNotFound,
        CustomerNotFound,
        Forbidden,
        errors.CustomerNotYours,
        errors.UnitNotAvailable,
        errors.ReservationLimitReached,
    ),
    summary="预留: reserve an available unit for a customer for N minutes",
)
async def reserve_unit(
    session: SessionDep, unit: ReservableUnit, body: schemas.ReservationCreate, response: Response
) -> schemas.Reservation:
    reservation = await reservations.reserve(session, unit.entity, unit.access, body)
    set_etag(response, reservation.version)
    return reservations.reservation_view(reservation, unit.access, _now())


@router.get(
    "/projects/{project_id}/reservations",
    tags=["reservations"],
    responses=NOT_VISIBLE,
    summary="Reservations: a consultant's own, all of them for supervisors and above",
    response_model=Page[schemas.Reservation],
)
async def list_reservations(
    reader: ReaderDep,
    access: AnyMember,
    page: PageDep,
    live: Annotated[bool, Query(description="Only those still holding their unit")] = False,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only those of this unit")] = None,
) -> Response:
    items, cursor = await reads.list_reservations(reader, access, page, live_only=live, unit_id=unit_id)
    return answer(Page[schemas.Reservation], {"items": items, "next_cursor": cursor})


@router.get(
    "/reservations/{reservation_id}",
    tags=["reservations"],
    responses=responses(ReservationNotFound, Forbidden),
    summary="A reservation the caller may read: a consultant's own, any of the project for supervisors",
    response_model=schemas.Reservation,
)
async def get_reservation(reservation: ReadReservation) -> Response:
    content = reservations.reservation_fields(reservation.entity, reservation.access, _now())
    return answer(schemas.Reservation, content, version=reservation.entity.version)


@router.delete(
    "/reservations/{reservation_id}",
    tags=["reservations"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(ReservationNotFound, Forbidden, errors.ReservationNotActive),
    summary="Cancel a live reservation; the unit becomes available",
)
async def cancel_reservation(session: SessionDep, reservation: ReadableReservation) -> Response:
    await reservations.cancel_reservation(session, reservation.entity, reservation.access)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- releases -------------------------------------------------------------------------------


def _release_out(batch: Release) -> schemas.Release:
    return schemas.Release.model_validate(batch)


@router.post(
    "/projects/{project_id}/releases",
    tags=["releases"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, BuildingNotFound, errors.UnitTransitionNotAllowed),
    summary="推售: make unreleased units available, all or nothing (project managers and admins)",
)
async def release_units(
    session: SessionDep, access: Managers, body: schemas.ReleaseCreate
) -> schemas.Release:
    return _release_out(await releases.release(session, access, body, ReleaseKind.release))


@router.post(
    "/projects/{project_id}/withdrawals",
    tags=["releases"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, BuildingNotFound, errors.UnitTransitionNotAllowed),
    summary="收盘: take available or held units back to unreleased, all or nothing",
)
async def withdraw_units(
    session: SessionDep, access: Managers, body: schemas.ReleaseCreate
) -> schemas.Release:
    return _release_out(await releases.release(session, access, body, ReleaseKind.withdrawal))


@router.get(
    "/projects/{project_id}/releases",
    tags=["releases"],
    responses=NOT_VISIBLE,
    response_model=Page[schemas.Release],
)
async def list_releases(reader: ReaderDep, access: AnyMember, page: PageDep) -> Response:
    items, cursor = await reads.list_releases(reader, access, page)
    return answer(Page[schemas.Release], {"items": items, "next_cursor": cursor})


# --- import ---------------------------------------------------------------------------------


@router.post(
    "/projects/{project_id}/units/import",
    tags=["units"],
    responses=responses(ProjectNotFound, Forbidden),
    summary="Import units from xlsx or csv; any bad row: nothing written, every bad row listed",
)
async def import_units(
    session: SessionDep,
    access: Managers,
    file: Annotated[UploadFile, File(description="xlsx or csv; English or Chinese headers")],
    dry_run: Annotated[bool, Query(description="Only check the file")] = False,
) -> schemas.ImportResult:
    content = await file.read()
    report = await importer.import_units(session, access, content, file.filename or "", dry_run=dry_run)
    return schemas.ImportResult.model_validate(
        {
            "dry_run": dry_run,
            "created": report.created,
            "updated": report.updated,
            "buildings_created": report.buildings_created,
            "errors": report.errors,
        }
    )


# --- the board ------------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/board",
    tags=["board"],
    responses=responses(ProjectNotFound, Forbidden, BuildingNotFound),
    response_model=schemas.Board | schemas.BoardPublic,
    summary="销控表: floors × positions per building, with counts and amounts per status",
)
async def get_board(
    reader: ReaderDep,
    access: AnyMember,
    building_id: Annotated[uuid.UUID | None, Query()] = None,
    at: BoardAt = None,
) -> Response:
    view = views.viewer(access)
    data = await board_service.board_answer(reader, access, view, building_id, at)
    return answer(schemas.Board if view.sees_floor_price else schemas.BoardPublic, data)


@router.get(
    "/projects/{project_id}/board.xlsx",
    tags=["board"],
    responses={**responses(ProjectNotFound, Forbidden, BuildingNotFound), 200: {"content": {XLSX: {}}}},
    response_class=Response,
    summary="The board as an Excel sheet in the status colours, with a legend",
)
async def get_board_xlsx(
    reader: ReaderDep,
    access: AnyMember,
    building_id: Annotated[uuid.UUID | None, Query()] = None,
    at: BoardAt = None,
) -> Response:
    data = await board_service.board(reader, access, views.viewer(access), building_id, at)
    content = await asyncio.to_thread(board_service.board_xlsx, data, access.project.name)
    filename = f"board-{access.project.code}-{(at or datetime.now(UTC)).astimezone(UTC):%Y%m%d-%H%M}.xlsx"
    return attachment(content, filename)


@router.get(
    "/projects/{project_id}/board/events",
    tags=["board"],
    responses={**NOT_VISIBLE, 200: {"content": {"text/event-stream": {}}}},
    response_class=StreamingResponse,
    summary="Server-sent events of unit changes in the project (fed by LISTEN/NOTIFY)",
)
async def board_events(request: Request, access: AnyMember) -> StreamingResponse:
    stream = await events.board_stream(
        request.app.state,
        request.app.state.database.url,
        access.project.id,
        shown=views.viewer(access).event,
        disconnected=request.is_disconnected,
        user_id=access.principal.user_id,
        still_allowed=lambda: access_still_holds(request, access, frozenset()),
    )
    return StreamingResponse(
        stream,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


# --- price lists ----------------------------------------------------------------------------


def _versions_model(view: views.Viewer) -> type[schemas.PriceListVersionPublic]:
    return schemas.PriceListVersion if view.sees_floor_price else schemas.PriceListVersionPublic


@router.get(
    "/projects/{project_id}/price-lists",
    tags=["price-lists"],
    responses=NOT_VISIBLE,
    response_model=Page[schemas.PriceListVersion] | Page[schemas.PriceListVersionPublic],
    summary="Versions of the project's price list (价目表), oldest first",
)
async def list_price_lists(reader: ReaderDep, access: AnyMember, page: PageDep) -> Response:
    items, cursor = await reads.list_versions(reader, access, page)
    model = _versions_model(views.viewer(access))
    return answer(Page[model], {"items": items, "next_cursor": cursor})  # type: ignore[valid-type]


@router.post(
    "/projects/{project_id}/price-lists",
    tags=["price-lists"],
    status_code=status.HTTP_201_CREATED,
    responses=responses(ProjectNotFound, Forbidden, BuildingNotFound),
    summary="调价: a new version, pending until approved (by the developer's rep if under floor)",
)
async def create_price_list(
    session: SessionDep, access: Proposers, body: schemas.PriceListCreate, response: Response
) -> schemas.PriceListVersion:
    version = await pricing.create_version(session, access, body)
    set_etag(response, version.version)
    return schemas.PriceListVersion.model_validate(version)


@router.get(
    "/price-lists/{price_list_id}",
    tags=["price-lists"],
    responses=responses(PriceListNotFound, Forbidden),
    response_model=schemas.PriceListVersion | schemas.PriceListVersionPublic,
)
async def get_price_list(price_list: ReadablePriceList) -> Response:
    content = reads.version_fields(price_list.entity, price_list.access)
    model = _versions_model(views.viewer(price_list.access))
    return answer(model, content, version=price_list.entity.version)


@router.get(
    "/price-lists/{price_list_id}/items",
    tags=["price-lists"],
    responses=responses(PriceListNotFound, Forbidden),
    response_model=Page[schemas.PriceListItem] | Page[schemas.PriceListItemPublic],
    summary="Each unit's prices in this version",
)
async def price_list_items(reader: ReaderDep, price_list: ReadablePriceList, page: PageDep) -> Response:
    rows, cursor = await reads.version_items(reader, price_list.entity, price_list.access, page)
    floor_price = views.viewer(price_list.access).sees_floor_price
    model = Page[schemas.PriceListItem] if floor_price else Page[schemas.PriceListItemPublic]
    return answer(model, {"items": rows, "next_cursor": cursor})
