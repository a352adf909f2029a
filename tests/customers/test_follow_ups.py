"""Follow-ups: my follow-ups due today and overdue; completing one renews protection; my alerts."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.customers import factories as cf
from tests.customers.conftest import Office


def _end_of_today_shanghai() -> datetime:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Shanghai")
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=zone).astimezone(UTC)


class TestMyFollowUps:
    async def test_due_today_and_overdue(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        overdue = await cf.create_follow_up(
            session, customer=customer, assignee=office.c1.user, due_in=timedelta(days=-2)
        )
        soon = _end_of_today_shanghai() - timedelta(minutes=1) - datetime.now(UTC)
        today = await cf.create_follow_up(session, customer=customer, assignee=office.c1.user, due_in=soon)
        later = await cf.create_follow_up(
            session, customer=customer, assignee=office.c1.user, due_in=timedelta(days=3)
        )
        await cf.create_follow_up(
            session, customer=customer, assignee=office.c2.user, due_in=timedelta(days=-1)
        )

        async def ids(due: str, headers: dict[str, str] = office.c1.headers) -> list[str]:
            response = await client.get(f"{office.base}/follow-ups", params={"due": due}, headers=headers)
            assert response.status_code == 200, response.text
            return [f["id"] for f in response.json()["items"]]

        assert await ids("overdue") == [str(overdue.id)]
        assert await ids("today") == [str(today.id)]
        assert await ids("open") == [str(overdue.id), str(today.id), str(later.id)]
        listed = await client.get(
            f"{office.base}/follow-ups", params={"due": "overdue"}, headers=office.c1.headers
        )
        assert listed.json()["items"][0]["overdue"] is True
        # Another consultant's follow-ups are for supervisors only.
        other = await client.get(
            f"{office.base}/follow-ups",
            params={"assignee_id": str(office.c2.user.id)},
            headers=office.c1.headers,
        )
        assert other.status_code == 403
        sup = await client.get(
            f"{office.base}/follow-ups",
            params={"assignee_id": str(office.c2.user.id), "due": "overdue"},
            headers=office.sup.headers,
        )
        assert len(sup.json()["items"]) == 1

    async def test_recording_an_outcome_closes_it_and_renews_protection(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, protected_days=1
        )
        created = await client.post(
            f"/customers/{customer.id}/follow-ups",
            json={"due_at": (datetime.now(UTC) + timedelta(hours=2)).isoformat(), "method": "call"},
            headers=office.c1.headers,
        )
        assert created.status_code == 201, created.text
        assert created.json()["assignee_id"] == str(office.c1.user.id)
        done = await client.patch(
            f"/follow-ups/{created.json()['id']}",
            json={"outcome": "约周六看样板间"},
            headers=office.c1.headers,
        )
        assert done.status_code == 200, done.text
        assert done.json()["done_at"] is not None
        shown = (await client.get(f"/customers/{customer.id}", headers=office.c1.headers)).json()
        assert datetime.fromisoformat(shown["protected_until"]) > datetime.now(UTC) + timedelta(days=29)
        assert (
            await client.patch(
                f"/follow-ups/{created.json()['id']}", json={"outcome": "x"}, headers=office.c2.headers
            )
        ).status_code == 404  # another consultant's follow-up of another's customer: not theirs to read


class TestAlerts:
    async def test_overdue_follow_ups_and_customers_about_to_fall_to_the_pool(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        falling = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, protected_days=2
        )
        safe = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, protected_days=20
        )
        await cf.create_customer(session, project=office.project, owner=office.c2.user, protected_days=1)
        overdue = await cf.create_follow_up(
            session, customer=safe, assignee=office.c1.user, due_in=timedelta(hours=-3)
        )
        response = await client.get(f"{office.base}/alerts", headers=office.c1.headers)
        assert response.status_code == 200
        alerts = response.json()
        assert [a["customer_id"] for a in alerts["falling_to_pool"]] == [str(falling.id)]
        assert [a["follow_up_id"] for a in alerts["follow_ups_overdue"]] == [str(overdue.id)]
