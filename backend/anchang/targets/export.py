"""A month's plan as a workbook: the project's row, the teams', the consultants', and the mismatch
rows, with the same figures as the JSON (money as numbers with two decimals)."""

import io
from typing import Any

from anchang.targets import schemas
from anchang.targets.figures import METRICS

HEADERS = {
    "units_subscribed": "认购套数",
    "amount_subscribed": "认购金额",
    "units_contracted": "签约套数",
    "amount_contracted": "签约金额",
    "amount_collected": "回款金额",
    "first_visits": "首访",
    "new_customers": "新增客户",
    "broker_referrals": "渠道报备",
}
_STATUS = {"draft": "草稿", "submitted": "已提交", "approved": "已批准", "returned": "已退回"}


def _figures(row: Any) -> list[Any]:
    return [getattr(row, m) for m in METRICS]


def plan_workbook(plan: schemas.TargetPlan, project_name: str) -> bytes:
    """One sheet: a title line, then a row per level and person, then the mismatches (parts less whole)."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"目标 {plan.month:%Y-%m}")
    append(sheet, [project_name, f"{plan.month:%Y-%m}", _STATUS[plan.status.value]])
    append(sheet, ["层级", "姓名", "所属主管", *HEADERS.values()])
    append(sheet, ["项目", project_name, None, *_figures(plan.project)])
    names = {t.supervisor_id: t.name for t in plan.teams}
    for team in plan.teams:
        append(sheet, ["团队", team.name, team.name, *_figures(team)])
    for consultant in plan.consultants:
        team_name = names.get(consultant.supervisor_id) if consultant.supervisor_id else None
        append(sheet, ["顾问", consultant.name, team_name, *_figures(consultant)])
    if plan.mismatch is not None:
        append(sheet, ["差异：团队合计−项目", None, None, *_figures(plan.mismatch.teams)])
        append(sheet, ["差异：顾问合计−项目", None, None, *_figures(plan.mismatch.consultants)])
        for team in plan.teams:
            append(sheet, ["差异：顾问合计−团队", team.name, None, *_figures(team.mismatch)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
