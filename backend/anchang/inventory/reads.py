"""Inventory on the lean read path (core/reads.py): every list is one statement per page, built once per
caller and shape, its values bound per request.

The access policy stays in the statements (each starts from its repository's `readable()`); what a
caller is shown of a row (floor prices, holds as sales, reservations past their end as expired,
allowed actions) is computed by the same view and policy functions as for the ORM objects of writes.
"""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, literal_column, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, aliased

from anchang.core.access import ProjectAccess
from anchang.core.pagination import PageParams, read_page
from anchang.core.reader import Reader, Row
from anchang.core.reads import per_caller
from anchang.core.repository import AnySelect
from anchang.core.security import Principal
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.models import (
    Building,
    PriceListItem,
    PriceListVersion,
    Release,
    Reservation,
    Unit,
    UnitHistory,
    UnitStatus,
)
from anchang.inventory.reservations import reservation_fields
from anchang.inventory.views import UNIT_FIELDS, history_entry, unit_view, viewer
from anchang.org import service as org_service

S = UnitStatus


def _columns(model: Any, *names: str) -> list[InstrumentedAttribute[Any]]:
    return [getattr(model, name) for name in names]


RECORD = ("id", "created_at", "updated_at", "version")
UNIT_COLUMNS = _columns(Unit, *UNIT_FIELDS)
RESERVATION_COLUMNS = _columns(
    Reservation,
    *RECORD,
    "project_id",
    "unit_id",
    "consultant_id",
    "customer_id",
    "status",
    "minutes",
    "expires_at",
    "list_price",
    "ended_at",
)
RELEASE_COLUMNS = _columns(
    Release, *RECORD, "project_id", "kind", "name", "unit_ids", "unit_count", "created_by"
)
VERSION_PUBLIC_COLUMNS = _columns(
    PriceListVersion,
    *RECORD,
    "project_id",
    "number",
    "status",
    "description",
    "adjustment",
    "based_on_id",
    "approval_id",
    "created_by",
    "activated_at",
    "unit_count",
    "total_list_price",
)
BUILDING_COLUMNS = _columns(Building, *RECORD, "project_id", "name", "sort_order")

# What a unit filtered by status matches, for a caller who sees holds or not (`list_units`).
STATUS_EQUAL, STATUS_SOLD_OR_HELD, STATUS_NONE = "equal", "sold_or_held", "none"


# --- units ----------------------------------------------------------------------------------


@per_caller
def units_of_project(
    caller: Principal, *, building: bool, status: str | None, layout: bool, floor: bool
) -> AnySelect:
    """The project's units with what a unit's view needs; bind parameters: `project_id`, and
    `building_id`, `status`, `layout`, `floor` when the shape has them (`status` only for
    `STATUS_EQUAL`)."""
    statement = (
        repo.UnitRepository(None, caller)
        .readable()
        .with_only_columns(*UNIT_COLUMNS)
        .where(Unit.project_id == bindparam("project_id"))
    )
    if building:
        statement = statement.where(Unit.building_id == bindparam("building_id"))
    effective = repo.effective_status()
    if status == STATUS_EQUAL:
        statement = statement.where(effective == bindparam("status", type_=Unit.status.type))
    elif status == STATUS_SOLD_OR_HELD:
        statement = statement.where(effective.in_([transitions.HELD_SHOWN_AS, S.held]))
    elif status == STATUS_NONE:
        statement = statement.where(Unit.id.is_(None))  # nothing is "held" for this viewer
    if layout:
        statement = statement.where(Unit.layout == bindparam("layout"))
    if floor:
        statement = statement.where(Unit.floor == bindparam("floor"))
    return statement


async def list_units(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    building_id: uuid.UUID | None,
    status: UnitStatus | None,
    layout: str | None,
    floor: int | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Units of the project as the caller may see them, filtered; a consultant asking for `held` where
    holds are hidden gets none, and asking for sold gets the held ones too."""
    view = viewer(access)
    values: dict[str, Any] = {"project_id": access.project.id}
    shape: str | None = None
    if status is not None:
        if not view.sees_holds and status is transitions.HELD_SHOWN_AS:
            shape = STATUS_SOLD_OR_HELD
        elif not view.sees_holds and status is S.held:
            shape = STATUS_NONE
        else:
            shape, values["status"] = STATUS_EQUAL, status
    for name, value in (("building_id", building_id), ("layout", layout), ("floor", floor)):
        if value is not None:
            values[name] = value
    statement = units_of_project(
        access.principal,
        building=building_id is not None,
        status=shape,
        layout=layout is not None,
        floor=floor is not None,
    )
    rows, cursor = await read_page(
        reader, statement, page, values, order_by=[Unit.code, Unit.id], updated_at=Unit.updated_at
    )
    now = datetime.now(UTC)
    return [unit_view(row, view, now, access) for row in rows], cursor


@per_caller
def history_of_unit(caller: Principal, *, hold_starts: bool) -> AnySelect:
    """A unit's status changes; bind parameter `unit_id`. With `hold_starts`,
    each entry also names the entry that began the hold it belongs to (`hold_entry_id`): the last
    that put the unit on hold at or before it, for `views.history_entry` to disguise holds."""
    entries = repo.HistoryRepository(None, caller)
    columns: list[Any] = [
        *_columns(
            UnitHistory,
            "id",
            "unit_id",
            "from_status",
            "to_status",
            "actor_id",
            "reason",
            "source_type",
            "source_id",
            "created_at",
        ),
        org_service.user_name_of(caller, UnitHistory.actor_id).label("actor_name"),
    ]
    if hold_starts:
        start = aliased(UnitHistory)
        began = (
            select(start.id)
            .where(
                start.organization_id == UnitHistory.organization_id,
                start.unit_id == UnitHistory.unit_id,
                start.to_status == S.held,
                tuple_(start.created_at, start.id) <= tuple_(UnitHistory.created_at, UnitHistory.id),
            )
            .order_by(start.created_at.desc(), start.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        columns.append(began.label("hold_entry_id"))
    return entries.readable().with_only_columns(*columns).where(UnitHistory.unit_id == bindparam("unit_id"))


async def unit_history(
    reader: Reader, unit: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """A unit's status changes, oldest first, with their actors' names; a hold hidden from the caller
    shows as a sale, every field filled as a sale's is (`views.history_entry`)."""
    view = viewer(access)
    statement = history_of_unit(access.principal, hold_starts=not view.sees_holds)
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        {"unit_id": unit.id},
        order_by=[UnitHistory.created_at, UnitHistory.id],
        updated_at=UnitHistory.created_at,
    )
    out = []
    for row in rows:
        began = row.pop("hold_entry_id", None)
        out.append(history_entry(row, view, began))
    return out, cursor


# --- buildings ------------------------------------------------------------------------------


@per_caller
def buildings_of_project(caller: Principal) -> AnySelect:
    """The project's buildings; bind parameter `project_id`."""
    return (
        repo.BuildingRepository(None, caller)
        .readable()
        .with_only_columns(*BUILDING_COLUMNS)
        .where(Building.project_id == bindparam("project_id"))
    )


async def list_buildings(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's buildings in their order."""
    return await read_page(
        reader,
        buildings_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[Building.sort_order, Building.name, Building.id],
        updated_at=Building.updated_at,
    )


# --- reservations ---------------------------------------------------------------------------


@per_caller
def reservations_of_project(caller: Principal, *, live: bool, unit: bool) -> AnySelect:
    """The project's reservations the caller may read (a consultant's own); bind parameters
    `project_id`, and `unit_id` when the shape has it."""
    statement = (
        repo.ReservationRepository(None, caller)
        .readable()
        .with_only_columns(*RESERVATION_COLUMNS)
        .where(Reservation.project_id == bindparam("project_id"))
    )
    if live:
        statement = statement.where(repo.live_reservation())
    if unit:
        statement = statement.where(Reservation.unit_id == bindparam("unit_id"))
    return statement


async def list_reservations(
    reader: Reader,
    access: ProjectAccess,
    page: PageParams,
    *,
    live_only: bool,
    unit_id: uuid.UUID | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """A consultant's own reservations, everyone's for supervisors and above; of one unit if asked;
    each as `reservations.reservation_fields` shows it."""
    values: dict[str, Any] = {"project_id": access.project.id}
    if unit_id is not None:
        values["unit_id"] = unit_id
    statement = reservations_of_project(access.principal, live=live_only, unit=unit_id is not None)
    rows, cursor = await read_page(
        reader,
        statement,
        page,
        values,
        order_by=[Reservation.created_at, Reservation.id],
        updated_at=Reservation.updated_at,
    )
    now = datetime.now(UTC)
    return [reservation_fields(row, access, now) for row in rows], cursor


# --- releases -------------------------------------------------------------------------------


@per_caller
def releases_of_project(caller: Principal) -> AnySelect:
    """The project's releases and withdrawals; bind parameter `project_id`."""
    return (
        repo.ReleaseRepository(None, caller)
        .readable()
        .with_only_columns(*RELEASE_COLUMNS)
        .where(Release.project_id == bindparam("project_id"))
    )


async def list_releases(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's releases and withdrawals, oldest first."""
    return await read_page(
        reader,
        releases_of_project(access.principal),
        page,
        {"project_id": access.project.id},
        order_by=[Release.created_at, Release.id],
        updated_at=Release.updated_at,
    )


# --- price lists ----------------------------------------------------------------------------


@per_caller
def versions_of_project(caller: Principal, *, floor_price: bool) -> AnySelect:
    """The project's price list versions; bind parameter `project_id`. Without `floor_price`, not a
    column that speaks of floor prices (`below_floor_count`) is read."""
    columns = [*VERSION_PUBLIC_COLUMNS]
    if floor_price:
        columns.append(PriceListVersion.below_floor_count)
    return (
        repo.PriceListRepository(None, caller)
        .readable()
        .with_only_columns(*columns)
        .where(PriceListVersion.project_id == bindparam("project_id"))
    )


async def list_versions(
    reader: Reader, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """The project's price list versions, oldest first, as the caller may see them."""
    return await read_page(
        reader,
        versions_of_project(access.principal, floor_price=viewer(access).sees_floor_price),
        page,
        {"project_id": access.project.id},
        order_by=[PriceListVersion.number, PriceListVersion.id],
        updated_at=PriceListVersion.updated_at,
    )


def version_fields(version: Row, access: ProjectAccess) -> dict[str, Any]:
    """A version read by id (all its columns) as the caller may see it."""
    names = [c.key for c in VERSION_PUBLIC_COLUMNS]
    if viewer(access).sees_floor_price:
        names.append("below_floor_count")
    return {name: version[name] for name in names}


def unit_code_in(caller: Principal, unit_id: Any) -> Any:
    """The code of the unit `unit_id` (a column of the caller's statement), "" when not readable."""
    code = (
        repo.UnitRepository(None, caller)
        .readable()
        .with_only_columns(Unit.code)
        .where(Unit.id == unit_id)
        .scalar_subquery()
    )
    return func.coalesce(code, literal_column("''"))


@per_caller
def items_of_version(caller: Principal, *, floor_price: bool) -> AnySelect:
    """A version's items with their unit's code; bind parameter `version_id`. Floor prices only with
    `floor_price`."""
    columns: list[Any] = [
        PriceListItem.id,
        PriceListItem.unit_id,
        unit_code_in(caller, PriceListItem.unit_id).label("code"),
        PriceListItem.list_price,
        PriceListItem.previous_list_price,
    ]
    if floor_price:
        columns.append(PriceListItem.floor_price)
    return (
        repo.PriceListItemRepository(None, caller)
        .readable()
        .with_only_columns(*columns)
        .where(PriceListItem.version_id == bindparam("version_id"))
    )


async def version_items(
    reader: Reader, version: Row, access: ProjectAccess, page: PageParams
) -> tuple[list[Row], str | None]:
    """Each unit's prices in the version, floor prices only to whom may see them."""
    statement = items_of_version(access.principal, floor_price=viewer(access).sees_floor_price)
    return await read_page(reader, statement, page, {"version_id": version.id}, order_by=[PriceListItem.id])
