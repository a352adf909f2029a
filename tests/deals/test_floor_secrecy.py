"""Whoever may not see floor prices (a consultant) cannot find one out through quotes or deals: they learn
that a price needs an approval, never whose nor why, and cannot quote more than 30 times a minute."""

from typing import Any

from httpx import AsyncClient

from tests.deals.conftest import Office

# Unit 0: list price 1,000,000, floor 950,000; a mortgage takes 1 % off (990,000).
ABOVE_FLOOR = "10000.00"  # 980,000: beyond a consultant's (and a supervisor's) authority, above the floor
BELOW_FLOOR = "50000.00"  # 940,000: under the floor, for the developer's rep only
PRICE_FIELDS = {"final_price", "extra_discount_percent", "discounts", "schedule"}


def _quote_body(office: Office, amount: str) -> dict[str, Any]:
    return {
        "unit_id": str(office.units[0].id),
        "payment_method": "mortgage_commercial",
        "discounts": [{"kind": "amount", "value": amount, "reason": "团购"}],
        "deposit": "50000.00",
    }


async def _quote(client: AsyncClient, office: Office, who: str, amount: str) -> dict[str, Any]:
    body = _quote_body(office, amount)
    r = await client.post(f"{office.base}/deals/quote", json=body, headers=office.h(who))
    assert r.status_code == 200, r.text
    return dict(r.json())


class TestQuotes:
    async def test_a_consultants_quotes_above_and_below_the_floor_look_alike(
        self, client: AsyncClient, office: Office
    ) -> None:
        above = await _quote(client, office, "consultant", ABOVE_FLOOR)
        below = await _quote(client, office, "consultant", BELOW_FLOOR)
        assert above["needs_approval_by"] == below["needs_approval_by"] == "approval"
        assert above["below_floor"] is below["below_floor"] is None
        assert {k: v for k, v in above.items() if k not in PRICE_FIELDS} == {
            k: v for k, v in below.items() if k not in PRICE_FIELDS
        }
        plain = await _quote(client, office, "consultant", "0.00")
        assert plain["needs_approval_by"] is None and plain["below_floor"] is None

    async def test_a_supervisor_still_sees_the_level_and_the_floor(
        self, client: AsyncClient, office: Office
    ) -> None:
        above = await _quote(client, office, "supervisor", ABOVE_FLOOR)
        below = await _quote(client, office, "supervisor", BELOW_FLOOR)
        assert (above["needs_approval_by"], above["below_floor"]) == ("site_manager", False)
        assert (below["needs_approval_by"], below["below_floor"]) == ("developer_rep", True)

    async def test_the_31st_quote_in_a_minute_is_refused(self, client: AsyncClient, office: Office) -> None:
        for _ in range(30):
            await _quote(client, office, "consultant", "0.00")
        r = await client.post(
            f"{office.base}/deals/quote", json=_quote_body(office, "0.00"), headers=office.h("consultant")
        )
        assert r.status_code == 429 and r.json()["code"] == "quote_throttled"
        assert 1 <= int(r.headers["Retry-After"]) <= 61
        # Per user: a colleague still quotes.
        await _quote(client, office, "consultant2", "0.00")


class TestDeals:
    async def test_a_consultants_below_floor_deal_hides_the_floor_but_goes_to_the_developer_rep(
        self, client: AsyncClient, office: Office
    ) -> None:
        body = {**_quote_body(office, BELOW_FLOOR), "customer_ids": [str(office.customers[0].id)]}
        r = await client.post(f"{office.base}/deals", json=body, headers=office.h("consultant"))
        assert r.status_code == 201, r.text
        deal = r.json()
        assert deal["status"] == "pending_approval" and deal["below_floor"] is None
        shown = (await client.get(f"/deals/{deal['id']}", headers=office.h("consultant"))).json()
        assert shown["below_floor"] is None
        timeline = (await client.get(f"/deals/{deal['id']}/timeline", headers=office.h("consultant"))).json()
        assert all("below_floor" not in e["data"] for e in timeline["events"])
        assert all("below_floor" not in o["payload"] for o in timeline["operations"])

        # Behind the scenes the routing is unchanged, and those who may see the floor see it.
        seen = (await client.get(f"/deals/{deal['id']}", headers=office.h("supervisor"))).json()
        assert seen["below_floor"] is True
        timeline = (await client.get(f"/deals/{deal['id']}/timeline", headers=office.h("supervisor"))).json()
        assert timeline["operations"][0]["payload"]["below_floor"] is True
        approval = (
            await client.get(f"/approvals/{deal['pending_approval_id']}", headers=office.h("supervisor"))
        ).json()
        assert approval["required_role"] == "developer_rep"
        # The consultant's own approval request keeps the secret too: neither level nor flag.
        theirs = await client.get(f"/approvals/{deal['pending_approval_id']}", headers=office.h("consultant"))
        assert theirs.status_code == 200, theirs.text
        assert theirs.json()["required_role"] == "approval"
        assert "below_floor" not in theirs.json()["summary"]
        assert approval["summary"].get("below_floor") is True
        inbox = await client.get("/approvals?status=pending", headers=office.h("consultant"))
        listed = next(a for a in inbox.json()["items"] if a["id"] == deal["pending_approval_id"])
        assert listed["required_role"] == "approval" and "below_floor" not in listed["summary"]
