"""A summary as a workbook (figures, sections and campaigns sheets, the figures typed so they sum) and as
an A4 PDF in Chinese (the CJK font of the subscription agreement, deals' facade)."""

import io
from decimal import Decimal

from anchang.reports import summary_schemas as schemas
from anchang.reports.summary_drafts import MEDIA, count, yuan

METRIC_NAMES = {
    "calls_in": "来电",
    "visits": "来访（组）",
    "visits.first": "首访（组）",
    "visits.repeat": "复访（组）",
    "visit_people": "来访人数",
    "new_customers": "新增客户",
    "new_customers.walk_in": "新增客户·自然来访",
    "new_customers.advertising": "新增客户·广告",
    "new_customers.online": "新增客户·网络",
    "new_customers.customer_referral": "新增客户·老带新",
    "new_customers.broker": "新增客户·经纪人",
    "broker_referrals": "经纪人报备",
    "reservations": "预留",
    "subscriptions.units": "认购套数",
    "subscriptions.area": "认购面积（㎡）",
    "subscriptions.amount": "认购金额（元）",
    "contracts.units": "签约套数",
    "contracts.area": "签约面积（㎡）",
    "contracts.amount": "签约金额（元）",
    "collections": "回款（元）",
    "cancellations.units": "退房套数",
    "cancellations.area": "退房面积（㎡）",
    "cancellations.amount": "退房金额（元）",
    "complaints.opened": "新增投诉",
    "complaints.closed": "办结投诉",
}
"""The daily report's figures by their Chinese names."""
KIND_NAMES = {"week": "周报", "month": "月报", "quarter": "季报"}
STATUS_NAMES = {"draft": "草稿", "submitted": "已提交", "approved": "已审批"}


def _scopes(summary: schemas.Summary) -> list[tuple[str, dict[str, schemas.SummaryFigure]]]:
    figures = summary.figures
    return [
        ("项目合计", figures.project),
        *((f"团队：{t.name or t.user_id}", t.figures) for t in figures.teams),
        *((c.name or str(c.user_id), c.figures) for c in figures.consultants),
    ]


def _text(section: schemas.Section) -> str:
    return section.text if section.text is not None else section.draft


def summary_workbook(summary: schemas.Summary) -> bytes:
    """Sheets `Figures` (a row per scope and figure: value, target, share, previous, change), `Sections`
    (the text, or the draft where none is saved) and `Campaigns`."""
    from openpyxl import Workbook

    from anchang.core.spreadsheet import append

    book = Workbook(write_only=True)
    head = ["Period", summary.period, summary.start, summary.end, "Through", summary.figures.through]
    sheet = book.create_sheet("Figures")
    append(sheet, [*head, "Status", summary.status.value])
    append(sheet, ["scope", "metric", "name", "value", "target", "share", "previous", "change"])
    for scope, figures in _scopes(summary):
        for metric in summary.metrics:
            f = figures[metric.key]
            name = METRIC_NAMES.get(metric.key, metric.key)
            append(sheet, [scope, metric.key, name, f.value, f.target, f.share, f.previous, f.change])
    sections = book.create_sheet("Sections")
    append(sections, head)
    append(sections, ["key", "title", "text"])
    for section in summary.sections:
        append(sections, [section.key, section.title, _text(section)])
    lines = book.create_sheet("Campaigns")
    append(lines, ["campaign", "medium", "starts", "ends", "cost", "visits", "new customers",
                   "subscriptions", "contracts", "contracted amount", "cost per deal"])  # fmt: skip
    for c in summary.figures.campaigns:
        append(lines, [c.name, c.medium, c.starts_on, c.ends_on, c.cost, c.visits, c.new_customers,
                       c.subscriptions, c.contracts, c.contracted_amount, c.cost_per_deal])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shown(kind: str, value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}" if kind == "money" else count(value) if kind == "count" else f"{value:,.2f}"


def summary_pdf(summary: schemas.Summary, project_name: str) -> bytes:
    """The summary on A4: title, period, the project's figures against target and the previous period,
    each team's and consultant's main figures, the campaigns, and each section's text."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from anchang.deals.service import cjk_font_face

    path, number = cjk_font_face()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    title = f"{project_name} {summary.period} {KIND_NAMES[summary.kind]}"
    pdf.set_title(title)
    pdf.set_creator("Anchang 案场")
    pdf.add_font("cjk", "", str(path), collection_font_number=number)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 10.5, h: float = 6.5, align: str = "L") -> None:
        pdf.set_font("cjk", size=size)
        pdf.multi_cell(width, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(cells: list[str], shares: list[float], size: float = 9) -> None:
        pdf.set_font("cjk", size=size)
        for i, (text, share) in enumerate(zip(cells, shares, strict=True)):
            pdf.cell(width * share, 6.5, text, border=1, align="L" if i == 0 else "R")
        pdf.ln(6.5)

    figures = summary.figures
    numerals = iter("一二三四五")

    def heading(text: str) -> None:
        line(f"{next(numerals)}、{text}", size=13, h=8)

    line(title, size=17, h=10, align="C")
    line(
        f"期间：{summary.start:%Y-%m-%d} 至 {summary.end:%Y-%m-%d}（统计至 {figures.through:%Y-%m-%d}，"
        f"{summary.timezone}）　对比期：{figures.previous_period}　状态：{STATUS_NAMES[summary.status.value]}"
    )
    pdf.ln(2)
    heading("业绩指标")
    shares = [0.28, 0.16, 0.16, 0.1, 0.15, 0.15]
    row(["指标", "本期", "目标", "完成率", "上期", "变化"], shares)
    for metric in summary.metrics:
        f = figures.project[metric.key]
        share = f"{f.share * 100:.1f}%" if f.share is not None else "—"
        row(
            [
                METRIC_NAMES.get(metric.key, metric.key),
                _shown(metric.kind, f.value),
                _shown(metric.kind, f.target),
                share,
                _shown(metric.kind, f.previous),
                _shown(metric.kind, f.change),
            ],
            shares,
        )
    people = [(f"团队：{t.name or t.user_id}", t.figures) for t in figures.teams] + [
        (c.name or str(c.user_id), c.figures) for c in figures.consultants
    ]
    if people:
        pdf.ln(2)
        heading("团队及置业顾问")
        shares = [0.28, 0.12, 0.12, 0.2, 0.28]
        row(["姓名", "首访", "认购套数", "认购完成率", "认购金额（元）"], shares)
        for name, theirs in people:
            sub = theirs["subscriptions.units"]
            row(
                [
                    name,
                    count(theirs["visits.first"].value),
                    count(sub.value),
                    f"{sub.share * 100:.1f}%" if sub.share is not None else "—",
                    f"{theirs['subscriptions.amount'].value:,.2f}",
                ],
                shares,
            )
    if figures.campaigns:
        pdf.ln(2)
        heading("广告及活动")
        shares = [0.3, 0.12, 0.16, 0.1, 0.1, 0.22]
        row(["名称", "媒介", "花费", "来访", "认购", "每套成本"], shares)
        for c in figures.campaigns:
            row(
                [
                    c.name,
                    MEDIA.get(c.medium, c.medium),
                    yuan(c.cost),
                    str(c.visits),
                    str(c.subscriptions),
                    yuan(c.cost_per_deal) if c.cost_per_deal is not None else "—",
                ],
                shares,
            )
    pdf.ln(3)
    heading("总结")
    for n, section in enumerate(summary.sections, start=1):
        line(f"{n}. {section.title}", size=12, h=8)
        line(_text(section) or "—")
        pdf.ln(1)
    return bytes(pdf.output())
