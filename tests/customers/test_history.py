"""Calls, lost customers, optimistic locking, and two consultants registering one phone at once."""

import asyncio
from datetime import UTC, datetime, timedelta

from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.config import Settings
from anchang.core.db import Database
from anchang.core.roles import ProjectRole
from anchang.customers.models import Customer, DuplicateAttempt
from anchang.main import create_app
from tests import factories as f
from tests.customers import factories as cf
from tests.customers.conftest import Office


class TestCallsAndTimeline:
    async def test_calls_are_logged_listed_and_on_the_timeline_newest_first(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        call = await client.post(
            f"/customers/{customer.id}/calls",
            json={"direction": "inbound", "duration_seconds": 95, "notes": "问首付比例"},
            headers=office.c1.headers,
        )
        assert call.status_code == 201, call.text
        visit = await client.post(
            f"/customers/{customer.id}/visits", json={"party_size": 2}, headers=office.c1.headers
        )
        assert visit.status_code == 201
        calls = await client.get(f"/customers/{customer.id}/calls", headers=office.sup.headers)
        assert [c["notes"] for c in calls.json()["items"]] == ["问首付比例"]
        assert (
            await client.get(f"/customers/{customer.id}/calls", headers=office.c2.headers)
        ).status_code == 404
        timeline = (await client.get(f"/customers/{customer.id}/timeline", headers=office.c1.headers)).json()
        kinds = [e["kind"] for e in timeline["entries"]]
        assert kinds[:2] == ["visit", "call"]
        assert "问首付比例" in timeline["entries"][1]["summary"]
        shown_visit, shown_call = timeline["entries"][:2]
        assert (shown_visit["visit_kind"], shown_visit["party_size"]) == ("first", 2)
        assert (shown_call["call_direction"], shown_call["notes"]) == ("inbound", "问首付比例")

    async def test_project_visits_of_a_day(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        mine = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        theirs = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        await cf.create_visit(session, customer=mine, consultant=office.c1.user)
        await cf.create_visit(session, customer=theirs, consultant=office.c2.user)
        today = cf.today().isoformat()
        everyone = await client.get(
            f"{office.base}/visits", params={"date": today}, headers=office.sup.headers
        )
        assert len(everyone.json()["items"]) == 2
        own = await client.get(f"{office.base}/visits", params={"date": today}, headers=office.c1.headers)
        assert [v["customer_id"] for v in own.json()["items"]] == [str(mine.id)]
        yesterday = await client.get(
            f"{office.base}/visits", params={"date": "2020-01-01"}, headers=office.sup.headers
        )
        assert yesterday.json()["items"] == []


class TestChanges:
    async def test_lost_with_a_reason_and_back(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        lost = await client.patch(
            f"/customers/{customer.id}", json={"lost_reason": "已在别处购房"}, headers=office.c1.headers
        )
        assert lost.json()["stage"] == "lost" and lost.json()["lost_reason"] == "已在别处购房"
        back = await client.patch(
            f"/customers/{customer.id}", json={"lost_reason": None}, headers=office.c1.headers
        )
        assert back.json()["stage"] == "new"

    async def test_a_stale_if_match_is_a_412(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        shown = await client.get(f"/customers/{customer.id}", headers=office.c1.headers)
        etag = shown.headers["etag"]
        first = await client.patch(
            f"/customers/{customer.id}", json={"intent": "B"}, headers={**office.c1.headers, "If-Match": etag}
        )
        assert first.status_code == 200
        second = await client.patch(
            f"/customers/{customer.id}", json={"intent": "A"}, headers={**office.c1.headers, "If-Match": etag}
        )
        assert second.status_code == 412

    async def test_changing_to_another_customers_phone_is_a_409(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        a = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        b = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        response = await client.patch(
            f"/customers/{a.id}", json={"phone": b.phone}, headers=office.c1.headers
        )
        assert response.status_code == 409 and response.json()["code"] == "phone_taken"


class TestConcurrentRegistration:
    async def test_two_consultants_registering_one_phone_at_once_make_one_customer(
        self, committed_database: Database
    ) -> None:
        async with committed_database.session() as session:
            org = await f.create_organization(session)
            project = await f.create_project(session, organization=org)
            _, first = await f.create_member(session, project=project, role=ProjectRole.consultant)
            _, second = await f.create_member(session, project=project, role=ProjectRole.consultant)
            await session.commit()
            project_id = project.id

        app = create_app(
            Settings(database_url="postgresql+psycopg://unused/unused", anchang_env="test"),
            committed_database,
        )
        body = {"name": "同一位客户", "phone": "13912340000"}
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test/api/v1") as client:
            responses = await asyncio.gather(
                *(
                    client.post(f"/projects/{project_id}/customers", json=body, headers=headers)
                    for headers in (first, second) * 5
                )
            )
        codes = sorted(r.status_code for r in responses)
        assert codes.count(201) == 1, [r.text for r in responses]
        assert set(codes) == {201, 409}
        async with committed_database.session() as session:
            count = await session.scalar(select(func.count()).select_from(Customer))
            attempts = await session.scalar(select(func.count()).select_from(DuplicateAttempt))
        assert count == 1
        assert attempts == sum(r.json().get("code") == "customer_owned_by_other" for r in responses)


class TestTimesFromClients:
    async def test_a_visit_or_call_needs_an_offset_and_cannot_be_in_the_future(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        customer = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        ahead = (datetime.now(UTC) + timedelta(days=29)).isoformat()
        for path, body, field in [
            ("visits", {"visited_at": "2026-01-01T10:00:00"}, "visited_at"),
            ("visits", {"visited_at": ahead}, "visited_at"),
            ("calls", {"called_at": "2026-01-01T10:00:00"}, "called_at"),
            ("calls", {"called_at": ahead}, "called_at"),
            ("follow-ups", {"due_at": "2026-12-01T10:00:00"}, "due_at"),
        ]:
            r = await client.post(f"/customers/{customer.id}/{path}", json=body, headers=office.c1.headers)
            assert r.status_code == 422, (path, body, r.text)
            assert [e["field"] for e in r.json()["errors"]] == [field]
        # Nothing was logged, and the protection did not move.
        before = customer.protected_until
        await session.refresh(customer)
        assert customer.protected_until == before


class TestTimelinePages:
    async def test_pages_walked_by_cursor_make_the_whole_history_newest_first(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        # Protection ran out (an entry of its own); follow-ups made in one transaction share their
        # creation time, so the cursor must order ties too.
        customer = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, protected_days=-1
        )
        for _ in range(4):
            await cf.create_visit(session, customer=customer, consultant=office.c1.user)
        for n in range(3):
            follow_up = await cf.create_follow_up(session, customer=customer, assignee=office.c1.user)
            if n:
                follow_up.done_at, follow_up.outcome = datetime.now(UTC), f"结果 {n}"
        await session.flush()
        url = f"/customers/{customer.id}/timeline"
        whole = (await client.get(url, params={"limit": 200}, headers=office.sup.headers)).json()
        assert whole["next_cursor"] is None
        kinds = [e["kind"] for e in whole["entries"]]
        assert sorted(kinds) == sorted(
            ["protection_expired"] + ["visit"] * 4 + ["follow_up"] * 3 + ["follow_up_done"] * 2
        )
        times = [datetime.fromisoformat(e["at"]) for e in whole["entries"]]
        assert times == sorted(times, reverse=True)

        walked, cursor, pages = [], None, 0
        while True:
            params: dict[str, str | int] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(url, params=params, headers=office.sup.headers)).json()
            walked += page["entries"]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert walked == whole["entries"] and pages == 5

        latest = whole["entries"][0]["at"]
        newer = await client.get(url, params={"updated_since": latest}, headers=office.sup.headers)
        assert newer.json()["entries"] == []
        forged = await client.get(url, params={"cursor": "bm90IGEgY3Vyc29y"}, headers=office.sup.headers)
        assert forged.status_code == 422
