"""Reports: what the rest of the app (and this domain's router) may call.

- `daily`: the daily report (日报) of a project's day; `confirmations`: the supervisor's confirmation of
  consultants' days (每日确认当日业绩); `workbook`: the report as `.xlsx`; `policy`: who reads and confirms;
- `funnel`: the conversion funnel (转化漏斗); `output`: per-consultant output (人均单产) by month.
"""

from anchang.reports.confirmations import AlreadyConfirmed, confirm_day
from anchang.reports.daily import METRICS, daily_report
from anchang.reports.funnel import funnel, funnel_workbook
from anchang.reports.output import output, output_workbook
from anchang.reports.workbook import daily_workbook

__all__ = [
    "METRICS",
    "AlreadyConfirmed",
    "confirm_day",
    "daily_report",
    "daily_workbook",
    "funnel",
    "funnel_workbook",
    "output",
    "output_workbook",
]
