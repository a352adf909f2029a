"""The channel and campaign report: the "done means" flow (a customer registered through a campaign
subscribes, and the campaign's cost per deal appears), its numbers against the list endpoints on generated
data, the workbook's totals, and the period's bad input."""

import io
import random
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.customers.models import Channel, Visit, VisitKind
from anchang.deals.models import DealStatus
from tests import factories as f
from tests.campaigns import factories as cpg
from tests.campaigns.conftest import Office
from tests.customers import factories as cf
from tests.deals import factories as df
from tests.inventory import factories as inv


async def _report(client: AsyncClient, office: Office, role: str = "site_manager", **query: str) -> Any:
    r = await client.get(f"{office.base}/reports/channels", params=query, headers=office.h(role))
    assert r.status_code == 200, r.text
    return r.json()


async def _all(client: AsyncClient, url: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = await client.get(
            url, params={"limit": 100, **({"cursor": cursor} if cursor else {})}, headers=headers
        )
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if not cursor:
            return items


class TestDoneMeans:
    async def test_a_campaigns_cost_per_deal_appears_after_its_customer_subscribes(
        self, client: AsyncClient, office: Office, create: Any
    ) -> None:
        campaign = await create(costs=("30000.00",))

        def mine(report: Any) -> Any:
            return next(c for c in report["campaigns"] if c["campaign_id"] == campaign["id"])

        before = mine(await _report(client, office))
        assert (
            before["cost"] == "30000.00" and before["subscriptions"] == 0 and before["cost_per_deal"] is None
        )
        body = {
            "name": "周先生",
            "phone": "13800004444",
            "channel": "advertising",
            "campaign_id": campaign["id"],
        }
        customer = (
            await client.post(f"{office.base}/customers", json=body, headers=office.h("consultant"))
        ).json()
        visit = await client.post(
            f"/customers/{customer['id']}/visits",
            json={"campaign_id": campaign["id"]},
            headers=office.h("consultant"),
        )
        assert visit.status_code == 201
        deal = await client.post(
            f"{office.base}/deals",
            json={
                "unit_id": str(office.units[0].id),
                "customer_ids": [customer["id"]],
                "payment_method": "full",
                "discounts": [],
                "deposit": "50000.00",
            },
            headers=office.h("consultant"),
        )
        assert deal.status_code == 201, deal.text
        price = Decimal(deal.json()["final_price"])
        after = mine(await _report(client, office))
        assert after["first_visits"] == 1 and after["new_customers"] == 1 and after["subscriptions"] == 1
        assert Decimal(after["subscribed_amount"]) == price
        assert after["cost_per_deal"] == "30000.00" and after["cost_per_visit"] == "30000.00"
        assert after["return_on_spend"] is None or Decimal(after["return_on_spend"]) == 0
        signed = await client.post(
            f"/deals/{deal.json()['id']}/contract",
            json={"contract_number": "HT-1", "signed_on": str(f.project_today(office.project))},
            headers=office.h("consultant"),
        )
        assert signed.status_code == 200, signed.text
        contracted = mine(await _report(client, office))
        assert contracted["contracts"] == 1
        assert Decimal(contracted["return_on_spend"]) == (price / Decimal("30000")).quantize(
            Decimal("0.0001")
        )
        advertising = next(
            c for c in (await _report(client, office))["channels"] if c["channel"] == "advertising"
        )
        assert advertising["subscriptions"] == 1 and advertising["cost"] is None


class TestAgainstTheLists:
    async def test_the_report_equals_the_counts_of_the_list_endpoints(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        rng = random.Random(14)
        project = office.project
        campaigns = [
            await cpg.create_campaign(
                session, project=project, name=f"活动{i}", cost=Decimal(f"{(i + 1) * 7000}.00")
            )
            for i in range(3)
        ]
        consultant = office.users["consultant"]
        now = datetime.now(UTC) - timedelta(minutes=5)
        customers = []
        for _ in range(30):
            c = await cf.create_customer(
                session, project=project, owner=consultant, channel=rng.choice(list(Channel))
            )
            c.campaign_id = rng.choice([None, *(x.id for x in campaigns)])
            customers.append(c)
        await session.flush()
        for c in customers:
            for n in range(rng.randint(0, 3)):
                session.add(
                    Visit(
                        organization_id=project.organization_id,
                        project_id=project.id,
                        customer_id=c.id,
                        consultant_id=consultant.id,
                        kind=VisitKind.first if n == 0 else VisitKind.repeat,
                        channel=rng.choice(list(Channel)),
                        campaign_id=rng.choice([None, c.campaign_id]),
                        visited_at=now,
                    )
                )
        await session.flush()
        statuses = [
            DealStatus.subscribed,
            DealStatus.contracted,
            DealStatus.handed_over,
            DealStatus.cancelled,
        ]
        for i in range(12):
            unit = await inv.create_unit(
                session, building=office.building, floor=20, position=i + 1, code=f"3-1-20{i:02d}"
            )
            buyers = rng.sample(customers, 2)
            deal = await df.create_deal(
                session, unit=unit, customers=buyers, consultant=consultant, status=rng.choice(statuses)
            )
            if deal.status in (DealStatus.contracted, DealStatus.handed_over):
                deal.contracted_at = now
        await session.flush()

        h = office.h("site_manager")
        report = await _report(client, office)
        listed = {c["id"]: c for c in await _all(client, f"{office.base}/customers?view=all", h)}
        visits = await _all(client, f"{office.base}/visits", h)
        deals = await _all(client, f"{office.base}/deals", h)
        costs = {
            c.id: sum(Decimal(x["amount"]) for x in await _all(client, f"/campaigns/{c.id}/costs", h))
            for c in campaigns
        }

        expected: dict[str, Counter[str]] = defaultdict(Counter)
        amounts: dict[str, Decimal] = defaultdict(Decimal)
        for v in visits:
            for key in (f"channel:{v['channel']}", f"campaign:{v['campaign_id']}"):
                expected[key]["first_visits" if v["kind"] == "first" else "repeat_visits"] += 1
        for c in listed.values():
            for key in (f"channel:{c['channel']}", f"campaign:{c['campaign_id']}"):
                expected[key]["new_customers"] += 1
        for d in deals:
            buyer = listed[d["customer_ids"][0]]
            for key in (f"channel:{buyer['channel']}", f"campaign:{buyer['campaign_id']}"):
                if d["status"] in ("subscribed", "contracted", "handed_over"):
                    expected[key]["subscriptions"] += 1
                    amounts[f"{key}:subscribed"] += Decimal(d["final_price"])
                if d["status"] in ("contracted", "handed_over"):
                    expected[key]["contracts"] += 1
                    amounts[f"{key}:contracted"] += Decimal(d["final_price"])

        def check(key: str, figures: dict[str, Any]) -> None:
            for name in ("first_visits", "repeat_visits", "new_customers", "subscriptions", "contracts"):
                assert figures[name] == expected[key][name], (key, name)
            assert Decimal(figures["subscribed_amount"]) == amounts[f"{key}:subscribed"], key
            assert Decimal(figures["contracted_amount"]) == amounts[f"{key}:contracted"], key

        for channel in report["channels"]:
            check(f"channel:{channel['channel']}", channel)
        for campaign in report["campaigns"]:
            check(f"campaign:{campaign['campaign_id']}", campaign)
            cost = costs[next(c.id for c in campaigns if str(c.id) == campaign["campaign_id"])]
            assert Decimal(campaign["cost"]) == cost
            if campaign["subscriptions"]:
                assert Decimal(campaign["cost_per_deal"]) == (cost / campaign["subscriptions"]).quantize(
                    Decimal("0.01")
                )
        check("campaign:None", report["unattributed"])
        assert report["total"]["new_customers"] == len(listed) and len(report["campaigns"]) == 3
        assert report["total"]["visits"] == len(visits)
        assert Decimal(report["total"]["cost"]) == sum(costs.values())

        # The workbook holds the same totals.
        from openpyxl import load_workbook

        r = await client.get(f"{office.base}/reports/channels.xlsx", headers=h)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(r.content))
        rows = list(book["By campaign"].iter_rows(values_only=True))
        header, total = rows[1], rows[-1]
        assert total[0] == "Total"
        row = dict(zip(header, total, strict=True))
        assert row["visits"] == report["total"]["visits"]
        assert row["new customers"] == report["total"]["new_customers"]
        assert row["subscriptions"] == report["total"]["subscriptions"]
        assert Decimal(str(row["contracted amount"])) == Decimal(report["total"]["contracted_amount"])
        assert Decimal(str(row["cost"])) == Decimal(report["total"]["cost"])
        channel_rows = list(book["By channel"].iter_rows(values_only=True))
        assert len(channel_rows) == 2 + len(report["channels"]) + 1


class TestPeriod:
    async def test_bad_periods_are_422s_naming_the_field(self, client: AsyncClient, office: Office) -> None:
        url = f"{office.base}/reports/channels"
        h = office.h("finance")
        r = await client.get(url, params={"from": "2026-05-02", "to": "2026-05-01"}, headers=h)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "from"
        r = await client.get(url, params={"from": "2020-01-01", "to": "2026-01-01"}, headers=h)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "to"
        r = await client.get(url, params={"from": "yesterday"}, headers=h)
        assert r.status_code == 422
        assert (await client.get(url, headers=office.h("consultant"))).status_code == 403
