"""The daily close (日清日结): building, closing and countersigning a day, its 409s and 422s, who may
read it, the differences it lists, its receipts against the payments list, and its workbook."""

import io
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession

from anchang.core.calendar import DEFAULT_ZONE
from anchang.inventory.models import Unit, UnitHistory, UnitStatus
from tests import factories as f
from tests.closing.conftest import Office
from tests.customers import factories as cf

ZONE = ZoneInfo(DEFAULT_ZONE)


def _closes(office: Office) -> str:
    return f"{office.base}/closes"


async def _subscribe(client: AsyncClient, office: Office, unit: int) -> dict[str, Any]:
    body = {
        "unit_id": str(office.units[unit].id),
        "customer_ids": [str(office.customers[0].id)],
        "payment_method": "mortgage_commercial",
        "discounts": [],
        "deposit": "50000.00",
    }
    r = await client.post(f"{office.base}/deals", json=body, headers=office.h("consultant"))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _pay(client: AsyncClient, office: Office, deal_id: str, amount: str, method: str) -> dict[str, Any]:
    paid_at = datetime.now(ZONE).replace(microsecond=0) - timedelta(seconds=5)
    if paid_at.date() != cf.today():  # just after midnight: keep the payment on today
        paid_at = datetime.now(ZONE)
    r = await client.post(
        f"/deals/{deal_id}/payments",
        json={"amount": amount, "method": method, "paid_at": paid_at.isoformat()},
        headers=office.h("finance"),
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _build(client: AsyncClient, office: Office, who: str = "site_manager", **body: Any) -> Any:
    return await client.post(_closes(office), json=body, headers=office.h(who))


async def _sold_day(client: AsyncClient, office: Office) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two deals of today, three payments, one of them reversed: consistent rows."""
    first = await _subscribe(client, office, 0)
    second = await _subscribe(client, office, 1)
    await _pay(client, office, first["id"], "50000.00", "transfer")
    wrong = await _pay(client, office, second["id"], "30000.00", "card")
    await _pay(client, office, second["id"], "20000.00", "cash")
    r = await client.post(
        f"/payments/{wrong['id']}/reverse", json={"reason": "录错"}, headers=office.h("finance")
    )
    assert r.status_code == 201, r.text
    return first, second


class TestBuild:
    async def test_today_s_close_counts_the_board_and_the_receipts_with_no_difference(
        self, client: AsyncClient, office: Office
    ) -> None:
        first, second = await _sold_day(client, office)
        r = await _build(client, office)
        assert r.status_code == 201, r.text
        close = r.json()
        assert close["date"] == cf.today().isoformat() and close["status"] == "open"
        assert close["differences"] == [] and close["differences_count"] == 0
        totals = {t["status"]: t for t in close["board"]["totals"]}
        assert totals["subscribed"]["count"] == 2 and totals["available"]["count"] == 2
        deal_prices = Decimal(first["final_price"]) + Decimal(second["final_price"])
        assert Decimal(totals["subscribed"]["amount"]) == deal_prices
        assert close["board"]["buildings"][0]["name"] == "3号楼"
        # 50,000 + 30,000 − 30,000 (冲正) + 20,000
        assert close["receipts"]["total"] == "70000.00" == close["receipts_total"]
        methods = {m["method"]: m for m in close["receipts"]["by_method"]}
        assert methods["card"] == {"method": "card", "count": 2, "amount": "0.00"}
        assert close["allowed_actions"] == ["refresh", "close"]
        assert close["board_at"] == close["cutoff_at"]
        assert close["built_by"] == str(office.users["site_manager"].id)

    async def test_the_receipts_are_the_payments_list_of_the_day(
        self, client: AsyncClient, office: Office
    ) -> None:
        first, second = await _sold_day(client, office)
        close = (await _build(client, office)).json()
        today = cf.today()
        listed = []
        for deal in (first, second):
            page = (await client.get(f"/deals/{deal['id']}/payments", headers=office.h("finance"))).json()
            listed += [
                (p["id"], p["amount"])
                for p in page["items"]
                if datetime.fromisoformat(p["paid_at"]).astimezone(ZONE).date() == today
                and p["kind"] in ("receipt", "reversal")
            ]
        assert sorted(listed) == sorted((p["id"], p["amount"]) for p in close["receipts"]["payments"])
        assert sum(Decimal(a) for _, a in listed) == Decimal(close["receipts"]["total"])

    async def test_a_unit_sold_without_a_deal_is_listed(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        await _sold_day(client, office)
        stray = office.units[3]
        await session.execute(update(Unit).where(Unit.id == stray.id).values(status=UnitStatus.subscribed))
        close = (await _build(client, office)).json()
        assert close["differences"] == [
            {
                "kind": "sold_without_deal",
                "unit_id": str(stray.id),
                "unit_code": stray.code,
                "deal_id": None,
                "board_says": "subscribed",
                "deals_say": None,
            }
        ]
        assert close["differences_count"] == 1

    async def test_a_refresh_reads_the_day_again(self, client: AsyncClient, office: Office) -> None:
        close = (await _build(client, office)).json()
        assert close["receipts_total"] == "0.00"
        await _sold_day(client, office)
        r = await client.post(f"{_closes(office)}/{close['id']}/refresh", headers=office.h("project_manager"))
        assert r.status_code == 200, r.text
        assert r.json()["receipts_total"] == "70000.00" and r.json()["version"] > close["version"]

    async def test_a_past_day_is_read_as_the_board_stood_then(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        # The units were put on the board two days ago; today's sales are not yesterday's.
        await session.execute(
            update(UnitHistory)
            .where(UnitHistory.unit_id.in_([u.id for u in office.units]))
            .values(created_at=func.now() - timedelta(days=2))
        )
        await _sold_day(client, office)
        yesterday = cf.today() - timedelta(days=1)
        r = await _build(client, office, date=yesterday.isoformat())
        assert r.status_code == 201, r.text
        close = r.json()
        totals = {t["status"]: t["count"] for t in close["board"]["totals"]}
        assert totals["subscribed"] == 0 and totals["available"] == 4
        assert close["receipts"]["payments"] == [] and close["differences"] == []
        board = await client.get(
            f"{office.base}/board", params={"at": close["board_at"]}, headers=office.h("developer_rep")
        )
        assert board.status_code == 200
        shown = {t["status"]: t["count"] for t in board.json()["totals"]}
        assert shown == totals


class TestStates:
    async def test_close_then_countersign_by_finance_then_the_developer_rep(
        self, client: AsyncClient, office: Office
    ) -> None:
        close = (await _build(client, office)).json()
        url = f"{_closes(office)}/{close['id']}"
        early = await client.post(f"{url}/countersign", headers=office.h("finance"))
        assert early.status_code == 409 and early.json()["code"] == "close_not_closed"

        closed = await client.post(f"{url}/close", headers=office.h("site_manager"))
        assert closed.status_code == 200, closed.text
        assert closed.json()["status"] == "closed" and closed.json()["allowed_actions"] == []
        assert closed.json()["closed_by_name"] == office.users["site_manager"].full_name
        seen = await client.get(url, headers=office.h("finance"))
        assert seen.json()["allowed_actions"] == ["countersign"]

        again = await client.post(f"{url}/close", headers=office.h("project_manager"))
        assert again.status_code == 409 and again.json()["code"] == "already_closed"
        rebuilt = await client.post(f"{url}/refresh", headers=office.h("site_manager"))
        assert rebuilt.status_code == 409 and rebuilt.json()["code"] == "already_closed"
        another = await _build(client, office)
        assert another.status_code == 409 and another.json()["code"] == "already_closed"

        fin = await client.post(f"{url}/countersign", headers=office.h("finance"))
        assert fin.status_code == 200 and fin.json()["status"] == "closed"
        assert fin.json()["finance_signed_by"] == str(office.users["finance"].id)
        twice = await client.post(f"{url}/countersign", headers=office.h("finance"))
        assert twice.status_code == 409 and twice.json()["code"] == "already_signed"

        dev = await client.post(f"{url}/countersign", headers=office.h("developer_rep"))
        assert dev.status_code == 200 and dev.json()["status"] == "countersigned"
        assert dev.json()["developer_signed_at"] is not None

        for action, who in (("close", "site_manager"), ("refresh", "admin"), ("countersign", "finance")):
            r = await client.post(f"{url}/{action}", headers=office.h(who))
            assert r.status_code == 409 and r.json()["code"] == "close_immutable", (action, r.text)

    async def test_one_close_per_day(self, client: AsyncClient, office: Office) -> None:
        assert (await _build(client, office)).status_code == 201
        r = await _build(client, office, who="admin")
        assert r.status_code == 409 and r.json()["code"] == "close_exists"

    async def test_the_list_is_newest_day_first_and_pages(self, client: AsyncClient, office: Office) -> None:
        for back in (3, 1, 2):
            day = (cf.today() - timedelta(days=back)).isoformat()
            assert (await _build(client, office, date=day)).status_code == 201
        first = await client.get(_closes(office), params={"limit": 2}, headers=office.h("supervisor"))
        assert first.status_code == 200, first.text
        page = first.json()
        days = [c["date"] for c in page["items"]]
        rest = await client.get(
            _closes(office),
            params={"limit": 2, "cursor": page["next_cursor"]},
            headers=office.h("supervisor"),
        )
        days += [c["date"] for c in rest.json()["items"]]
        assert days == [(cf.today() - timedelta(days=n)).isoformat() for n in (1, 2, 3)]
        assert rest.json()["next_cursor"] is None


class TestBadInputAndAccess:
    async def test_a_future_or_malformed_day_is_a_422_naming_date(
        self, client: AsyncClient, office: Office
    ) -> None:
        for day in ((cf.today() + timedelta(days=1)).isoformat(), "2026-13-40", "yesterday"):
            r = await _build(client, office, date=day)
            assert r.status_code == 422, r.text
            assert any(e["field"].endswith("date") for e in r.json()["errors"]), r.json()
        r = await _build(client, office, when="today")
        assert r.status_code == 422

    async def test_consultants_are_refused_and_finance_may_not_build(
        self, client: AsyncClient, office: Office
    ) -> None:
        close = (await _build(client, office)).json()
        url = f"{_closes(office)}/{close['id']}"
        for path in (_closes(office), url, f"{url}.xlsx"):
            assert (await client.get(path, headers=office.h("consultant"))).status_code == 403
        assert (await _build(client, office, who="consultant")).status_code == 403
        assert (await _build(client, office, who="finance")).status_code == 403
        assert (await client.post(f"{url}/close", headers=office.h("developer_rep"))).status_code == 403
        assert (await client.post(f"{url}/countersign", headers=office.h("site_manager"))).status_code == 403
        for who in ("admin", "project_manager", "site_manager", "supervisor", "finance", "developer_rep"):
            assert (await client.get(url, headers=office.h(who))).status_code == 200, who

    async def test_another_organization_sees_no_close(
        self, client: AsyncClient, office: Office, session: AsyncSession
    ) -> None:
        close = (await _build(client, office)).json()
        other = await f.create_organization(session, name="Other")
        admin = await f.create_user(session, organization=other, is_admin=True)
        headers = f.auth_headers(admin)
        url = f"{_closes(office)}/{close['id']}"
        assert (await client.get(url, headers=headers)).status_code == 404
        assert (await client.post(f"{url}/close", headers=headers)).status_code == 404
        mine = await f.create_project(session, organization=other)
        r = await client.get(f"/projects/{mine.id}/closes/{close['id']}", headers=headers)
        assert r.status_code == 404 and r.json()["code"] == "close_not_found"
        r = await client.post(f"/projects/{mine.id}/closes/{close['id']}/close", headers=headers)
        assert r.status_code == 404 and r.json()["code"] == "close_not_found"


async def test_the_workbook_has_the_close_s_totals(client: AsyncClient, office: Office) -> None:
    await _sold_day(client, office)
    close = (await _build(client, office)).json()
    r = await client.get(f"{_closes(office)}/{close['id']}.xlsx", headers=office.h("finance"))
    assert r.status_code == 200, r.text
    book = load_workbook(io.BytesIO(r.content))
    board = {row[1]: row for row in book["Board"].iter_rows(values_only=True) if row and row[0] == "Total"}
    for total in close["board"]["totals"]:
        _, _, count, area, amount = board[total["status"]][:5]
        assert (count, Decimal(str(area)), Decimal(str(amount))) == (
            total["count"],
            Decimal(total["gross_area"]),
            Decimal(total["amount"]),
        )
    receipts = [row for row in book["Receipts"].iter_rows(values_only=True) if row and row[0] == "Total"]
    assert Decimal(str(receipts[0][2])) == Decimal(close["receipts"]["total"])
