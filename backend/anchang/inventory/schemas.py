"""Request and response bodies of inventory. Consultants get the `…Public` shapes: no floor price in them
at all (not a null left in), and a held unit shown as sold."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema, model_validator

from anchang.core.schemas import Money, Record, RequestModel, ResponseModel
from anchang.inventory.models import (
    PriceListStatus,
    ReleaseKind,
    ReservationStatus,
    UnitKind,
    UnitStatus,
)
from anchang.inventory.settings import MAX_RESERVATION_MINUTES


def body_values(data: Any, *, only_set: bool = False) -> dict[str, Any]:
    """A request body's values as Python objects (model_dump would turn money into strings)."""
    names = data.model_fields_set if only_set else type(data).model_fields
    return {name: getattr(data, name) for name in names}


AREA_PATTERN = r"^\d{1,8}(\.\d{1,2})?$"


def _parse_area(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        raise ValueError('an area is a decimal string in m² such as "89.50", not a number')
    import re

    if not re.fullmatch(AREA_PATTERN, value):
        raise ValueError('an area is a positive decimal string with at most 2 decimals, such as "89.50"')
    return Decimal(value)


Area = Annotated[
    Decimal,
    BeforeValidator(_parse_area),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": AREA_PATTERN, "examples": ["89.50"]}),
]
"""m² as a decimal string (`"89.50"`), `NUMERIC(10,2)` in SQL."""

Reason = Annotated[str, Field(min_length=1, max_length=500)]

# Numbers a client sends are bounded by what their column holds, so a huge one is a 422 naming the
# field, never a database error (issue #10).
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
SortOrder = Annotated[int, Field(ge=INT32_MIN, le=INT32_MAX)]
FLOOR_MIN, FLOOR_MAX = -10, 200  # the floors a unit may be on (the importer checks the same)
Floor = Annotated[int, Field(ge=FLOOR_MIN, le=FLOOR_MAX)]
MONEY_MAX = Decimal("999999999999.99")  # NUMERIC(14, 2)

# --- settings -------------------------------------------------------------------------------


class InventorySettings(ResponseModel):
    """The project's inventory rules (stored in `projects.settings`)."""

    reservation_minutes: int = Field(description="A reservation's length, and the most a consultant may ask")
    max_live_reservations: int = Field(description="Live reservations a consultant may hold at once")
    hide_holds_from_consultants: bool = Field(description="A held unit shows to consultants as sold")


class InventorySettingsUpdate(RequestModel):
    reservation_minutes: Annotated[int, Field(ge=1, le=MAX_RESERVATION_MINUTES)] | None = None
    max_live_reservations: Annotated[int, Field(ge=0, le=100)] | None = None
    hide_holds_from_consultants: bool | None = None


# --- buildings ------------------------------------------------------------------------------


class Building(Record):
    project_id: uuid.UUID
    name: str
    sort_order: int


class BuildingCreate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=64, examples=["3号楼"])]
    sort_order: SortOrder = 0


class BuildingUpdate(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    sort_order: SortOrder | None = None


# --- units ----------------------------------------------------------------------------------


class UnitPublic(Record):
    """A unit as every member of the project may see it."""

    project_id: uuid.UUID
    building_id: uuid.UUID
    kind: UnitKind
    code: str
    entrance: str
    floor: int
    position: int
    layout: str | None
    gross_area: Area
    net_area: Area | None
    orientation: str | None
    list_price: Money = Field(description="表价: the current list price, total")
    unit_price: Money = Field(description="The list price per m² of gross area")
    price: Money = Field(
        description="The price it is sold at: the price it was taken at, else the list price"
    )
    status: UnitStatus
    reserved_until: datetime | None
    allowed_actions: list[str] = Field(
        description="What the caller may do with the unit now (`edit`, `hold`, `unhold`, `reserve`), "
        "by the same rules the server applies"
    )


class Unit(UnitPublic):
    """A unit as management sees it, floor price included."""

    floor_price: Money | None = Field(description="底价: never shown to consultants")
    hold_reason: str | None


class UnitCreate(RequestModel):
    building_id: uuid.UUID
    kind: UnitKind = UnitKind.residence
    code: Annotated[str, Field(min_length=1, max_length=32, examples=["3-1-1502"])]
    entrance: Annotated[str, Field(min_length=1, max_length=16)] = "1"
    floor: Floor
    position: Annotated[int, Field(ge=1, le=500)]
    layout: Annotated[str, Field(max_length=64, examples=["三室两厅"])] | None = None
    gross_area: Area
    net_area: Area | None = None
    orientation: Annotated[str, Field(max_length=32)] | None = None
    list_price: Money
    floor_price: Money | None = None

    @model_validator(mode="after")
    def _areas(self) -> "UnitCreate":
        if self.gross_area <= 0:
            raise ValueError("gross_area must be positive")
        if self.net_area is not None and not (0 < self.net_area <= self.gross_area):
            raise ValueError("net_area must be positive and not above gross_area")
        if self.list_price < 0 or (self.floor_price is not None and self.floor_price < 0):
            raise ValueError("prices cannot be negative")
        return self


class UnitUpdate(RequestModel):
    """What may change on a unit directly; prices change only through a price-list version."""

    kind: UnitKind | None = None
    layout: Annotated[str, Field(max_length=64)] | None = None
    gross_area: Area | None = None
    net_area: Area | None = None
    orientation: Annotated[str, Field(max_length=32)] | None = None


class HoldRequest(RequestModel):
    reason: Reason


class UnholdRequest(RequestModel):
    reason: Reason | None = None


class HistoryEntry(ResponseModel):
    id: uuid.UUID
    unit_id: uuid.UUID
    from_status: UnitStatus | None
    to_status: UnitStatus
    actor_id: uuid.UUID | None
    actor_name: str | None
    reason: str | None
    source_type: str | None
    source_id: uuid.UUID | None
    created_at: datetime


# --- releases -------------------------------------------------------------------------------


class ReleaseCreate(RequestModel):
    """Units by id, or every unit of a building that can move."""

    unit_ids: Annotated[list[uuid.UUID], Field(max_length=10000)] | None = None
    building_id: uuid.UUID | None = None
    name: Annotated[str, Field(max_length=100, examples=["首次开盘"])] | None = None
    reason: Reason | None = None

    @model_validator(mode="after")
    def _target(self) -> "ReleaseCreate":
        if not self.unit_ids and self.building_id is None:
            raise ValueError("give unit_ids or building_id")
        return self


class Release(Record):
    project_id: uuid.UUID
    kind: ReleaseKind
    name: str | None
    unit_ids: list[uuid.UUID]
    unit_count: int
    created_by: uuid.UUID | None


# --- reservations ---------------------------------------------------------------------------


class ReservationCreate(RequestModel):
    customer_id: uuid.UUID
    minutes: Annotated[int, Field(ge=1, le=MAX_RESERVATION_MINUTES)] | None = Field(
        default=None, description="Defaults to the project's reservation length (30 minutes unless set)"
    )


class Reservation(Record):
    project_id: uuid.UUID
    unit_id: uuid.UUID
    consultant_id: uuid.UUID
    customer_id: uuid.UUID
    status: ReservationStatus
    minutes: int
    expires_at: datetime
    list_price: Money
    ended_at: datetime | None
    allowed_actions: list[str] = Field(
        description="What the caller may do with it now (e.g. `cancel`), by the same rules the server applies"
    )


# --- import ---------------------------------------------------------------------------------


class ImportError(ResponseModel):
    row: int = Field(description="Row number in the file, the header being row 1")
    field: str
    message: str


class ImportResult(ResponseModel):
    dry_run: bool
    created: int
    updated: int
    buildings_created: int
    errors: list[ImportError]


# --- board ----------------------------------------------------------------------------------


class BoardCellPublic(ResponseModel):
    id: uuid.UUID
    code: str
    kind: UnitKind
    entrance: str
    floor: int
    position: int
    layout: str | None
    gross_area: Area
    orientation: str | None
    status: UnitStatus
    price: Money
    unit_price: Money
    version: int


class BoardCell(BoardCellPublic):
    floor_price: Money | None


class BoardColumn(ResponseModel):
    entrance: str
    position: int


class StatusTotal(ResponseModel):
    status: UnitStatus
    count: int
    gross_area: Area
    amount: Money


class BoardFloorPublic(ResponseModel):
    floor: int
    cells: list[BoardCellPublic | None] = Field(description="One per column; null where there is no unit")


class BoardFloor(ResponseModel):
    floor: int
    cells: list[BoardCell | None]


class BoardBuildingPublic(ResponseModel):
    id: uuid.UUID
    name: str
    columns: list[BoardColumn]
    floors: list[BoardFloorPublic] = Field(description="Top floor first")
    totals: list[StatusTotal]


class BoardBuilding(ResponseModel):
    id: uuid.UUID
    name: str
    columns: list[BoardColumn]
    floors: list[BoardFloor]
    totals: list[StatusTotal]


class BoardPublic(ResponseModel):
    project_id: uuid.UUID
    generated_at: datetime
    as_of: datetime | None = Field(description="The past moment shown (?at=), else null: now")
    buildings: list[BoardBuildingPublic]
    totals: list[StatusTotal]


class Board(ResponseModel):
    project_id: uuid.UUID
    generated_at: datetime
    as_of: datetime | None = Field(description="The past moment shown (?at=), else null: now")
    buildings: list[BoardBuilding]
    totals: list[StatusTotal]


# --- price lists ----------------------------------------------------------------------------

Signed = Annotated[
    Decimal,
    BeforeValidator(lambda v: _signed(v)),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d{1,12}(\.\d{1,2})?$", "examples": ["-3.50"]}),
]


def _signed(value: Any) -> Decimal:
    import re

    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"^-?\d{1,12}(\.\d{1,2})?$", value):
        raise ValueError('a decimal string with at most 2 decimals, such as "-3.50"')
    return Decimal(value)


class PriceAdjustment(RequestModel):
    """调价: a percentage or an amount (yuan, on each unit's total) for some units or a building."""

    kind: Literal["percent", "amount"]
    value: Signed = Field(description='"2.50" for +2.5 % (kind percent) or "-20000.00" yuan (kind amount)')
    building_id: uuid.UUID | None = None
    unit_ids: Annotated[list[uuid.UUID], Field(max_length=10000)] | None = None

    @model_validator(mode="after")
    def _bounds(self) -> "PriceAdjustment":
        if self.kind == "percent" and not (Decimal(-90) <= self.value <= Decimal(100)):
            raise ValueError("a percentage adjustment lies between -90 and 100")
        return self


class PriceListCreate(RequestModel):
    description: Annotated[str, Field(max_length=500)] | None = None
    adjustment: PriceAdjustment | None = Field(
        default=None, description="None: a snapshot of the current prices as a new version"
    )


class PriceListVersionPublic(Record):
    project_id: uuid.UUID
    number: int
    status: PriceListStatus
    description: str | None
    adjustment: dict[str, Any] | None
    based_on_id: uuid.UUID | None
    approval_id: uuid.UUID | None
    created_by: uuid.UUID | None
    activated_at: datetime | None
    unit_count: int
    total_list_price: Money


class PriceListVersion(PriceListVersionPublic):
    below_floor_count: int = Field(description="Units whose list price in this version is under floor")


class PriceListItemPublic(ResponseModel):
    id: uuid.UUID
    unit_id: uuid.UUID
    code: str
    list_price: Money
    previous_list_price: Money | None


class PriceListItem(PriceListItemPublic):
    floor_price: Money | None


class AbsorptionFigures(ResponseModel):
    """去化: one group's units by state, what sold, and how long units stay on the market."""

    key: str = Field(description="The building's id, the layout, the kind, or the band's lower bound in yuan")
    name: str = Field(description="What the group is called: a building's name, a layout, a kind, a band")
    units: int
    released: int = Field(description="Put on sale: every unit but the unreleased ones (held units count)")
    available: int
    held: int
    reserved: int
    sold: int = Field(description="Subscribed, contracted or handed over")
    absorption: Decimal | None = Field(description="去化率: sold ÷ released, a share (0.4500 is 45 %)")
    sold_area: Area = Field(description="Gross area sold, m²")
    sold_amount: Money = Field(description="The prices the sold units were taken at")
    median_days_to_sell: Decimal | None = Field(description="From first release to the latest subscription")
    median_days_on_market_unsold: Decimal | None = Field(
        description="Released units still unsold: from first release until now"
    )


class Absorption(ResponseModel):
    """The project's absorption now, in total and by building, layout, kind and total-price band."""

    at: datetime
    band: Money = Field(description="The width of a total-price band, yuan")
    total: AbsorptionFigures
    by_building: list[AbsorptionFigures]
    by_layout: list[AbsorptionFigures]
    by_kind: list[AbsorptionFigures]
    by_price_band: list[AbsorptionFigures]
