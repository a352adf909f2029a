"""A statement as a workbook laid out as a developer's finance expects: a header (parties, period,
number, state), the lines by unit with how each amount was reached, the totals, and room to sign."""

import io
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from anchang.commission.models import AgencyFeeLine
from anchang.commission.repository import AgencyFeeLineRepository
from anchang.core.access import ProjectAccess
from anchang.org import service as org

KIND_NAMES = {"earned": "结算", "clawback": "退房追回", "reversal": "换房冲回", "adjustment": "调整"}
HEADERS = [
    "序号",
    "房号",
    "阶段",
    "类型",
    "规则版本",
    "计费基数",
    "费率(%)",
    "溢价分成",
    "固定金额",
    "金额",
    "达成日期",
    "争议",
]


async def statement_workbook(session: AsyncSession, statement: Any, access: ProjectAccess) -> bytes:
    """`statement` (a stored one, as a read row or an ORM object) as the workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from anchang.core.spreadsheet import put

    lines = (
        await session.scalars(
            AgencyFeeLineRepository(session, access.principal)
            .scoped()
            .where(AgencyFeeLine.statement_id == statement.id)
            .order_by(AgencyFeeLine.seq)
        )
    ).all()
    project = access.project
    developer = await org.developer_name(session, access.principal, project.developer_id) or ""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"结算单{statement.number}"
    bold = Font(bold=True)
    put(sheet, 1, 1, f"{project.name} 代理费结算单 No. {statement.number}").font = Font(bold=True, size=14)
    header: list[tuple[str, Any]] = [
        ("委托方（开发商）", developer),
        ("项目", project.name),
        ("结算期间", f"{statement.period_start} 至 {statement.period_end}"),
        ("状态", statement.status.value),
        ("目标达成率(%)", statement.achievement_percent),
        ("发票号", statement.invoice_number or ""),
    ]
    for i, (label, value) in enumerate(header, start=2):
        put(sheet, i, 1, label).font = bold
        put(sheet, i, 2, value)
    top = len(header) + 3
    for column, title in enumerate(HEADERS, start=1):
        put(sheet, top, column, title).font = bold
    for row, line in enumerate(lines, start=top + 1):
        values = [
            line.seq, line.unit_code, line.stage, KIND_NAMES.get(line.kind, line.kind), line.rule_version,
            line.base, line.rate, line.premium, line.fixed, line.amount, line.earned_on,
            line.dispute_comment if line.disputed else "",
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value)
            if column in (6, 8, 9, 10):
                cell.number_format = "#,##0.00"
    end = top + len(lines) + 1
    put(sheet, end, 9, "合计").font = bold
    total = put(sheet, end, 10, statement.total)
    total.font, total.number_format = bold, "#,##0.00"
    put(sheet, end + 1, 9, "已收款")
    put(sheet, end + 1, 10, statement.received).number_format = "#,##0.00"
    for offset, party in enumerate(("代理方（盖章）：", "开发商（盖章）：")):
        row = end + 3 + offset * 2
        put(sheet, row, 1, party).font = bold
        put(sheet, row, 6, "签字：")
        put(sheet, row, 9, "日期：")
    for letter, width in zip("ABCDEFGHIJKL", (6, 12, 10, 10, 8, 14, 9, 12, 12, 14, 12, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="left")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
