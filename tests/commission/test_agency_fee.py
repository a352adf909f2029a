"""The agency fee as a finance person and the developer's rep use it: a rule approved, a statement
whose lines can be checked by hand, recomputed without change, submitted and confirmed, a cancelled deal
clawed back on the next one — and every refusal with its code."""

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.deals.models import DealStatus
from tests import factories as f
from tests.commission.conftest import Site


def _day(site: Site, n: int = 0) -> str:
    """A date `n` days from today on the project's calendar, as the API takes it."""
    return str(f.project_today(site.project) + timedelta(days=n))


def _period(site: Site, start: int, end: int) -> dict[str, str]:
    return {"period_start": _day(site, start), "period_end": _day(site, end)}


async def _lines(client: AsyncClient, site: Site, statement_id: str) -> list[dict[str, Any]]:
    response = await client.get(
        f"/agency-fee-statements/{statement_id}/lines", params={"limit": 200}, headers=site.headers["finance"]
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_a_statement_a_finance_person_can_check_by_hand(
    client: AsyncClient, site: Site, propose: Any, contracted: Any, session: AsyncSession
) -> None:
    await propose()
    paid_in_full = await contracted("1000000.00", "1000000.00")
    deposit_only = await contracted("800000.00", "50000.00")
    parking = await contracted("120000.00", "120000.00", kind="parking")

    url = f"/projects/{site.project.id}/agency-fee-statements"
    period = {"period_start": _day(site, -30), "period_end": _day(site)}
    made = await client.post(url, json=period, headers=site.headers["finance"])
    assert made.status_code == 201, made.text
    statement = made.json()
    lines = await _lines(client, site, statement["id"])
    by_deal = {(line["deal_id"], line["stage"]): line for line in lines}

    # 1 % of 1,000,000 = 10,000: 70 % once the down payment is in, 30 % once paid in full
    assert by_deal[(str(paid_in_full.id), "contract")]["amount"] == "7000.00"
    assert by_deal[(str(paid_in_full.id), "full")]["amount"] == "3000.00"
    # the parking space: 1 % of 120,000 + 5,000 fixed = 6,200, split 4,340 / 1,860
    assert by_deal[(str(parking.id), "contract")]["amount"] == "4340.00"
    assert by_deal[(str(parking.id), "full")]["amount"] == "1860.00"
    assert not any(line["deal_id"] == str(deposit_only.id) for line in lines)  # nothing earned yet
    assert statement["total"] == "16200.00" and statement["line_count"] == 4
    assert all(line["kind"] == "earned" and line["rule_version"] == 1 for line in lines)

    again = await client.post(url, json=period, headers=site.headers["finance"])  # the same draft, recomputed
    assert again.status_code == 200 and again.json()["id"] == statement["id"]
    recomputed = await _lines(client, site, statement["id"])
    assert [(x["deal_id"], x["stage"], x["amount"]) for x in recomputed] == [
        (x["deal_id"], x["stage"], x["amount"]) for x in lines
    ]

    workbook = await client.get(
        f"/agency-fee-statements/{statement['id']}.xlsx", headers=site.headers["developer_rep"]
    )
    assert workbook.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    cells = [row for row in sheet.iter_rows(values_only=True)]
    assert any(row[8] == "合计" and Decimal(str(row[9])) == Decimal("16200.00") for row in cells)


async def test_submit_confirm_then_a_cancelled_deal_claws_back_on_the_next_statement(
    client: AsyncClient, site: Site, propose: Any, contracted: Any, session: AsyncSession
) -> None:
    await propose()
    deal = await contracted("1000000.00", "1000000.00")
    url = f"/projects/{site.project.id}/agency-fee-statements"
    first = (await client.post(url, json=_period(site, -30, 0), headers=site.headers["finance"])).json()
    assert first["allowed_actions"] == ["recompute", "submit"]

    submitted = await client.post(
        f"/agency-fee-statements/{first['id']}/submit", headers=site.headers["finance"]
    )
    assert submitted.json()["status"] == "submitted"
    assert (
        await client.post(f"/agency-fee-statements/{first['id']}/confirm", headers=site.headers["finance"])
    ).status_code == 403
    confirmed = await client.post(
        f"/agency-fee-statements/{first['id']}/confirm", headers=site.headers["developer_rep"]
    )
    assert confirmed.json()["status"] == "confirmed" and confirmed.json()["allowed_actions"] == []
    locked = await client.post(
        f"/agency-fee-statements/{first['id']}/recompute", headers=site.headers["finance"]
    )
    assert locked.status_code == 409 and locked.json()["code"] == "statement_locked"
    overlap = await client.post(url, json=_period(site, -3, 3), headers=site.headers["finance"])
    assert overlap.status_code == 422 and overlap.json()["errors"][0]["field"] == "period_start"

    deal.status, deal.cancelled_at = DealStatus.cancelled, datetime.now(UTC)  # 退房
    await session.flush()
    second = (await client.post(url, json=_period(site, 1, 31), headers=site.headers["finance"])).json()
    lines = await _lines(client, site, second["id"])
    assert [(x["stage"], x["kind"], x["amount"]) for x in lines] == [
        ("contract", "clawback", "-7000.00"),
        ("full", "clawback", "-3000.00"),
    ]
    assert second["total"] == "-10000.00"


async def test_dispute_return_invoice_and_partial_payments(
    client: AsyncClient, site: Site, propose: Any, contracted: Any
) -> None:
    await propose()
    await contracted("1000000.00", "1000000.00")
    url = f"/projects/{site.project.id}/agency-fee-statements"
    s = (await client.post(url, json=_period(site, -30, 0), headers=site.headers["finance"])).json()
    await client.post(f"/agency-fee-statements/{s['id']}/submit", headers=site.headers["finance"])
    line = (await _lines(client, site, s["id"]))[0]
    disputed = await client.post(
        f"/agency-fee-statements/{s['id']}/dispute",
        json={"line_ids": [line["id"]], "comment": "该房源尚未网签"},
        headers=site.headers["developer_rep"],
    )
    assert disputed.status_code == 200 and disputed.json()["disputed_lines"] == 1
    returned = await client.post(
        f"/agency-fee-statements/{s['id']}/return",
        json={"comment": "请核对后重新提交"},
        headers=site.headers["developer_rep"],
    )
    assert returned.json()["status"] == "draft" and returned.json()["return_comment"] == "请核对后重新提交"

    await client.post(f"/agency-fee-statements/{s['id']}/submit", headers=site.headers["finance"])
    await client.post(f"/agency-fee-statements/{s['id']}/confirm", headers=site.headers["developer_rep"])
    early = await client.post(
        f"/agency-fee-statements/{s['id']}/pay",
        json={"amount": "1.00", "received_on": _day(site)},
        headers=site.headers["finance"],
    )
    assert early.status_code == 409 and early.json()["code"] == "statement_locked"
    invoiced = await client.post(
        f"/agency-fee-statements/{s['id']}/invoice",
        json={"invoice_number": "INV-2026-001"},
        headers=site.headers["finance"],
    )
    assert invoiced.json()["status"] == "invoiced"
    part = await client.post(
        f"/agency-fee-statements/{s['id']}/pay",
        json={"amount": "4000.00", "received_on": _day(site)},
        headers=site.headers["finance"],
    )
    assert part.json()["status"] == "invoiced" and part.json()["outstanding"] == "6000.00"
    too_much = await client.post(
        f"/agency-fee-statements/{s['id']}/pay",
        json={"amount": "6000.01", "received_on": _day(site)},
        headers=site.headers["finance"],
    )
    assert too_much.status_code == 422 and too_much.json()["errors"][0]["field"] == "amount"
    rest = await client.post(
        f"/agency-fee-statements/{s['id']}/pay",
        json={"amount": "6000.00", "received_on": _day(site)},
        headers=site.headers["finance"],
    )
    assert rest.json()["status"] == "paid" and rest.json()["received"] == "10000.00"

    # Both payments, in the order recorded, each saying who recorded it; a page at a time.
    payments = await client.get(
        f"/agency-fee-statements/{s['id']}/payments?limit=1", headers=site.headers["developer_rep"]
    )
    assert payments.status_code == 200
    first = payments.json()
    assert [p["amount"] for p in first["items"]] == ["4000.00"]
    assert first["items"][0]["recorded_by_name"] and first["items"][0]["received_on"] == _day(site)
    rest_page = await client.get(
        f"/agency-fee-statements/{s['id']}/payments?limit=1&cursor={first['next_cursor']}",
        headers=site.headers["finance"],
    )
    assert [p["amount"] for p in rest_page.json()["items"]] == ["6000.00"]


async def test_bad_rules_and_periods_are_refused_naming_the_field(
    client: AsyncClient, site: Site, propose: Any, contracted: Any
) -> None:
    url = f"/projects/{site.project.id}/agency-fee-rules"
    headers = site.headers["project_manager"]
    from tests.commission.conftest import RULE

    cases = [
        ({**RULE, "rate": "10.5"}, "rate"),
        ({**RULE, "rate": None}, "rate"),
        (
            {
                **RULE,
                "rate": None,
                "tiers": [
                    {"from_percent": "0", "to_percent": "80", "rate": "0.8"},
                    {"from_percent": "90", "to_percent": None, "rate": "1.2"},
                ],
            },
            "tiers.1.from_percent",
        ),
        (
            {
                **RULE,
                "rate": None,
                "tiers": [
                    {"from_percent": "0", "to_percent": "80", "rate": "0.8"},
                    {"from_percent": "80", "to_percent": "120", "rate": "1.2"},
                ],
            },
            "tiers.1.to_percent",
        ),
        ({**RULE, "stages": [{"name": "contract", "share": "60", "condition": "contracted"}]}, "stages"),
        ({**RULE, "fixed_amounts": {"villa": "1.00"}}, "fixed_amounts.villa"),
    ]
    for body, field in cases:
        response = await client.post(url, json=body, headers=headers)
        assert response.status_code == 422, (field, response.text)
        assert any(e["field"].endswith(field) for e in response.json()["errors"]), (field, response.json())
    assert (await client.post(url, json=RULE, headers=site.headers["site_manager"])).status_code == 403
    assert (await client.get(url, headers=site.headers["consultant"])).status_code == 403

    await propose(
        rate=None,
        tiers=[
            {"from_percent": "0", "to_percent": "80", "rate": "0.8"},
            {"from_percent": "80", "to_percent": "100", "rate": "1.0"},
            {"from_percent": "100", "to_percent": None, "rate": "1.2"},
        ],
    )
    await contracted("1000000.00", "1000000.00")
    statements = f"/projects/{site.project.id}/agency-fee-statements"
    period = {"period_start": _day(site, -30), "period_end": _day(site)}
    missing = await client.post(statements, json=period, headers=site.headers["finance"])
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "achievement_percent"
    tiered = await client.post(
        statements, json={**period, "achievement_percent": "95"}, headers=site.headers["finance"]
    )
    assert tiered.json()["total"] == "10000.00"  # 1.0 % for 80–100 %
    reversed_ = await client.post(statements, json=_period(site, 0, -1), headers=site.headers["finance"])
    assert reversed_.status_code == 422 and reversed_.json()["errors"][0]["field"] == "period_end"


async def test_a_rule_waits_for_the_developer_and_a_rejected_one_never_applies(
    client: AsyncClient, site: Site, propose: Any, contracted: Any
) -> None:
    rule = await propose(approve=False)
    assert rule["status"] == "proposed" and rule["number"] == 1
    await client.post(
        f"/approvals/{rule['approval_id']}/reject",
        json={"comment": "费率过高"},
        headers=site.headers["developer_rep"],
    )
    rules = await client.get(f"/projects/{site.project.id}/agency-fee-rules", headers=site.headers["finance"])
    assert [r["status"] for r in rules.json()["items"]] == ["rejected"]
    await contracted("1000000.00", "1000000.00")
    s = await client.post(
        f"/projects/{site.project.id}/agency-fee-statements",
        json={"period_start": _day(site, -30), "period_end": _day(site)},
        headers=site.headers["finance"],
    )
    assert s.json()["total"] == "0.00" and s.json()["line_count"] == 0
