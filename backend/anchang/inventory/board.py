"""The sales-control board (销控表): one query for a building or a whole project, drawn as floors ×
positions, with counts, areas and amounts per status — and the same board as an Excel sheet."""

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, and_, bindparam, case, cast, func, select, true

from anchang.core.access import ProjectAccess
from anchang.core.reader import Reader
from anchang.core.reads import per_caller
from anchang.core.roles import ProjectRole
from anchang.core.security import Principal
from anchang.inventory import repository as repo
from anchang.inventory import transitions
from anchang.inventory.models import (
    Building,
    PriceListItem,
    PriceListVersion,
    Reservation,
    Unit,
    UnitHistory,
    UnitStatus,
)
from anchang.inventory.settings import InventorySettings
from anchang.inventory.views import Viewer

S = UnitStatus

LABELS = {
    S.unreleased: "未推售",
    S.available: "可售",
    S.held: "销控保留",
    S.reserved: "预留",
    S.subscribed: "已认购",
    S.contracted: "已签约",
    S.handed_over: "已交房",
}
COLOURS = {  # fills of the board cells and the legend, as sales offices draw them
    S.unreleased: "D9D9D9",
    S.available: "C6EFCE",
    S.held: "D9C3E9",
    S.reserved: "FFEB9C",
    S.subscribed: "F8CBAD",
    S.contracted: "FF9999",
    S.handed_over: "BDD7EE",
}


@per_caller
def _cells(caller: Principal, *, building: bool, at: bool, floor_price: bool, hide_holds: bool) -> Any:
    """Every unit of the project's buildings as its board cell, every value as the JSON writes it
    (ids and amounts as text: the cheapest for PostgreSQL to send and for Python to pass on), a hold
    already shown as a sale to whom holds are hidden, the floor price only to whom may see it.
    Buildings without units come as one row without a unit. Bind parameters: `project_id`, and
    `building_id`, `at` when the shape has them."""
    project_id = bindparam("project_id", type_=Building.project_id.type)
    if not at:
        effective: Any = case(
            (and_(Unit.status == S.reserved, Unit.reserved_until <= func.now()), S.available.value),
            else_=cast(Unit.status, String),
        )
        price: Any = case(
            (
                and_(effective.in_([s.value for s in transitions.TAKEN]), Unit.taken_price.is_not(None)),
                Unit.taken_price,
            ),
            else_=Unit.list_price,
        )
        floor_price_of: Any = Unit.floor_price
        list_price: Any = Unit.list_price
    else:
        # As it stood at `at`: each unit's last history row by then, the price list active then, and a
        # reservation that had already run out shown as available.
        then = bindparam("at", type_=UnitHistory.created_at.type)
        last = (
            select(UnitHistory.to_status, UnitHistory.source_id)
            .where(UnitHistory.unit_id == Unit.id, UnitHistory.created_at <= then)
            .order_by(UnitHistory.created_at.desc(), UnitHistory.id.desc())
            .limit(1)
            .lateral("last")
        )
        version_then = (
            select(PriceListVersion.id)
            .where(PriceListVersion.project_id == project_id, PriceListVersion.activated_at <= then)
            .order_by(PriceListVersion.activated_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        effective = case(
            (and_(last.c.to_status == S.reserved, Reservation.expires_at <= then), S.available.value),
            else_=cast(last.c.to_status, String),
        )
        listed = func.coalesce(PriceListItem.list_price, Unit.list_price)
        taken = [s.value for s in transitions.TAKEN]
        price = case(
            (
                and_(effective == S.reserved.value, Reservation.list_price.is_not(None)),
                Reservation.list_price,
            ),
            # Sold then and still sold: its taken price, as the live board showed it (a unit sold
            # then but free now has no taken price left, and shows the list price of then).
            (and_(effective.in_(taken), Unit.taken_price.is_not(None)), Unit.taken_price),
            else_=listed,
        )
        floor_price_of = func.coalesce(PriceListItem.floor_price, Unit.floor_price)
        list_price = listed
    shown: Any = effective
    if hide_holds:
        shown = case((effective == S.held.value, transitions.HELD_SHOWN_AS.value), else_=effective)
    columns: list[Any] = [
        cast(Building.id, String).label("b_id"),
        Building.name.label("b_name"),
        cast(Unit.id, String).label("id"),
        Unit.code.label("code"),
        cast(Unit.kind, String).label("kind"),
        Unit.entrance.label("entrance"),
        Unit.floor.label("floor"),
        Unit.position.label("position"),
        Unit.layout.label("layout"),
        cast(Unit.gross_area, String).label("gross_area"),
        Unit.orientation.label("orientation"),
        shown.label("status"),
        cast(price, String).label("price"),
        cast(func.round(list_price / Unit.gross_area, 2), String).label("unit_price"),
        Unit.version.label("version"),
    ]
    if floor_price:
        columns.append(cast(floor_price_of, String).label("floor_price"))
    source = select(*columns).select_from(Building).outerjoin(Unit, Unit.building_id == Building.id)
    if at:
        source = (
            source.outerjoin(last, true())
            .outerjoin(Reservation, Reservation.id == last.c.source_id)
            .outerjoin(
                PriceListItem,
                and_(PriceListItem.unit_id == Unit.id, PriceListItem.version_id == version_then),
            )
        )
    statement = repo.BuildingRepository(None, caller).scope(source).where(Building.project_id == project_id)
    if building:
        statement = statement.where(Building.id == bindparam("building_id", type_=Building.id.type))
    return statement.order_by(Building.sort_order, Building.name, Building.id)


@dataclass(slots=True)
class _Total:
    count: int = 0
    area_fen: int = 0
    amount_fen: int = 0


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _statuses(view: Viewer) -> list[UnitStatus]:
    return [s for s in S if view.sees_holds or s is not S.held]


def _totals(totals: dict[str, _Total], view: Viewer) -> list[dict[str, Any]]:
    out = []
    for status in _statuses(view):
        t = totals.get(status.value) or _Total()
        out.append(
            {
                "status": status.value,
                "count": t.count,
                "gross_area": _yuan(t.area_fen),
                "amount": _yuan(t.amount_fen),
            }
        )
    return out


def _column_key(entrance: str, position: int) -> tuple[int, str, int]:
    return (int(entrance), "", position) if entrance.isdigit() else (1 << 30, entrance, position)


async def board_answer(
    reader: Reader,
    access: ProjectAccess,
    view: Viewer,
    building_id: uuid.UUID | None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The board, ready for orjson (`core.reads.answer`), from one statement built once per caller and
    shape. The rows are the cells as they are written; the loop over them only places each in its
    grid and adds it to the totals (it is the cost of a 5,000-unit board: keep it so)."""
    statement = _cells(
        access.principal,
        building=building_id is not None,
        at=at is not None,
        floor_price=view.sees_floor_price,
        hide_holds=not view.sees_holds,
    )
    values: dict[str, Any] = {"project_id": access.project.id}
    if building_id is not None:
        values["building_id"] = building_id
    if at is not None:
        values["at"] = at
    rows = await reader.tuples(statement, values)
    if building_id is not None and not rows:
        raise repo.BuildingNotFound(f"No building with id {building_id} in this project")
    floor_price = view.sees_floor_price
    # Per building: its name, {(entrance, position)}, {floor: [cell…]}, {status: [count, area, amount]}.
    buildings: dict[str, tuple[str, set[tuple[str, int]], dict[int, list[Any]], dict[str, list[int]]]] = {}
    last_id, b = None, None
    for row in rows:
        b_id, b_name, unit_id, code, kind, entrance, floor, position, layout, area, orientation = row[:11]
        if b_id != last_id:  # rows come building by building
            last_id = b_id
            b = buildings[b_id] = (b_name, set(), {}, {})
        assert b is not None
        status, price = row[11], row[12]
        if status is None:
            continue  # a building without units, or a unit that did not exist yet at `at`
        cell = {
            "id": unit_id,
            "code": code,
            "kind": kind,
            "entrance": entrance,
            "floor": floor,
            "position": position,
            "layout": layout,
            "gross_area": area,
            "orientation": orientation,
            "status": status,
            "price": price,
            "unit_price": row[13],
            "version": row[14],
        }
        if floor_price:
            cell["floor_price"] = row[15]
        b[1].add((entrance, position))
        on_floor = b[2].get(floor)
        if on_floor is None:
            on_floor = b[2][floor] = []
        on_floor.append(cell)
        total = b[3].get(status)
        if total is None:
            total = b[3][status] = [0, 0, 0]
        total[0] += 1
        # NUMERIC(…, 2) as text always has two decimals: "3615000.00" → 361500000 fen.
        total[1] += int(area.replace(".", ""))
        total[2] += int(price.replace(".", ""))

    project_totals: dict[str, _Total] = {}
    out_buildings = []
    for b_id, (name, places, floors, totals) in buildings.items():
        columns = sorted(places, key=lambda k: _column_key(*k))
        width = len(columns)
        index = {key: i for i, key in enumerate(columns)}
        grid = []
        for floor in sorted(floors, reverse=True):
            line: list[Any] = [None] * width
            for c in floors[floor]:
                line[index[(c["entrance"], c["position"])]] = c
            grid.append({"floor": floor, "cells": line})
        building_totals = {s: _Total(*t) for s, t in totals.items()}
        for status, t in building_totals.items():
            p = project_totals.setdefault(status, _Total())
            p.count += t.count
            p.area_fen += t.area_fen
            p.amount_fen += t.amount_fen
        out_buildings.append(
            {
                "id": b_id,
                "name": name,
                "columns": [{"entrance": e, "position": p} for e, p in columns],
                "floors": grid,
                "totals": _totals(building_totals, view),
            }
        )
    return {
        "project_id": access.project.id,
        "generated_at": datetime.now(UTC),
        "as_of": at,
        "buildings": out_buildings,
        "totals": _totals(project_totals, view),
    }


async def board(
    reader: Reader,
    access: ProjectAccess,
    view: Viewer,
    building_id: uuid.UUID | None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The board as plain JSON-ready data with its times as ISO text (for the Excel sheet)."""
    data = await board_answer(reader, access, view, building_id, at)
    data["project_id"] = str(data["project_id"])
    data["generated_at"] = data["generated_at"].isoformat()
    data["as_of"] = at.isoformat() if at is not None else None
    return data


def board_xlsx(data: dict[str, Any], project_name: str) -> bytes:
    """The board as a workbook: one sheet per building, drawn like the board, with a legend. Cells are
    written by `core.spreadsheet` (a name or code that looks like a formula stays text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from anchang.core.spreadsheet import put, sheet_title

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fills = {s.value: PatternFill("solid", start_color=c, end_color=c) for s, c in COLOURS.items()}
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    used_names: set[str] = set()
    for b in data["buildings"] or [{"name": "—", "columns": [], "floors": [], "totals": data["totals"]}]:
        title = sheet_title(str(b["name"]), used_names)
        ws = wb.create_sheet(title)
        ncols = len(b["columns"])
        put(ws, 1, 1, f"{project_name} · {b['name']} 销控表").font = Font(bold=True, size=14)
        exported = f"导出时间 {data['generated_at'][:19].replace('T', ' ')} UTC"
        if data["as_of"]:
            exported = (
                f"截至 {data['as_of'][:19].replace('T', ' ')}（{data['as_of'][19:] or 'UTC'}） · " + exported
            )
        put(ws, 2, 1, exported)
        put(ws, 3, 1, "楼层").font = Font(bold=True)
        for i, col in enumerate(b["columns"], start=2):
            c = put(ws, 3, i, f"{col['entrance']}单元 {col['position']:02d}")
            c.font, c.alignment, c.border = Font(bold=True), centre, border
            ws.column_dimensions[get_column_letter(i)].width = 16
        ws.column_dimensions["A"].width = 8
        row = 4
        for floor in b["floors"]:
            put(ws, row, 1, f"{floor['floor']}F").alignment = centre
            for i, cell in enumerate(floor["cells"], start=2):
                if cell is None:
                    continue
                text = "\n".join(
                    filter(
                        None,
                        [
                            cell["code"],
                            cell["layout"],
                            f"{cell['gross_area']}㎡",
                            f"¥{Decimal(cell['price']):,.0f}",
                            LABELS[S(cell["status"])],
                        ],
                    )
                )
                c = put(ws, row, i, text)
                c.fill, c.alignment, c.border = fills[cell["status"]], centre, border
            ws.row_dimensions[row].height = 72
            row += 1
        # The legend, right of the grid: colour, status, count, area, amount.
        lc = ncols + 3
        put(ws, 3, lc, "图例 / 状态").font = Font(bold=True)
        for j, head in enumerate(["套数", "面积㎡", "金额¥"], start=1):
            put(ws, 3, lc + j, head).font = Font(bold=True)
        for k, total in enumerate(b["totals"], start=4):
            status = S(total["status"])
            c = put(ws, k, lc, f"{LABELS[status]} {status.value}")
            c.fill, c.border = fills[status.value], border
            put(ws, k, lc + 1, total["count"])
            put(ws, k, lc + 2, Decimal(total["gross_area"]))
            put(ws, k, lc + 3, Decimal(total["amount"])).number_format = "#,##0.00"
        ws.column_dimensions[get_column_letter(lc)].width = 20
        ws.column_dimensions[get_column_letter(lc + 3)].width = 18
        ws.freeze_panes = "B4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class BoardUnit:
    """A unit of the board as the board counts it: its building, status and price (a sold one's taken
    price, otherwise the list price of the time)."""

    building_id: str
    building_name: str
    unit_id: str
    code: str
    status: str
    gross_area: Decimal
    price: Decimal


async def board_units(reader: Reader, access: ProjectAccess, at: datetime | None) -> list[BoardUnit]:
    """Every unit of the project's board as it stood at `at` (the live board if None), with holds as
    holds and whoever asks: the same statement the board (`?at=`) draws, so a count from it is the
    board's count of that time."""
    full = Viewer(role=ProjectRole.admin, settings=InventorySettings.of(access.project.settings))
    data = await board_answer(reader, access, full, None, at)
    return [
        BoardUnit(
            building_id=b["id"],
            building_name=b["name"],
            unit_id=cell["id"],
            code=cell["code"],
            status=cell["status"],
            gross_area=Decimal(cell["gross_area"]),
            price=Decimal(cell["price"]),
        )
        for b in data["buildings"]
        for line in b["floors"]
        for cell in line["cells"]
        if cell is not None
    ]
