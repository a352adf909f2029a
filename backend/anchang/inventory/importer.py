"""Units from the developer's spreadsheet (xlsx or csv, English or Chinese headers): every row is
checked, every bad row reported with its row number, column and reason, and nothing is written unless
all rows are good. Writes are bulk statements, so 10,000 rows take seconds, not minutes."""

import asyncio
import csv
import io
import itertools
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.access import ProjectAccess
from anchang.core.audit import AuditedChange, record_bulk_audit
from anchang.core.context import actor_id_var
from anchang.core.errors import ValidationFailed
from anchang.inventory import repository as repo
from anchang.inventory.models import Building, Unit, UnitHistory, UnitKind, UnitStatus
from anchang.inventory.schemas import FLOOR_MAX, FLOOR_MIN

units_t = cast(Table, Unit.__table__)
history_t = cast(Table, UnitHistory.__table__)

COLUMNS = {
    "building": ("楼栋", "楼号", "楼栋号"),
    "entrance": ("单元", "单元号"),
    "floor": ("楼层", "层"),
    "position": ("位置", "户号", "室号", "号位", "序号"),
    "code": ("房号", "房间号", "编号"),
    "layout": ("户型",),
    "gross_area": ("建筑面积",),
    "net_area": ("套内面积",),
    "orientation": ("朝向",),
    "list_price": ("表价", "总价"),
    "floor_price": ("底价",),
    "kind": ("类型", "物业类型"),
}
REQUIRED = ("building", "floor", "code", "gross_area", "list_price")
ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in (name, *aliases)}
KINDS = {
    "住宅": UnitKind.residence,
    "车位": UnitKind.parking,
    "储藏室": UnitKind.storage,
    "储藏间": UnitKind.storage,
    "商铺": UnitKind.shop,
    **{k.value: k for k in UnitKind},
}
# Statuses in which an import may still change a unit (afterwards it belongs to a customer).
UPDATABLE = frozenset({UnitStatus.unreleased, UnitStatus.available})
MAX_ROWS = 20000
# An xlsx is a zip: a small upload may unpack to gigabytes, or declare a sheet of a million rows by
# 16,384 columns that the reader would pad out cell by cell. Checked before any parsing: the unpacked
# size (a zip member never yields more than it declares), each member's compression ratio, the
# sheet's declared rows; and only the first MAX_COLUMNS columns of a row are ever read.
MAX_XLSX_UNPACKED = 20 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # real sheets compress 5 to 20 times; a bomb, hundreds to a thousand
MAX_COLUMNS = 64


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    buildings_created: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "field": column, "message": message})


def _rows(content: bytes, filename: str) -> Iterator[list[Any]]:
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        _check_xlsx_size(content)
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationFailed({"file": "is not a readable xlsx workbook"}) from exc
        try:
            sheet = wb.worksheets[0]
            declared = sheet.max_row  # from the sheet's <dimension>, None if it declares none
            if declared is not None and declared > MAX_ROWS + 1:
                raise ValidationFailed(
                    {"file": f"declares {declared} rows; at most {MAX_ROWS} units are imported at once"}
                )
            for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                yield list(values)
        finally:
            wb.close()  # also when the reader stops early (a file over the limit)
        return
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed({"file": "is neither UTF-8 nor GB18030 text"})
    yield from csv.reader(io.StringIO(text))


def _check_xlsx_size(content: bytes) -> None:
    """Refuse an xlsx that would unpack to more than MAX_XLSX_UNPACKED, or holds a member compressed
    past any real sheet (a zip bomb), before anything of it is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ValidationFailed({"file": "is not a readable xlsx workbook"}) from exc
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise ValidationFailed({"file": f"unpacks to {unpacked} bytes; at most {MAX_XLSX_UNPACKED} are read"})
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        if m.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise ValidationFailed({"file": f"{m.filename} is compressed {ratio} times; no sheet is"})


def _read_rows(content: bytes, filename: str) -> list[list[Any]]:
    # At most one row past the limit: enough to say the file is too long.
    return list(itertools.islice(_rows(content, filename), MAX_ROWS + 2))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _decimal(value: Any) -> Decimal | None:
    text = _text(value).replace(",", "").replace("¥", "").replace("￥", "").strip()
    if not text or not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None


def _int(value: Any) -> int | None:
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


async def import_units(
    session: AsyncSession, access: ProjectAccess, content: bytes, filename: str, *, dry_run: bool
) -> Report:
    report = Report()
    # Parsed in a worker thread: reading a 20,000-row workbook would hold every other request back.
    rows = iter(await asyncio.to_thread(_read_rows, content, filename))
    header = next(rows, None)
    if header is None:
        report.error(1, "file", "the file is empty")
        return report
    names: list[str | None] = []
    for cell in header:
        raw = _text(cell)
        key = ALIASES.get(raw.lower().replace(" ", "_")) or ALIASES.get(raw)
        if raw and key is None:
            report.error(1, raw, "unknown column")
        names.append(key)
    for required in REQUIRED:
        if required not in names:
            report.error(1, required, f"missing column ({'/'.join((required, *COLUMNS[required]))})")
    if report.errors:
        return report

    units = repo.UnitRepository(session, access.principal)
    existing = await units.codes(access.project.id)
    places = await _places(session, access)
    # Locked (unless a dry run) so that no building this import fills is deleted under it.
    buildings = await repo.BuildingRepository(session, access.principal).by_name(
        access.project.id, for_units=not dry_run
    )
    seen_codes: dict[str, int] = {}
    seen_places: dict[tuple[str, str, int, int], int] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            report.error(number, "file", f"more than {MAX_ROWS} rows")
            break
        record = {name: values[i] for i, name in enumerate(names) if name is not None and i < len(values)}
        if all(_text(v) == "" for v in record.values()):
            continue
        parsed = _check_row(number, record, report)
        if parsed is None:
            continue
        code = parsed["code"]
        if code in seen_codes:
            report.error(number, "code", f"duplicate code {code} (also on row {seen_codes[code]})")
            continue
        seen_codes[code] = number
        place = (parsed["building"], parsed["entrance"], parsed["floor"], parsed["position"])
        if place in seen_places:
            report.error(
                number,
                "position",
                f"the same building, entrance, floor and position as row {seen_places[place]}",
            )
            continue
        seen_places[place] = number
        current = existing.get(code)
        if current is not None and current[1] not in UPDATABLE:
            report.error(
                number, "code", f"unit {code} is {current[1].value}; an import can no longer change it"
            )
            continue
        other = places.get(place)
        if other is not None and other != code:
            report.error(number, "position", f"unit {other} already has this place")
            continue
        good.append((number, parsed))
    if report.errors:
        return report

    new_buildings = sorted({p["building"] for _, p in good} - set(buildings))
    report.buildings_created = len(new_buildings)
    report.created = sum(1 for _, p in good if p["code"] not in existing)
    report.updated = len(good) - report.created
    if dry_run:
        return report
    await _write(session, access, good, existing, buildings, new_buildings)
    return report


async def _places(session: AsyncSession, access: ProjectAccess) -> dict[tuple[str, str, int, int], str]:
    statement = repo.UnitRepository(session, access.principal).scope(
        select(Building.name, Unit.entrance, Unit.floor, Unit.position, Unit.code).join(
            Building, Building.id == Unit.building_id
        )
    )
    rows = await session.execute(statement.where(Unit.project_id == access.project.id))
    return {(b, e, f, p): code for b, e, f, p, code in rows}


def _check_row(number: int, record: dict[str, Any], report: Report) -> dict[str, Any] | None:
    before = len(report.errors)
    out: dict[str, Any] = {}
    building = _text(record.get("building"))
    if not building:
        report.error(number, "building", "is empty")
    elif len(building) > 64:
        report.error(number, "building", "is longer than 64 characters")
    out["building"] = building
    entrance = _text(record.get("entrance")) or "1"
    if len(entrance) > 16:
        report.error(number, "entrance", "is longer than 16 characters")
    out["entrance"] = entrance
    code = _text(record.get("code"))
    if not code:
        report.error(number, "code", "is empty")
    elif len(code) > 32:
        report.error(number, "code", "is longer than 32 characters")
    out["code"] = code
    floor = _int(record.get("floor"))
    if floor is None or not FLOOR_MIN <= floor <= FLOOR_MAX:
        report.error(number, "floor", f"is not a floor number: {_text(record.get('floor'))!r}")
    out["floor"] = floor
    raw_position = _text(record.get("position"))
    position = _int(raw_position) if raw_position else _position_from_code(code)
    if position is None or not 1 <= position <= 500:
        report.error(number, "position", f"is not a position on the floor (1–500): {raw_position!r}")
    out["position"] = position
    for key, limit in (("layout", 64), ("orientation", 32)):
        text = _text(record.get(key))
        if len(text) > limit:
            report.error(number, key, f"is longer than {limit} characters")
        out[key] = text or None
    gross = _decimal(record.get("gross_area"))
    if gross is None:
        report.error(number, "gross_area", f"is not a number: {_text(record.get('gross_area'))!r}")
    elif gross <= 0:
        report.error(number, "gross_area", "must be positive")
    elif gross >= Decimal("100000000") or gross != round(gross, 2):
        report.error(number, "gross_area", "has more than 2 decimals or is too large")
    out["gross_area"] = gross
    net_text = _text(record.get("net_area"))
    net = _decimal(net_text) if net_text else None
    if net_text and net is None:
        report.error(number, "net_area", f"is not a number: {net_text!r}")
    elif net is not None and net <= 0:
        report.error(number, "net_area", "must be positive")
    elif net is not None and gross is not None and gross > 0 and net > gross:
        report.error(number, "net_area", f"net area {net} is larger than gross area {gross}")
    elif net is not None and net != round(net, 2):
        report.error(number, "net_area", "has more than 2 decimals")
    out["net_area"] = net
    for key, required in (("list_price", True), ("floor_price", False)):
        text = _text(record.get(key))
        price = _decimal(text) if text else None
        if (text and price is None) or (required and not text):
            report.error(number, key, f"is not a price: {text!r}")
        elif price is not None and price < 0:
            report.error(number, key, "cannot be negative")
        elif price is not None and (price >= Decimal("1e12") or price != round(price, 2)):
            report.error(number, key, "has more than 2 decimals or is too large")
        out[key] = price
    kind_text = _text(record.get("kind"))
    kind = KINDS.get(kind_text.lower()) if kind_text else UnitKind.residence
    if kind is None:
        report.error(
            number,
            "kind",
            f"is not one of residence, parking, storage, shop (住宅/车位/储藏室/商铺): {kind_text!r}",
        )
    out["kind"] = kind
    return out if len(report.errors) == before else None


def _position_from_code(code: str) -> int | None:
    # "3-1-1502" → 2: the last two digits of the room number are its place on the floor.
    digits = re.findall(r"\d+", code)
    if not digits or len(digits[-1]) < 3:
        return None
    return int(digits[-1][-2:]) or None


async def _write(
    session: AsyncSession,
    access: ProjectAccess,
    good: list[tuple[int, dict[str, Any]]],
    existing: dict[str, tuple[uuid.UUID, UnitStatus]],
    buildings: dict[str, Building],
    new_buildings: list[str],
) -> None:
    org, project = access.project.organization_id, access.project.id
    actor = actor_id_var.get()
    start = len(buildings)
    for i, name in enumerate(new_buildings):
        building = Building(organization_id=org, project_id=project, name=name, sort_order=start + i)
        session.add(building)
        buildings[name] = building
    await session.flush()
    fields = (
        "kind",
        "code",
        "entrance",
        "floor",
        "position",
        "layout",
        "gross_area",
        "net_area",
        "orientation",
        "list_price",
        "floor_price",
    )
    creates: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for _, p in good:
        values = {f: p[f] for f in fields}
        values["building_id"] = buildings[p["building"]].id
        current = existing.get(p["code"])
        if current is None:
            creates.append(
                {
                    "id": uuid.uuid4(),
                    "organization_id": org,
                    "project_id": project,
                    "status": UnitStatus.unreleased,
                    **values,
                }
            )
        else:
            updates.append({"_id": current[0], **values})
    if creates:
        for chunk in _chunks(creates, 2000):
            await session.execute(insert(units_t), chunk)
        history = [
            {
                "id": uuid.uuid4(),
                "organization_id": org,
                "project_id": project,
                "unit_id": c["id"],
                "from_status": None,
                "to_status": UnitStatus.unreleased,
                "actor_id": actor,
                "reason": "imported",
                "source_type": "import",
                "source_id": None,
            }
            for c in creates
        ]
        for chunk in _chunks(history, 2000):
            await session.execute(insert(history_t), chunk)
    previous: dict[uuid.UUID, dict[str, Any]] = {}
    if updates:
        changeable = (*fields, "building_id")
        previous = await _current_values(session, access, [u["_id"] for u in updates], changeable)
        statement = (
            update(units_t)
            .where(units_t.c.id == bindparam("_id"))
            .values(
                **{f: bindparam(f) for f in (*fields, "building_id")},
                version=units_t.c.version + 1,
                updated_at=func.clock_timestamp(),
            )
        )
        conn = await session.connection()
        await conn.execute(statement, updates)
    await record_bulk_audit(
        session,
        [AuditedChange("units", c["id"], org, action="create", after=_without_tenant(c)) for c in creates]
        + [change for u in updates if (change := _update_audit(org, u, previous.get(u["_id"], {})))],
    )


def _without_tenant(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "organization_id"}


def _update_audit(org: uuid.UUID, new: dict[str, Any], old: dict[str, Any]) -> AuditedChange | None:
    """The fields an import changed on an existing unit, before and after; None if it changed none."""
    changed = [k for k, v in new.items() if k != "_id" and old.get(k) != v]
    if not changed:
        return None
    return AuditedChange(
        "units",
        new["_id"],
        org,
        before={k: old.get(k) for k in changed},
        after={k: new[k] for k in changed},
    )


async def _current_values(
    session: AsyncSession, access: ProjectAccess, unit_ids: list[uuid.UUID], fields: tuple[str, ...]
) -> dict[uuid.UUID, dict[str, Any]]:
    """The stored values of `fields` of these units, before an import overwrites them (for the audit)."""
    units = repo.UnitRepository(session, access.principal)
    current: dict[uuid.UUID, dict[str, Any]] = {}
    for chunk in _chunks([{"id": i} for i in unit_ids], 5000):
        rows = await session.execute(
            units.scope(select(Unit.id, *(getattr(Unit, f) for f in fields))).where(
                Unit.id.in_([c["id"] for c in chunk])
            )
        )
        for row in rows:
            current[row[0]] = dict(zip(fields, row[1:], strict=True))
    return current


def _chunks(items: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
