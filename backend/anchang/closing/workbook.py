"""A close as a workbook: the board's figures, the receipts and the differences, one sheet each, with
the close's day, status and signatures on top of the first; figures typed, so they sum in a spreadsheet."""

import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from anchang.closing import schemas


def close_workbook(close: schemas.Close, timezone: str) -> bytes:
    """The close as `.xlsx` bytes; times in the project's time zone."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    zone = ZoneInfo(timezone)

    def local(at: object) -> object:
        return at.astimezone(zone).replace(tzinfo=None) if hasattr(at, "astimezone") else at

    book = Workbook(write_only=True)
    board = book.create_sheet("Board")
    append(board, ["Date", close.date, "Status", close.status, "Cut-off", local(close.cutoff_at)])
    append(board, ["Closed by", close.closed_by_name, "Closed at", local(close.closed_at)])
    append(board, ["Finance", close.finance_signed_by_name, "Signed at", local(close.finance_signed_at)])
    append(
        board, ["Developer", close.developer_signed_by_name, "Signed at", local(close.developer_signed_at)]
    )
    append(board, [])
    append(board, ["building", "status", "units", "m²", "amount"])
    for building in close.board.buildings:
        for figure in building.statuses:
            append(board, [building.name, figure.status, figure.count, figure.gross_area, figure.amount])
    for figure in close.board.totals:
        append(board, ["Total", figure.status, figure.count, figure.gross_area, figure.amount])

    receipts = book.create_sheet("Receipts")
    append(receipts, ["payment", "deal", "kind", "method", "amount", "paid at"])
    for p in close.receipts.payments:
        append(receipts, [str(p.id), str(p.deal_id), p.kind, p.method, p.amount, local(p.paid_at)])
    append(receipts, [])
    append(receipts, ["method", "payments", "amount"])
    for m in close.receipts.by_method:
        append(receipts, [m.method, m.count, m.amount])
    append(receipts, ["Total", len(close.receipts.payments), Decimal(close.receipts.total)])

    differences = book.create_sheet("Differences")
    append(differences, ["kind", "unit", "deal", "board / receipts say", "deals say"])
    for d in close.differences:
        append(
            differences,
            [
                d.kind,
                d.unit_code or (str(d.unit_id) if d.unit_id else None),
                str(d.deal_id or ""),
                d.board_says,
                d.deals_say,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
