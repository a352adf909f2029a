"""Against a real server with 2 workers: 100 concurrent subscriptions of one unit, exactly one deal."""

import asyncio
import itertools
import uuid
from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

import httpx
import psycopg
import pytest

from anchang.core.roles import ProjectRole
from tests.inventory.live import LiveServer, start_live_server


@pytest.fixture(scope="module")
def live(database_urls: tuple[str, str]) -> Iterator[LiveServer]:
    yield from start_live_server(*database_urls, workers=2)


def _customers(live: LiveServer, n: int, owners: list[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """n demo customers of the project; with `owners`, the i-th is handed to the i-th owner."""
    with psycopg.connect(live.conninfo) as conn:
        rows = conn.execute(
            "SELECT id FROM customers WHERE project_id = %s ORDER BY id LIMIT %s", (live.project_id, n)
        ).fetchall()
        for (customer_id,), owner in zip(rows, owners or [], strict=False):
            conn.execute("UPDATE customers SET owner_id = %s WHERE id = %s", (owner, customer_id))
    assert len(rows) == n
    return [uuid.UUID(str(r[0])) for r in rows]


class TestNeverSoldTwice:
    async def test_100_concurrent_subscriptions_one_wins(self, live: LiveServer) -> None:
        consultants = [live.member(ProjectRole.consultant) for _ in range(10)]
        # Consultants sell to their own customers: the i-th attempt's consultant owns its customer.
        customers = _customers(live, 10, owners=[user_id for user_id, _ in consultants])
        unit_id = live.available_unit()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        async with httpx.AsyncClient(base_url=live.base_url, timeout=60, limits=limits) as client:
            await asyncio.gather(*[client.get("/ready") for _ in range(20)])

            async def attempt(i: int) -> httpx.Response:
                _, headers = consultants[i % len(consultants)]
                body = {
                    "unit_id": str(unit_id),
                    "customer_ids": [str(customers[i % len(customers)])],
                    "payment_method": "mortgage_commercial",
                    "discounts": [],
                    "deposit": "50000.00",
                }
                return await client.post(f"/projects/{live.project_id}/deals", json=body, headers=headers)

            responses = await asyncio.gather(*[attempt(i) for i in range(100)])
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {201: 1, 409: 99}, (
            statuses,
            [r.text for r in responses if r.status_code >= 500][:3],
        )
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"unit_not_available"}
        winner = next(r.json() for r in responses if r.status_code == 201)
        assert winner["status"] == "subscribed"

        with psycopg.connect(live.conninfo) as conn:
            unit = conn.execute("SELECT status FROM units WHERE id = %s", (unit_id,)).fetchone()
            deals = conn.execute("SELECT id, status FROM deals WHERE unit_id = %s", (unit_id,)).fetchall()
            history = conn.execute(
                "SELECT from_status, to_status, source_id FROM unit_history WHERE unit_id = %s "
                "ORDER BY created_at, id",
                (unit_id,),
            ).fetchall()
            lines = conn.execute(
                "SELECT sum(amount) FROM deal_schedule_lines WHERE deal_id = %s AND active", (winner["id"],)
            ).fetchone()
        assert unit is not None and unit[0] == "subscribed"
        assert [(str(d[0]), d[1]) for d in deals] == [(winner["id"], "subscribed")]
        assert [(h[0], h[1]) for h in history if h[1] == "subscribed"] == [("available", "subscribed")]
        assert str(history[-1][2]) == winner["id"]
        for before, after in itertools.pairwise(history):
            assert after[0] == before[1], history
        assert lines is not None and f"{lines[0]:.2f}" == winner["final_price"]

    async def test_concurrent_payments_never_overpay(self, live: LiveServer) -> None:
        consultant_id, consultant = live.member(ProjectRole.consultant)
        customer = _customers(live, 1, owners=[consultant_id])[0]
        unit_id = live.available_unit()
        async with httpx.AsyncClient(base_url=live.base_url, timeout=60) as client:
            body = {
                "unit_id": str(unit_id),
                "customer_ids": [str(customer)],
                "payment_method": "full",
                "discounts": [],
                "deposit": "0.00",
            }
            r = await client.post(f"/projects/{live.project_id}/deals", json=body, headers=consultant)
            if r.status_code == 409:  # another test took it: pick again
                unit_id = live.available_unit()
                r = await client.post(
                    f"/projects/{live.project_id}/deals",
                    json={**body, "unit_id": str(unit_id)},
                    headers=consultant,
                )
            assert r.status_code == 201, r.text
            deal = r.json()
            price = Decimal(deal["final_price"])
            part = (price / 4).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            payment = {"amount": f"{part:.2f}", "method": "transfer", "paid_at": "2026-11-25T10:00:00+08:00"}
            responses = await asyncio.gather(
                *[
                    client.post(f"/deals/{deal['id']}/payments", json=payment, headers=consultant)
                    for _ in range(12)
                ]
            )
            statuses = Counter(r.status_code for r in responses)
            assert statuses == {201: 4, 422: 8}, statuses
            shown = (await client.get(f"/deals/{deal['id']}", headers=consultant)).json()
        assert Decimal(shown["paid"]) == part * 4
        assert Decimal(shown["outstanding"]) == price - part * 4

    async def test_concurrent_contracts_with_one_number(self, live: LiveServer) -> None:
        _, manager = live.member(ProjectRole.site_manager)
        customers = _customers(live, 2)
        deal_ids = []
        async with httpx.AsyncClient(base_url=live.base_url, timeout=60) as client:
            for customer in customers:
                for _ in range(5):
                    body = {
                        "unit_id": str(live.available_unit()),
                        "customer_ids": [str(customer)],
                        "payment_method": "full",
                        "deposit": "0.00",
                    }
                    r = await client.post(f"/projects/{live.project_id}/deals", json=body, headers=manager)
                    if r.status_code == 201:
                        deal_ids.append(r.json()["id"])
                        break
            assert len(deal_ids) == 2
            contract = {"contract_number": f"HT-RACE-{uuid.uuid4().hex[:6]}", "signed_on": "2026-11-25"}
            responses = await asyncio.gather(
                *[client.post(f"/deals/{d}/contract", json=contract, headers=manager) for d in deal_ids]
            )
        assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
        assert next(r for r in responses if r.status_code == 409).json()["code"] == "contract_number_taken"
