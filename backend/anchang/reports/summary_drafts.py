"""The text a summary's sections start from, drafted in Chinese from its figures ("本月认购 12 套，完成目标
80.0%…"); what no row records (the works, the training) is a prompt for the supervisor to fill in."""

from decimal import Decimal

from anchang.reports import summary_schemas as schemas
from anchang.reports.periods import Period

SECTION_TITLES = {
    "results": "销售业绩",
    "works_progress": "工程进度",
    "training": "培训情况",
    "advertising": "广告及效果",
    "complaints": "客户投诉",
    "proposals": "下期工作建议",
}
"""The sections in the order a summary shows them, with their titles."""
THIS = {"week": "本周", "month": "本月", "quarter": "本季度"}
LAST = {"week": "上周", "month": "上月", "quarter": "上季度"}
NEXT = {"week": "下周", "month": "下月", "quarter": "下季度"}
MEDIA = {
    "outdoor": "户外",
    "print": "平面",
    "radio_tv": "广播电视",
    "online": "网络",
    "wechat": "微信",
    "douyin": "抖音",
    "sms": "短信",
    "exhibition": "房展会",
    "show_flat": "样板间",
    "opening": "开盘",
    "other": "其他",
}
LABELS = {
    "subscriptions.units": "认购套数",
    "subscriptions.amount": "认购金额",
    "contracts.units": "签约套数",
    "contracts.amount": "签约金额",
    "collections": "回款",
    "visits.first": "首访",
    "new_customers": "新增客户",
    "broker_referrals": "经纪人报备",
}
"""Names of the targeted figures, as the proposals name those behind target."""


def count(value: Decimal) -> str:
    """A count as people write it: 12, or 12.5 for a week's pro-rata target."""
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:.1f}"


def yuan(value: Decimal) -> str:
    """An amount in 万元 from ten thousand up, else in 元."""
    if abs(value) >= 10_000:
        return f"{value / 10_000:,.2f} 万元"
    return f"{value:,.2f} 元"


def percent(figure: schemas.SummaryFigure) -> str:
    """ "完成目标 80.0%", or "未设目标"."""
    if figure.share is None:
        return "未设目标"
    return f"完成目标 {figure.share * 100:.1f}%"


def _change(figure: schemas.SummaryFigure, last: str, unit: str) -> str:
    if figure.change > 0:
        return f"较{last}增加 {count(figure.change)} {unit}"
    if figure.change < 0:
        return f"较{last}减少 {count(-figure.change)} {unit}"
    return f"与{last}持平"


def _results(kind: str, p: dict[str, schemas.SummaryFigure]) -> str:
    this, last = THIS[kind], LAST[kind]
    sub, con = p["subscriptions.units"], p["contracts.units"]
    return (
        f"{this}认购 {count(sub.value)} 套，金额 {yuan(p['subscriptions.amount'].value)}，{percent(sub)}，"
        f"{_change(sub, last, '套')}；"
        f"签约 {count(con.value)} 套，金额 {yuan(p['contracts.amount'].value)}，{percent(con)}；"
        f"回款 {yuan(p['collections'].value)}，{percent(p['collections'])}。"
        f"来电 {count(p['calls_in'].value)} 个，来访 {count(p['visits'].value)} 组"
        f"（首访 {count(p['visits.first'].value)} 组，复访 {count(p['visits.repeat'].value)} 组），"
        f"新增客户 {count(p['new_customers'].value)} 人，{percent(p['new_customers'])}；"
        f"退房 {count(p['cancellations.units'].value)} 套。"
    )


def _advertising(kind: str, lines: list[schemas.CampaignLine]) -> str:
    if not lines:
        return f"{THIS[kind]}无进行中的广告或活动。"
    out = []
    for c in lines:
        per_deal = f"，每套认购成本 {yuan(c.cost_per_deal)}" if c.cost_per_deal is not None else ""
        out.append(
            f"「{c.name}」（{MEDIA.get(c.medium, c.medium)}，{c.starts_on:%m月%d日}至{c.ends_on:%m月%d日}）："
            f"花费 {yuan(c.cost)}，带来来访 {c.visits} 组，新增客户 {c.new_customers} 人，"
            f"认购 {c.subscriptions} 套，签约 {c.contracts} 套{per_deal}。"
        )
    cost = sum((c.cost for c in lines), Decimal(0))
    out.append(f"合计花费 {yuan(cost)}，带来认购 {sum(c.subscriptions for c in lines)} 套。")
    return "\n".join(out)


def _proposals(kind: str, p: dict[str, schemas.SummaryFigure]) -> str:
    shares = {label: p[key].share for key, label in LABELS.items()}
    behind = [
        f"{label}完成 {share * 100:.1f}%"
        for label, share in shares.items()
        if share is not None and share < 1
    ]
    head = (
        f"{THIS[kind]}未达标：{'，'.join(behind)}。{NEXT[kind]}重点追赶以上指标。"
        if behind
        else f"{THIS[kind]}各项已设目标均已完成。"
    )
    return f"{head}\n（请填写{NEXT[kind]}工作建议：推广、客户跟进、人员安排等）"


def drafts(period: Period, figures: schemas.SummaryFigures) -> dict[str, str]:
    """Each section's draft from the period's figures."""
    kind, p = period.kind, figures.project
    return {
        "results": _results(kind, p),
        "works_progress": f"{THIS[kind]}工程进度：（请填写工程节点、形象进度及对销售的影响）",
        "training": f"{THIS[kind]}培训情况：（请填写培训内容、参加人员及考核结果）",
        "advertising": _advertising(kind, figures.campaigns),
        "complaints": (
            f"{THIS[kind]}新增投诉 {count(p['complaints.opened'].value)} 宗，"
            f"办结 {count(p['complaints.closed'].value)} 宗。（请补充主要问题及处理情况）"
        ),
        "proposals": _proposals(kind, p),
    }
