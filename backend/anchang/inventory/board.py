"""The sales-control board (销控表): one query for a building or a whole project, drawn as floors ×
positions, with counts, areas and amounts per status — and the same board as an Excel sheet."""

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, and_, case, cast, func, select, true

from anchang.core.access import ProjectAccess
from anchang.core.reader import Reader
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


def _statement(
    buildings: repo.BuildingRepository,
    access: ProjectAccess,
    building_id: uuid.UUID | None,
    at: datetime | None = None,
) -> Any:
    if at is None:
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
        floor_price: Any = Unit.floor_price
        list_price: Any = Unit.list_price
    else:
        # As it stood at `at`: each unit's last history row by then, the price list active then, and a
        # reservation that had already run out shown as available.
        last = (
            select(UnitHistory.to_status, UnitHistory.source_id)
            .where(UnitHistory.unit_id == Unit.id, UnitHistory.created_at <= at)
            .order_by(UnitHistory.created_at.desc(), UnitHistory.id.desc())
            .limit(1)
            .lateral("last")
        )
        version_then = (
            select(PriceListVersion.id)
            .where(PriceListVersion.project_id == access.project.id, PriceListVersion.activated_at <= at)
            .order_by(PriceListVersion.activated_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        effective = case(
            (and_(last.c.to_status == S.reserved, Reservation.expires_at <= at), S.available.value),
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
        floor_price = func.coalesce(PriceListItem.floor_price, Unit.floor_price)
        list_price = listed
    columns: list[Any] = [
        Building.id.label("b_id"),
        Building.name.label("b_name"),
        Unit.id.label("id"),
        Unit.code.label("code"),
        cast(Unit.kind, String).label("kind"),
        Unit.entrance.label("entrance"),
        Unit.floor.label("floor"),
        Unit.position.label("position"),
        Unit.layout.label("layout"),
        cast(Unit.gross_area, String).label("gross_area"),
        Unit.orientation.label("orientation"),
        effective.label("status"),
        cast(price, String).label("price"),
        cast(func.round(list_price / Unit.gross_area, 2), String).label("unit_price"),
        Unit.version.label("version"),
        cast(floor_price, String).label("floor_price"),
    ]
    source = select(*columns).select_from(Building).outerjoin(Unit, Unit.building_id == Building.id)
    if at is not None:
        source = (
            source.outerjoin(last, true())
            .outerjoin(Reservation, Reservation.id == last.c.source_id)
            .outerjoin(
                PriceListItem,
                and_(PriceListItem.unit_id == Unit.id, PriceListItem.version_id == version_then),
            )
        )
    statement = buildings.scope(source).where(Building.project_id == access.project.id)
    if building_id is not None:
        statement = statement.where(Building.id == building_id)
    return statement.order_by(Building.sort_order, Building.name, Building.id)


@dataclass(slots=True)
class _Total:
    count: int = 0
    area_fen: int = 0
    amount_fen: int = 0


def _fen(text: str) -> int:
    # NUMERIC(…, 2) as text always has two decimals: "3615000.00" → 361500000.
    return int(text.replace(".", ""))


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


async def board(
    reader: Reader,
    access: ProjectAccess,
    view: Viewer,
    building_id: uuid.UUID | None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The board as plain JSON-ready data, from one query on the fast read path (the router
    serializes it without a second validation pass)."""
    buildings_repo = repo.BuildingRepository(None, access.principal)
    rows = await reader.all(_statement(buildings_repo, access, building_id, at))
    if building_id is not None and not rows:
        raise repo.BuildingNotFound(f"No building with id {building_id} in this project")
    floor_price = view.sees_floor_price
    hide_holds = not view.sees_holds
    held, shown_as = S.held.value, transitions.HELD_SHOWN_AS.value
    buildings: dict[uuid.UUID, dict[str, Any]] = {}
    project_totals: dict[str, _Total] = {}
    for cell in rows:
        b_id, b_name, floor_price_text = cell.pop("b_id"), cell.pop("b_name"), cell.pop("floor_price")
        b = buildings.get(b_id)
        if b is None:
            b = buildings[b_id] = {"id": str(b_id), "name": b_name, "cells": [], "totals": {}}
        if cell["id"] is None or cell["status"] is None:
            continue  # a building without units, or a unit that did not exist yet at `at`
        status = cell["status"]
        if hide_holds and status == held:
            status = cell["status"] = shown_as
        if floor_price:
            cell["floor_price"] = floor_price_text
        b["cells"].append(cell)
        area_fen, price_fen = _fen(cell["gross_area"]), _fen(cell["price"])
        for totals in (b["totals"], project_totals):
            t = totals.get(status)
            if t is None:
                t = totals[status] = _Total()
            t.count += 1
            t.area_fen += area_fen
            t.amount_fen += price_fen

    out_buildings = []
    for b in buildings.values():
        cells: list[dict[str, Any]] = b["cells"]
        columns = sorted({(c["entrance"], c["position"]) for c in cells}, key=lambda k: _column_key(*k))
        index = {key: i for i, key in enumerate(columns)}
        floors: dict[int, list[dict[str, Any] | None]] = {}
        for c in cells:
            row = floors.get(c["floor"])
            if row is None:
                row = floors[c["floor"]] = [None] * len(columns)
            row[index[(c["entrance"], c["position"])]] = c
        out_buildings.append(
            {
                "id": b["id"],
                "name": b["name"],
                "columns": [{"entrance": e, "position": p} for e, p in columns],
                "floors": [{"floor": f, "cells": floors[f]} for f in sorted(floors, reverse=True)],
                "totals": _totals(b["totals"], view),
            }
        )
    return {
        "project_id": str(access.project.id),
        "generated_at": datetime.now(UTC).isoformat(),
        "as_of": at.isoformat() if at is not None else None,
        "buildings": out_buildings,
        "totals": _totals(project_totals, view),
    }


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
