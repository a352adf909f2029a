"""Fixtures of the campaign tests: the deals tests' sales office (units, customers, a member per role)
and a way to create a campaign over the API."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient

from tests import factories as f
from tests.deals.conftest import Office, office

__all__ = ["Office", "office"]


def campaign_body(office: Office, **overrides: Any) -> dict[str, Any]:
    today = f.project_today(office.project)
    body: dict[str, Any] = {
        "name": "开盘活动",
        "kind": "event",
        "medium": "opening",
        "starts_on": str(today - timedelta(days=10)),
        "ends_on": str(today + timedelta(days=10)),
        "budget": "200000.00",
    }
    body.update(overrides)
    return body


@pytest.fixture
def create(client: AsyncClient, office: Office) -> Any:
    """Create a campaign as `role` (default: the site manager), with cost entries if amounts are given;
    returns its JSON."""

    async def creating(role: str = "site_manager", costs: tuple[str, ...] = (), **overrides: Any) -> Any:
        r = await client.post(
            f"{office.base}/campaigns", json=campaign_body(office, **overrides), headers=office.h(role)
        )
        assert r.status_code == 201, r.text
        campaign = r.json()
        for amount in costs:
            c = await client.post(
                f"/campaigns/{campaign['id']}/costs",
                json={"amount": amount, "description": "投放"},
                headers=office.h(role),
            )
            assert c.status_code == 201, c.text
        return campaign

    return creating
