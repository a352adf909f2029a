"""The subscription agreement (认购书) as a PDF, in Chinese, with an embedded CJK font.

The font is Noto Sans CJK SC, shipped by the `noto-cjk-sans-otc` package (a dependency, so the API
image and a fresh machine have it); else Debian's `fonts-noto-cjk`. `ANCHANG_CJK_FONT` may point to
another OpenType/TrueType font or collection (a collection's face 2 is used only for Noto's).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from anchang.core.config import get_settings

CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
SIMPLIFIED_CHINESE = 2  # index of "Noto Sans CJK SC" in the Noto CJK collections

METHOD_NAMES = {
    "full": "一次性付款",
    "installment": "分期付款",
    "mortgage_commercial": "商业贷款",
    "mortgage_provident": "公积金贷款",
    "mortgage_combined": "组合贷款",
}
LINE_NAMES = {
    "deposit": "定金",
    "down_payment": "首付款",
    "balance": "房款余额",
    "instalment": "分期款",
    "mortgage": "按揭贷款",
}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font() -> Path:
    configured = get_settings().anchang_cjk_font
    try:
        import noto_cjk_sans_otc

        shipped: str | None = str(noto_cjk_sans_otc.FONT_PATH)
    except ImportError:  # pragma: no cover - a dependency; the system font is the fallback
        shipped = None
    for candidate in (configured, shipped, *CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing("No CJK font found: install fonts-noto-cjk or set ANCHANG_CJK_FONT")


@dataclass(frozen=True, slots=True)
class AgreementLine:
    kind: str
    due_on: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Agreement:
    project: str
    developer: str | None
    unit_code: str
    building: str
    layout: str | None
    gross_area: Decimal
    buyers: list[tuple[str, str]]  # (name, phone)
    consultant: str | None
    payment_method: str
    list_price: Decimal
    method_discount_rate: Decimal
    discounts: list[tuple[str, Decimal]]  # (reason, amount)
    final_price: Decimal
    deposit: Decimal
    subscribed_on: date
    status: str
    lines: list[AgreementLine]


def yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def cjk_font_face() -> tuple[Path, int]:
    """The CJK font file and the face of it to embed (Simplified Chinese in a Noto collection), for
    any PDF of the app with Chinese text; 503 `pdf_unavailable` when the server has none."""
    from anchang.deals.errors import PdfUnavailable

    try:
        font = cjk_font()
    except FontMissing as exc:
        raise PdfUnavailable(str(exc)) from exc
    noto = font.suffix.lower() == ".ttc" and font.name.startswith(("NotoSansCJK", "NotoSerifCJK"))
    return font, SIMPLIFIED_CHINESE if noto else 0


def render(agreement: Agreement) -> bytes:
    font = cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(f"认购书 {agreement.unit_code}")
    pdf.set_creator("Anchang 案场")
    noto = font.suffix.lower() == ".ttc" and font.name.startswith(("NotoSansCJK", "NotoSerifCJK"))
    number = SIMPLIFIED_CHINESE if noto else 0
    pdf.add_font("cjk", "", str(font), collection_font_number=number)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 11, h: float = 7, align: str = "L") -> None:
        pdf.set_font("cjk", size=size)
        pdf.multi_cell(width, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(cells: list[tuple[str, float]], size: float = 10.5) -> None:
        pdf.set_font("cjk", size=size)
        for text, share in cells:
            pdf.cell(width * share, 8, text, border=1)
        pdf.ln(8)

    line("商品房认购书", size=20, h=12, align="C")
    line(f"项目：{agreement.project}" + (f"　　开发商：{agreement.developer}" if agreement.developer else ""))
    line(f"认购日期：{agreement.subscribed_on:%Y年%m月%d日}　　状态：{_status(agreement.status)}")
    pdf.ln(2)
    line("一、认购人", size=13, h=9)
    for name, phone in agreement.buyers:
        line(f"姓名：{name}　　电话：{phone}")
    line("二、认购房屋", size=13, h=9)
    line(
        f"房号：{agreement.unit_code}（{agreement.building}）　户型：{agreement.layout or '—'}　"
        f"建筑面积：{agreement.gross_area} 平方米"
    )
    line("三、价格与优惠", size=13, h=9)
    row([("项目", 0.55), ("金额（元）", 0.45)])
    row([("表价", 0.55), (yuan(agreement.list_price), 0.45)])
    method = METHOD_NAMES.get(agreement.payment_method, agreement.payment_method)
    # What is left between the list price, the further discounts and the final price: the rows add
    # up to the fen (the discounts' amounts are stored that way, see pricing.Price.shown_parts).
    method_off = (
        agreement.list_price - agreement.final_price - sum((a for _, a in agreement.discounts), Decimal(0))
    )
    row(
        [
            (f"付款方式优惠（{method}，{agreement.method_discount_rate.normalize():f}%）", 0.55),
            (f"-{yuan(method_off)}", 0.45),
        ]
    )
    for reason, amount in agreement.discounts:
        row([(f"其他优惠：{reason}", 0.55), (f"-{yuan(amount)}", 0.45)])
    row([("成交总价", 0.55), (yuan(agreement.final_price), 0.45)])
    line(f"定金：{yuan(agreement.deposit)}（大写：{chinese_amount(agreement.deposit)}）")
    line(f"成交总价大写：{chinese_amount(agreement.final_price)}")
    line("四、付款计划", size=13, h=9)
    row([("序号", 0.1), ("款项", 0.3), ("应付日期", 0.3), ("金额（元）", 0.3)])
    for i, item in enumerate(agreement.lines, start=1):
        row(
            [
                (str(i), 0.1),
                (LINE_NAMES.get(item.kind, item.kind), 0.3),
                (f"{item.due_on:%Y-%m-%d}", 0.3),
                (yuan(item.amount), 0.3),
            ]
        )
    pdf.ln(3)
    line("五、约定", size=13, h=9)
    for clause in (
        "1. 认购人应于约定日期内签订《商品房买卖合同》，逾期未签约的，出卖人有权另行出售该房屋。",
        "2. 签订买卖合同后，定金转为房款。",
        "3. 本认购书一式两份，双方各执一份，自双方签字（盖章）之日起生效。",
    ):
        line(clause, size=10, h=6)
    pdf.ln(10)
    line(f"认购人（签字）：____________　　置业顾问：{agreement.consultant or '____________'}", size=11)
    line("出卖人（盖章）：____________　　日期：______年____月____日", size=11)
    return bytes(pdf.output())


def _status(status: str) -> str:
    return {
        "pending_approval": "待审批",
        "subscribed": "已认购",
        "contracted": "已签约",
        "handed_over": "已交房",
        "cancelled": "已退房",
    }.get(status, status)


DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
SECTIONS = ["", "万", "亿", "万亿"]


def chinese_amount(amount: Decimal) -> str:
    """人民币大写, e.g. 1,250,000.50 → 壹佰贰拾伍万元伍角整."""
    fen_total = int((amount * 100).to_integral_value())
    if fen_total < 0:
        return "负" + chinese_amount(-amount)
    yuan_part, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if yuan_part == 0 and jiao == 0 and fen == 0:
        return "零元整"
    out = _integer(yuan_part) + "元" if yuan_part else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan_part:
        out += "零"
    if fen:
        out += DIGITS[fen] + "分"
    else:
        out += "整"
    return out


def _integer(n: int) -> str:
    parts: list[int] = []
    while n > 0:
        parts.append(n % 10000)
        n //= 10000
    out = ""
    pending_zero = False
    for index in range(len(parts) - 1, -1, -1):
        section = parts[index]
        if section == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or section < 1000):
            out += "零"
        out += _section(section) + SECTIONS[index]
        pending_zero = False
    return out


def _section(n: int) -> str:
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        digit = n // 10**pos % 10
        if digit:
            if zero and out:
                out += "零"
            out += DIGITS[digit] + UNITS[pos]
            zero = False
        else:
            zero = True
    return out
