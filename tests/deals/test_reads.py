"""The reads of deals on the lean read path: what a page or a view costs in statements does not grow
with its rows, and what they show."""

from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from anchang.core.calendar import DEFAULT_ZONE, local_today
from anchang.deals.models import Deal
from tests.counting import statements_of_get as statements_of
from tests.deals import factories as df
from tests.deals.conftest import Office


async def _deals(session: AsyncSession, office: Office, count: int, *, first: int = 0) -> list[Deal]:
    today = local_today(DEFAULT_ZONE)
    return [
        await df.create_deal(
            session,
            unit=office.units[first + i],
            customers=office.customers[: 1 + i % 2],
            consultant=office.users["consultant"],
            subscribed_on=today - timedelta(days=100),
        )
        for i in range(count)
    ]


class TestReceivables:
    async def test_a_page_is_one_statement_whatever_its_rows(
        self,
        client: AsyncClient,
        office: Office,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        url = f"{office.base}/receivables"
        await _deals(session, office, 1)
        one = await statements_of(client, connection, monkeypatch, url, office.h("finance"))
        await _deals(session, office, 3, first=1)
        items = (await client.get(url, headers=office.h("finance"))).json()["items"]
        assert len({i["deal_id"] for i in items}) == 4
        four = await statements_of(client, connection, monkeypatch, url, office.h("finance"))
        # The project and the caller's role, then the page with its totals.
        assert len(one) == len(four) == 2, four

    async def test_the_totals_count_every_line_not_one_page(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        await _deals(session, office, 2)
        url = f"{office.base}/receivables?overdue=true"
        whole = (await client.get(url, headers=office.h("finance"))).json()
        lines = len(whole["items"])
        assert lines >= 4 and whole["next_cursor"] is None
        assert sum(b["lines"] for b in whole["buckets"]) == lines
        assert [b["bucket"] for b in whole["buckets"]] == ["0-30", "31-60", "61-90", "90+"]
        first = (await client.get(f"{url}&limit=1", headers=office.h("finance"))).json()
        assert len(first["items"]) == 1 and first["buckets"] == whole["buckets"]
        cursor = first["next_cursor"]
        pages = 1
        while cursor is not None:
            page = (await client.get(f"{url}&limit=1&cursor={cursor}", headers=office.h("finance"))).json()
            assert page["buckets"] == whole["buckets"]
            cursor = page["next_cursor"]
            pages += 1
        assert pages == lines
        # A page with no line has no row to carry the totals: they are read on their own.
        since = (
            await client.get(f"{url}&updated_since=2098-01-01T00:00:00Z", headers=office.h("finance"))
        ).json()
        assert since["items"] == [] and since["buckets"] == whole["buckets"]
        last = whole["items"][-1]
        assert last["outstanding"] == last["amount"] and last["paid"] == "0.00"

    async def test_nothing_open_is_every_bucket_at_zero(self, client: AsyncClient, office: Office) -> None:
        body = (await client.get(f"{office.base}/receivables", headers=office.h("finance"))).json()
        assert body["items"] == [] and body["next_cursor"] is None
        assert body["buckets"] == [
            {"bucket": b, "lines": 0, "outstanding": "0.00"}
            for b in ("not_due", "0-30", "31-60", "61-90", "90+")
        ]


class TestDeal:
    async def test_a_deal_its_view_and_its_access_are_one_statement(
        self,
        client: AsyncClient,
        office: Office,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        [deal] = await _deals(session, office, 1)
        url = f"/deals/{deal.id}"
        statements = await statements_of(client, connection, monkeypatch, url, office.h("supervisor"))
        # The deal the caller may read, all its view shows and their role in its project: one statement.
        assert len(statements) == 1, statements
        r = await client.get(url, headers=office.h("supervisor"))
        shown = r.json()
        assert r.headers["ETag"] and shown["paid"] == "0.00" and shown["outstanding"] == shown["final_price"]
        assert shown["unit_code"] == office.units[0].code and shown["buyers"][0]["name"] == "王先生"
        assert shown["pending_approval_id"] is None and "record_payment" in shown["allowed_actions"]
        assert shown["below_floor"] is False
        consultant = (await client.get(url, headers=office.h("consultant"))).json()
        assert consultant["below_floor"] is None


class TestTheDealsPages:
    async def test_each_page_is_one_statement_whatever_its_rows(
        self,
        client: AsyncClient,
        office: Office,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        [deal] = await _deals(session, office, 1)
        finance = office.h("finance")
        url = f"/deals/{deal.id}"

        async def costs() -> dict[str, int]:
            return {
                page: len(await statements_of(client, connection, monkeypatch, f"{url}/{page}", finance))
                for page in ("schedule", "payments", "collection-notes", "timeline")
            }

        async def add() -> None:
            r = await client.post(
                f"{url}/payments",
                json={"amount": "1000.00", "method": "transfer", "paid_at": "2026-01-05T10:00:00+08:00"},
                headers=finance,
            )
            assert r.status_code == 201, r.text
            r = await client.post(f"{url}/collection-notes", json={"note": "已提醒"}, headers=finance)
            assert r.status_code == 201, r.text

        await add()
        few = await costs()
        for _ in range(3):
            await add()
        # The deal with its access (one statement), then the page (the timeline: events, then operations).
        assert few == await costs() == {"schedule": 2, "payments": 2, "collection-notes": 2, "timeline": 3}
        notes = (await client.get(f"/deals/{deal.id}/collection-notes", headers=finance)).json()["items"]
        assert [n["note"] for n in notes] == ["已提醒"] * 4
        payments = (await client.get(f"/deals/{deal.id}/payments?limit=3", headers=finance)).json()
        assert len(payments["items"]) == 3 and payments["next_cursor"]
        assert payments["items"][0]["amount"] == "1000.00" and payments["items"][0]["allocations"]
        schedule = (await client.get(f"/deals/{deal.id}/schedule", headers=finance)).json()
        assert schedule["paid"] == "4000.00" and schedule["lines"][0]["paid"] == "4000.00"

    async def test_the_mortgage_is_read_or_404(
        self,
        client: AsyncClient,
        office: Office,
        session: AsyncSession,
        connection: AsyncConnection,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        [deal] = await _deals(session, office, 1)
        finance = office.h("finance")
        r = await client.get(f"/deals/{deal.id}/mortgage", headers=finance)
        assert r.status_code == 404 and r.json()["code"] == "mortgage_not_found"
        r = await client.post(
            f"/deals/{deal.id}/mortgage",
            json={"bank": "建设银行", "loan_amount": "500000.00"},
            headers=finance,
        )
        assert r.status_code == 201, r.text
        url = f"/deals/{deal.id}/mortgage"
        assert (
            len(await statements_of(client, connection, monkeypatch, url, finance)) == 2
        )  # the deal with its access, then the mortgage
        shown = (await client.get(url, headers=finance)).json()
        assert shown == r.json()
