"""The demo project's agency fee: an approved rule, the month before last confirmed, last month submitted,
each line a demo deal contracted in that month — and the amounts as a finance person computes them."""

from decimal import Decimal

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.demo import seed
from anchang.org.models import User
from tests import factories as f


async def test_the_demo_has_statements_a_finance_person_can_check(
    client: AsyncClient, session: AsyncSession
) -> None:
    ids = await seed(session)
    fin = await session.get(User, ids["fin@a"])
    assert fin is not None
    headers = f.auth_headers(fin)
    rules = (await client.get(f"/projects/{ids['project_a']}/agency-fee-rules", headers=headers)).json()[
        "items"
    ]
    assert [r["status"] for r in rules] == ["approved"]
    statements = (
        await client.get(f"/projects/{ids['project_a']}/agency-fee-statements", headers=headers)
    ).json()["items"]
    assert [s["status"] for s in statements] == ["confirmed", "submitted"]
    for statement in statements:
        lines = (await client.get(f"/agency-fee-statements/{statement['id']}/lines", headers=headers)).json()[
            "items"
        ]
        assert lines and all(line["kind"] == "earned" for line in lines)
        assert sum(Decimal(line["amount"]) for line in lines) == Decimal(statement["total"])
        for line in lines:
            deal = (await client.get(f"/deals/{line['deal_id']}", headers=headers)).json()
            fee = Decimal(deal["final_price"]) * Decimal("0.01") + Decimal(line["premium"])
            share = Decimal("0.7") if line["stage"] == "contract" else Decimal("0.3")
            assert abs(Decimal(line["amount"]) - fee * share) <= Decimal("0.01")
    # the month before last: one deal paid in full, both stages; last month: three deals
    assert statements[0]["line_count"] == 2 and statements[1]["line_count"] >= 3


async def test_seeding_before_any_app_exists_still_decides_the_demo_approvals(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `make run` seeds before it builds the app: no handler is registered yet in that process.
    from anchang.approvals import service as approvals
    from anchang.commission.models import AgencyFeeRule

    monkeypatch.setattr(approvals, "_handlers", {})
    ids = await seed(session)
    rules = (
        await session.scalars(select(AgencyFeeRule).where(AgencyFeeRule.project_id == ids["project_a"]))
    ).all()
    assert [r.status.value for r in rules] == ["approved"]
