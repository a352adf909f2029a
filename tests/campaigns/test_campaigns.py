"""Campaigns through the API: creating and editing them, their cost entries, who may see what, bad input
as 422s naming the field, and customers and visits naming the campaign that brought them."""

from datetime import timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.org.models import Organization
from tests import factories as f
from tests.campaigns import factories as cpg
from tests.campaigns.conftest import Office, campaign_body


def _fields(response: Any) -> set[str]:
    assert response.status_code == 422, response.text
    return {e["field"].split(".")[-1] for e in response.json()["errors"]}


class TestCampaigns:
    async def test_create_edit_and_costs(self, client: AsyncClient, office: Office, create: Any) -> None:
        campaign = await create()
        assert campaign["cost"] == "0.00" and campaign["cost_entries"] == 0
        assert campaign["active"] is True and campaign["allowed_actions"] == ["edit", "add_cost"]
        url = f"/campaigns/{campaign['id']}"
        for amount in ("12000.00", "3000.50"):
            r = await client.post(
                f"{url}/costs",
                json={"amount": amount, "description": "户外广告牌"},
                headers=office.h("site_manager"),
            )
            assert r.status_code == 201, r.text
        cost = r.json()
        assert cost["recorded_by_name"] == office.users["site_manager"].full_name
        assert cost["spent_on"] == str(f.project_today(office.project))
        got = await client.get(url, headers=office.h("finance"))
        assert got.status_code == 200 and got.json()["cost"] == "15000.50" and got.json()["cost_entries"] == 2
        assert got.json()["allowed_actions"] == []
        etag = got.headers["etag"]
        changed = await client.patch(
            url,
            json={"name": "开盘暖场", "budget": "250000.00"},
            headers={**office.h("project_manager"), "If-Match": etag},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["name"] == "开盘暖场" and changed.json()["version"] == 2
        stale = await client.patch(
            url, json={"name": "x"}, headers={**office.h("project_manager"), "If-Match": etag}
        )
        assert stale.status_code == 412
        costs = await client.get(f"{url}/costs?limit=1", headers=office.h("developer_rep"))
        assert costs.status_code == 200 and len(costs.json()["items"]) == 1 and costs.json()["next_cursor"]

    async def test_the_list_filters_by_day_and_kind(
        self, client: AsyncClient, office: Office, create: Any
    ) -> None:
        today = f.project_today(office.project)
        running = await create(name="抖音投放", kind="advertising", medium="douyin")
        await create(
            name="房展会", starts_on=str(today - timedelta(days=60)), ends_on=str(today - timedelta(days=50))
        )
        base = f"{office.base}/campaigns"
        everything = (await client.get(base, headers=office.h("supervisor"))).json()["items"]
        assert len(everything) == 2
        on_day = (await client.get(f"{base}?active_on={today}", headers=office.h("supervisor"))).json()[
            "items"
        ]
        assert [c["id"] for c in on_day] == [running["id"]]
        ads = (await client.get(f"{base}?kind=advertising", headers=office.h("supervisor"))).json()["items"]
        assert [c["name"] for c in ads] == ["抖音投放"]

    async def test_consultants_see_only_todays_names(
        self, client: AsyncClient, office: Office, create: Any
    ) -> None:
        today = f.project_today(office.project)
        running = await create(costs=("5000.00",))
        await create(
            name="旧活动", starts_on=str(today - timedelta(days=60)), ends_on=str(today - timedelta(days=50))
        )
        h = office.h("consultant")
        assert (await client.get(f"{office.base}/campaigns", headers=h)).status_code == 403
        assert (await client.get(f"/campaigns/{running['id']}", headers=h)).status_code == 403
        assert (await client.get(f"/campaigns/{running['id']}/costs", headers=h)).status_code == 403
        choices = await client.get(f"{office.base}/campaign-choices", headers=h)
        assert choices.status_code == 200
        assert choices.json()["items"] == [
            {"id": running["id"], "name": "开盘活动", "kind": "event", "medium": "opening"}
        ]

    async def test_only_managers_write(self, client: AsyncClient, office: Office, create: Any) -> None:
        campaign = await create()
        for role in ("supervisor", "finance", "developer_rep", "consultant"):
            r = await client.post(
                f"{office.base}/campaigns", json=campaign_body(office), headers=office.h(role)
            )
            assert r.status_code == 403, role
            r = await client.post(
                f"/campaigns/{campaign['id']}/costs",
                json={"amount": "1.00", "description": "x"},
                headers=office.h(role),
            )
            assert r.status_code in (403, 404), role


class TestBadInput:
    async def test_each_is_a_422_naming_the_field(
        self, client: AsyncClient, office: Office, create: Any
    ) -> None:
        today = f.project_today(office.project)
        h = office.h("site_manager")
        base = f"{office.base}/campaigns"
        reversed_dates = campaign_body(office, starts_on=str(today), ends_on=str(today - timedelta(days=1)))
        assert _fields(await client.post(base, json=reversed_dates, headers=h)) == {"ends_on"}
        assert _fields(await client.post(base, json=campaign_body(office, budget="-1.00"), headers=h)) == {
            "budget"
        }
        assert _fields(await client.post(base, json=campaign_body(office, kind="flyer"), headers=h)) == {
            "kind"
        }
        assert _fields(await client.post(base, json=campaign_body(office, name=""), headers=h)) == {"name"}
        campaign = await create()
        url = f"/campaigns/{campaign['id']}"
        for amount in ("0.00", "-5.00"):
            r = await client.post(f"{url}/costs", json={"amount": amount, "description": "x"}, headers=h)
            assert _fields(r) == {"amount"}
        assert _fields(
            await client.patch(url, json={"ends_on": str(today - timedelta(days=30))}, headers=h)
        ) == {"ends_on"}
        assert _fields(await client.patch(url, json={"name": None}, headers=h)) == {"name"}


class TestAttribution:
    async def test_a_customer_and_a_visit_name_the_campaign(
        self, client: AsyncClient, office: Office, create: Any
    ) -> None:
        campaign = await create()
        body = {
            "name": "周先生",
            "phone": "13800001111",
            "channel": "advertising",
            "campaign_id": campaign["id"],
        }
        r = await client.post(f"{office.base}/customers", json=body, headers=office.h("consultant"))
        assert r.status_code == 201, r.text
        customer = r.json()
        assert customer["campaign_id"] == campaign["id"]
        read = await client.get(f"/customers/{customer['id']}", headers=office.h("consultant"))
        assert read.json()["campaign_id"] == campaign["id"]
        v = await client.post(
            f"/customers/{customer['id']}/visits",
            json={"campaign_id": campaign["id"]},
            headers=office.h("consultant"),
        )
        assert v.status_code == 201, v.text
        assert v.json()["campaign_id"] == campaign["id"]
        visits = await client.get(f"/customers/{customer['id']}/visits", headers=office.h("consultant"))
        assert visits.json()["items"][0]["campaign_id"] == campaign["id"]

    async def test_a_campaign_of_another_project_is_refused(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        organization = await session.get(Organization, office.project.organization_id)
        assert organization is not None
        other_project = await f.create_project(session, organization=organization)
        elsewhere = await cpg.create_campaign(session, project=other_project)
        body = {"name": "周先生", "phone": "13800002222", "campaign_id": str(elsewhere.id)}
        r = await client.post(f"{office.base}/customers", json=body, headers=office.h("consultant"))
        assert _fields(r) == {"campaign_id"}
        customer = office.customers[0]
        v = await client.post(
            f"/customers/{customer.id}/visits",
            json={"campaign_id": str(elsewhere.id)},
            headers=office.h("consultant"),
        )
        assert _fields(v) == {"campaign_id"}
        # An id naming nothing at all is refused the same way.
        body["campaign_id"] = "00000000-0000-4000-8000-000000000000"
        assert _fields(
            await client.post(f"{office.base}/customers", json=body, headers=office.h("consultant"))
        ) == {"campaign_id"}

    async def test_the_walk_in_names_the_campaign(
        self, client: AsyncClient, office: Office, create: Any, session: AsyncSession
    ) -> None:
        from tests.customers import factories as cf

        campaign = await create()
        await cf.create_roster_entry(
            session, project=office.project, user=office.users["consultant"], position=1, work_date=cf.today()
        )
        r = await client.post(
            f"{office.base}/rotation/next",
            json={
                "phone": "13800003333",
                "name": "吴女士",
                "channel": "advertising",
                "campaign_id": campaign["id"],
            },
            headers=office.h("supervisor"),
        )
        assert r.status_code == 200, r.text
        assert r.json()["customer"]["campaign_id"] == campaign["id"]
        assert r.json()["visit"]["campaign_id"] == campaign["id"]
