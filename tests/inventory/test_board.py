"""The board: shape, counts and amounts, masks for consultants, the Excel export, one query."""

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.inventory.models import UnitStatus
from tests.counting import counted
from tests.inventory import factories as inv
from tests.inventory.site import Site

S = UnitStatus


def session_of(connection: AsyncConnection) -> AsyncSession:
    return AsyncSession(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


class TestBoard:
    async def test_floors_by_positions_with_counts_and_amounts(self, client: AsyncClient, site: Site) -> None:
        r = await client.get(f"/projects/{site.project.id}/board", headers=site.headers["site_manager"])
        assert r.status_code == 200, r.text
        board = r.json()
        [building] = board["buildings"]
        assert building["name"] == "1号楼"
        assert building["columns"] == [{"entrance": "1", "position": p} for p in (1, 2, 3)]
        assert [f["floor"] for f in building["floors"]] == [11, 10]  # top floor first
        cell = building["floors"][1]["cells"][0]
        assert cell["code"] == "1-1-1001" and cell["status"] == "unreleased"
        assert (
            cell["price"] == "3000000.00"
            and cell["unit_price"] == "30000.00"
            and cell["gross_area"] == "100.00"
        )
        assert cell["floor_price"] == "2850000.00"
        totals = {t["status"]: t for t in board["totals"]}
        assert totals["available"]["count"] == 3 and totals["available"]["amount"] == "9000000.00"
        assert totals["available"]["gross_area"] == "300.00"
        assert totals["held"]["count"] == 1 and sum(t["count"] for t in board["totals"]) == 6
        assert building["totals"] == board["totals"]

    async def test_a_consultant_sees_no_floor_price_and_no_hold(
        self, client: AsyncClient, site: Site
    ) -> None:
        r = await client.get(f"/projects/{site.project.id}/board", headers=site.headers["consultant"])
        assert "floor_price" not in r.text and "held" not in r.text
        totals = {t["status"]: t["count"] for t in r.json()["totals"]}
        assert totals["subscribed"] == 2  # the held unit counts as sold

    async def test_one_building(self, client: AsyncClient, site: Site) -> None:
        r = await client.get(
            f"/projects/{site.project.id}/board",
            params={"building_id": str(site.building.id)},
            headers=site.headers["consultant"],
        )
        assert r.status_code == 200 and len(r.json()["buildings"]) == 1

    async def test_a_board_is_one_query(
        self, client: AsyncClient, site: Site, connection: AsyncConnection, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for floor in range(30, 33):  # more units do not mean more queries
            await inv.create_unit(session_of(connection), building=site.building, floor=floor)
        # The credentials version is read once per process (core/credentials.py), not per request.
        await client.get("/me", headers=site.headers["consultant"])
        async with counted(connection, monkeypatch) as statements:
            r = await client.get(f"/projects/{site.project.id}/board", headers=site.headers["consultant"])
        assert r.status_code == 200
        board_queries = [s for s in statements if re.search(r"\bFROM buildings\b", s)]
        assert len(board_queries) == 1, statements
        # Besides it: the project and the caller's role (one query), nothing per unit.
        assert len(statements) == 2, statements


class TestBoardInThePast:
    async def test_the_board_as_it_stood(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        from sqlalchemy import func, select

        before = await session.scalar(select(func.clock_timestamp()))
        assert before is not None
        unit = site.unit(S.available)
        sm = site.headers["site_manager"]
        assert (
            await client.post(f"/units/{unit.id}/hold", json={"reason": "x"}, headers=sm)
        ).status_code == 200

        def status_of(board: dict[str, Any]) -> str:
            cells = [c for b in board["buildings"] for f in b["floors"] for c in f["cells"] if c]
            return next(c["status"] for c in cells if c["id"] == str(unit.id))

        now = (await client.get(f"/projects/{site.project.id}/board", headers=sm)).json()
        then = await client.get(
            f"/projects/{site.project.id}/board", params={"at": before.isoformat()}, headers=sm
        )
        assert then.status_code == 200, then.text
        assert status_of(now) == "held" and status_of(then.json()) == "available"
        assert then.json()["as_of"] is not None and now["as_of"] is None
        consultant = await client.get(
            f"/projects/{site.project.id}/board",
            params={"at": before.isoformat()},
            headers=site.headers["consultant"],
        )
        assert "floor_price" not in consultant.text and "held" not in consultant.text
        # The export of that moment shows the same, and says which moment it is.
        sheet = await client.get(
            f"/projects/{site.project.id}/board.xlsx", params={"at": before.isoformat()}, headers=sm
        )
        assert sheet.status_code == 200, sheet.text
        ws = load_workbook(io.BytesIO(sheet.content))["1号楼"]
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
        assert any(t.startswith("截至 ") for t in texts)
        unit_cell = next(t for t in texts if unit.code in t)
        assert "可售" in unit_cell and "销控保留" not in unit_cell
        refused = await client.get(
            f"/projects/{site.project.id}/board.xlsx", params={"at": "2026-01-01T00:00:00"}, headers=sm
        )
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "at"

    async def test_a_unit_sold_then_shows_its_taken_price_as_the_live_board_did(
        self, client: AsyncClient, site: Site, session: AsyncSession
    ) -> None:
        from sqlalchemy import func, select, update

        from anchang.inventory.models import Unit

        sold = site.unit(S.subscribed)
        await session.execute(
            update(Unit).where(Unit.id == sold.id).values(taken_price=Decimal("2765432.10"))
        )
        sm = site.headers["site_manager"]
        now = await session.scalar(select(func.clock_timestamp()))
        assert now is not None

        def price_of(board: dict[str, Any]) -> str:
            cells = [c for b in board["buildings"] for f in b["floors"] for c in f["cells"] if c]
            return str(next(c["price"] for c in cells if c["id"] == str(sold.id)))

        live = (await client.get(f"/projects/{site.project.id}/board", headers=sm)).json()
        then = (
            await client.get(f"/projects/{site.project.id}/board", params={"at": now.isoformat()}, headers=sm)
        ).json()
        assert price_of(live) == price_of(then) == "2765432.10"

    async def test_a_time_without_offset_is_refused(self, client: AsyncClient, site: Site) -> None:
        r = await client.get(
            f"/projects/{site.project.id}/board",
            params={"at": "2026-01-01T00:00:00"},
            headers=site.headers["site_manager"],
        )
        assert r.status_code == 422


class TestBoardExport:
    async def test_the_sheet_is_drawn_like_the_board_with_fills_and_a_legend(
        self, client: AsyncClient, site: Site
    ) -> None:
        r = await client.get(f"/projects/{site.project.id}/board.xlsx", headers=site.headers["site_manager"])
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
        wb = load_workbook(io.BytesIO(r.content))
        ws = wb["1号楼"]
        texts = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value}
        assert any("1-1-1001" in str(v) for v in texts.values())
        fills = {
            c.fill.fgColor.rgb[-6:] for row in ws.iter_rows() for c in row if c.fill and c.fill.fill_type
        }
        assert {"C6EFCE", "D9C3E9", "F8CBAD", "D9D9D9"} <= fills  # available, held, subscribed, unreleased
        assert any("可售" in str(v) and "available" in str(v) for v in texts.values())  # the legend

    async def test_a_consultants_sheet_has_no_floor_price_nor_hold(
        self, client: AsyncClient, site: Site
    ) -> None:
        r = await client.get(f"/projects/{site.project.id}/board.xlsx", headers=site.headers["consultant"])
        wb = load_workbook(io.BytesIO(r.content))
        values = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert not any("2850000" in v or "2,850,000" in v for v in values)
        assert not any("销控保留" in v or "held" in v for v in values)
