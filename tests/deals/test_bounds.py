"""Every date, time and amount a deal's requests take is bounded: a date past 2099, a time without
offset or a negative amount is a 422 naming the field, never stored nor a 500."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.deals.models import DealStatus
from tests.deals import factories as df
from tests.deals.conftest import Office

FAR = "9999-12-31"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("contract", {"contract_number": "HT-1", "signed_on": FAR}, "signed_on"),
        ("handover", {"handed_over_on": FAR}, "handed_over_on"),
        ("collection-notes", {"note": "催款", "next_follow_up_on": FAR}, "next_follow_up_on"),
        ("payments", {"amount": "1.00", "method": "cash", "paid_at": f"{FAR}T00:00:00+08:00"}, "paid_at"),
        ("payments", {"amount": "-1.00", "method": "cash", "paid_at": "2026-11-25T10:00:00+08:00"}, "amount"),
        (
            "mortgage",
            {"bank": "工行", "loan_amount": "1.00", "documents_collected_on": FAR},
            "documents_collected_on",
        ),
        ("mortgage", {"bank": "工行", "loan_amount": "-1.00"}, "loan_amount"),
        ("cancel", {"reason": "x", "refund_amount": "-1.00"}, "refund_amount"),
        ("mortgage/stage", {"stage": "approved", "on": "1989-12-31"}, "on"),
    ],
)
async def test_out_of_range_bodies_are_422_on_the_field(
    client: AsyncClient, office: Office, session: AsyncSession, path: str, body: dict[str, Any], field: str
) -> None:
    deal = await df.create_deal(
        session,
        unit=office.units[0],
        customers=office.customers[:1],
        consultant=office.users["consultant"],
        status=DealStatus.subscribed,
    )
    r = await client.post(f"/deals/{deal.id}/{path}", json=body, headers=office.h("project_manager"))
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == [field]


async def test_a_schedule_line_past_2099_or_negative_is_refused(
    client: AsyncClient, office: Office, session: AsyncSession
) -> None:
    deal = await df.create_deal(
        session, unit=office.units[0], customers=office.customers[:1], consultant=office.users["consultant"]
    )
    for line, field in (
        ({"kind": "deposit", "due_on": FAR, "amount": "1.00"}, "lines.0.due_on"),
        ({"kind": "deposit", "due_on": "2026-12-01", "amount": "-1.00"}, "lines.0.amount"),
    ):
        body = {"lines": [line], "reason": "x"}
        r = await client.post(f"/deals/{deal.id}/schedule", json=body, headers=office.h("project_manager"))
        assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == [field], r.text


async def test_a_negative_deposit_is_refused_by_the_schema(client: AsyncClient, office: Office) -> None:
    body = {"unit_id": str(office.units[0].id), "payment_method": "full", "deposit": "-1.00"}
    r = await client.post(f"{office.base}/deals/quote", json=body, headers=office.h("consultant"))
    assert r.status_code == 422 and r.json()["errors"][0]["message"] == "must not be negative", r.text
