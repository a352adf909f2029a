"""Every deals route, called in every order a walk gives with minimal bodies by each role: never a 5xx."""

import re
import uuid
from typing import Any

from httpx import AsyncClient

from tests.deals.conftest import Office
from tests.routes import api_routes
from tests.test_tenancy import _body

ROLES = ("consultant", "supervisor", "site_manager", "finance", "developer_rep", "admin")


async def test_deals_routes_never_answer_5xx(client: AsyncClient, office: Office, app: Any) -> None:
    body = {
        "unit_id": str(office.units[0].id),
        "customer_ids": [str(office.customers[0].id)],
        "payment_method": "mortgage_commercial",
        "deposit": "50000.00",
    }
    deal = (await client.post(f"{office.base}/deals", json=body, headers=office.h("consultant"))).json()
    paid = await client.post(
        f"/deals/{deal['id']}/payments",
        json={"amount": "100.00", "method": "cash", "paid_at": "2026-11-25T10:00:00+08:00"},
        headers=office.h("consultant"),
    )
    ids = {
        "project_id": office.project.id,
        "deal_id": uuid.UUID(deal["id"]),
        "payment_id": uuid.UUID(paid.json()["id"]),
        "unit_id": office.units[1].id,
        "customer_ids": office.customers[1].id,
    }
    spec = app.openapi()
    routes = [
        (path, method)
        for path, route in api_routes(app)
        if "deals" in route.tags
        for method in route.methods
        if method in {"GET", "POST"}
    ]
    assert len(routes) >= 20
    for role in ROLES:
        for path, method in routes:
            url = re.sub(r"{(\w+)}", lambda m: str(ids[m.group(1)]), path).removeprefix("/api/v1")
            r = await client.request(method, url, headers=office.h(role), **_body(path, method, spec, ids))
            assert r.status_code < 500, (role, method, path, r.text)
