"""Fixtures of the commission tests: the inventory site (a project with one member per role), contracted
deals on it, and an approved agency-fee rule."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import local_today
from anchang.deals.models import Deal, DealStatus
from anchang.inventory.models import UnitStatus
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.inventory import factories as inv
from tests.inventory.site import Site, site

__all__ = ["Site", "site"]

RULE = {
    "effective_from": "2020-01-01",
    "base": "contracted_price",
    "rate": "1.0",
    "stages": [
        {"name": "contract", "share": "70", "condition": "down_payment_received"},
        {"name": "full", "share": "30", "condition": "fully_paid_or_loan"},
    ],
    "fixed_amounts": {"parking": "5000.00"},
}


@pytest.fixture
def propose(client: AsyncClient, site: Site) -> Any:
    """Propose a rule as the project manager and have the developer's rep approve it; returns the rule."""

    async def proposing(approve: bool = True, **overrides: Any) -> dict[str, Any]:
        response = await client.post(
            f"/projects/{site.project.id}/agency-fee-rules",
            json={**RULE, **overrides},
            headers=site.headers["project_manager"],
        )
        assert response.status_code == 201, response.text
        rule: dict[str, Any] = response.json()
        if approve:
            decided = await client.post(
                f"/approvals/{rule['approval_id']}/approve", json={}, headers=site.headers["developer_rep"]
            )
            assert decided.status_code == 200, decided.text
        return rule

    return proposing


@pytest.fixture
def contracted(session: AsyncSession, site: Site) -> Any:
    """A deal contracted `days_ago` on a new unit priced `price`, with `paid` received."""
    counter = iter(range(50, 999))

    async def contracting(price: str, paid: str, *, days_ago: int = 5, kind: str = "residence") -> Deal:
        from anchang.inventory.models import UnitKind

        n = next(counter)
        unit = await inv.create_unit(
            session, building=site.building, status=UnitStatus.available, floor=n, position=1, code=f"T-{n}"
        )
        unit.list_price = Decimal(price)
        unit.kind = UnitKind(kind)
        customer = await cf.create_customer(session, project=site.project, owner=site.users["consultant"])
        deal = await df.create_deal(
            session,
            unit=unit,
            customers=[customer],
            consultant=site.users["consultant"],
            status=DealStatus.contracted,
        )
        deal.final_price = Decimal(price)
        at = datetime.now(UTC) - timedelta(days=days_ago)
        deal.contracted_at, deal.signed_on = at, local_today(site.project.timezone, at)
        if Decimal(paid):
            await df.create_payment(session, deal=deal, amount=Decimal(paid))
        await session.flush()
        return deal

    return contracting
