"""The subscription agreement (认购书): a PDF in Chinese with the CJK font embedded."""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from httpx import AsyncClient

from anchang.deals.pdf import chinese_amount
from tests.deals.conftest import Office


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1250000.50", "壹佰贰拾伍万元伍角整"),
        ("100010001.00", "壹亿零壹万零壹元整"),
        ("1005.07", "壹仟零伍元零柒分"),
        ("0.00", "零元整"),
    ],
)
def test_amount_in_chinese_capitals(amount: str, words: str) -> None:
    assert chinese_amount(Decimal(amount)) == words


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


async def test_the_agreement_is_a_pdf_in_chinese(client: AsyncClient, office: Office, tmp_path: Path) -> None:
    body = {
        "unit_id": str(office.units[0].id),
        "customer_ids": [str(office.customers[0].id), str(office.customers[1].id)],
        "payment_method": "installment",
        "discounts": [{"kind": "amount", "value": "8888.00", "reason": "老带新优惠"}],
        "deposit": "30000.00",
    }
    deal = (await client.post(f"{office.base}/deals", json=body, headers=office.h("site_manager"))).json()
    r = await client.get(f"/deals/{deal['id']}/subscription.pdf", headers=office.h("site_manager"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    path = tmp_path / "agreement.pdf"
    path.write_bytes(r.content)
    # `make test` installs poppler-utils (Makefile, target chromium) to read the PDF back.
    assert shutil.which("pdffonts") and shutil.which("pdftotext"), "install poppler-utils"
    fonts = _run("pdffonts", str(path))
    assert "NotoSansCJK" in fonts and " yes " in fonts  # embedded
    text = _run("pdftotext", str(path), "-")
    for expected in ("商品房认购书", "王先生", "李女士", "3-1-1501", "老带新优惠", "分期款", "¥1,000,000.00"):
        assert expected in text, expected
    # The site manager's deal is not the consultant's: not readable, so 404.
    assert (
        await client.get(f"/deals/{deal['id']}/subscription.pdf", headers=office.h("consultant"))
    ).status_code == 404


def test_the_font_ships_with_the_app_and_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    from anchang.deals import pdf

    pdf.cjk_font.cache_clear()
    try:
        assert pdf.cjk_font().name == "NotoSansCJK-Regular.ttc"
        monkeypatch.setenv("ANCHANG_CJK_FONT", "/nonexistent.otf")
        pdf.cjk_font.cache_clear()
        assert pdf.cjk_font().is_file()  # a missing override falls back
    finally:
        pdf.cjk_font.cache_clear()


async def test_no_font_is_a_503_not_a_500(
    client: AsyncClient, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anchang.deals import pdf

    def missing() -> Path:
        raise pdf.FontMissing("no CJK font")

    monkeypatch.setattr(pdf, "cjk_font", missing)
    body = {
        "unit_id": str(office.units[0].id),
        "customer_ids": [str(office.customers[0].id)],
        "payment_method": "full",
        "deposit": "30000.00",
    }
    deal = (await client.post(f"{office.base}/deals", json=body, headers=office.h("site_manager"))).json()
    r = await client.get(f"/deals/{deal['id']}/subscription.pdf", headers=office.h("site_manager"))
    assert r.status_code == 503 and r.json()["code"] == "pdf_unavailable"
