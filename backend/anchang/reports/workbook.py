"""The daily report as a workbook: one sheet per period (the day, the month to date, the year to date),
a row per consultant and the project's totals, the figures typed (numbers sum in the spreadsheet)."""

import io
from zoneinfo import ZoneInfo

from anchang.reports import schemas

_SHEETS = (("day", "Day"), ("month_to_date", "Month to date"), ("year_to_date", "Year to date"))


def daily_workbook(report: schemas.DailyReport) -> bytes:
    """The report as a workbook; the day's sheet also says who confirmed each consultant's day."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    zone = ZoneInfo(report.timezone)
    keys = [metric.key for metric in report.metrics]
    for period, title in _SHEETS:
        sheet = book.create_sheet(title)
        append(sheet, ["Date", report.date, "Time zone", report.timezone])
        extra = ["confirmed by", "confirmed at", "differences"] if period == "day" else []
        append(sheet, ["consultant", *keys, *extra])
        for row in report.consultants:
            figures = [getattr(row.figures[key], period) for key in keys]
            confirmation = (
                [
                    row.confirmed_by_name or (str(row.confirmed_by) if row.confirmed_by else None),
                    row.confirmed_at.astimezone(zone).replace(tzinfo=None) if row.confirmed_at else None,
                    ", ".join(d.metric for d in row.differences) or None,
                ]
                if period == "day"
                else []
            )
            append(sheet, [row.name or str(row.consultant_id), *figures, *confirmation])
        if report.totals is not None:
            append(sheet, ["Total", *(getattr(report.totals[key], period) for key in keys)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
