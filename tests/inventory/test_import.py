"""Importing units from xlsx and csv: good files, every bad row listed, dry runs, all or nothing."""

import io
import re
import time
import tracemalloc
import zipfile
from typing import Any

from httpx import AsyncClient
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.audit import AuditEntry
from anchang.inventory.models import Building, Unit, UnitHistory, UnitStatus
from tests.inventory.site import Site

HEADER = "building,entrance,floor,position,code,layout,gross_area,net_area,orientation,list_price"
GOOD = [
    "5号楼,1,1,1,5-1-0101,三室两厅,120.50,98.20,南北,3615000.00",
    "5号楼,1,1,2,5-1-0102,两室一厅,89.00,72.00,南,2670000",
    '6号楼,2,3,1,6-2-0301,四室两厅,143.00,118.00,南北,"4,290,000.00"',
]


def _csv(*rows: str, header: str = HEADER) -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("units.csv", ("\n".join([header, *rows]) + "\n").encode(), "text/csv")}


async def _count(session: AsyncSession, site: Site) -> int:
    return int(
        await session.scalar(select(func.count()).select_from(Unit).where(Unit.project_id == site.project.id))
        or 0
    )


class TestGoodFiles:
    async def test_a_csv_creates_units_buildings_and_history(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        before = await _count(session, site)
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv(*GOOD),
            headers=site.headers["project_manager"],
        )
        assert r.status_code == 200, r.text
        assert r.json() == {
            "dry_run": False,
            "created": 3,
            "updated": 0,
            "buildings_created": 2,
            "errors": [],
        }
        assert await _count(session, site) == before + 3
        unit = await session.scalar(select(Unit).where(Unit.code == "6-2-0301"))
        assert (
            unit is not None and unit.status is UnitStatus.unreleased and str(unit.list_price) == "4290000.00"
        )
        assert unit.entrance == "2" and unit.floor == 3
        history = await session.scalar(
            select(func.count()).select_from(UnitHistory).where(UnitHistory.unit_id == unit.id)
        )
        assert history == 1
        names = set(
            await session.scalars(select(Building.name).where(Building.project_id == site.project.id))
        )
        assert {"5号楼", "6号楼"} <= names

    async def test_an_xlsx_with_chinese_headers(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(["楼栋", "单元", "楼层", "房号", "户型", "建筑面积", "套内面积", "朝向", "表价", "底价"])
        ws.append(["7号楼", 1, 12, "7-1-1203", "三室两厅", 118.5, 96.1, "南", 3555000, 3377250])
        ws.append(["7号楼", 1, 12, "7-1-1204", "三室两厅", 118.5, None, "北", 3400000, None])
        buffer = io.BytesIO()
        wb.save(buffer)
        files = {
            "file": (
                "units.xlsx",
                buffer.getvalue(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        }
        r = await client.post(
            f"/projects/{site.project.id}/units/import", files=files, headers=site.headers["project_manager"]
        )
        assert r.status_code == 200 and r.json()["created"] == 2, r.text
        unit = await session.scalar(select(Unit).where(Unit.code == "7-1-1203"))
        assert (
            unit is not None and unit.position == 3 and str(unit.floor_price) == "3377250.00"
        )  # position from 房号

    async def test_a_second_import_updates_by_code(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        pm = site.headers["project_manager"]
        await client.post(f"/projects/{site.project.id}/units/import", files=_csv(*GOOD), headers=pm)
        changed = GOOD[0].replace("3615000.00", "3700000.00")
        r = await client.post(f"/projects/{site.project.id}/units/import", files=_csv(changed), headers=pm)
        assert r.json()["updated"] == 1 and r.json()["created"] == 0, r.text
        unit = await session.scalar(
            select(Unit).where(Unit.code == "5-1-0101").execution_options(populate_existing=True)
        )
        assert unit is not None and str(unit.list_price) == "3700000.00"
        # The bulk UPDATE is audited: who imported, and only what changed, before and after.
        audit = await session.scalar(
            select(AuditEntry).where(AuditEntry.entity_id == unit.id, AuditEntry.action == "update")
        )
        assert audit is not None and audit.actor_id == site.users["project_manager"].id
        assert audit.before == {"list_price": "3615000.00"} and audit.after == {"list_price": "3700000.00"}
        created = await session.scalar(
            select(AuditEntry).where(AuditEntry.entity_id == unit.id, AuditEntry.action == "create")
        )
        assert created is not None and created.actor_id == site.users["project_manager"].id
        assert created.after is not None and created.after["code"] == "5-1-0101"

    async def test_a_dry_run_writes_nothing(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        before = await _count(session, site)
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            params={"dry_run": "true"},
            files=_csv(*GOOD),
            headers=site.headers["project_manager"],
        )
        assert r.json() == {"dry_run": True, "created": 3, "updated": 0, "buildings_created": 2, "errors": []}
        assert await _count(session, site) == before


class TestBadFiles:
    async def test_every_bad_row_is_listed_and_nothing_is_written(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        before = await _count(session, site)
        rows = [
            GOOD[0],
            "5号楼,1,1,2,5-1-0101,两室,89.00,72.00,南,2670000",  # duplicate code
            "5号楼,1,2,1,5-1-0201,两室,-89.00,,南,2670000",  # negative area
            "5号楼,1,2,2,5-1-0202,两室,80.00,90.00,南,2670000",  # net > gross
            "5号楼,1,2,3,5-1-0203,两室,80.00,70.00,南,两百万",  # price not a number
            ",1,2,4,5-1-0204,两室,80.00,70.00,南,2000000",  # no building
            "5号楼,1,二,5,5-1-0205,两室,80.00,70.00,南,2000000",  # floor not a number
            GOOD[1],
        ]
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv(*rows),
            headers=site.headers["project_manager"],
        )
        assert r.status_code == 200
        report = r.json()
        assert report["created"] == 0
        found = {(e["row"], e["field"]) for e in report["errors"]}
        assert found == {
            (3, "code"),
            (4, "gross_area"),
            (5, "net_area"),
            (6, "list_price"),
            (7, "building"),
            (8, "floor"),
        }, report["errors"]
        assert "row 2" in next(e["message"] for e in report["errors"] if e["row"] == 3)
        assert await _count(session, site) == before

    async def test_unknown_and_missing_columns(self, client: AsyncClient, site: Site) -> None:
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv("x,1,1,1", header="building,floor,colour,code"),
            headers=site.headers["project_manager"],
        )
        fields = {e["field"] for e in r.json()["errors"]}
        assert {"colour", "gross_area", "list_price"} <= fields
        assert all(e["row"] == 1 for e in r.json()["errors"])

    async def test_a_sold_unit_cannot_be_changed_by_import(self, client: AsyncClient, site: Site) -> None:
        sold = site.unit(UnitStatus.subscribed)
        row = f"1号楼,1,{sold.floor},{sold.position},{sold.code},三室,100.00,80.00,南,1.00"
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv(row),
            headers=site.headers["project_manager"],
        )
        assert r.json()["errors"][0]["field"] == "code" and "subscribed" in r.json()["errors"][0]["message"]

    async def test_an_existing_place_is_refused(self, client: AsyncClient, site: Site) -> None:
        unit = site.units[0]
        row = f"1号楼,1,{unit.floor},{unit.position},NEW-1,三室,100.00,80.00,南,1.00"
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv(row),
            headers=site.headers["project_manager"],
        )
        assert r.json()["errors"][0]["field"] == "position"

    async def test_a_gbk_csv_is_read(self, client: AsyncClient, site: Site) -> None:
        text = "楼栋,楼层,房号,建筑面积,表价\n8号楼,3,8-1-0301,90.00,2700000\n"
        files = {"file": ("units.csv", text.encode("gb18030"), "text/csv")}
        r = await client.post(
            f"/projects/{site.project.id}/units/import", files=files, headers=site.headers["project_manager"]
        )
        assert r.json()["created"] == 1, r.text

    async def test_only_managers_import(self, client: AsyncClient, site: Site) -> None:
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            files=_csv(*GOOD),
            headers=site.headers["site_manager"],
        )
        assert r.status_code == 403


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(rows: int = 1, wide: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["楼栋", "单元", "楼层", "房号", "建筑面积", "表价"])
    for i in range(rows):
        floor, position = 1 + i // 4, 1 + i % 4
        ws.append(["8号楼", 1, floor, f"8-1-{floor:03d}{position:02d}", 100, 1000000])
        if wide:
            ws.cell(row=i + 2, column=16384, value=1)  # one cell in the last column there is (XFD)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rewrite(content: bytes, change: dict[str, bytes | None], extra: dict[str, int] | None = None) -> bytes:
    """The workbook with members replaced (None: kept), and `extra` members of that many zero bytes,
    written in pieces so the test itself never holds them."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, change.get(item.filename) or source.read(item.filename))
        for name, size in (extra or {}).items():
            with target.open(name, "w") as member:
                for _ in range(size // 65536):
                    member.write(bytes(65536))
    return out.getvalue()


async def _import_measured(client: AsyncClient, site: Site, content: bytes) -> tuple[Any, int, float]:
    tracemalloc.start()
    started = time.monotonic()
    try:
        r = await client.post(
            f"/projects/{site.project.id}/units/import",
            params={"dry_run": "true"},
            files={"file": ("units.xlsx", content, XLSX)},
            headers=site.headers["project_manager"],
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return r, peak, time.monotonic() - started


class TestHostileWorkbooks:
    """A small xlsx must not make the server unpack or allocate gigabytes (issue #10, item 10)."""

    async def test_a_sheet_declaring_a_million_rows_is_refused_before_reading(
        self, client: AsyncClient, site: Site
    ) -> None:
        content = _xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            sheet = z.read("xl/worksheets/sheet1.xml")
        # The largest sheet there is, and a cell in its last row and column: read as declared, every
        # row between would be padded out to 16,384 cells.
        huge = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
        last = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
        huge = huge.replace(b"</sheetData>", last)
        assert huge.count(b"XFD1048576") == 2
        content = _rewrite(content, {"xl/worksheets/sheet1.xml": huge})
        assert len(content) < 10_000
        r, peak, took = await _import_measured(client, site, content)
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["field"] == "file" and "1048576 rows" in r.text
        assert peak < 8 * 1024 * 1024 and took < 5, (peak, took)

    async def test_a_zip_bomb_is_refused_before_unpacking(self, client: AsyncClient, site: Site) -> None:
        for extra in ({"xl/media/big.bin": 32 * 1024 * 1024}, {"xl/media/dense.bin": 4 * 1024 * 1024}):
            content = _rewrite(_xlsx(), {}, extra)  # over the unpacked size; then a ratio no sheet has
            assert len(content) < 100_000
            r, peak, took = await _import_measured(client, site, content)
            assert r.status_code == 422, r.text
            assert r.json()["errors"][0]["field"] == "file", r.text
            assert peak < 8 * 1024 * 1024 and took < 5, (peak, took)

    async def test_cells_far_to_the_right_are_not_padded_out(self, client: AsyncClient, site: Site) -> None:
        r, peak, took = await _import_measured(client, site, _xlsx(rows=300, wide=True))
        assert r.status_code == 200 and r.json()["created"] == 300 and r.json()["errors"] == [], r.text
        assert peak < 16 * 1024 * 1024 and took < 20, (peak, took)
