"""Brokers and referrals (报备): a visit within the window credits the broker; monthly counts vs target."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.customers import factories as cf
from tests.customers.conftest import Office


class TestBrokers:
    async def test_supervisors_add_brokers_and_agents(self, client: AsyncClient, office: Office) -> None:
        refused = await client.post(
            f"{office.base}/brokers", json={"name": "链家"}, headers=office.c1.headers
        )
        assert refused.status_code == 403
        broker = await client.post(
            f"{office.base}/brokers",
            json={"name": "链家", "contact_phone": "+86 13700001111"},
            headers=office.sup.headers,
        )
        assert broker.status_code == 201, broker.text
        assert broker.json()["contact_phone"] == "13700001111"
        twice = await client.post(f"{office.base}/brokers", json={"name": "链家"}, headers=office.sup.headers)
        assert twice.status_code == 409 and twice.json()["code"] == "broker_name_taken"
        agent = await client.post(
            f"/brokers/{broker.json()['id']}/agents",
            json={"name": "小李", "phone": "13700002222"},
            headers=office.sup.headers,
        )
        assert agent.status_code == 201, agent.text
        agents = await client.get(f"/brokers/{broker.json()['id']}/agents", headers=office.c1.headers)
        assert [a["name"] for a in agents.json()["items"]] == ["小李"]


class TestReferrals:
    async def test_a_visit_within_the_window_credits_the_broker_and_the_consultant(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        broker = await cf.create_broker(session, project=office.project)
        agent = await cf.create_agent(session, broker=broker)
        registered = await client.post(
            f"{office.base}/referrals",
            json={
                "broker_id": str(broker.id),
                "agent_id": str(agent.id),
                "customer_name": "周女士",
                "phone": "13655556666",
            },
            headers=office.c1.headers,
        )
        assert registered.status_code == 201, registered.text
        assert registered.json()["status"] == "registered"
        valid = datetime.fromisoformat(registered.json()["valid_until"]) - datetime.now(UTC)
        assert timedelta(days=6) < valid <= timedelta(days=7)
        # Another broker cannot register the same phone while the first registration is valid.
        other = await cf.create_broker(session, project=office.project)
        clash = await client.post(
            f"{office.base}/referrals",
            json={"broker_id": str(other.id), "customer_name": "周女士", "phone": "136-5555-6666"},
            headers=office.c2.headers,
        )
        assert clash.status_code == 409 and clash.json()["code"] == "referral_exists"

        customer = await client.post(
            f"{office.base}/customers",
            json={"name": "周女士", "phone": "13655556666", "channel": "broker"},
            headers=office.c1.headers,
        )
        visit = await client.post(
            f"/customers/{customer.json()['id']}/visits", json={}, headers=office.c1.headers
        )
        assert visit.status_code == 201
        referral = (
            await client.get(f"/referrals/{registered.json()['id']}", headers=office.sup.headers)
        ).json()
        assert referral["status"] == "credited"
        assert referral["visit_id"] == visit.json()["id"]
        assert referral["credited_consultant_id"] == str(office.c1.user.id)

        month = (await client.get(f"{office.base}/referrals/monthly", headers=office.sup.headers)).json()
        counts = {c["consultant"]["full_name"]: (c["credited"], c["target"]) for c in month["consultants"]}
        assert counts == {"顾问 陈晓": (1, 4), "顾问 刘洋": (0, 4)}

    async def test_a_visit_after_the_window_credits_nobody(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        broker = await cf.create_broker(session, project=office.project)
        referral = await cf.create_referral(
            session, broker=broker, phone="13655557777", registered_at=datetime.now(UTC) - timedelta(days=10)
        )
        customer = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, phone="13655557777"
        )
        await client.post(f"/customers/{customer.id}/visits", json={}, headers=office.c1.headers)
        shown = (await client.get(f"/referrals/{referral.id}", headers=office.sup.headers)).json()
        assert shown["status"] == "registered" and shown["expired"] is True

    async def test_an_owned_customer_cannot_be_registered_by_a_broker(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        broker = await cf.create_broker(session, project=office.project)
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        response = await client.post(
            f"{office.base}/referrals",
            json={"broker_id": str(broker.id), "customer_name": "x", "phone": customer.phone},
            headers=office.c2.headers,
        )
        assert response.status_code == 409 and response.json()["code"] == "customer_already_registered"

    async def test_consultants_see_referral_phones_masked(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        broker = await cf.create_broker(session, project=office.project)
        await cf.create_referral(session, broker=broker, phone="13655558888")
        listed = await client.get(f"{office.base}/referrals", headers=office.c2.headers)
        assert [r["phone"] for r in listed.json()["items"]] == ["136****8888"]
        listed = await client.get(f"{office.base}/referrals", headers=office.sup.headers)
        assert [r["phone"] for r in listed.json()["items"]] == ["13655558888"]
