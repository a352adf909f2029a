"""The customers policy: which customers a caller reads (lists and reads by id alike), and the
`allowed_actions` a customer carries, which the server's checks agree with."""

import uuid

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.security import Principal
from anchang.customers.repository import CustomerRepository
from tests.customers import factories as cf
from tests.customers.conftest import Office

HANDLE = ["edit", "record_visit", "record_call", "add_follow_up"]


async def _actions(client: AsyncClient, customer_id: uuid.UUID, headers: dict[str, str]) -> list[str]:
    response = await client.get(f"/customers/{customer_id}", headers=headers)
    assert response.status_code == 200, response.text
    actions: list[str] = response.json()["allowed_actions"]
    return actions


class TestAllowedActions:
    async def test_a_consultant_works_on_their_own_claims_from_the_pool_and_never_sees_a_colleagues(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        mine = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        pooled = await cf.create_customer(
            session, project=office.project, owner=office.c2.user, protected_days=-1
        )
        theirs = await cf.create_customer(session, project=office.project, owner=office.c2.user)

        assert await _actions(client, mine.id, office.c1.headers) == [*HANDLE, "read_history", "subscribe"]
        assert await _actions(client, pooled.id, office.c1.headers) == ["claim"]
        assert (await client.get(f"/customers/{theirs.id}", headers=office.c1.headers)).status_code == 404
        listed = await client.get(f"{office.base}/customers?view=all", headers=office.c1.headers)
        items = {c["id"]: c["allowed_actions"] for c in listed.json()["items"]}
        assert items == {
            str(mine.id): [*HANDLE, "read_history", "subscribe"],
            str(pooled.id): ["claim"],
        }

        # What the actions promise, the server does: claim the pool customer, then work on them.
        claimed = await client.post(f"/customers/{pooled.id}/claim", headers=office.c1.headers)
        assert claimed.status_code == 200
        assert claimed.json()["allowed_actions"] == [*HANDLE, "read_history", "subscribe"]
        visit = await client.post(f"/customers/{pooled.id}/visits", json={}, headers=office.c1.headers)
        assert visit.status_code == 201

    async def test_a_supervisor_handles_reassigns_and_sells_to_everyone(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        theirs = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        pooled = await cf.create_customer(
            session, project=office.project, owner=office.c2.user, protected_days=-1
        )
        assert await _actions(client, theirs.id, office.sup.headers) == [
            *HANDLE,
            "read_history",
            "reassign",
            "subscribe",
        ]
        assert await _actions(client, pooled.id, office.sup.headers) == [
            *HANDLE,
            "read_history",
            "claim",
            "reassign",
            "subscribe",
        ]

    async def test_finance_reads_every_customer_masked_and_may_do_nothing_with_them(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        theirs = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        assert await _actions(client, theirs.id, office.fin.headers) == []
        refused = await client.patch(
            f"/customers/{theirs.id}", json={"intent": "A"}, headers=office.fin.headers
        )
        assert refused.status_code == 403
        # Their list is what it was: their own (none) and the pool.
        listed = await client.get(f"{office.base}/customers?view=all", headers=office.fin.headers)
        assert listed.json()["items"] == []

    async def test_the_former_owner_of_a_lapsed_customer_reads_the_history_but_must_claim_to_work(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        lapsed = await cf.create_customer(
            session, project=office.project, owner=office.c1.user, protected_days=-1
        )
        assert await _actions(client, lapsed.id, office.c1.headers) == ["read_history", "claim", "subscribe"]
        refused = await client.post(f"/customers/{lapsed.id}/calls", json={}, headers=office.c1.headers)
        assert refused.status_code == 403 and refused.json()["code"] == "not_your_customer"
        assert (
            await client.get(f"/customers/{lapsed.id}/calls", headers=office.c1.headers)
        ).status_code == 200


class TestDuplicateStillNamesTheOwner:
    async def test_registering_a_colleagues_phone_names_them_though_the_customer_is_hidden(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        theirs = await cf.create_customer(session, project=office.project, owner=office.c2.user)
        response = await client.post(
            f"{office.base}/customers", json={"name": "王", "phone": theirs.phone}, headers=office.c1.headers
        )
        assert response.status_code == 409 and response.json()["code"] == "customer_owned_by_other"
        assert response.json()["owner"]["id"] == str(office.c2.user.id)
        assert response.json()["customer_id"] == str(theirs.id)


class TestFollowUpRule:
    async def test_the_owner_reads_a_follow_up_planned_by_a_supervisor_but_only_the_assignee_closes_it(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        mine = await cf.create_customer(session, project=office.project, owner=office.c1.user)
        planned = await cf.create_follow_up(session, customer=mine, assignee=office.sup.user)
        listed = await client.get(f"/customers/{mine.id}/follow-ups", headers=office.c1.headers)
        assert [f["id"] for f in listed.json()["items"]] == [str(planned.id)]
        refused = await client.patch(
            f"/follow-ups/{planned.id}", json={"outcome": "x"}, headers=office.c1.headers
        )
        assert refused.status_code == 403
        hidden = await client.patch(
            f"/follow-ups/{planned.id}", json={"outcome": "x"}, headers=office.c2.headers
        )
        assert hidden.status_code == 404 and hidden.json()["code"] == "follow_up_not_found"


class TestRowRule:
    def test_the_pool_is_judged_by_the_databases_clock_so_a_memoized_statement_stays_right(self) -> None:
        principal = Principal(
            user_id=uuid.uuid4(), organization_id=uuid.uuid4(), is_admin=False, session_id=uuid.uuid4()
        )
        statement = str(CustomerRepository(None, principal).readable())
        assert "now()" in statement
        admin = Principal(
            user_id=uuid.uuid4(), organization_id=uuid.uuid4(), is_admin=True, session_id=uuid.uuid4()
        )
        assert "now()" not in str(CustomerRepository(None, admin).readable())
